// Documentation generated from code stays in step with the code.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "models/scenario.hpp"
#include "sim/scenario/schema_doc.hpp"

TEST_CASE("docs: docs/scenario-reference.md is what `porttwin schema` prints now") {
  porttwin::Scenario defaults;
  const auto root = porttwin::declare(defaults);
  std::ifstream in(std::string(PORTTWIN_SOURCE_DIR) + "/docs/scenario-reference.md");
  std::stringstream stored;
  stored << in.rdbuf();
  INFO("regenerate with: build/sim/app/cli/porttwin schema > docs/scenario-reference.md");
  CHECK(stored.str() == porttwin::scenario::schema_markdown(root, "porttwin scenario reference"));
}

// yard config declarations: a `yard:` document binds onto YardConfig through the scenario loader,
// defaults stand where keys are absent, and bad values are reported with their paths.
#include <catch2/catch.hpp>

#include <algorithm>

#include "models/yard/yard_config.hpp"
#include "sim/scenario/loader.hpp"

using namespace porttwin::yard;
using namespace porttwin::scenario;

namespace {

Diagnostics bind_yard(const std::string& text, YardConfig& config) {
  Diagnostics d("yard.yaml");
  YAML::Node doc = parse_document(text, d);
  if (!d.ok()) return d;
  Section root("", "test");
  declare(root.section("yard", "The yard"), config);
  bind_section(doc, root, "", d);
  if (d.ok()) check(config, "yard", d);
  return d;
}

}  // namespace

TEST_CASE("yard config: a yard section binds blocks, stacking and crane kinematics, in base units", "[yard]") {
  YardConfig c;
  const auto d = bind_yard(
      "yard:\n"
      "  blocks:\n"
      "    - {name: A1, area: reefer, crane: armg, bays: 40, rows: 10, tiers: 4, handover: end}\n"
      "    - {name: A2}\n"
      "  stacking: {policy: predictive, pickup_noise_sd: 12h, class_width: 2d}\n"
      "  cranes:\n"
      "    rtg: {gantry_speed: 60, handling_time: 25s}\n",
      c);
  REQUIRE(d.format() == "");  // no error (the text shows any)
  REQUIRE(c.blocks.size() == 2);
  CHECK(c.blocks[0].area == "reefer");
  CHECK(c.blocks[0].crane == "armg");
  CHECK(c.blocks[0].bays == 40);
  CHECK(c.blocks[0].handover == "end");
  CHECK(c.blocks[1].tiers == 5);  // default
  CHECK(c.stacking.policy == "predictive");
  CHECK(c.stacking.pickup_noise_sd == Approx(12 * 3600));
  CHECK(c.stacking.class_width == Approx(2 * 86400));
  CHECK(c.stacking.classes == 5);
  CHECK(c.cranes.rtg.gantry_speed == Approx(60));
  CHECK(c.cranes.rtg.handling_time == Approx(25));
  CHECK(c.cranes.rtg.trolley_speed == Approx(rtg_kinematics().trolley_speed));
  CHECK(c.cranes.armg.gantry_speed == Approx(armg_kinematics().gantry_speed));
}

TEST_CASE("yard config: unknown names, bad ranges and duplicate block names are reported by path", "[yard]") {
  YardConfig c;
  const auto d = bind_yard(
      "yard:\n"
      "  blocks:\n"
      "    - {name: A1, crane: straddle, tiers: 0}\n"
      "  stacking: {policy: clever, classes: 0}\n",
      c);
  std::vector<std::string> paths;
  for (const auto& e : d.list()) paths.push_back(e.path);
  INFO(d.format());
  CHECK(std::count(paths.begin(), paths.end(), "yard.blocks[0].crane") == 1);
  CHECK(std::count(paths.begin(), paths.end(), "yard.blocks[0].tiers") == 1);
  CHECK(std::count(paths.begin(), paths.end(), "yard.stacking.policy") == 1);
  CHECK(std::count(paths.begin(), paths.end(), "yard.stacking.classes") == 1);

  YardConfig twice;
  const auto dup = bind_yard("yard:\n  blocks: [{name: A1}, {name: A1}]\n", twice);
  REQUIRE(dup.list().size() == 1);
  CHECK(dup.list()[0].path == "yard.blocks[1].name");
}

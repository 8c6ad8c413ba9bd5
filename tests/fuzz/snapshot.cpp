// libFuzzer harness: snapshots on any bytes, read as `porttwin run --from` reads one (the JSON
// frame, then every model's section) against scenarios that together have every model that keeps
// state: terminal, corridor, NII (alone and with a terminal) and incidents. Accepted, or refused
// with every error at its line:column; no crash, leak, hang or other exception.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "models/model_table.hpp"
#include "models/scenario.hpp"
#include "sim/snapshot/snapshot.hpp"
#include "tests/fuzz/fuzz_check.hpp"
#include "tests/fuzz/fuzz_input_file.hpp"

namespace {

const std::vector<porttwin::Scenario>& scenarios() {
  static const std::vector<porttwin::Scenario> all = [] {
    std::vector<porttwin::Scenario> out;
    for (const char* file : {"terminal_small.yaml", "returns_one_way.yaml", "nii_primary.yaml", "terminal_nii.yaml",
                             "drills/ot_breach.yaml"}) {
      out.push_back(porttwin::load_scenario(std::string(PORTTWIN_SOURCE_DIR "/scenarios/") + file));
    }
    return out;
  }();
  return all;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const porttwin::fuzz::InputFile input(data, size, ".json");
  for (const porttwin::Scenario& s : scenarios()) {
    try {
      porttwin::scenario::Diagnostics d(input.path().string());
      const auto snapshot = porttwin::snapshot::read_snapshot(input.path(), s.run.start, s.run.horizon, d);
      if (snapshot) porttwin::check_snapshot(s, *snapshot, d);
      if (!d.ok()) throw porttwin::scenario::InvalidScenario(d);
    } catch (const porttwin::scenario::InvalidScenario& e) {
      porttwin::fuzz::require_located(e);
    } catch (const std::exception& e) {
      porttwin::fuzz::unexpected(e);
    }
  }
  return 0;
}

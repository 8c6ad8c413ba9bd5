// libFuzzer harness: the scenario loader on any bytes. Accepted or refused with located
// diagnostics; no crash, leak, hang or other exception.
#include <cstddef>
#include <cstdint>
#include <string>

#include "models/scenario.hpp"
#include "tests/fuzz/fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    porttwin::parse_scenario(text, "fuzz.yaml");
  } catch (const porttwin::scenario::InvalidScenario& e) {
    porttwin::fuzz::require_located(e);
  } catch (const std::exception& e) {
    porttwin::fuzz::unexpected(e);
  }
  return 0;
}

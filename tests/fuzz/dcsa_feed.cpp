// libFuzzer harness: DCSA Track & Trace event feeds on any bytes, read as `porttwin prove --feed`
// reads one (hourly heads, unsigned), then each event's leaf and description. Accepted, or refused
// with every error at its line:column; no crash, leak, hang or other exception.
#include <cstddef>
#include <cstdint>

#include "analysis/feed_timeline.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "tests/fuzz/fuzz_check.hpp"
#include "tests/fuzz/fuzz_input_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const porttwin::fuzz::InputFile input(data, size, ".json");
  try {
    const auto feed = porttwin::analysis::read_feed(input.path(), 3600, nullptr);
    for (std::uint64_t i = 0; i < feed.size(); ++i) {
      if (feed.leaf_bytes(i).empty() || feed.describe(i).empty()) std::abort();
    }
  } catch (const porttwin::scenario::InvalidScenario& e) {
    porttwin::fuzz::require_located(e);
  } catch (const std::exception& e) {
    porttwin::fuzz::unexpected(e);
  }
  return 0;
}

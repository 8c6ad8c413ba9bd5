// libFuzzer harness: sweep files on any bytes, read as if they sat in scenarios/experiments/ (so a
// `base:` of a shipped scenario resolves). Accepted, or refused with located diagnostics.
#include <cstddef>
#include <cstdint>
#include <string>

#include "sim/app/sweep/sweep_file.hpp"
#include "tests/fuzz/fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return porttwin::fuzz::check_experiment_file(data, size, [](const std::string& text) {
    porttwin::sweep::parse_sweep(text, PORTTWIN_SOURCE_DIR "/scenarios/experiments/fuzz.sweep.yaml");
  });
}

// libFuzzer harness: size files on any bytes, read as if they sat in scenarios/experiments/.
#include <cstddef>
#include <cstdint>
#include <string>

#include "sim/app/sweep/size_file.hpp"
#include "tests/fuzz/fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return porttwin::fuzz::check_experiment_file(data, size, [](const std::string& text) {
    porttwin::sweep::parse_size_file(text, PORTTWIN_SOURCE_DIR "/scenarios/experiments/fuzz.size.yaml");
  });
}

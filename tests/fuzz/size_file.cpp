// libFuzzer harness: size files on any bytes, read as if they sat in scenarios/experiments/.
#include <cstddef>
#include <cstdint>
#include <string>

#include "sim/app/sweep/size_file.hpp"
#include "tests/fuzz/fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    porttwin::sweep::parse_size_file(text, PORTTWIN_SOURCE_DIR "/scenarios/experiments/fuzz.size.yaml");
  } catch (const porttwin::sweep::InvalidSweep& e) {
    porttwin::fuzz::require_located_text(e.what());
  } catch (const std::exception& e) {
    porttwin::fuzz::unexpected(e);
  }
  return 0;
}

// PNG files of a rendered frame, written with stb_image_write (Debian's libstb-dev, header only).
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image_write.h>

#include <stdexcept>
#include <string>

#include "sim/record/atomic_output.hpp"
#include "viz/app/window.hpp"

namespace porttwin::viz {

// Encoded in memory, then written whole or not at all: stb's own file writer ignores a failed
// write (a full disk left a 0-byte PNG and a success).
void write_png(const std::string& file, int width, int height, const std::vector<std::uint8_t>& rgb) {
  std::string png;
  const auto append = [](void* out, void* data, int size) { static_cast<std::string*>(out)->append(static_cast<const char*>(data), static_cast<std::size_t>(size)); };
  if (stbi_write_png_to_func(append, &png, width, height, 3, rgb.data(), width * 3) == 0) {
    throw std::runtime_error("cannot encode the PNG for " + file);
  }
  write_file_atomically(file, png);
}

}  // namespace porttwin::viz

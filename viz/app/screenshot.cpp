// PNG files of a rendered frame, written with stb_image_write (Debian's libstb-dev, header only).
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image_write.h>

#include "viz/app/window.hpp"

namespace porttwin::viz {

bool write_png(const std::string& file, int width, int height, const std::vector<std::uint8_t>& rgb) {
  return stbi_write_png(file.c_str(), width, height, 3, rgb.data(), width * 3) != 0;
}

}  // namespace porttwin::viz

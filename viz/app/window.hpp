// A GLFW window with an OpenGL 3 context and Dear ImGui on it (Debian's libimgui-dev backends).
// Hidden for headless frames (screenshots, the frame bench); then it needs an X display, which
// xvfb-run provides on a machine without one, and Mesa renders in software.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

struct GLFWwindow;

namespace porttwin::viz {

class Window {
 public:
  // ViewerError when there is no display or no OpenGL 3.
  // `ini_file` empty: ImGui keeps no layout file.
  Window(int width, int height, bool visible, const std::string& title, const std::string& ini_file);
  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  bool should_close() const;
  void begin_frame();  // polls events, starts an ImGui frame
  void render();       // renders the ImGui frame into the back buffer
  void present();      // swaps buffers
  void finish();       // waits until the GPU (or Mesa) has drawn everything

  int width() const;   // framebuffer size in pixels
  int height() const;
  std::string renderer() const;  // GL_RENDERER, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)"
  // The back buffer as RGB rows, top row first.
  std::vector<std::uint8_t> read_rgb() const;

 private:
  GLFWwindow* window_ = nullptr;
  std::string ini_file_;
};

// PNG through stb_image_write, written whole or not at all; throws naming the file and the reason.
void write_png(const std::string& file, int width, int height, const std::vector<std::uint8_t>& rgb);

}  // namespace porttwin::viz

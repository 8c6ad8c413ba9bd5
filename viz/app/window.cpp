#include "viz/app/window.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <GL/gl.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <cstring>
#include <string>

#include "viz/core/run_source.hpp"

namespace porttwin::viz {

namespace {
std::string glfw_problem;
void on_glfw_error(int, const char* description) { glfw_problem = description ? description : "unknown"; }
}  // namespace

Window::Window(int width, int height, bool visible, const std::string& title, const std::string& ini_file)
    : ini_file_(ini_file) {
  glfwSetErrorCallback(on_glfw_error);
  if (!glfwInit()) {
    throw ViewerError("cannot open a window (" + glfw_problem +
                      "); without a display, run under xvfb-run (e.g. xvfb-run -a porttwin view ...)");
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  glfwWindowHint(GLFW_VISIBLE, visible ? GLFW_TRUE : GLFW_FALSE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_FALSE);
  window_ = glfwCreateWindow(width, height, title.c_str(), nullptr, nullptr);
  if (!window_) {
    glfwTerminate();
    throw ViewerError("cannot create an OpenGL 3 window (" + glfw_problem + ")");
  }
  glfwMakeContextCurrent(window_);
  glfwSwapInterval(visible ? 1 : 0);
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = ini_file_.empty() ? nullptr : ini_file_.c_str();
  ImGui::StyleColorsDark();
  // Opaque panels in the plan's background colour (palette.hpp kBackground).
  ImGui::GetStyle().Colors[ImGuiCol_WindowBg] = ImVec4(24 / 255.0f, 26 / 255.0f, 30 / 255.0f, 1);
  ImGui_ImplGlfw_InitForOpenGL(window_, true);
  ImGui_ImplOpenGL3_Init("#version 130");
}

Window::~Window() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window_);
  glfwTerminate();
}

bool Window::should_close() const { return glfwWindowShouldClose(window_); }

void Window::begin_frame() {
  glfwPollEvents();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
}

void Window::render() {
  ImGui::Render();
  glViewport(0, 0, width(), height());
  glClearColor(24 / 255.0f, 26 / 255.0f, 30 / 255.0f, 1);  // kBackground
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void Window::present() { glfwSwapBuffers(window_); }
void Window::finish() { glFinish(); }

int Window::width() const {
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  return w;
}

int Window::height() const {
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  return h;
}

std::string Window::renderer() const {
  const auto* name = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
  return name ? name : "?";
}

std::vector<std::uint8_t> Window::read_rgb() const {
  const int w = width(), h = height();
  std::vector<std::uint8_t> bottom_up(static_cast<std::size_t>(w) * h * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, w, h, GL_RGB, GL_UNSIGNED_BYTE, bottom_up.data());
  std::vector<std::uint8_t> rgb(bottom_up.size());
  const std::size_t stride = static_cast<std::size_t>(w) * 3;
  for (int y = 0; y < h; ++y) std::memcpy(&rgb[y * stride], &bottom_up[(h - 1 - y) * stride], stride);
  return rgb;
}

}  // namespace porttwin::viz

#include "sim/engine/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/core/units.hpp"

namespace porttwin {

std::string short_duration(double seconds) {
  char buf[32];
  if (seconds < 60) std::snprintf(buf, sizeof buf, "%.1fs", seconds);
  else if (seconds < 3600) std::snprintf(buf, sizeof buf, "%dm%02ds", static_cast<int>(seconds / 60), static_cast<int>(seconds) % 60);
  else std::snprintf(buf, sizeof buf, "%dh%02dm", static_cast<int>(seconds / 3600), static_cast<int>(seconds / 60) % 60);
  return buf;
}

ProgressBar::ProgressBar(std::string label, double horizon, bool enabled)
    : label_(std::move(label)), horizon_(horizon), enabled_(enabled), started_(std::chrono::steady_clock::now()) {}

bool ProgressBar::terminal_attached() { return isatty(STDERR_FILENO) == 1; }

void ProgressBar::update(double sim_time, std::uint64_t events) {
  if (!enabled_) return;
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  if (last_draw_ >= 0 && wall - last_draw_ < 0.2) return;
  last_draw_ = wall;
  draw(sim_time, events, wall);
}

void ProgressBar::finish(std::uint64_t events) {
  if (!enabled_) return;
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  draw(horizon_, events, wall);
  std::fputc('\n', stderr);
}

void ProgressBar::draw(double sim_time, std::uint64_t events, double wall) {
  const double fraction = horizon_ > 0 ? std::clamp(sim_time / horizon_, 0.0, 1.0) : 1.0;
  constexpr int kWidth = 24;
  const int filled = static_cast<int>(fraction * kWidth);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(kWidth, '.');
  const double eta = fraction > 0 ? wall * (1 - fraction) / fraction : 0;
  const double rate = wall > 0 ? static_cast<double>(events) / wall : 0;
  std::fprintf(stderr, "\r%s [%s] %3.0f%%  sim %s / %s  wall %s  ETA %s  %.2fM events/s   ", label_.c_str(),
               bar.c_str(), fraction * 100, units::format_duration(std::floor(sim_time)).c_str(),
               units::format_duration(horizon_).c_str(), short_duration(wall).c_str(), short_duration(eta).c_str(),
               rate / 1e6);
  std::fflush(stderr);
}

}  // namespace porttwin

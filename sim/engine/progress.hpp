// A one-line progress bar on stderr for long runs: simulated time, wall time, ETA, events/s.
// Silent unless stderr is a terminal (and the user did not ask for --quiet).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace porttwin {

// Wall-clock durations as progress lines show them: 4.2s, 3m07s, 1h05m.
std::string short_duration(double seconds);

class ProgressBar {
 public:
  ProgressBar(std::string label, double horizon, bool enabled);
  static bool terminal_attached();

  void update(double sim_time, std::uint64_t events);  // redraws at most 5 times per second
  void finish(std::uint64_t events);                   // final state, then a newline

 private:
  void draw(double sim_time, std::uint64_t events, double wall);

  std::string label_;
  double horizon_;
  bool enabled_;
  std::chrono::steady_clock::time_point started_;
  double last_draw_ = -1;
};

}  // namespace porttwin

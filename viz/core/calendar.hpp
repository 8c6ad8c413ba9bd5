// Run time (s since the scenario start) as calendar text and back: what the timeline shows and what
// `--at` and the "go to" box accept.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace porttwin::viz {

class Calendar {
 public:
  explicit Calendar(double start_epoch = 0) : start_(start_epoch) {}

  double start_epoch() const { return start_; }
  // "2026-01-05 14:32:10"
  std::string format(double run_time) const;
  // "Mon 14:32"
  std::string format_short(double run_time) const;
  // Seconds after local midnight at run time t (the scenario's calendar has no time zone).
  double time_of_day(double run_time) const;
  // A date-time (2026-01-05T14:32[:SS], a space instead of T also works) or a duration since the
  // start with a unit (+3d14h, 90min); nullopt otherwise.
  std::optional<double> parse(std::string_view text) const;

 private:
  double start_;
};

// Night by the terminal's calendar (20:00 to 06:00), for the timeline's shading.
bool is_night(double time_of_day);

}  // namespace porttwin::viz

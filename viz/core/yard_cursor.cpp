#include "viz/core/yard_cursor.hpp"

#include <algorithm>

namespace porttwin::viz {

void YardCursor::seek(double t) {
  t = std::clamp(t, 0.0, source_.horizon());
  if (t == time_ && state_fresh_) return;
  time_ = t;
  state_fresh_ = false;
}

const analysis::YardState& YardCursor::state() {
  if (!state_fresh_) {
    state_ = source_.state_at(time_);
    state_fresh_ = true;
    ++rebuilds_;
  }
  return state_;
}

const std::vector<YardMoveRow>& YardCursor::recent(double window) {
  if (recent_time_ != time_ || recent_window_ != window) {
    recent_ = window > 0 ? moves_.between(time_ - window, time_) : std::vector<YardMoveRow>{};
    recent_time_ = time_;
    recent_window_ = window;
  }
  return recent_;
}

}  // namespace porttwin::viz

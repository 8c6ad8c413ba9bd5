// The cursor of the viewer: a moment of the run and the yard then, rebuilt through RunSource (and
// so analysis::YardReader) only when the moment changes, plus the moves of the last N minutes
// before it. Scrubbing back and forth lands on exactly what yard_state_at returns.
#pragma once

#include <vector>

#include "viz/core/move_log.hpp"
#include "viz/core/run_source.hpp"

namespace porttwin::viz {

class YardCursor {
 public:
  YardCursor(const RunSource& source, const MoveLog& moves) : source_(source), moves_(moves) {}

  // Clamps to [0, horizon]; the state is rebuilt lazily on the next state().
  void seek(double t);
  double time() const { return time_; }
  const analysis::YardState& state();
  // Moves with time in (t - window, t], the latest `limit` of them.
  const std::vector<YardMoveRow>& recent(double window);
  int rebuilds() const { return rebuilds_; }

 private:
  const RunSource& source_;
  const MoveLog& moves_;
  double time_ = 0;
  bool state_fresh_ = false;
  analysis::YardState state_;
  double recent_time_ = -1, recent_window_ = -1;
  std::vector<YardMoveRow> recent_;
  int rebuilds_ = 0;
};

}  // namespace porttwin::viz

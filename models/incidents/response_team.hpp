// A response team (security operations, OT engineers, IT) as a limited resource whose size follows
// its shifts: a step or an alert acknowledgement needs one free member on shift, and waits for one
// (at night a small shift may mean waiting for the morning). A member busy when the shift shrinks
// finishes the task in hand.
#pragma once

#include <simgrid/s4u.hpp>

#include "models/incidents/incident_config.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/stats/time_weighted.hpp"

namespace porttwin::incidents {

class ResponseTeam {
 public:
  ResponseTeam(Simulation& sim, const TeamConfig& config);
  const std::string& name() const { return config_.name; }

  void acquire();  // blocks the calling actor until a member on shift is free
  void release();
  int on_shift(double t) const;
  double mean_busy(double now) const { return busy_members_.mean(now); }  // members at work, after warm-up

 private:
  double next_shift_change(double t) const;

  Simulation& sim_;
  const TeamConfig& config_;
  int busy_ = 0;
  simgrid::s4u::MutexPtr mutex_;
  simgrid::s4u::ConditionVariablePtr freed_;
  stats::TimeWeighted busy_members_;
};

}  // namespace porttwin::incidents

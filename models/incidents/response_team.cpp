#include "models/incidents/response_team.hpp"

#include <cmath>

#include <simgrid/Exception.hpp>

namespace porttwin::incidents {

namespace s4u = simgrid::s4u;

ResponseTeam::ResponseTeam(Simulation& sim, const TeamConfig& config)
    : sim_(sim),
      config_(config),
      mutex_(s4u::Mutex::create()),
      freed_(s4u::ConditionVariable::create()),
      busy_members_(sim.batch_plan()) {}

int ResponseTeam::on_shift(double t) const {
  const double tod = sim_.time_of_day(t);
  const bool day = config_.day_starts <= config_.night_starts
                       ? tod >= config_.day_starts && tod < config_.night_starts
                       : tod >= config_.day_starts || tod < config_.night_starts;
  return day ? config_.day : config_.night;
}

double ResponseTeam::next_shift_change(double t) const {
  const double tod = sim_.time_of_day(t);
  double best = 86400;
  for (double change : {config_.day_starts, config_.night_starts}) {
    double wait = change - tod;
    if (wait <= 0) wait += 86400;
    best = std::min(best, wait);
  }
  return t + best;
}

void ResponseTeam::acquire() {
  s4u::MutexPtr mutex = mutex_;
  std::unique_lock lock(*mutex);
  try {
    for (;;) {
      const double now = Simulation::now();
      if (busy_ < on_shift(now)) break;
      freed_->wait_until(lock, next_shift_change(now));
    }
  } catch (const simgrid::ForcefulKillException&) {
    lock.release();  // killed in the wait: no simcall now (actor.hpp)
    throw;
  }
  ++busy_;
  busy_members_.set(busy_, Simulation::now());
}

void ResponseTeam::release() {
  --busy_;
  busy_members_.set(busy_, Simulation::now());
  freed_->notify_all();
}

}  // namespace porttwin::incidents

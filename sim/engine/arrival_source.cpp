#include "sim/engine/arrival_source.hpp"

#include <cmath>
#include <stdexcept>

#include "sim/core/units.hpp"
#include "sim/engine/actor.hpp"
#include "sim/engine/delay.hpp"

namespace porttwin {

namespace sg4 = simgrid::s4u;

ArrivalSource::ArrivalSource(Simulation& sim, std::string name, const ArrivalConfig& config, sg4::Host* host,
                             Target target, int priority, std::uint32_t tag)
    : sim_(sim),
      name_(std::move(name)),
      config_(config),
      host_(host),
      target_(std::move(target)),
      priority_(priority),
      tag_(tag),
      place_(sim.recorder().place(name_)) {
  // The run replays a file its scenario text does not hold: /meta names it and its hash.
  if (config_.process == "trace" && config_.trace) {
    sim.recorder().meta("trace." + name_, config_.trace->file + " sha256 " + config_.trace->sha256);
  }
}

void ArrivalSource::start() {
  if (config_.process == "trace") {
    spawn(name_, host_, [this] { replay(); });
  } else if (config_.process != "none") {
    walk_in_stream_.emplace(sim_.stream(name_ + ".arrivals"));
    walk_in_process_.emplace(config_, sim_.calendar(0));
    walk_in_after(Simulation::now());
  }
  if (config_.appointments.present) spawn(name_ + ".appointments", host_, [this] { appointments(); });
}

void ArrivalSource::emit(double now, std::uint32_t tag) {
  Job job;
  job.id = sim_.next_entity();
  job.created = now;
  job.priority = priority_;
  job.tag = tag;
  ++created_;
  sim_.recorder().event(now, EventKind::Enter, job.id, place_);
  target_(job);
}

void ArrivalSource::walk_in_after(double from) {
  const double t = walk_in_process_->next(from, *walk_in_stream_);
  if (!(t < sim_.horizon())) return;
  at_time(t, [this, t] {
    emit(t, tag_);
    walk_in_after(t);  // drawn after the target has run, as the actor did
  });
}

// A log's arrivals at their own times (those from the run's first instant to its horizon): no
// random draw, so the trace is reproduced exactly.
void ArrivalSource::replay() {
  if (!config_.trace) throw std::logic_error(name_ + ": a trace arrival process whose log was not read (check)");
  const double offset = config_.trace->calendar ? sim_.calendar(0) : 0;
  for (const double at : config_.trace->times) {
    const double t = at - offset;
    if (t < Simulation::now()) continue;
    if (!(t < sim_.horizon())) return;
    sg4::this_actor::sleep_until(t);
    emit(t, tag_);
  }
}

void ArrivalSource::appointments() {
  rng::Stream stream = sim_.stream(name_ + ".appointments");
  const double first_midnight = -sim_.time_of_day(0);
  for (double day = first_midnight; day < sim_.horizon(); day += units::kDay) {
    for (double t : appointment_day(config_.appointments, day, stream)) {
      if (t < Simulation::now()) continue;  // slots before time 0 on the first day
      if (!(t < sim_.horizon())) return;
      sg4::this_actor::sleep_until(t);
      emit(t, tag_ | kAppointmentTag);
    }
  }
}

}  // namespace porttwin

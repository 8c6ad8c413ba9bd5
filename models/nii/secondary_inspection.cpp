#include "models/nii/secondary_inspection.hpp"

#include <algorithm>

#include "sim/engine/delay.hpp"

namespace porttwin::nii {

SecondaryInspection::SecondaryInspection(Simulation& sim, const SecondaryConfig& config, std::uint32_t place, Done done)
    : sim_(sim),
      config_(config),
      place_(place),
      done_(std::move(done)),
      travel_stream_(sim.stream("nii.secondary.divert")),
      service_stream_(sim.stream("nii.secondary.service")),
      capacity_(std::min(config.bays, config.inspectors)),
      divert_(sim.batch_plan(), true),
      waits_(sim.batch_plan(), true),
      queue_(sim.batch_plan()),
      busy_(sim.batch_plan()) {}

void SecondaryInspection::divert(std::uint32_t cargo, std::uint64_t entity, SecondaryKind kind, double alarm) {
  const double travel = config_.divert_travel.sample(travel_stream_);
  after(travel, [this, w = Waiting{cargo, entity, kind, alarm, 0}]() mutable {
    w.arrived = Simulation::now();
    arrive(w);
  });
}

void SecondaryInspection::arrive(Waiting w) {
  sim_.recorder().event(w.arrived, EventKind::Arrive, w.entity, place_);
  waiting_.push_back(w);
  queue_.set(static_cast<double>(waiting_.size()), w.arrived);
  dispatch();
}

void SecondaryInspection::dispatch() {
  while (busy_count_ < capacity_ && !waiting_.empty()) {
    const Waiting w = waiting_.front();
    waiting_.pop_front();
    const double now = Simulation::now();
    const bool counts = now >= sim_.warmup();
    queue_.set(static_cast<double>(waiting_.size()), now);
    ++busy_count_;
    busy_.set(static_cast<double>(busy_count_), now);
    waits_.add(now - w.arrived, now);
    if (w.alarm >= 0) {
      divert_.add(now - w.alarm, now);
      if (counts) {
        ++diverts_;
        if (now - w.alarm <= config_.target) ++within_target_;
      }
    }
    sim_.recorder().event(now, EventKind::Start, w.entity, place_, static_cast<std::uint16_t>(w.kind));
    const Distribution& d = w.kind == SecondaryKind::RadiationCheck ? config_.radiation_check : config_.devanning;
    after(d.sample(service_stream_), [this, w] {
      const double end = Simulation::now();
      --busy_count_;
      busy_.set(static_cast<double>(busy_count_), end);
      if (end >= sim_.warmup()) ++inspections_;
      sim_.recorder().event(end, EventKind::Finish, w.entity, place_, static_cast<std::uint16_t>(w.kind));
      done_(w.cargo, w.kind);
      dispatch();
    });
  }
}

}  // namespace porttwin::nii

// Secondary inspection: bays and inspectors, both needed for one inspection. A diverted box arrives
// at the secondary area after its divert travel, waits (FIFO) for a free bay and a free inspector,
// and is inspected for the time its kind takes (isotope identification after an RPM alarm, devanning
// after an X-ray alarm or a direct physical selection). No actor per box: kernel timers start and
// end inspections. The divert time (alarm to start of inspection) is what the 80 s target is about.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>

#include "models/nii/cargo.hpp"
#include "models/nii/nii_config.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/stats/tally.hpp"
#include "sim/stats/time_weighted.hpp"

namespace porttwin::nii {

class SecondaryInspection {
 public:
  // `done(cargo, kind)` runs when an inspection ends.
  using Done = std::function<void(std::uint32_t cargo, SecondaryKind kind)>;

  SecondaryInspection(Simulation& sim, const SecondaryConfig& config, std::uint32_t place, Done done);

  // The box is diverted now; `alarm` is when its alarm was raised (< 0: a direct selection, no alarm).
  void divert(std::uint32_t cargo, std::uint64_t entity, SecondaryKind kind, double alarm);

  const stats::Tally& divert_time() const { return divert_; }
  const stats::Tally& waits() const { return waits_; }
  const stats::TimeWeighted& queue() const { return queue_; }
  stats::TimeWeighted& queue() { return queue_; }
  stats::TimeWeighted& busy() { return busy_; }
  const stats::TimeWeighted& busy() const { return busy_; }
  std::int64_t inspections() const { return inspections_; }
  std::int64_t within_target() const { return within_target_; }
  std::int64_t diverts() const { return diverts_; }
  std::size_t in_progress() const { return busy_count_; }
  std::size_t waiting() const { return waiting_.size(); }

 private:
  struct Waiting {
    std::uint32_t cargo;
    std::uint64_t entity;
    SecondaryKind kind;
    double alarm, arrived;
  };
  void arrive(Waiting w);
  void dispatch();

  Simulation& sim_;
  const SecondaryConfig& config_;
  std::uint32_t place_;
  Done done_;
  rng::Stream travel_stream_, service_stream_;
  std::deque<Waiting> waiting_;
  int busy_count_ = 0;
  int capacity_;  // inspections at once: min(bays, inspectors)
  stats::Tally divert_, waits_;
  stats::TimeWeighted queue_, busy_;
  std::int64_t inspections_ = 0, within_target_ = 0, diverts_ = 0;
};

}  // namespace porttwin::nii

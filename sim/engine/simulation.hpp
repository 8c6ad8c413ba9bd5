// One replication's world: the SimGrid engine (configured for speed), the calendar, named random
// streams, entity ids and the recorder. Exactly one per process: SimGrid's engine is a singleton,
// so replications run as separate processes (replication_runner.hpp).
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <simgrid/s4u.hpp>

#include "sim/random/stream.hpp"
#include "sim/record/recorder.hpp"
#include "sim/scenario/run_settings.hpp"
#include "sim/stats/batches.hpp"

namespace porttwin {

class Simulation {
 public:
  Simulation(const scenario::RunSettings& run, std::uint32_t replication, Recorder& recorder);
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  simgrid::s4u::Engine& engine() { return *engine_; }
  Recorder& recorder() { return recorder_; }
  const scenario::RunSettings& settings() const { return run_; }
  std::uint32_t replication() const { return replication_; }

  rng::Stream stream(std::string_view name) const { return rng::Stream(run_.seed, replication_, name); }
  std::uint64_t next_entity() { return ++last_entity_; }
  // Entities restored from a snapshot keep their ids: new ones are numbered after `last`.
  void entities_from(std::uint64_t last) { last_entity_ = std::max(last_entity_, last); }

  static double now() { return simgrid::s4u::Engine::get_clock(); }
  double horizon() const { return run_.horizon; }
  // A run from a snapshot begins at the snapshot's time: nothing happens before it, `every` ticks
  // only after it, and statistics start there at the earliest (the warm-up ends no sooner). Set
  // before the models are built.
  void begin_at(double t) {
    begin_ = t;
    run_.warmup = std::max(run_.warmup, t);
  }
  double begin() const { return begin_; }
  double warmup() const { return run_.warmup; }
  double calendar(double t) const { return run_.start + t; }   // epoch seconds
  double time_of_day(double t) const;                           // seconds after local midnight
  stats::BatchPlan batch_plan() const;

  // Called at every multiple of `period` strictly before the horizon (KPI sampling, progress);
  // what happens at the horizon itself is the caller's, after run().
  void every(double period, const std::string& name, std::function<void(double)> tick);

  void run();  // until the horizon

 private:
  scenario::RunSettings run_;
  std::uint32_t replication_;
  Recorder& recorder_;
  std::unique_ptr<simgrid::s4u::Engine> engine_;
  std::uint64_t last_entity_ = 0;
  double begin_ = 0;
};

}  // namespace porttwin

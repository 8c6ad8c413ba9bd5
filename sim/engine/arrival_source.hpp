// Creates entities by an ArrivalConfig and hands each to a target (usually Station::arrive).
// Walk-ins are a chain of kernel timers (each arrival draws the next: no actor, no context switch
// per entity), so the target runs in the engine's context and must not block; trace replays and
// appointments, rarer, are an actor each.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include <simgrid/s4u.hpp>

#include "sim/engine/arrival_process.hpp"
#include "sim/engine/job.hpp"
#include "sim/engine/simulation.hpp"

namespace porttwin {

constexpr std::uint32_t kAppointmentTag = 1u << 31;  // set in Job::tag for booked arrivals

class ArrivalSource {
 public:
  using Target = std::function<void(Job)>;

  ArrivalSource(Simulation& sim, std::string name, const ArrivalConfig& config, simgrid::s4u::Host* host,
                Target target, int priority = 0, std::uint32_t tag = 0);
  void start();
  std::int64_t created() const { return created_; }

 private:
  void walk_in_after(double t);  // schedules the first walk-in after t
  void appointments();
  void replay();  // process: trace
  void emit(double now, std::uint32_t tag);

  Simulation& sim_;
  std::string name_;
  const ArrivalConfig& config_;
  simgrid::s4u::Host* host_;
  Target target_;
  int priority_;
  std::uint32_t tag_;
  std::uint32_t place_;
  std::int64_t created_ = 0;
  std::optional<rng::Stream> walk_in_stream_;
  std::optional<ArrivalProcess> walk_in_process_;
};

}  // namespace porttwin

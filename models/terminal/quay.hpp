// The quay: vessels wait for a free berth (first come, first served), berth, and are worked by the
// berth's quay cranes (STS), which discharge first and then load. Each crane is a long-lived actor:
// - discharge: a crane cycle lifts a box onto the apron, where it waits for a transport vehicle
//   (the crane waits with it when transport is late); the vehicle drives it to its block and waits
//   for the yard crane to take it;
// - load: a feeder actor per crane calls export boxes from the yard ahead of the crane
//   (quay_cranes.load_lookahead), each fetched by a vehicle; the crane waits when none has arrived.
// Cranes break down after exponential operating times (MTBF) and are repaired (MTTR distribution).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <unordered_set>
#include <vector>

#include <simgrid/s4u.hpp>

#include "models/terminal/container_registry.hpp"
#include "models/terminal/operating_conditions.hpp"
#include "models/terminal/terminal_yard.hpp"
#include "models/terminal/transport.hpp"
#include "models/terminal/vessel_schedule.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/stats/tally.hpp"
#include "sim/stats/time_weighted.hpp"

namespace porttwin::terminal {

class Quay {
 public:
  // `on_import` learns of every box discharged (its pickup is then planned).
  using ImportHandler = std::function<void(yard::ContainerId)>;

  Quay(Simulation& sim, const TerminalConfig& config, ContainerRegistry& registry, TerminalYard& yard,
       std::vector<VesselCall>& calls, ImportHandler on_import);
  void start();
  // A run from a snapshot (models/terminal/terminal_snapshot.cpp), before start(): `call` is at
  // `berth` with its work under way (its remaining discharge and its load list set), or waiting.
  void restore_at_berth(int call, int berth);
  void restore_waiting(int call);
  // Customs (NII): an export that `held` says is not released when its vessel berths is left off
  // the load list and handed to `roll` (the service's next call). Unset: every export loads.
  // The platform and the wind (models/incidents); unset: always normal.
  void set_conditions(OperatingConditions* conditions) { conditions_ = conditions; }
  // Transshipment: `plan` picks the call that will take a box just discharged (and sets its expected
  // pickup, for stacking); `file` puts it on that call's load list once it is stacked.
  void set_transshipment(std::function<int(yard::ContainerId, int service)> plan,
                         std::function<void(int, yard::ContainerId)> file) {
    plan_transship_ = std::move(plan);
    file_transship_ = std::move(file);
  }
  std::int64_t transshipped() const { return transshipped_; }  // loaded, after warm-up
  void set_customs(std::function<bool(yard::ContainerId)> held, std::function<void(int, yard::ContainerId)> roll) {
    customs_held_ = std::move(held);
    roll_ = std::move(roll);
  }

  // Statistics after warm-up.
  const stats::Tally& turnaround() const { return turnaround_; }
  const stats::Tally& berth_wait() const { return berth_wait_; }
  const stats::Tally& gross_rate() const { return gross_rate_; }    // moves per crane-hour, per call
  const stats::Tally& berth_rate() const { return berth_rate_; }    // moves per berth-hour, per call
  double berth_occupancy(double now) const { return berths_busy_.mean(now) / config_.berths.count; }
  double transport_wait_share() const;  // crane time spent waiting for vehicles / crane working time
  std::int64_t moves() const { return moves_; }
  std::int64_t moves_total() const { return moves_total_; }  // warm-up included
  std::int64_t breakdowns() const { return breakdowns_; }
  std::int64_t customs_rolled() const { return static_cast<std::int64_t>(customs_rolled_.size()); }  // exports left behind at least once
  std::int64_t calls_completed() const { return calls_completed_; }
  int berths_busy() const { return static_cast<int>(berths_busy_.level()); }
  double vessels_waiting() const { return static_cast<double>(waiting_.size()); }

 private:
  void leave_held_exports(VesselCall& call);
  std::function<bool(yard::ContainerId)> customs_held_;
  std::function<void(int, yard::ContainerId)> roll_;
  std::unordered_set<yard::ContainerId> customs_rolled_;  // after warm-up; a seized box stays held

  struct Order {  // one crane's share of a call
    int call = -1;
    int discharge = 0;
    std::vector<yard::ContainerId> load;
  };
  struct Crane {
    std::deque<Order> orders;
    simgrid::s4u::SemaphorePtr has_order;
    std::deque<yard::ContainerId> to_fetch;  // the feeder's list
    simgrid::s4u::SemaphorePtr fetch_ready, lookahead;
    std::deque<yard::ContainerId> arrived;   // boxes under the crane, ready to load
    simgrid::s4u::SemaphorePtr box_arrived;
    simgrid::s4u::SemaphorePtr order_done;
    rng::Stream stream;
    double operated = 0, next_failure = 0;
  };

  void vessel_arrives(int call);
  void berth_loop(int berth);
  void work_call(VesselCall& call, int berth);  // discharge, then load, then leave
  void crane_loop(int crane);
  void feeder_loop(int crane);
  void discharge_one(int crane, const VesselCall& call);
  void load_one(int crane, int call);
  void cycle(int crane);  // one crane move, after any breakdown due
  yard::ContainerId next_export(std::deque<yard::ContainerId>& list) const;
  yard::Position crane_position(int crane) const;
  yard::Category discharge_category(rng::Stream& stream) const;
  bool transshipped(const VesselCall& call, yard::Category category);

  Simulation& sim_;
  const TerminalConfig& config_;
  ContainerRegistry& registry_;
  TerminalYard& yard_;
  std::vector<VesselCall>& calls_;
  ImportHandler on_import_;
  VehiclePool vehicles_;
  std::vector<Crane> cranes_;
  std::deque<int> waiting_;
  std::vector<int> restored_berths_;  // the call at each berth when the run began (-1: none)
  std::vector<int> restored_waiting_;
  simgrid::s4u::SemaphorePtr vessel_ready_;
  std::uint32_t place_;
  rng::Stream transship_stream_;
  std::function<int(yard::ContainerId, int)> plan_transship_;
  std::function<void(int, yard::ContainerId)> file_transship_;
  std::int64_t transshipped_ = 0;

  stats::Tally turnaround_, berth_wait_, gross_rate_, berth_rate_;
  stats::TimeWeighted berths_busy_;
  double crane_work_ = 0, transport_wait_ = 0;
  std::int64_t moves_ = 0, moves_total_ = 0, breakdowns_ = 0, calls_completed_ = 0;
  OperatingConditions* conditions_ = nullptr;
};

}  // namespace porttwin::terminal

// The terminal's yard: its blocks, where each new box goes, the yard cranes of every block with
// their shared job queue, and the record of every move (the rewindable /yard group).
//
// A box is assigned a block when it is known to be coming (a discharge, an export truck at the
// gate): of the blocks of its area with room, the one nearest to where the box comes from, each
// job already waiting for the block's cranes counting as yard_cranes.queue_weight metres more; a
// slot is reserved there until the crane stacks it. The crane then picks the stack by the scenario's stacking policy, at the moment it
// lifts the box. Jobs wait in one queue per block, served by that block's cranes in priority order
// (yard_cranes.priority), FIFO within a priority.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <queue>
#include <vector>

#include <simgrid/s4u.hpp>

#include "models/terminal/container_registry.hpp"
#include "models/terminal/operating_conditions.hpp"
#include "models/terminal/terminal_config.hpp"
#include "models/yard/block.hpp"
#include "models/yard/crane_kinematics.hpp"
#include "models/yard/stacking_policy.hpp"
#include "sim/engine/simulation.hpp"
#include "models/yard/yard_log.hpp"
#include "sim/stats/tally.hpp"
#include "sim/stats/time_weighted.hpp"

namespace porttwin::terminal {

// Who asked for a yard move; the priority rule ranks them.
enum class JobSource { Quay, BookedTruck, WalkInTruck };

struct YardJob {
  enum class Kind { Receive, Deliver };
  Kind kind = Kind::Receive;
  yard::ContainerId container = yard::kNoContainer;
  Place carrier = Place::OnVehicle;  // where the box comes from (Receive) or goes to (Deliver)
  JobSource source = JobSource::Quay;
  std::function<void()> done;        // at the handover: the box is off or on the carrier
  double submitted = 0;
};

// What a yard crane is doing, for keyframes and the viewer.
struct CraneState {
  int block = 0;
  yard::Position position;
  yard::ContainerId container = yard::kNoContainer;  // the box of its current job
  // Stacks it is working (the stack of the box it retrieves, where its current lift goes): the
  // block's other cranes leave them alone, or two cranes could bury each other's boxes forever.
  std::optional<yard::StackRef> source, target;
  int desk = -1;  // the remote desk operating it on its current job (-1: on board, or idle)
};

class TerminalYard {
 public:
  TerminalYard(Simulation& sim, const TerminalConfig& config, ContainerRegistry& registry);
  ~TerminalYard();

  // Starts the crane actors; with a log, records every move and crane state to it.
  void start(YardLog* log);
  // The platform and the wind (models/incidents); unset: always normal.
  void set_conditions(OperatingConditions* conditions) { conditions_ = conditions; }

  const std::vector<yard::Block>& blocks() const { return blocks_; }
  const std::vector<CraneState>& cranes() const { return cranes_; }
  // The cranes as the run file records them (time = now).
  std::vector<YardCraneRow> crane_rows(double now) const;

  // Reserves a slot for a coming box of `category`; nullopt when no block of that area has room.
  std::optional<int> assign_block(yard::Category category, yard::Position from);
  // Stacks a box that is already in the terminal at the start of the run, with no crane move.
  void stack_initial(yard::ContainerId id, int block);
  // Stacks a box of a snapshot in its slot (the slot under it is taken: the snapshot was checked
  // and its boxes come tier by tier), with no crane move; recorded as a receive at the run's start.
  void stack_restored(yard::ContainerId id, int block, yard::Slot slot);
  void submit(int block, YardJob job);

  // Where a truck or vehicle is served for `block` (its handover lane, middle bay).
  yard::Position handover_point(int block) const;

  // Statistics after warm-up.
  std::int64_t retrievals() const { return retrievals_; }
  std::int64_t rehandles() const { return rehandles_; }
  std::int64_t moves() const { return moves_; }
  std::int64_t replans() const { return replans_; }
  const stats::Tally& job_waits() const { return job_waits_; }
  const stats::Tally& job_waits(JobSource source) const { return waits_by_source_[static_cast<int>(source)]; }
  double crane_utilisation(double now) const;
  // For KPI series: busy share of the cranes since the previous call; rehandles since warm-up or
  // not, for interval counts.
  double take_busy_share(double now) { return cranes_.empty() ? 0 : busy_.take_interval_mean(now) / cranes_.size(); }
  std::int64_t rehandles_total() const { return rehandles_total_; }
  double occupancy(int block) const;  // occupied share of the block's slots now
  int crane_count() const { return static_cast<int>(cranes_.size()); }

 private:
  struct Queued {
    YardJob job;
    int priority;
    std::uint64_t seq;
    bool operator<(const Queued& o) const { return priority != o.priority ? priority < o.priority : seq > o.seq; }
  };
  struct BlockQueue {
    std::priority_queue<Queued> jobs;
    simgrid::s4u::SemaphorePtr ready;
  };

  int priority_of(JobSource source) const;
  void crane_loop(int crane);
  void receive(int crane, const YardJob& job);
  void deliver(int crane, const YardJob& job);
  // One crane move from the spreader's position; sleeps for its duration.
  void travel_and_lift(int crane, yard::Position pick, yard::Position set);
  void record(int block, const yard::Move& move);
  void track(int crane);  // records the crane's new state
  yard::ExcludedStacks taken_by_others(int crane) const;
  std::optional<yard::StackRef> relocation_room(int crane, yard::ContainerId blocker, yard::StackRef source);

  Simulation& sim_;
  const TerminalConfig& config_;
  ContainerRegistry& registry_;
  std::vector<yard::Block> blocks_;
  std::vector<yard::CraneKinematics> kinematics_;  // per block, by its crane type
  std::vector<int> reserved_;
  std::unique_ptr<yard::StackingPolicy> policy_;
  rng::Stream stream_;
  std::vector<BlockQueue> queues_;
  std::vector<CraneState> cranes_;
  simgrid::s4u::SemaphorePtr remote_desks_;  // null: operators on board
  std::vector<int> free_desks_;              // which desks are free (the semaphore counts them)
  OperatingConditions* conditions_ = nullptr;
  YardLog* log_ = nullptr;
  std::uint64_t next_seq_ = 0;

  stats::TimeWeighted busy_;
  stats::Tally job_waits_;
  std::vector<stats::Tally> waits_by_source_;
  std::int64_t retrievals_ = 0, rehandles_ = 0, moves_ = 0, replans_ = 0, rehandles_total_ = 0;
};

}  // namespace porttwin::terminal

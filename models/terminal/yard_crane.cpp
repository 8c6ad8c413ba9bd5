// The yard crane (RTG, ARMG, RMG) at work: one long-lived actor per crane takes its block's next
// job and carries it out move by move. Each move is timed from the spreader's position, the slots'
// positions and the crane's kinematics, and changes the block only when it ends: the block, the
// move log and the rewound yard agree at every instant. Every move re-reads the block, since
// another crane of the same block may have changed it while this one travelled.
#include <stdexcept>

#include "models/terminal/terminal_yard.hpp"
#include "models/yard/retrieval.hpp"

namespace porttwin::terminal {


void TerminalYard::crane_loop(int crane) {
  BlockQueue& queue = queues_[cranes_[crane].block];
  for (;;) {
    queue.ready->acquire();
    const YardJob job = queue.jobs.top().job;
    queue.jobs.pop();
    const double now = Simulation::now();
    job_waits_.add(now - job.submitted, now);
    waits_by_source_[static_cast<int>(job.source)].add(now - job.submitted, now);
    busy_.add(1, now);
    if (remote_desks_) {
      remote_desks_->acquire();
      cranes_[crane].desk = free_desks_.back();
      free_desks_.pop_back();
    }
    cranes_[crane].container = job.container;
    track(crane);
    if (job.kind == YardJob::Kind::Receive) {
      receive(crane, job);
    } else {
      deliver(crane, job);
    }
    cranes_[crane].container = yard::kNoContainer;
    const int desk = cranes_[crane].desk;
    cranes_[crane].desk = -1;
    track(crane);
    if (remote_desks_) {
      free_desks_.push_back(desk);
      remote_desks_->release();
    }
    busy_.add(-1, Simulation::now());
    if (job.done) job.done();
  }
}

yard::ExcludedStacks TerminalYard::taken_by_others(int crane) const {
  const int block = cranes_[crane].block;
  const int per_block = config_.yard_cranes.cranes_per_block;
  yard::ExcludedStacks taken;
  for (int other = block * per_block; other < (block + 1) * per_block; ++other) {
    if (other == crane) continue;
    const CraneState& c = cranes_[other];
    if (c.source) taken.push_back(*c.source);
    if (c.target) taken.push_back(*c.target);
  }
  return taken;
}

void TerminalYard::travel_and_lift(int crane, yard::Position pick, yard::Position set) {
  CraneState& state = cranes_[crane];
  const yard::Block& block = blocks_[state.block];
  const yard::CraneKinematics& kinematics = kinematics_[state.block];
  double duration =
      kinematics.travel_time(state.position, pick) + kinematics.lift_time(pick, set, block.travel_height());
  if (conditions_) {  // crane control down or too much wind: the crane stands still
    const int b = state.block;
    conditions_->wait_until([this, b] { return conditions_->yard_cranes_work(b); });
    duration *= conditions_->yard_slowdown();
  }
  simgrid::s4u::this_actor::sleep_for(duration);
  state.position = set;
  state.position.z = block.travel_height();
  track(crane);
}

void TerminalYard::receive(int crane, const YardJob& job) {
  const int b = cranes_[crane].block;
  yard::Block& block = blocks_[b];
  std::optional<yard::Slot> slot;
  while (!slot) {  // a crane out of room may have filled the stack meanwhile
    // Looked up anew after every sleep: new boxes may have moved the registry's storage.
    const yard::Container& box = registry_.box(job.container);
    auto stack = policy_->choose_stack(block, box, Simulation::now(), stream_, taken_by_others(crane));
    if (!stack) stack = policy_->choose_stack(block, box, Simulation::now(), stream_);  // room only where others work
    if (!stack) {
      simgrid::s4u::this_actor::sleep_for(config_.yard_cranes.no_room_retry);
      continue;
    }
    cranes_[crane].target = stack;
    const yard::Slot planned{stack->bay, stack->row, block.height(*stack)};
    travel_and_lift(crane, block.handover_position(*stack), block.position(planned));
    cranes_[crane].target.reset();
    slot = block.place(*stack, job.container);
  }
  --reserved_[b];
  record(b, yard::Move::receive(job.container, *slot));
  registry_.move(job.container, job.carrier, Place::InYard);
  registry_.at(job.container).block = b;
  if (Simulation::now() >= sim_.warmup()) ++moves_;
}

// Where a blocker goes: by the relocation rule, away from the stacks other cranes work; in a block
// so full that only those have room, onto one of them; nullopt when no stack has room at all.
std::optional<yard::StackRef> TerminalYard::relocation_room(int crane, yard::ContainerId blocker,
                                                            yard::StackRef source) {
  const yard::Block& block = blocks_[cranes_[crane].block];
  const yard::Container& box = registry_.box(blocker);
  const yard::StackingConfig& stacking = config_.yard.stacking;
  for (const yard::ExcludedStacks& excluded : {taken_by_others(crane), yard::ExcludedStacks{}}) {
    try {
      return yard::relocation_target(block, box, source, *policy_, stacking, Simulation::now(), stream_, excluded);
    } catch (const std::runtime_error&) {
      if (excluded.empty()) break;
    }
  }
  return std::nullopt;
}

void TerminalYard::deliver(int crane, const YardJob& job) {
  const int b = cranes_[crane].block;
  yard::Block& block = blocks_[b];
  int rehandles = 0;
  for (;;) {
    const yard::Slot slot = block.find(job.container).value();
    const yard::StackRef source = slot.stack();
    cranes_[crane].source = source;
    const yard::ContainerId top = block.top(source).value();
    const yard::Slot from{source.bay, source.row, block.height(source) - 1};
    if (top == job.container) {
      travel_and_lift(crane, block.position(from), block.handover_position(source));
      if (block.top(source) != job.container) continue;
      block.remove_top(source);
      record(b, yard::Move::deliver(job.container, from));
      registry_.move(job.container, Place::InYard, job.carrier);
      break;
    }
    const auto target_or_none = relocation_room(crane, top, source);
    if (!target_or_none) {  // the block is full to the brim: wait for another crane to take a box out
      simgrid::s4u::this_actor::sleep_for(config_.yard_cranes.no_room_retry);
      continue;
    }
    const yard::StackRef target = *target_or_none;
    cranes_[crane].target = target;
    const yard::Slot to{target.bay, target.row, block.height(target)};
    travel_and_lift(crane, block.position(from), block.position(to));
    cranes_[crane].target.reset();
    // A crane retrieving from the same stack took the blocker, or one out of room filled the target.
    if (block.top(source) != top || !block.has_room(target)) {
      ++replans_;
      continue;
    }
    block.remove_top(source);
    const yard::Slot landed = block.place(target, top).value();
    record(b, yard::Move::rehandle(top, from, landed));
    ++rehandles;
    ++rehandles_total_;
  }
  cranes_[crane].source.reset();
  if (Simulation::now() >= sim_.warmup()) {
    ++retrievals_;
    rehandles_ += rehandles;
    moves_ += rehandles + 1;
  }
}

}  // namespace porttwin::terminal

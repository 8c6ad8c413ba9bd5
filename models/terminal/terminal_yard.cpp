#include "models/terminal/terminal_yard.hpp"
#include "sim/engine/actor.hpp"

#include <cmath>
#include <stdexcept>

namespace porttwin::terminal {

TerminalYard::TerminalYard(Simulation& sim, const TerminalConfig& config, ContainerRegistry& registry)
    : sim_(sim),
      config_(config),
      registry_(registry),
      policy_(yard::make_stacking_policy(config.yard.stacking,
                                         [&registry](yard::ContainerId id) -> const yard::Container& {
                                           return registry.box(id);
                                         })),
      stream_(sim.stream("terminal.yard")),
      busy_(sim.batch_plan()),
      job_waits_(sim.batch_plan()),
      waits_by_source_(3, stats::Tally(sim.batch_plan())) {
  for (const auto& b : config.yard.blocks) {
    blocks_.emplace_back(b);
    kinematics_.emplace_back(yard::kinematics_of(config.yard.cranes, b.crane));
  }
  reserved_.assign(blocks_.size(), 0);
  queues_.resize(blocks_.size());
  const int per_block = config.yard_cranes.cranes_per_block;
  for (std::size_t b = 0; b < blocks_.size(); ++b) {
    queues_[b].ready = simgrid::s4u::Semaphore::create(0);
    for (int k = 0; k < per_block; ++k) {
      // Cranes of one block start spread evenly along it.
      const int bay = static_cast<int>((k + 0.5) * blocks_[b].bays() / per_block);
      CraneState crane;
      crane.block = static_cast<int>(b);
      crane.position = blocks_[b].handover_position({bay, 0});
      crane.position.z = blocks_[b].travel_height();
      cranes_.push_back(crane);
    }
  }
  if (config.yard_cranes.remote_stations > 0) {
    remote_desks_ = simgrid::s4u::Semaphore::create(config.yard_cranes.remote_stations);
    for (int d = config.yard_cranes.remote_stations - 1; d >= 0; --d) free_desks_.push_back(d);
  }
}

TerminalYard::~TerminalYard() = default;

void TerminalYard::start(YardLog* log) {
  log_ = log;
  auto* host = simgrid::s4u::Engine::get_instance()->host_by_name(config_.host);
  for (std::size_t c = 0; c < cranes_.size(); ++c) {
    spawn("yard-crane-" + std::to_string(c), host, [this, c] {
      simgrid::s4u::Actor::self()->daemonize();
      crane_loop(static_cast<int>(c));
    });
  }
  for (std::size_t c = 0; c < cranes_.size(); ++c) track(static_cast<int>(c));  // where each starts
}

std::optional<int> TerminalYard::assign_block(yard::Category category, yard::Position from) {
  std::optional<int> best;
  double best_score = 0;
  for (std::size_t b = 0; b < blocks_.size(); ++b) {
    const yard::Block& block = blocks_[b];
    if (block.area() != category) continue;
    // Keep tiers - 1 slots per crane free beyond the reservations: the room retrievals may need.
    const int room = block.free_slots() - reserved_[b] - (block.tiers() - 1) * config_.yard_cranes.cranes_per_block;
    if (room <= 0) continue;
    const yard::Position lane = handover_point(static_cast<int>(b));
    const double score = std::abs(lane.x - from.x) + std::abs(lane.y - from.y) +
                         config_.yard_cranes.queue_weight * static_cast<double>(queues_[b].jobs.size());
    if (!best || score < best_score) {
      best = static_cast<int>(b);
      best_score = score;
    }
  }
  if (best) ++reserved_[*best];
  return best;
}

void TerminalYard::stack_initial(yard::ContainerId id, int block) {
  --reserved_[block];
  const auto move = yard::receive(blocks_[block], registry_.box(id), *policy_, Simulation::now(), stream_);
  if (!move) throw std::logic_error("block " + blocks_[block].name() + " has no room for an initial box");
  record(block, *move);
  registry_.move(id, Place::OnVessel, Place::InYard);
  registry_.at(id).block = block;
}

void TerminalYard::stack_restored(yard::ContainerId id, int block, yard::Slot slot) {
  const auto placed = blocks_[static_cast<std::size_t>(block)].place(slot.stack(), id);
  if (!placed || !(*placed == slot)) {
    throw std::logic_error("snapshot box " + std::to_string(id) + " cannot stand in " + yard::to_string(slot) +
                           " of block " + blocks_[static_cast<std::size_t>(block)].name());
  }
  record(block, yard::Move::receive(id, slot));
  registry_.move(id, Place::OnVessel, Place::InYard);
  registry_.at(id).block = block;
}

void TerminalYard::submit(int block, YardJob job) {
  job.submitted = Simulation::now();
  const int priority = priority_of(job.source);
  queues_[block].jobs.push({std::move(job), priority, next_seq_++});
  queues_[block].ready->release();
}

int TerminalYard::priority_of(JobSource source) const {
  const std::string& rule = config_.yard_cranes.priority;
  if (rule == "fifo") return 0;
  const bool quay_first = rule == "quay_first";
  switch (source) {
    case JobSource::Quay: return quay_first ? 2 : 0;
    case JobSource::BookedTruck: return quay_first ? 1 : 2;
    case JobSource::WalkInTruck: return quay_first ? 0 : 1;
  }
  return 0;
}

yard::Position TerminalYard::handover_point(int block) const {
  const yard::Block& b = blocks_[block];
  return b.handover_position({b.bays() / 2, 0});
}

void TerminalYard::record(int block, const yard::Move& move) {
  if (log_) log_->record_move(Simulation::now(), static_cast<std::uint32_t>(block), move);
}

std::vector<YardCraneRow> TerminalYard::crane_rows(double now) const {
  std::vector<YardCraneRow> rows;
  rows.reserve(cranes_.size());
  for (std::size_t c = 0; c < cranes_.size(); ++c) {
    const CraneState& s = cranes_[c];
    rows.push_back({now, static_cast<std::uint32_t>(c), static_cast<std::uint32_t>(s.block), s.position.x,
                    s.position.y, s.position.z, s.container});
  }
  return rows;
}

void TerminalYard::track(int crane) {
  if (!log_) return;
  const CraneState& s = cranes_[crane];
  log_->record_crane({Simulation::now(), static_cast<std::uint32_t>(crane), static_cast<std::uint32_t>(s.block),
                      s.position.x, s.position.y, s.position.z, s.container, s.desk});
}

double TerminalYard::crane_utilisation(double now) const {
  return cranes_.empty() ? 0 : busy_.mean(now) / static_cast<double>(cranes_.size());
}

double TerminalYard::occupancy(int block) const {
  const yard::Block& b = blocks_[block];
  return static_cast<double>(b.occupied()) / b.capacity();
}

}  // namespace porttwin::terminal

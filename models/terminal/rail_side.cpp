#include "models/terminal/rail_side.hpp"

#include <algorithm>
#include <cmath>

#include "models/terminal/record/terminal_events.hpp"
#include "models/terminal/transport.hpp"
#include "sim/engine/delay.hpp"

namespace porttwin::terminal {

RailSide::RailSide(Simulation& sim, const TerminalConfig& config, ContainerRegistry& registry, TerminalYard& yard,
                   TruckGate& gate)
    : sim_(sim),
      config_(config),
      registry_(registry),
      yard_(yard),
      gate_(gate),
      stream_(sim.stream("terminal.rail")),
      place_(config.has_rail ? sim.recorder().place("terminal.rail") : 0),  // no place without a rail side: the others keep their numbers
      rail_{config.rail.x, config.rail.y, 0},
      wait_(sim.batch_plan()) {}

double RailSide::departure_time(std::int64_t train) const {
  return config_.rail.first_departure + static_cast<double>(train) * config_.rail.interval;
}

void RailSide::start() {
  if (!config_.has_rail) return;
  for (std::int64_t k = 0; departure_time(k) < sim_.horizon(); ++k) {
    after(departure_time(k), [this, k] { depart(k); });
  }
}

void RailSide::plan(yard::ContainerId id, bool tell_customs) {
  ContainerRecord& r = registry_.at(id);
  const double dwell = config_.dwell.transit_dwell.sample(stream_);
  r.box.expected_pickup = Simulation::now() + dwell;
  r.box.actual_pickup = r.box.expected_pickup;
  if (tell_customs) gate_.customs_entered(id, r.box.category);
  after(dwell, [this, id] { due(id); });
}

void RailSide::restore_plan(yard::ContainerId id) {
  ContainerRecord& r = registry_.at(id);
  const double now = Simulation::now();
  if (r.box.expected_pickup <= 0) return plan(id, false);
  r.box.actual_pickup = r.box.expected_pickup;
  after(std::max(0.0, r.box.expected_pickup - now), [this, id] { due(id); });
}

// Due: customs first, then its device, then the yard crane.
void RailSide::due(yard::ContainerId id) {
  if (gate_.customs_held(id)) {
    held_since_[id] = Simulation::now();
    return;
  }
  const auto& transit = gate_.transit();
  if (!transit.want_device) return fetch(id);
  transit.want_device(id, [this, id] { fetch(id); });
}

bool RailSide::customs_released(yard::ContainerId id, double& waited) {
  const auto it = held_since_.find(id);
  if (it == held_since_.end()) return false;
  waited = Simulation::now() - it->second;
  held_since_.erase(it);
  due(id);
  return true;
}

void RailSide::fetch(yard::ContainerId id) {
  const ContainerRecord& r = registry_.at(id);
  if (r.place == Place::Overflow) {
    registry_.move(id, Place::Overflow, Place::OnTrain);
    return at_rail(id);
  }
  if (r.place != Place::InYard) {  // still on its way from the quay
    after(config_.trucks.pickup_retry, [this, id] { fetch(id); });
    return;
  }
  const int block = r.block;
  YardJob job;
  job.kind = YardJob::Kind::Deliver;
  job.container = id;
  job.carrier = Place::OnTrain;
  job.source = JobSource::BookedTruck;  // planned like a booked truck's
  const yard::Position lane = yard_.handover_point(block);
  job.done = [this, id, lane] { after(drive_time(lane, rail_, config_.rail.speed), [this, id] { at_rail(id); }); };
  yard_.submit(block, std::move(job));
}

void RailSide::at_rail(yard::ContainerId id) {
  at_rail_since_[id] = Simulation::now();
  const auto& transit = gate_.transit();
  if (transit.seal) return transit.seal(id, [this, id] { board(id); });
  board(id);
}

// The first train with room whose cut-off is still ahead.
void RailSide::board(yard::ContainerId id) {
  const double now = Simulation::now();
  auto k = static_cast<std::int64_t>(
      std::max(0.0, std::ceil((now + config_.rail.cutoff - config_.rail.first_departure) / config_.rail.interval - 1e-9)));
  while (departure_time(k) - config_.rail.cutoff < now ||
         static_cast<int>(loaded_[k].size()) >= config_.rail.capacity) {
    ++k;
  }
  loaded_[k].push_back(id);
}

void RailSide::depart(std::int64_t train) {
  const double now = Simulation::now();
  std::vector<yard::ContainerId> boxes = std::move(loaded_[train]);
  loaded_.erase(train);
  sim_.recorder().event(now, TerminalEvent::TrainDepart, static_cast<std::uint64_t>(train), place_,
                        static_cast<std::uint16_t>(std::min<std::size_t>(boxes.size(), 65535)));
  if (now >= sim_.warmup()) {
    ++trains_;
    boxes_ += static_cast<std::int64_t>(boxes.size());
  }
  const auto& transit = gate_.transit();
  for (yard::ContainerId id : boxes) {
    registry_.move(id, Place::OnTrain, Place::LeftByRail).train = static_cast<int>(train);
    wait_.add(now - at_rail_since_[id], now);
    at_rail_since_.erase(id);
    if (transit.departed) transit.departed(id);
  }
}

}  // namespace porttwin::terminal

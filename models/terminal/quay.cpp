#include "models/terminal/quay.hpp"

#include <algorithm>
#include <limits>

#include "sim/engine/delay.hpp"
#include "models/terminal/record/terminal_events.hpp"
#include "sim/engine/actor.hpp"

namespace porttwin::terminal {

namespace s4u = simgrid::s4u;

Quay::Quay(Simulation& sim, const TerminalConfig& config, ContainerRegistry& registry, TerminalYard& yard,
           std::vector<VesselCall>& calls, ImportHandler on_import)
    : sim_(sim),
      config_(config),
      registry_(registry),
      yard_(yard),
      calls_(calls),
      on_import_(std::move(on_import)),
      vehicles_(config.transport),
      restored_berths_(static_cast<std::size_t>(config.berths.count), -1),
      vessel_ready_(s4u::Semaphore::create(0)),
      place_(sim.recorder().place("quay")),
      transship_stream_(sim.stream("terminal.transshipment")),
      turnaround_(sim.batch_plan()),
      berth_wait_(sim.batch_plan()),
      gross_rate_(sim.batch_plan()),
      berth_rate_(sim.batch_plan()),
      berths_busy_(sim.batch_plan()) {
  const int count = config.berths.count * config.berths.cranes_per_berth;
  for (int c = 0; c < count; ++c) {
    Crane crane{{}, s4u::Semaphore::create(0), {}, s4u::Semaphore::create(0),
                s4u::Semaphore::create(config.quay_cranes.load_lookahead), {}, s4u::Semaphore::create(0),
                s4u::Semaphore::create(0), sim.stream("terminal.quay_crane." + std::to_string(c)), 0, 0};
    crane.next_failure = crane.stream.exponential(config.quay_cranes.mtbf);
    cranes_.push_back(std::move(crane));
  }
}

void Quay::start() {
  auto* host = s4u::Engine::get_instance()->host_by_name(config_.host);
  for (std::size_t i = 0; i < calls_.size(); ++i) {
    if (calls_[i].arrival >= sim_.horizon() || calls_[i].gone || calls_[i].restored) continue;
    after(calls_[i].arrival - Simulation::now(), [this, i] { vessel_arrives(static_cast<int>(i)); });
  }
  for (int call : restored_waiting_) {  // arrived before the run began: in the queue, in arrival order
    waiting_.push_back(call);
    vessel_ready_->release();
  }
  for (int b = 0; b < config_.berths.count; ++b) {
    spawn("berth-" + std::to_string(b), host, [this, b] {
      s4u::Actor::self()->daemonize();
      berth_loop(b);
    });
  }
  for (std::size_t c = 0; c < cranes_.size(); ++c) {
    const int crane = static_cast<int>(c);
    spawn("quay-crane-" + std::to_string(c), host, [this, crane] {
      s4u::Actor::self()->daemonize();
      crane_loop(crane);
    });
    spawn("quay-feeder-" + std::to_string(c), host, [this, crane] {
      s4u::Actor::self()->daemonize();
      feeder_loop(crane);
    });
  }
}

void Quay::vessel_arrives(int call) {
  sim_.recorder().event(Simulation::now(), TerminalEvent::VesselArrive, static_cast<std::uint64_t>(call), place_);
  waiting_.push_back(call);
  vessel_ready_->release();
}

void Quay::restore_at_berth(int call, int berth) {
  restored_berths_[static_cast<std::size_t>(berth)] = call;
  VesselCall& c = calls_[static_cast<std::size_t>(call)];
  c.restored = true;
  c.berthed = true;
  c.berth = berth;
}

void Quay::restore_waiting(int call) {
  calls_[static_cast<std::size_t>(call)].restored = true;
  restored_waiting_.push_back(call);
}

void Quay::berth_loop(int berth) {
  for (;;) {
    const int restored = restored_berths_[static_cast<std::size_t>(berth)];
    if (restored >= 0) {  // at this berth when the run began from a snapshot: its work goes on
      restored_berths_[static_cast<std::size_t>(berth)] = -1;
      berths_busy_.add(1, Simulation::now());
      work_call(calls_[static_cast<std::size_t>(restored)], berth);
      continue;
    }
    vessel_ready_->acquire();
    if (conditions_) conditions_->wait_until([this] { return conditions_->vessels_may_berth(); });
    VesselCall& call = calls_[waiting_.front()];
    waiting_.pop_front();
    const double start = Simulation::now();
    call.berthed = true;
    call.berth = berth;
    call.berth_time = start;
    berths_busy_.add(1, start);
    berth_wait_.add(start - call.arrival, start);
    sim_.recorder().event(start, TerminalEvent::Berth, static_cast<std::uint64_t>(call.index), place_,
                          static_cast<std::uint16_t>(berth));
    work_call(call, berth);
  }
}

void Quay::work_call(VesselCall& call, int berth) {
  const int per_berth = config_.berths.cranes_per_berth;
  const double start = Simulation::now();
  // The load list: what was delivered for this call; boxes still to come are rolled to the
  // service's next call (gate side), and so are boxes customs has not released.
  leave_held_exports(call);
  std::deque<yard::ContainerId> exports(call.exports.begin(), call.exports.end());
  const int cranes = std::min(call.cranes, per_berth);
  const int total_loads = static_cast<int>(exports.size());
  const int discharge = call.discharge - call.discharged;  // all of it, but after a snapshot
  for (int k = 0; k < cranes; ++k) {
    Order order;
    order.call = call.index;
    order.discharge = discharge / cranes + (k < discharge % cranes ? 1 : 0);
    const int loads = total_loads / cranes + (k < total_loads % cranes ? 1 : 0);
    for (int i = 0; i < loads; ++i) order.load.push_back(next_export(exports));
    Crane& crane = cranes_[berth * per_berth + k];
    crane.orders.push_back(std::move(order));
    crane.has_order->release();
  }
  for (int k = 0; k < cranes; ++k) cranes_[berth * per_berth + k].order_done->acquire();

  const double end = Simulation::now();
  call.departure = end;
  berths_busy_.add(-1, end);
  const double moves = call.discharge + static_cast<double>(call.exports.size());
  turnaround_.add(end - call.arrival, end);
  if (end > start && !call.restored) {  // a call restored mid-work has no whole rate
    gross_rate_.add(moves / (cranes * (end - start) / 3600), end);
    berth_rate_.add(moves / ((end - start) / 3600), end);
  }
  if (end >= sim_.warmup()) ++calls_completed_;
  sim_.recorder().event(end, TerminalEvent::VesselDepart, static_cast<std::uint64_t>(call.index), place_,
                        static_cast<std::uint16_t>(berth));
}

void Quay::leave_held_exports(VesselCall& call) {
  if (!customs_held_) return;
  std::vector<yard::ContainerId> held;
  std::erase_if(call.exports, [&](yard::ContainerId id) {
    if (!customs_held_(id)) return false;
    held.push_back(id);
    return true;
  });
  for (yard::ContainerId id : held) {
    if (Simulation::now() >= sim_.warmup()) customs_rolled_.insert(id);
    roll_(call.index, id);
  }
}

// Loading order: of the next quay_cranes.load_window exports on the list, the one with the fewest boxes on top
// of it now, as a planner sequences a bay from what lies on top (boxes in overflow have none).
yard::ContainerId Quay::next_export(std::deque<yard::ContainerId>& list) const {
  const auto window = static_cast<std::ptrdiff_t>(config_.quay_cranes.load_window);
  auto best = list.begin();
  int best_above = std::numeric_limits<int>::max();
  const auto end = list.begin() + std::min<std::ptrdiff_t>(window, static_cast<std::ptrdiff_t>(list.size()));
  for (auto it = list.begin(); it != end; ++it) {
    const ContainerRecord& r = registry_.at(*it);
    int above = 0;
    if (r.place == Place::InYard) {
      const yard::Block& block = yard_.blocks()[r.block];
      above = block.containers_above(block.find(*it).value());
    }
    if (above < best_above) {
      best = it;
      best_above = above;
      if (above == 0) break;
    }
  }
  const yard::ContainerId id = *best;
  list.erase(best);
  return id;
}

yard::Position Quay::crane_position(int crane) const {
  const int per_berth = config_.berths.cranes_per_berth;
  const int berth = crane / per_berth;
  const double spacing = config_.berths.length / per_berth;
  return {berth * config_.berths.length + (crane % per_berth + 0.5) * spacing, 0, 0};
}

yard::Category Quay::discharge_category(rng::Stream& stream) const {
  const double u = stream.uniform01();
  if (u < config_.vessels.discharge_reefer_share) return yard::Category::Reefer;
  if (u < config_.vessels.discharge_reefer_share + config_.vessels.discharge_empty_share) return yard::Category::Empty;
  return yard::Category::Import;
}

// A service's transshipment share of its full discharges (imports, reefers) goes to a later call.
bool Quay::transshipped(const VesselCall& call, yard::Category category) {
  const ServiceConfig& service = config_.vessels.services[static_cast<std::size_t>(call.service_index)];
  if (service.transshipment <= 0 || category == yard::Category::Empty) return false;
  return transship_stream_.bernoulli(service.transshipment);
}

void Quay::crane_loop(int c) {
  Crane& crane = cranes_[c];
  for (;;) {
    crane.has_order->acquire();
    Order order = std::move(crane.orders.front());
    crane.orders.pop_front();
    const VesselCall& call = calls_[order.call];
    for (int i = 0; i < order.discharge; ++i) discharge_one(c, call);
    const std::size_t loads = order.load.size();
    for (auto id : order.load) crane.to_fetch.push_back(id);
    for (std::size_t i = 0; i < loads; ++i) crane.fetch_ready->release();
    for (std::size_t i = 0; i < loads; ++i) load_one(c, order.call);
    crane.order_done->release();
  }
}

void Quay::cycle(int c) {
  Crane& crane = cranes_[c];
  if (crane.operated >= crane.next_failure) {
    const double down = config_.quay_cranes.repair.sample(crane.stream);
    sim_.recorder().event(Simulation::now(), TerminalEvent::Breakdown, static_cast<std::uint64_t>(c), place_);
    if (Simulation::now() >= sim_.warmup()) ++breakdowns_;
    s4u::this_actor::sleep_for(down);
    crane_work_ += Simulation::now() >= sim_.warmup() ? down : 0;
    sim_.recorder().event(Simulation::now(), TerminalEvent::Repaired, static_cast<std::uint64_t>(c), place_);
    crane.operated = 0;
    crane.next_failure = crane.stream.exponential(config_.quay_cranes.mtbf);
  }
  double t = config_.quay_cranes.cycle_time.sample(crane.stream);
  if (conditions_) {
    conditions_->wait_until([this] { return conditions_->quay_cranes_work(); });
    t *= conditions_->quay_slowdown();
  }
  s4u::this_actor::sleep_for(t);
  crane.operated += t;
  ++moves_total_;
  if (Simulation::now() >= sim_.warmup()) {
    crane_work_ += t;
    ++moves_;
  }
}

void Quay::discharge_one(int c, const VesselCall& call) {
  Crane& crane = cranes_[c];
  cycle(c);
  yard::Container box;
  box.id = registry_.next_id();
  box.category = discharge_category(crane.stream);
  const bool transship = transshipped(call, box.category);
  if (transship) box.category = yard::Category::Export;  // stacked with the exports
  box.arrival = Simulation::now();
  ContainerRecord& record = registry_.add(box, Place::OnVessel, call.index);
  record.transship = transship;
  record.call_in = call.index;
  ++calls_[static_cast<std::size_t>(call.index)].discharged;
  sim_.recorder().event(Simulation::now(), TerminalEvent::Discharge, box.id, place_, static_cast<std::uint16_t>(c));
  // Plans its way out, which sets the expected pickup the yard stacks by: a truck, or a later call.
  const int connection = transship ? plan_transship_(box.id, call.service_index) : -1;
  if (!transship) on_import_(box.id);  // decides whether it is in transit, too

  const auto block = yard_.assign_block(box.category, crane_position(c));
  if (!block) {
    registry_.move(box.id, Place::OnVessel, Place::Overflow);
    if (connection >= 0) file_transship_(connection, box.id);
    return;
  }
  const double wait_from = Simulation::now();
  vehicles_.acquire();
  if (wait_from >= sim_.warmup()) transport_wait_ += Simulation::now() - wait_from;
  registry_.move(box.id, Place::OnVessel, Place::OnVehicle);
  const yard::Position quay = crane_position(c);
  const yard::Position lane = yard_.handover_point(*block);
  const double there = vehicles_.leg(quay, lane), back = vehicles_.leg(lane, quay);
  const yard::ContainerId id = box.id;
  after(there, [this, id, block, back, connection] {
    YardJob job;
    job.kind = YardJob::Kind::Receive;
    job.container = id;
    job.carrier = Place::OnVehicle;
    job.source = JobSource::Quay;
    job.done = [this, back, id, connection] {
      if (connection >= 0) file_transship_(connection, id);
      after(back, [this] { vehicles_.release(); });
    };
    yard_.submit(*block, std::move(job));
  });
}

void Quay::feeder_loop(int c) {
  Crane& crane = cranes_[c];
  const yard::Position quay = crane_position(c);
  for (;;) {
    crane.fetch_ready->acquire();
    crane.lookahead->acquire();
    const yard::ContainerId id = crane.to_fetch.front();
    crane.to_fetch.pop_front();
    vehicles_.acquire();
    auto arrive = [this, c, id] {
      cranes_[c].arrived.push_back(id);
      cranes_[c].box_arrived->release();
      vehicles_.release();
    };
    const ContainerRecord& r = registry_.at(id);
    if (r.place == Place::Overflow) {
      registry_.move(id, Place::Overflow, Place::OnVehicle);
      after(2 * config_.transport.handover_time, arrive);
      continue;
    }
    const int block = r.block;
    const yard::Position lane = yard_.handover_point(block);
    const double there = vehicles_.leg(quay, lane), back = vehicles_.leg(lane, quay);
    after(there, [this, id, block, back, arrive] {
      YardJob job;
      job.kind = YardJob::Kind::Deliver;
      job.container = id;
      job.carrier = Place::OnVehicle;
      job.source = JobSource::Quay;
      job.done = [back, arrive] { after(back, arrive); };
      yard_.submit(block, std::move(job));
    });
  }
}

void Quay::load_one(int c, int call) {
  Crane& crane = cranes_[c];
  const double wait_from = Simulation::now();
  crane.box_arrived->acquire();
  if (wait_from >= sim_.warmup()) transport_wait_ += Simulation::now() - wait_from;
  const yard::ContainerId id = crane.arrived.front();
  crane.arrived.pop_front();
  cycle(c);
  ContainerRecord& loaded = registry_.move(id, Place::OnVehicle, Place::LeftByVessel);
  loaded.call_out = call;
  if (loaded.transship && Simulation::now() >= sim_.warmup()) {
    ++transshipped_;
  }
  sim_.recorder().event(Simulation::now(), TerminalEvent::Load, id, place_, static_cast<std::uint16_t>(c));
  crane.lookahead->release();
}

double Quay::transport_wait_share() const {
  const double total = crane_work_ + transport_wait_;
  return total > 0 ? transport_wait_ / total : 0;
}

}  // namespace porttwin::terminal

#include "models/terminal/truck_gate.hpp"

#include <algorithm>
#include <cmath>

#include "models/terminal/transport.hpp"
#include "models/yard/departure_info.hpp"
#include "sim/engine/delay.hpp"
#include "models/gate/record/gate_events.hpp"
#include "sim/engine/actor.hpp"

namespace porttwin::terminal {

TruckGate::TruckGate(Simulation& sim, const TerminalConfig& config, ContainerRegistry& registry, TerminalYard& yard,
                     std::vector<VesselCall>& calls, simgrid::s4u::Host* host)
    : sim_(sim),
      config_(config),
      registry_(registry),
      yard_(yard),
      calls_(calls),
      in_lanes_(sim, {"terminal.gate.in", config.gate.in_lanes, config.gate.in_transaction, false, -1, std::nullopt, "trucks"},
                host),
      desk_(sim, exception_desk_station("terminal.gate.exception_desk", config.gate.desk), host),
      out_lanes_(sim, {"terminal.gate.out", config.gate.out_lanes, config.gate.out_transaction, false, -1,
                       std::nullopt, "trucks"},
                 host),
      stream_(sim.stream("terminal.trucks")),
      identification_(sim, config.gate.ocr, "terminal.gate.ocr"),
      lane_stream_(sim.stream("terminal.gate.lanes")),
      place_(sim.recorder().place("terminal.gate")),
      gate_{config.gate.x, config.gate.y, 0},
      turn_time_(sim.batch_plan(), true),
      transaction_(sim.batch_plan()) {
  in_lanes_.on_finish([this](Job& truck) { after_in_lane(truck); });
  desk_.on_finish([this](Job& truck) { gate_in(truck); });
  out_lanes_.on_finish([this](Job& truck) { gate_out(truck); });
}

void TruckGate::start() {
  in_lanes_.start();
  desk_.start();
  out_lanes_.start();
  if (conditions_) {
    auto* host = simgrid::s4u::Engine::get_instance()->host_by_name(config_.host);
    spawn("terminal.gate.reopen", host, [this] {
      simgrid::s4u::Actor::self()->daemonize();
      reopen_loop();
    });
  }
  const double now = Simulation::now();
  if (replays_log()) return replay_log();  // the log's visits instead of planned ones
  for (std::size_t i = 0; i < calls_.size(); ++i) {
    const double plan_at = std::max(0.0, calls_[i].scheduled - config_.trucks.export_planning);
    if (plan_at >= sim_.horizon() || calls_[i].gone) continue;
    if (restored_ && plan_at < now) continue;  // planned before the snapshot: its exports are in it
    after(plan_at - now, [this, i] { generate_exports(static_cast<int>(i)); });
  }
}

void TruckGate::restore_visit(double arrival, bool booked, yard::ContainerId pickup, bool drops,
                              yard::Category category, int call) {
  if (booked) ++slot_bookings_[static_cast<std::int64_t>(std::floor(arrival / config_.trucks.slot_length))];
  Visit visit;
  visit.booked = booked;
  visit.arrival = arrival;
  visit.drops = drops;
  visit.drop_category = category;
  visit.call = call;
  visit.pickup = pickup;
  schedule_visit(visit);
}

void TruckGate::schedule_visit(const Visit& visit) {
  if (visit.pickup != yard::kNoContainer) {
    registry_.at(visit.pickup).box.actual_pickup = visit.arrival;
    pending_pickups_.emplace(visit.arrival, visit.pickup);
    pickup_time_[visit.pickup] = visit.arrival;
  }
  const std::uint64_t truck = sim_.next_entity();
  visits_.emplace(truck, visit);
  after(visit.arrival - Simulation::now(), [this, truck] { arrive(truck); });
}

void TruckGate::restore_pickup(yard::ContainerId id) {
  const ContainerRecord& r = registry_.at(id);
  const double now = Simulation::now();
  const Distribution& dwell = dwell_of(r);
  const double spent = now - r.box.arrival;
  // Rejection: the dwell given it exceeds `spent`; a box already past (nearly) all of its
  // distribution leaves within a slot.
  double wanted = now + stream_.uniform01() * config_.trucks.slot_length;
  for (int tries = 0; tries < 1000; ++tries) {
    const double d = dwell.sample(stream_);
    if (d > spent) {
      wanted = r.box.arrival + d;
      break;
    }
  }
  add_pickup_visit(id, stream_.bernoulli(config_.trucks.appointment_share), wanted);
}

void TruckGate::add_pickup_visit(yard::ContainerId id, bool booked, double wanted) {
  ContainerRecord& r = registry_.at(id);
  const double now = Simulation::now();
  Visit visit;
  visit.booked = booked;
  visit.pickup = id;
  visit.arrival = booked ? booked_arrival(wanted) : std::max(now, wanted);
  if (r.box.expected_pickup <= 0) {
    r.box.expected_pickup = yard::expected_pickup_estimate(now, visit.arrival, config_.yard.stacking.pickup_noise_sd, stream_);
  }
  schedule_visit(visit);
}

void TruckGate::restore_on_truck(yard::ContainerId id, int call) {
  const double now = Simulation::now();
  Visit visit;
  visit.arrival = now;
  const std::uint64_t truck = sim_.next_entity();
  if (call >= 0) {  // an export on its way in: the visit begins again at the gate
    visit.drops = true;
    visit.drop = id;
    visit.call = call;
    visit.drop_category = registry_.at(id).box.category;
    visits_.emplace(truck, visit);
    after(0, [this, truck] { arrive(truck); });
    return;
  }
  visit.pickup = id;  // on its way out: it drives to the out-gate
  visits_.emplace(truck, visit);
  enter_stage(truck, TruckStage::Yard);
  leave(truck, gate_);
}

std::vector<TruckGate::PlannedVisit> TruckGate::planned_visits() const {
  const double now = Simulation::now();
  std::vector<std::pair<std::uint64_t, PlannedVisit>> out;
  for (const auto& [truck, v] : visits_) {
    PlannedVisit p;
    p.arrival = std::max(now, v.arrival);
    p.booked = v.booked;
    const bool inside = v.stage != TruckStage::Left;
    // A pickup still to come, or whose box is still in the yard (its truck starts again at the gate).
    const bool pickup_open = v.pickup != yard::kNoContainer && registry_.at(v.pickup).place != Place::OnTruck &&
                             !(taken_by_dual_.count(v.pickup) && !v.drops && !inside);
    if (pickup_open) p.pickup = v.pickup;
    // A drop-off not yet through the in-gate (its box does not exist yet).
    if (v.drops && v.drop == yard::kNoContainer) {
      p.drops = true;
      p.drop_category = v.drop_category;
      p.call = v.call;
    }
    if (inside) p.arrival = now;
    if (p.pickup != yard::kNoContainer || p.drops) out.emplace_back(truck, p);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<PlannedVisit> visits;
  visits.reserve(out.size());
  for (auto& [truck, p] : out) visits.push_back(p);
  return visits;
}

int TruckGate::drop_call(yard::ContainerId id) const {
  for (const auto& [truck, v] : visits_) {
    if (v.drops && v.drop == id) return v.call;
  }
  return -1;
}

void TruckGate::restore_exports_to_come(int c, int count) {
  const VesselCall& call = calls_[static_cast<std::size_t>(c)];
  const double now = Simulation::now();
  for (int i = 0; i < count; ++i) {
    double wanted = -1;
    for (int tries = 0; tries < 1000 && wanted < now; ++tries) wanted = call.scheduled - config_.dwell.export_lead.sample(stream_);
    if (wanted < now) wanted = now + stream_.uniform01() * std::max(0.0, call.scheduled - now);
    Visit visit;
    visit.call = c;
    visit.drops = true;
    visit.drop_category = load_category();
    new_visit(wanted, visit);
  }
}

yard::Category TruckGate::load_category() {
  const double u = stream_.uniform01();
  if (u < config_.vessels.load_reefer_share) return yard::Category::Reefer;
  if (u < config_.vessels.load_reefer_share + config_.vessels.load_empty_share) return yard::Category::Empty;
  return yard::Category::Export;
}

// Exports are planned trucks.export_planning before their call; a box whose delivery falls before the run
// start is in the yard already when the run begins, and leads longer than the planning window
// deliver at once.
void TruckGate::generate_exports(int c) {
  const VesselCall& call = calls_[c];
  const double now = Simulation::now();
  for (int i = 0; i < call.load; ++i) {
    const double wanted = call.scheduled - config_.dwell.export_lead.sample(stream_);
    const yard::Category category = load_category();
    if (wanted < 0 && now == 0 && !restored_) {
      yard::Container box;
      box.id = registry_.next_id();
      box.category = category;
      box.expected_pickup = call.scheduled;
      registry_.add(box, Place::OnVessel, c);  // "OnVessel" until stacked: it comes from before the run
      if (const auto block = yard_.assign_block(category, gate_)) {
        yard_.stack_initial(box.id, *block);
      } else {
        registry_.move(box.id, Place::OnVessel, Place::Overflow);
      }
      file_export(c, box.id);
      continue;
    }
    Visit visit;
    visit.call = c;
    visit.drops = true;
    visit.drop_category = category;
    new_visit(std::max(now, wanted), visit);
  }
}

// The slot of the wanted time, or the first later one with room; the truck arrives at a uniform
// time within it (never before now).
double TruckGate::booked_arrival(double wanted) {
  const double length = config_.trucks.slot_length;
  auto slot = static_cast<std::int64_t>(std::floor(wanted / length));
  while (slot_bookings_[slot] >= config_.trucks.slot_capacity) ++slot;
  ++slot_bookings_[slot];
  return std::max(Simulation::now(), (static_cast<double>(slot) + stream_.uniform01()) * length);
}

void TruckGate::new_visit(double wanted, Visit visit) {
  visit.booked = stream_.bernoulli(config_.trucks.appointment_share);
  const double at = visit.booked ? booked_arrival(wanted) : wanted;
  const std::uint64_t truck = sim_.next_entity();
  visit.arrival = at;
  visits_.emplace(truck, visit);
  after(at - Simulation::now(), [this, truck] { arrive(truck); });
}

const Distribution& TruckGate::dwell_of(const ContainerRecord& r) const {
  return r.transit >= 0                               ? config_.dwell.transit_dwell
         : r.box.category == yard::Category::Reefer  ? config_.dwell.reefer_dwell
         : r.box.category == yard::Category::Empty ? config_.dwell.empty_dwell
                                                   : config_.dwell.import_dwell;
}

void TruckGate::plan_pickup(yard::ContainerId id, bool tell_customs) {
  ContainerRecord& r = registry_.at(id);
  const double now = Simulation::now();
  const Distribution& dwell = dwell_of(r);
  if (replays_log()) {  // no truck planned: the log's pickups take it; the yard still expects one
    r.box.expected_pickup =
        yard::expected_pickup_estimate(now, now + dwell.sample(stream_), config_.yard.stacking.pickup_noise_sd, stream_);
    if (r.box.category != yard::Category::Empty) unnamed_imports_[owner_of(id)].push_back(id);
    if (customs_.entered && tell_customs) customs_.entered(id, r.box.category, false);
    return;
  }
  Visit visit;
  visit.pickup = id;
  visit.booked = stream_.bernoulli(config_.trucks.appointment_share);
  const double wanted = now + dwell.sample(stream_);
  const double at = visit.booked ? booked_arrival(wanted) : wanted;
  r.box.actual_pickup = at;
  r.box.expected_pickup =
      yard::expected_pickup_estimate(now, at, config_.yard.stacking.pickup_noise_sd, stream_);
  pending_pickups_.emplace(at, id);
  pickup_time_[id] = at;
  const std::uint64_t truck = sim_.next_entity();
  visit.arrival = at;
  visits_.emplace(truck, visit);
  after(at - now, [this, truck] { arrive(truck); });
  if (customs_.entered && tell_customs) customs_.entered(id, r.box.category, false);
}

double TruckGate::customs_released(yard::ContainerId id) {
  if (double waited = 0; release_listener_ && release_listener_(id, waited)) return waited;
  auto it = awaiting_release_.find(id);
  if (it == awaiting_release_.end()) return -1;
  const auto [truck, since] = it->second;
  awaiting_release_.erase(it);
  arrive(truck);
  return Simulation::now() - since;
}

double TruckGate::lane_time(const Visit& v) {
  const auto& g = config_.gate;
  if (conditions_ && conditions_->gate_mode() == GateMode::Manual) return conditions_->manual_transaction().sample(lane_stream_);
  double t = g.in_transaction.sample(lane_stream_);
  if (v.drops && v.drop_category != yard::Category::Empty) t += g.seal_check.sample(lane_stream_);  // sealed box
  if (!lane_stream_.bernoulli(g.pre_cleared)) t += g.document_check.sample(lane_stream_);
  return t;
}

void TruckGate::arrive(std::uint64_t truck, double arrived) {
  if (conditions_ && !conditions_->gate_open()) {  // closed by the wind: it waits outside
    at_closed_gate_.emplace_back(truck, arrived >= 0 ? arrived : Simulation::now());
    return;
  }
  auto it = visits_.find(truck);
  Visit& v = it->second;
  if (v.log_row >= 0 && !v.resolved) resolve_logged(v);
  if (!v.drops && v.refusal == 0) {
    if (taken_by_dual_.erase(v.pickup)) {  // a dual truck came for this box already
      visits_.erase(it);
      return;
    }
    if (customs_held(v.pickup)) {  // held by customs: the truck waits for the release
      awaiting_release_[v.pickup] = {truck, Simulation::now()};
      return;
    }
    if (waits_for_device(truck, v.pickup)) return;
    pending_pickups_.erase({pickup_time_[v.pickup], v.pickup});
    pickup_time_.erase(v.pickup);
  }
  const double now = Simulation::now();
  // A drop-off truck that also takes an import: the one planned soonest within a slot from now.
  if (v.log_row < 0 && v.drops && stream_.bernoulli(config_.trucks.dual_share)) {
    auto pick = pending_pickups_.lower_bound({now - config_.trucks.slot_length, yard::kNoContainer});
    if (pick != pending_pickups_.end() && pick->first <= now + config_.trucks.slot_length &&
        registry_.at(pick->second).place == Place::InYard && registry_.at(pick->second).transit < 0 &&
        !customs_held(pick->second)) {
      v.pickup = pick->second;
      taken_by_dual_.insert(pick->second);
      pickup_time_.erase(pick->second);
      pending_pickups_.erase(pick);
      if (now >= sim_.warmup()) ++dual_;
    }
  }
  v.arrival = arrived >= 0 ? arrived : now;
  Job job;
  job.id = truck;
  job.created = now;
  job.service_time = lane_time(v);
  v.lane_start = job.service_time;  // the lane time, until the lane finishes
  sim_.recorder().event(now, EventKind::Enter, truck, place_);
  enter_stage(truck, TruckStage::InGate);
  in_lanes_.arrive(job);
}

void TruckGate::after_in_lane(Job& truck) {
  const double now = Simulation::now();
  Visit& v = visits_.at(truck.id);
  v.lane_start = now - v.lane_start;
  if (v.refusal != 0) {  // the lane's check found its box unavailable: turned away, never gated in
    if (now >= sim_.warmup()) ++refused_;
    sim_.recorder().event(now, GateEvent::GateRefused, truck.id, place_, v.refusal);
    enter_stage(truck.id, TruckStage::Left);
    visits_.erase(truck.id);
    return;
  }
  if (!needs_clerk(v)) return gate_in(truck);
  if (now >= sim_.warmup()) ++exceptions_;
  sim_.recorder().event(now, GateEvent::GateException, truck.id, place_);
  enter_stage(truck.id, TruckStage::ExceptionDesk);
  desk_.arrive(truck);
}

// The OCR misses some trucks (day and night accuracy); without the TOS only booked trucks are on the
// cached white list; in manual processing every truck is keyed in by a clerk.
bool TruckGate::needs_clerk(const Visit& v) {
  if (conditions_) {
    const GateMode mode = conditions_->gate_mode();
    if (mode == GateMode::Manual || (mode == GateMode::WhiteList && !v.booked)) return true;
  }
  return !identification_.identified(Simulation::now());
}

// Trucks held outside a gate closed by the wind go in when it opens again, in arrival order.
void TruckGate::reopen_loop() {
  for (;;) {
    conditions_->wait_until([this] { return !at_closed_gate_.empty() && conditions_->gate_open(); });
    auto waiting = std::move(at_closed_gate_);
    at_closed_gate_.clear();
    for (const auto& [truck, since] : waiting) arrive(truck, since);
  }
}

void TruckGate::gate_in(const Job& truck) {
  const double now = Simulation::now();
  const Visit& v = visits_.at(truck.id);
  ++gate_in_total_;
  if (now >= sim_.warmup()) ++trucks_in_;
  transaction_.add(now - v.lane_start, now);
  sim_.recorder().event(now, GateEvent::GateIn, truck.id, place_);
  visit_rows_.push_back({truck.id, v.drop, v.pickup, now});  // a new export's id: drop_off, next
  enter_stage(truck.id, TruckStage::Yard);  // inside; the block follows once known
  if (v.drops) return drop_off(truck.id);
  pick_up(truck.id, gate_);
}

void TruckGate::drop_off(std::uint64_t truck) {
  Visit& v = visits_.at(truck);
  yard::Container box;
  if (v.log_row >= 0) v.call = export_call(config_.trucks.arrivals.visits->containers[static_cast<std::size_t>(v.log_row)]);
  if (v.drop == yard::kNoContainer) {
    box.id = registry_.next_id();
    box.category = v.drop_category;
    box.arrival = Simulation::now();
    // A box for no call of the run (a logged one past the last) is expected an export lead from now.
    box.expected_pickup = v.call >= 0 ? calls_[v.call].scheduled : Simulation::now() + config_.dwell.export_lead.mean();
    registry_.add(box, Place::OnTruck, v.call);
    if (v.log_row >= 0) name(box.id, config_.trucks.arrivals.visits->containers[static_cast<std::size_t>(v.log_row)]);
    v.drop = box.id;
    visit_rows_.back().drop = box.id;  // gate_in pushed this truck's row just now
  } else {  // it came by the corridor, on this truck since the port station
    ContainerRecord& r = registry_.at(v.drop);
    r.box.arrival = Simulation::now();
    r.box.expected_pickup = calls_[v.call].scheduled;
    r.vessel = v.call;
    box = r.box;
  }
  if (customs_.entered) customs_.entered(box.id, box.category, true);
  const auto block = yard_.assign_block(box.category, gate_);
  if (!block) {
    registry_.move(box.id, Place::OnTruck, Place::Overflow);
    file_export(v.call, box.id);
    return pick_up(truck, gate_);
  }
  visit_block(truck, gate_, *block, YardJob::Kind::Receive, box.id, [this, truck](yard::Position lane) {
    const Visit& done = visits_.at(truck);
    file_export(done.call, done.drop);
    pick_up(truck, lane);
  });
}

// Drives the truck from `from` to the lane of `block`, where the yard crane takes (Receive) or
// gives (Deliver) `box`; `then` runs at that handover, with the truck's position.
void TruckGate::visit_block(std::uint64_t truck, yard::Position from, int block, YardJob::Kind kind,
                            yard::ContainerId box, std::function<void(yard::Position)> then) {
  const yard::Position lane = yard_.handover_point(block);
  enter_stage(truck, TruckStage::Yard, block);
  after(drive_time(from, lane, config_.gate.truck_speed), [this, truck, block, kind, box, lane, then] {
    YardJob job;
    job.kind = kind;
    job.container = box;
    job.carrier = Place::OnTruck;
    job.source = visits_.at(truck).booked ? JobSource::BookedTruck : JobSource::WalkInTruck;
    job.done = [lane, then] { then(lane); };
    yard_.submit(block, std::move(job));
  });
}

void TruckGate::pick_up(std::uint64_t truck, yard::Position from) {
  const Visit& v = visits_.at(truck);
  if (v.pickup == yard::kNoContainer) return leave(truck, from);
  const ContainerRecord& r = registry_.at(v.pickup);
  if (r.place == Place::Overflow) {
    registry_.move(v.pickup, Place::Overflow, Place::OnTruck);
    return leave(truck, from);
  }
  if (r.place != Place::InYard) {  // still on its way from the quay
    after(config_.trucks.pickup_retry, [this, truck, from] { pick_up(truck, from); });
    return;
  }
  visit_block(truck, from, r.block, YardJob::Kind::Deliver, v.pickup,
              [this, truck](yard::Position lane) { leave(truck, lane); });
}

void TruckGate::leave(std::uint64_t truck, yard::Position from) {
  after(drive_time(from, gate_, config_.gate.truck_speed), [this, truck] {
    enter_stage(truck, TruckStage::OutGate);
    const yard::ContainerId box = visits_.at(truck).pickup;
    if (sealed_here(box)) return transit_.seal(box, [this, truck] { out_gate(truck); });
    out_gate(truck);
  });
}

bool TruckGate::sealed_here(yard::ContainerId box) const {
  return box != yard::kNoContainer && registry_.at(box).transit >= 0 && transit_.seal;
}

void TruckGate::out_gate(std::uint64_t truck) {
  const Visit& v = visits_.at(truck);
  Job job;
  job.id = truck;
  job.created = v.arrival;
  if (sealed_here(v.pickup)) {
    // A sealed transit box: the out-gate checks its seal against the declaration.
    job.service_time = config_.gate.out_transaction.sample(lane_stream_) + config_.gate.seal_check.sample(lane_stream_);
  }
  out_lanes_.arrive(job);
}

// A transit box leaves only with its device: the first truck to come for it asks the port store; a
// truck that finds none ready waits at the gate or, rebooking, goes away and a new visit is booked.
bool TruckGate::waits_for_device(std::uint64_t truck, yard::ContainerId box) {
  if (registry_.at(box).transit < 0 || !transit_.want_device || device_granted_.count(box)) return false;
  if (device_asked_.insert(box).second) transit_.want_device(box, [this, box] { device_ready(box); });
  if (device_granted_.count(box)) return false;  // the store had one ready
  if (transit_.rebook) {
    ++rebooked_;
    rebooking_.insert(box);
    enter_stage(truck, TruckStage::Left);
    visits_.erase(truck);
    return true;
  }
  awaiting_device_[box] = {truck, Simulation::now()};
  return true;
}

void TruckGate::device_ready(yard::ContainerId box) {
  device_granted_.insert(box);
  if (rebooking_.erase(box)) {
    Visit visit;
    visit.pickup = box;
    new_visit(Simulation::now() + transit_.rebook_lead, visit);
    return;
  }
  auto it = awaiting_device_.find(box);
  if (it == awaiting_device_.end()) return;
  const auto [truck, since] = it->second;
  awaiting_device_.erase(it);
  arrive(truck, since);  // its wait at the gate is part of its turn time
}

void TruckGate::gate_out(const Job& truck) {
  const double now = Simulation::now();
  auto it = visits_.find(truck.id);
  const yard::ContainerId box = it->second.pickup;
  if (box != yard::kNoContainer) registry_.move(box, Place::OnTruck, Place::LeftByTruck);
  turn_time_.add(now - it->second.arrival, now);
  interval_turn_sum_ += now - it->second.arrival;
  ++interval_turns_;
  if (now >= sim_.warmup()) ++trucks_out_;
  sim_.recorder().event(now, GateEvent::GateOut, truck.id, place_);
  enter_stage(truck.id, TruckStage::Left);
  visits_.erase(it);
  if (box != yard::kNoContainer && registry_.at(box).transit >= 0 && transit_.departed) {
    device_asked_.erase(box);
    device_granted_.erase(box);
    transit_.departed(box);
  }
}

void TruckGate::receive_export(yard::ContainerId box) {
  registry_.move(box, Place::Inland, Place::OnTruck);
  const double now = Simulation::now();
  int call = 0;
  while (call + 1 < static_cast<int>(calls_.size()) && calls_[call].berthed) ++call;
  Visit visit;
  visit.call = call;
  visit.drops = true;
  visit.drop_category = registry_.at(box).box.category;
  visit.drop = box;
  visit.arrival = now;
  const std::uint64_t truck = sim_.next_entity();
  visits_.emplace(truck, visit);
  arrive(truck);
}

int TruckGate::plan_transship(yard::ContainerId box, int service) {
  const double from = Simulation::now() + config_.vessels.transshipment_connection;
  const bool others = config_.vessels.services.size() > 1;
  for (std::size_t i = 0; i < calls_.size(); ++i) {
    const VesselCall& c = calls_[i];
    if (c.berthed || c.scheduled < from || (others && c.service_index == service)) continue;
    registry_.at(box).box.expected_pickup = c.scheduled;
    return static_cast<int>(i);
  }
  return -1;
}

// An export joins its call's load list once it is stacked; after the call has berthed, the next
// call of the same service takes it (the box is rolled).
void TruckGate::file_export(int call, yard::ContainerId id) {
  bool rolled = false;
  while (call >= 0 && call < static_cast<int>(calls_.size()) && calls_[call].berthed) {
    call = next_call_of_service(calls_, call);
    rolled = true;
  }
  if (rolled && Simulation::now() >= sim_.warmup()) ++rolled_;
  if (call >= 0 && call < static_cast<int>(calls_.size())) {
    calls_[call].exports.push_back(id);
    registry_.at(id).box.expected_pickup = calls_[call].scheduled;
  }
}

// The gate log's rows from now to the horizon, each a truck at the in-gate at its logged time exactly;
// each row schedules the next, so the log's order holds within an instant.
void TruckGate::replay_log() {
  const scenario::TraceLog& log = *config_.trucks.arrivals.visits->log;
  std::size_t row = 0;
  while (row < log.times.size() && log.sim_time(row, sim_.calendar(0)) < Simulation::now()) ++row;
  if (row < log.times.size() && log.sim_time(row, sim_.calendar(0)) < sim_.horizon()) {
    at_time(log.sim_time(row, sim_.calendar(0)), [this, row] { logged_arrival(row); });
  }
}

void TruckGate::logged_arrival(std::size_t row) {
  const VisitLog& log = *config_.trucks.arrivals.visits;
  if (row + 1 < log.types.size() && log.log->sim_time(row + 1, sim_.calendar(0)) < sim_.horizon()) {
    at_time(log.log->sim_time(row + 1, sim_.calendar(0)), [this, row] { logged_arrival(row + 1); });
  }
  const VisitType type = log.types[row];
  Visit visit;
  visit.log_row = static_cast<int>(row);
  visit.drops = type != VisitType::ImportPickup;
  visit.drop_category = type == VisitType::EmptyReturn ? yard::Category::Empty : yard::Category::Export;
  visit.log_dual = type == VisitType::Dual;
  visit.arrival = Simulation::now();
  const std::uint64_t truck = sim_.next_entity();
  visits_.emplace(truck, visit);
  arrive(truck);
}

// What the in-gate finds of a logged truck's boxes: the import it takes (the line's first discharged
// that is free), or why it is turned away.
bool TruckGate::resolve_logged(Visit& v) {
  v.resolved = true;
  const std::string& number = config_.trucks.arrivals.visits->containers[static_cast<std::size_t>(v.log_row)];
  const auto named = numbered_.find(number);
  const Place place = named == numbered_.end() ? Place::LeftByTruck : registry_.at(named->second).place;
  const bool in_terminal = named != numbered_.end() && place != Place::LeftByTruck && place != Place::LeftByVessel &&
                           place != Place::LeftByRail && place != Place::Inland;
  if (v.drops) {
    if (in_terminal) {
      v.refusal = static_cast<std::uint16_t>(Refusal::InTerminal);
      return false;
    }
    if (v.log_dual) {
      v.pickup = claim_import(number.substr(0, 4), true);
      if (v.pickup != yard::kNoContainer && Simulation::now() >= sim_.warmup()) ++dual_;
    }
    return true;
  }
  if (named != numbered_.end()) {  // the box the log names came by truck, or left already
    v.refusal = static_cast<std::uint16_t>(Refusal::NotAnImport);
    return false;
  }
  v.pickup = claim_import(number.substr(0, 4), false);
  if (v.pickup == yard::kNoContainer) {
    v.refusal = static_cast<std::uint16_t>(Refusal::NoImport);
    return false;
  }
  name(v.pickup, number);
  return true;
}

// The import of line `owner` discharged first, in the yard and not held by customs, taken off the
// free list; a line no service has (or `any_line`, after its own) takes any line's.
yard::ContainerId TruckGate::claim_import(const std::string& owner, bool any_line) {
  auto candidate = [this](std::deque<yard::ContainerId>& free) {
    for (auto it = free.begin(); it != free.end(); ++it) {
      const Place place = registry_.at(*it).place;
      if ((place == Place::InYard || place == Place::Overflow) && !customs_held(*it)) return it;
    }
    return free.end();
  };
  const bool line_calls = std::any_of(config_.vessels.services.begin(), config_.vessels.services.end(),
                                      [&](const ServiceConfig& s) { return s.owner == owner; });
  std::deque<yard::ContainerId>* from = nullptr;
  std::deque<yard::ContainerId>::iterator best;
  if (auto own = unnamed_imports_.find(owner); own != unnamed_imports_.end()) {
    if (auto it = candidate(own->second); it != own->second.end()) from = &own->second, best = it;
  }
  if (!from && (any_line || !line_calls)) {
    for (auto& [line, free] : unnamed_imports_) {
      if (auto it = candidate(free); it != free.end() && (!from || *it < *best)) from = &free, best = it;
    }
  }
  if (!from) return yard::kNoContainer;
  const yard::ContainerId id = *best;
  from->erase(best);
  registry_.at(id).box.actual_pickup = Simulation::now();
  return id;
}

// The call a logged export is for: its line's first not berthed (by scheduled arrival), or any
// service's when its line has none.
int TruckGate::export_call(const std::string& number) const {
  const std::string owner = number.substr(0, 4);
  int best = -1, any = -1;
  for (const VesselCall& c : calls_) {
    if (c.berthed || c.gone) continue;
    const bool line = config_.vessels.services[static_cast<std::size_t>(c.service_index)].owner == owner;
    if (line && (best < 0 || c.scheduled < calls_[static_cast<std::size_t>(best)].scheduled)) best = c.index;
    if (any < 0 || c.scheduled < calls_[static_cast<std::size_t>(any)].scheduled) any = c.index;
  }
  return best >= 0 ? best : any;
}

void TruckGate::name(yard::ContainerId id, const std::string& number) {
  numbered_[number] = id;
  if (name_box_) name_box_(id, number);
}

std::string TruckGate::owner_of(yard::ContainerId id) const {
  const ContainerRecord& r = registry_.at(id);
  return r.vessel >= 0 ? config_.vessels.services[static_cast<std::size_t>(calls_[static_cast<std::size_t>(r.vessel)].service_index)].owner
                       : std::string();
}

void TruckGate::enter_stage(std::uint64_t truck, TruckStage stage, int block) {
  Visit& v = visits_.at(truck);
  v.stage = stage;
  v.block = block;
  if (log_) log_->record_truck({Simulation::now(), truck, stage, block});
}

std::vector<YardTruckRow> TruckGate::truck_rows(double now) const {
  std::vector<YardTruckRow> rows;
  for (const auto& [truck, v] : visits_) {
    if (v.stage != TruckStage::Left) rows.push_back({now, truck, v.stage, v.block});
  }
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.truck < b.truck; });
  return rows;
}

double TruckGate::take_interval_turn_time() {
  const double mean = interval_turns_ ? interval_turn_sum_ / static_cast<double>(interval_turns_) : 0;
  interval_turn_sum_ = 0;
  interval_turns_ = 0;
  return mean;
}

double TruckGate::in_gate_capacity(double now) const {
  const double busy_hours = in_lanes_.busy_servers().mean(now) * (now - sim_.warmup()) / 3600;
  return busy_hours > 0 ? static_cast<double>(in_lanes_.completions()) / busy_hours * config_.gate.in_lanes : 0;
}

}  // namespace porttwin::terminal

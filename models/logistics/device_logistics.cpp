// The device logistics run-time (device_logistics.hpp), by section:
//   construction, stations, start          the stores, their check-in and charging stations
//   Trips taking and leaving devices       requests, waiting trips and their timeouts, fallbacks,
//                                          returns home, batched shipments back
//   At the store                           check-in, fault inspection, charging, ready, write-off
//   Dispatch                               the dispatcher actor, snapshots, reviews, shipments
//   Records                                KPI series and the summary
#include "models/logistics/device_logistics.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "models/logistics/flow_balance.hpp"
#include "sim/engine/delay.hpp"
#include "sim/engine/actor.hpp"
#include "sim/stats/ratio.hpp"

namespace porttwin::logistics {

namespace {

Supervision supervision_of(const std::string& action) {
  if (action == "escort") return Supervision::Escort;
  if (action == "mechanical_seal") return Supervision::MechanicalSeal;
  return Supervision::Unsupervised;
}

}  // namespace

DeviceLogistics::DeviceLogistics(Simulation& sim, const LogisticsConfig& config, CorridorLayout layout,
                                 simgrid::s4u::Host* host)
    : sim_(sim),
      config_(config),
      layout_(std::move(layout)),
      host_(host),
      loss_stream_(sim.stream("logistics.losses")),
      fault_stream_(sim.stream("logistics.faults")),
      return_stream_(sim.stream("logistics.returns")),
      device_waits_(sim.batch_plan(), true) {
  const std::size_t ns = layout_.stations.size(), nd = layout_.devices.size(), nr = layout_.routes.size();
  store_index_.assign(ns, std::vector<int>(nd, -1));
  stores_.resize(config.stores.size());
  for (std::size_t i = 0; i < config.stores.size(); ++i) {
    const StoreConfig& c = config.stores[i];
    DeviceStore& s = stores_[i];
    s.config = &c;
    s.name = layout_.stations[static_cast<std::size_t>(c.station.index)].name + "." +
             layout_.devices[static_cast<std::size_t>(c.device.index)].name;
    store_index_[static_cast<std::size_t>(c.station.index)][static_cast<std::size_t>(c.device.index)] = static_cast<int>(i);
    s.chargers = std::make_unique<Station>(
        sim, StationConfig{"logistics." + s.name + ".chargers", c.chargers, Distribution::constant(0), false, -1, std::nullopt, "devices"},
        host);
    s.chargers->on_start([this](Job& job) {
      fleet_.move(job.tag, DeviceState::AwaitingCharge, DeviceState::Charging).since = Simulation::now();
    });
    s.chargers->on_finish([this, i](Job& job) { charged(static_cast<int>(i), job.tag); });
    const double capacity = layout_.devices[static_cast<std::size_t>(c.device.index)].capacity;
    for (int k = 0; k < c.initial; ++k) s.ready.push_back(fleet_.add(c.device.index, static_cast<int>(i), capacity));
    s.ready_level.set(static_cast<double>(s.ready.size()), 0);
  }
  variant_.assign(nr, "domestic");
  loss_.assign(nr, kDefaultLoss);
  for (const auto& r : config.routes) {
    variant_[static_cast<std::size_t>(r.route.index)] = r.variant;
    loss_[static_cast<std::size_t>(r.route.index)] = r.loss;
  }
  awaiting_return_.resize(nr);
  road_km_.assign(ns, std::vector<double>(ns, 0));
  crosses_border_.assign(ns, std::vector<bool>(ns, false));
  for (std::size_t a = 0; a < ns; ++a) {
    for (std::size_t b = 0; b < ns; ++b) {
      road_km_[a][b] = corridor::great_circle_km(layout_.stations[a].where, layout_.stations[b].where) *
                       config.dispatch.road_factor;
    }
  }
  for (const auto& r : layout_.routes) {  // a route between two stations gives their road distance
    for (auto [a, b] : {std::pair{r.from, r.to}, std::pair{r.to, r.from}}) {
      road_km_[static_cast<std::size_t>(a)][static_cast<std::size_t>(b)] = r.km;
      crosses_border_[static_cast<std::size_t>(a)][static_cast<std::size_t>(b)] = r.crosses_border;
    }
  }
  demand_per_day_.assign(stores_.size(), 0);
  inflow_per_day_.assign(stores_.size(), 0);
  for (const auto& f : layout_.flows) {
    const auto& r = layout_.routes[static_cast<std::size_t>(f.route)];
    const int origin = store_of(r.from, f.device);
    if (origin >= 0) demand_per_day_[static_cast<std::size_t>(origin)] += f.per_day;
    if (variant_[static_cast<std::size_t>(f.route)] != "domestic") continue;  // they come back to the origin
    if (const int to = store_of(r.to, f.device); to >= 0) inflow_per_day_[static_cast<std::size_t>(to)] += f.per_day;
  }
  for (std::size_t i = 0; i < stores_.size(); ++i) stores_[i].forecast_per_day = demand_per_day_[i];
  free_vehicles_ = config.dispatch.vehicles;
}

int DeviceLogistics::store_of(int station, int type) const {
  return store_index_[static_cast<std::size_t>(station)][static_cast<std::size_t>(type)];
}

std::vector<Station*> DeviceLogistics::stations() {
  std::vector<Station*> out;
  for (auto& s : stores_) out.push_back(s.chargers.get());
  return out;
}

void DeviceLogistics::start() {
  for (auto& s : stores_) s.chargers->start();
  for (const Restart& r : restart_) {
    if (r.saved == DeviceState::Faulty) repair(r.store, r.id, fleet_.at(r.id).arrives);
    else if (r.saved == DeviceState::Charging) charge(r.store, r.id);
    else after(config_.charging.check_in, [this, si = r.store, id = r.id] { inspect(si, id); });
  }
  restart_.clear();
  bool one_way = false;
  for (const auto& v : variant_) one_way = one_way || v == "one_way";
  if (one_way) sim_.every(config_.returns.batch_interval, "logistics.batches", [this](double) { send_batches(); });
  if (config_.dispatch.policy != "none") {
    spawn("logistics.dispatcher", host_, [this] {
      simgrid::s4u::Actor::self()->daemonize();
      dispatcher();
    });
  }
}

// --- Trips taking and leaving devices -------------------------------------------------------

void DeviceLogistics::request(int route, int type, Granted granted) {
  const int station = layout_.routes[static_cast<std::size_t>(route)].from;
  const int si = store_of(station, type);
  if (si < 0) throw std::logic_error("no device store at station " + layout_.stations[static_cast<std::size_t>(station)].name);
  DeviceStore& s = stores_[static_cast<std::size_t>(si)];
  Waiter waiter{si, route, std::move(granted), Simulation::now()};
  if (counts()) ++s.requests;
  if (s.waiting.empty() && !s.ready.empty()) return give(si, waiter);
  if (counts()) ++s.stockouts;
  ++s.stockouts_all;
  if (config_.stockout.action != "wait") return fall_back(config_.stockout.action, waiter.granted);
  const std::uint64_t ticket = next_ticket_++;
  waiters_.emplace(ticket, std::move(waiter));
  s.waiting.push_back(ticket);
  after(config_.stockout.max_wait, [this, ticket] { time_out(ticket); });
}

void DeviceLogistics::give(int si, const Waiter& waiter) {
  DeviceStore& s = stores_[static_cast<std::size_t>(si)];
  const double waited = Simulation::now() - waiter.since;
  if (variant_[static_cast<std::size_t>(waiter.route)] != "domestic") ++s.returning;
  const DeviceId id = s.ready.front();
  s.ready.pop_front();
  s.ready_level.set(static_cast<double>(s.ready.size()), Simulation::now());
  ++fleet_.move(id, DeviceState::Ready, DeviceState::InUse).trips;
  ++s.reviewed_departures;
  if (counts()) {
    ++s.departures;
    ++trips_;
    ++supervised_[static_cast<std::size_t>(Supervision::Device)];
    if (waited > 0) {
      ++delayed_;
      ++s.waited_served;
      device_waits_.add(waited, Simulation::now());
    }
  }
  std::int64_t total = 0;
  for (const auto& st : stores_) total += static_cast<std::int64_t>(st.ready.size());
  if (min_ready_total_ < 0 || total < min_ready_total_) min_ready_total_ = total;
  if (config_.dispatch.policy == "reorder") reorder_check(si);
  waiter.granted(Supervision::Device, id);
}

void DeviceLogistics::serve_waiters(int si) {
  DeviceStore& s = stores_[static_cast<std::size_t>(si)];
  while (!s.waiting.empty() && !s.ready.empty()) {
    const std::uint64_t ticket = s.waiting.front();
    s.waiting.pop_front();
    auto it = waiters_.find(ticket);
    Waiter w = std::move(it->second);
    waiters_.erase(it);
    give(si, w);
  }
}

void DeviceLogistics::time_out(std::uint64_t ticket) {
  auto it = waiters_.find(ticket);
  if (it == waiters_.end()) return;  // served meanwhile
  Waiter w = std::move(it->second);
  waiters_.erase(it);
  auto& waiting = stores_[static_cast<std::size_t>(w.store)].waiting;
  waiting.erase(std::find(waiting.begin(), waiting.end(), ticket));
  if (counts()) {
    ++delayed_;
    device_waits_.add(Simulation::now() - w.since, Simulation::now());
  }
  fall_back(config_.stockout.fallback, w.granted);
}

void DeviceLogistics::fall_back(const std::string& action, const Granted& granted) {
  const Supervision how = supervision_of(action);
  if (counts()) {
    ++trips_;
    ++supervised_[static_cast<std::size_t>(how)];
  }
  granted(how, kNoDevice);
}

void DeviceLogistics::trip_done(int route, DeviceId id, double charge) {
  if (id == kNoDevice) return;
  Device& d = fleet_.at(id);
  d.charge = charge;
  const auto& r = layout_.routes[static_cast<std::size_t>(route)];
  const std::string& variant = variant_[static_cast<std::size_t>(route)];
  if (variant != "domestic") --stores_[static_cast<std::size_t>(d.store)].returning;  // until it is back, below
  if (layout_.devices[static_cast<std::size_t>(d.type)].trips_per_device == 1) {  // one-off: consumed
    fleet_.move(id, DeviceState::InUse, DeviceState::WrittenOff);
    return;
  }
  if (loss_stream_.bernoulli(loss_[static_cast<std::size_t>(route)])) {
    fleet_.move(id, DeviceState::InUse, DeviceState::Lost);
    return;
  }
  if (variant != "domestic") ++stores_[static_cast<std::size_t>(d.store)].returning;
  if (variant == "domestic") return arrive(store_of(r.to, d.type), id, DeviceState::InUse);
  if (variant == "one_way") {
    fleet_.move(id, DeviceState::InUse, DeviceState::AwaitingReturn);
    awaiting_return_[static_cast<std::size_t>(route)].push_back(id);
    return;
  }
  return_home(route, id);  // two-way: on the vehicle's return trip
}

void DeviceLogistics::return_home(int route, DeviceId id) {
  const auto& r = layout_.routes[static_cast<std::size_t>(route)];
  Device& d = fleet_.move(id, DeviceState::InUse, DeviceState::Returning);
  d.store = store_of(r.from, d.type);
  double delay = config_.returns.turnaround.sample(return_stream_) + r.km / config_.returns.speed * 3600;
  if (r.crosses_border) delay += config_.returns.border_handling.sample(return_stream_);
  d.arrives = Simulation::now() + delay;
  const int home = d.store;
  after(delay, [this, home, id] { arrive(home, id, DeviceState::Returning); });
}

void DeviceLogistics::send_batches() {
  for (std::size_t route = 0; route < awaiting_return_.size(); ++route) {
    auto& pool = awaiting_return_[route];
    if (pool.empty()) continue;
    const auto& r = layout_.routes[route];
    const std::size_t n = std::min(pool.size(), static_cast<std::size_t>(config_.returns.batch_capacity));
    std::vector<DeviceId> batch(pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(n));
    pool.erase(pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(n));
    int home = -1;
    for (DeviceId id : batch) {
      Device& d = fleet_.move(id, DeviceState::AwaitingReturn, DeviceState::Returning);
      home = d.store = store_of(r.from, d.type);
    }
    double delay = r.km / config_.returns.speed * 3600;
    if (r.crosses_border) delay += config_.returns.border_handling.sample(return_stream_);
    for (DeviceId id : batch) fleet_.at(id).arrives = Simulation::now() + delay;
    if (counts()) {
      ++batch_vehicles_;
      batch_km_ += 2 * r.km;
      returned_devices_ += static_cast<std::int64_t>(n);
    }
    after(delay, [this, home, batch] {
      for (DeviceId id : batch) arrive(home, id, DeviceState::Returning);
    });
  }
}

// --- At the store: check-in, faults, charging ------------------------------------------------

void DeviceLogistics::arrive(int si, DeviceId id, DeviceState from) {
  DeviceStore& s = stores_[static_cast<std::size_t>(si)];
  if (from == DeviceState::Returning) --s.returning;
  fleet_.move(id, from, DeviceState::AwaitingCharge).store = si;
  ++s.checked_in;
  if (counts()) {
    ++s.arrivals;
    if (s.held() > s.config->capacity) ++s.over_capacity;
  }
  after(config_.charging.check_in, [this, si, id] { inspect(si, id); });
}

void DeviceLogistics::inspect(int si, DeviceId id) {
  const Device& d = fleet_.at(id);
  if (d.trips >= layout_.devices[static_cast<std::size_t>(d.type)].trips_per_device) {
    return write_off(si, id, DeviceState::AwaitingCharge);  // worn out
  }
  if (!fault_stream_.bernoulli(config_.faults.probability)) return charge(si, id);
  if (fault_stream_.bernoulli(config_.faults.write_off)) return write_off(si, id, DeviceState::AwaitingCharge);
  DeviceStore& s = stores_[static_cast<std::size_t>(si)];
  fleet_.move(id, DeviceState::AwaitingCharge, DeviceState::Faulty);
  --s.checked_in;
  ++s.faulty;
  repair(si, id, -1);
}

void DeviceLogistics::repair(int si, DeviceId id, double repaired) {
  const double now = Simulation::now();
  const double delay = repaired < 0 ? config_.faults.repair.sample(fault_stream_) : repaired - now;
  fleet_.at(id).arrives = now + delay;
  after(delay, [this, si, id] {
    DeviceStore& st = stores_[static_cast<std::size_t>(si)];
    --st.faulty;
    ++st.checked_in;
    fleet_.move(id, DeviceState::Faulty, DeviceState::AwaitingCharge);
    charge(si, id);
  });
}

void DeviceLogistics::charge(int si, DeviceId id) {
  const Device& d = fleet_.at(id);
  const double missing = d.capacity - d.charge;
  if (missing <= 1e-12) return make_ready(si, id, DeviceState::AwaitingCharge);
  Job job;
  job.id = id;
  job.created = Simulation::now();
  job.tag = id;
  job.service_time = missing / config_.charging.rate * 3600;
  stores_[static_cast<std::size_t>(si)].chargers->arrive(job);
}

void DeviceLogistics::charged(int si, DeviceId id) {
  Device& d = fleet_.at(id);
  const double nominal = layout_.devices[static_cast<std::size_t>(d.type)].capacity;
  ++d.cycles;
  d.capacity = std::max(0.0, d.capacity - config_.ageing.fade_per_cycle * nominal);
  d.charge = d.capacity;
  if (d.capacity < config_.ageing.end_of_life * nominal) return write_off(si, id, DeviceState::Charging);
  make_ready(si, id, DeviceState::Charging);
}

void DeviceLogistics::make_ready(int si, DeviceId id, DeviceState from) {
  DeviceStore& s = stores_[static_cast<std::size_t>(si)];
  if (from == DeviceState::AwaitingCharge || from == DeviceState::Charging) --s.checked_in;
  if (from == DeviceState::Dispatched) --s.on_order;
  fleet_.move(id, from, DeviceState::Ready).store = si;
  s.ready.push_back(id);
  s.ready_level.set(static_cast<double>(s.ready.size()), Simulation::now());
  serve_waiters(si);
}

void DeviceLogistics::write_off(int si, DeviceId id, DeviceState from) {
  if (from == DeviceState::AwaitingCharge || from == DeviceState::Charging) --stores_[static_cast<std::size_t>(si)].checked_in;
  fleet_.move(id, from, DeviceState::WrittenOff);
}

// --- The twin's state ----------------------------------------------------------------------

void DeviceLogistics::save_state(snapshot::Json& section, const snapshot::SnapshotWriter& w,
                                 const std::vector<bool>& back_in_store) const {
  std::vector<int> waits_at(fleet_.size(), -1);  // one-way devices: the route they wait at
  for (std::size_t route = 0; route < awaiting_return_.size(); ++route) {
    for (DeviceId id : awaiting_return_[route]) waits_at[id] = static_cast<int>(route);
  }
  snapshot::Json devices = snapshot::Json::array();
  for (DeviceId id = 0; id < fleet_.size(); ++id) {
    const Device& d = fleet_.at(id);
    if (d.state == DeviceState::Lost || d.state == DeviceState::WrittenOff) continue;
    snapshot::Json v;
    v["id"] = d.serial;
    v["type"] = layout_.devices[static_cast<std::size_t>(d.type)].name;
    v["store"] = layout_.stations[static_cast<std::size_t>(stores_[static_cast<std::size_t>(d.store)].config->station.index)].name;
    v["state"] = kDeviceStateNames[static_cast<std::size_t>(back_in_store[id] ? DeviceState::Ready : d.state)];
    v["capacity"] = d.capacity;
    // On a charger: charged so far (restored, it is charged for the rest: the time left exactly).
    const double charging = d.state == DeviceState::Charging ? config_.charging.rate * (Simulation::now() - d.since) / 3600 : 0;
    v["charge"] = std::min(d.capacity, d.charge + charging);
    v["cycles"] = d.cycles;
    v["trips"] = back_in_store[id] ? d.trips - 1 : d.trips;  // the trip it was given for is not made
    if (d.state == DeviceState::AwaitingReturn) v["route"] = layout_.routes[static_cast<std::size_t>(waits_at[id])].name;
    if (d.state == DeviceState::Returning || d.state == DeviceState::Dispatched) v["arrives"] = w.time_text(d.arrives);
    if (d.state == DeviceState::Faulty) v["repaired"] = w.time_text(d.arrives);
    devices.push_back(std::move(v));
  }
  section["devices"] = std::move(devices);
  snapshot::Json away = snapshot::Json::array();
  for (double back : vehicles_back_) away.push_back({{"back", w.time_text(back)}});
  section["vehicles_away"] = std::move(away);
}

void DeviceLogistics::restore_state(const std::vector<SavedDevice>& devices, const std::vector<double>& vehicles_back) {
  const double now = Simulation::now();
  fleet_.clear();
  for (auto& s : stores_) {
    s.ready.clear();
    s.checked_in = s.faulty = s.on_order = s.returning = 0;
  }
  for (const SavedDevice& saved : devices) {
    const DeviceId id = fleet_.add(saved.type, saved.store, saved.capacity);
    Device& d = fleet_.at(id);
    d.serial = saved.id;
    d.charge = saved.charge;
    d.cycles = saved.cycles;
    d.trips = saved.trips;
    restored_serials_[saved.id] = id;
    DeviceStore& s = stores_[static_cast<std::size_t>(saved.store)];
    switch (saved.state) {
      case DeviceState::Ready: s.ready.push_back(id); break;
      case DeviceState::InUse: fleet_.move(id, DeviceState::Ready, DeviceState::InUse); break;  // restore_in_use
      case DeviceState::AwaitingCharge:
      case DeviceState::Charging:  // charging starts again
        fleet_.move(id, DeviceState::Ready, DeviceState::AwaitingCharge);
        ++s.checked_in;
        restart_.push_back({saved.store, id, saved.state});
        break;
      case DeviceState::Faulty:  // its repair goes on (drawn anew when the snapshot does not say when it ends)
        fleet_.move(id, DeviceState::Ready, DeviceState::Faulty).arrives = saved.repaired;
        ++s.faulty;
        restart_.push_back({saved.store, id, saved.state});
        break;
      case DeviceState::AwaitingReturn:
        fleet_.move(id, DeviceState::Ready, DeviceState::AwaitingReturn);
        awaiting_return_[static_cast<std::size_t>(saved.route)].push_back(id);
        ++s.returning;
        break;
      case DeviceState::Returning:
        fleet_.move(id, DeviceState::Ready, DeviceState::Returning).arrives = saved.arrives;
        ++s.returning;
        after(saved.arrives - now, [this, si = saved.store, id] { arrive(si, id, DeviceState::Returning); });
        break;
      case DeviceState::Dispatched:
        fleet_.move(id, DeviceState::Ready, DeviceState::Dispatched).arrives = saved.arrives;
        ++s.on_order;
        after(saved.arrives - now, [this, si = saved.store, id] { make_ready(si, id, DeviceState::Dispatched); });
        break;
      case DeviceState::Lost:
      case DeviceState::WrittenOff: throw std::logic_error("a snapshot listed a device out of service");
    }
  }
  for (auto& s : stores_) s.ready_level.set(static_cast<double>(s.ready.size()), now);
  free_vehicles_ = config_.dispatch.vehicles - static_cast<int>(vehicles_back.size());
  for (double back : vehicles_back) {
    vehicles_back_.insert(back);
    after(back - now, [this, back] {
      ++free_vehicles_;
      vehicles_back_.erase(vehicles_back_.find(back));
    });
  }
}

DeviceId DeviceLogistics::restore_in_use(std::uint32_t serial, int route) {
  const DeviceId id = restored_serials_.at(serial);
  if (variant_[static_cast<std::size_t>(route)] != "domestic") ++stores_[static_cast<std::size_t>(fleet_.at(id).store)].returning;
  return id;
}

// --- Dispatch ------------------------------------------------------------------------------

void DeviceLogistics::dispatcher() {
  for (;;) {
    simgrid::s4u::this_actor::sleep_for(config_.dispatch.review_period);
    review();
  }
}

double DeviceLogistics::travel_hours(int a, int b, double speed) const {
  double hours = road_km_[static_cast<std::size_t>(a)][static_cast<std::size_t>(b)] / speed;
  if (crosses_border_[static_cast<std::size_t>(a)][static_cast<std::size_t>(b)]) {
    hours += config_.returns.border_handling.mean() / 3600;
  }
  return hours;
}

DispatchSnapshot DeviceLogistics::snapshot() const {
  DispatchSnapshot snap;
  const std::size_t n = stores_.size();
  snap.km.assign(n, std::vector<double>(n, 0));
  snap.hours.assign(n, std::vector<double>(n, 0));
  for (std::size_t i = 0; i < n; ++i) {
    const DeviceStore& s = stores_[i];
    const StoreConfig& c = *s.config;
    StoreView v;
    v.device = c.device.index;
    v.ready = static_cast<int>(s.ready.size());
    v.pipeline = s.checked_in + s.on_order;
    v.waiting = static_cast<int>(s.waiting.size());
    v.held = s.held() + s.on_order;
    v.capacity = c.capacity;
    v.level = c.level;
    v.reorder_point = c.reorder_point;
    v.order_up_to = c.order_up_to;
    v.demand_per_day = s.forecast_per_day;
    v.inflow_per_day = inflow_per_day_[i];
    snap.stores.push_back(v);
    for (std::size_t j = 0; j < n; ++j) {
      const int a = c.station.index, b = stores_[j].config->station.index;
      snap.km[i][j] = road_km_[static_cast<std::size_t>(a)][static_cast<std::size_t>(b)];
      snap.hours[i][j] = travel_hours(a, b, config_.dispatch.speed);
    }
  }
  return snap;
}

void DeviceLogistics::review() {
  const double days = config_.dispatch.review_period / 86400;
  for (auto& s : stores_) {  // exponential smoothing of the observed demand
    const double observed = static_cast<double>(s.reviewed_departures) / days;
    s.forecast_per_day = (1 - config_.dispatch.smoothing) * s.forecast_per_day + config_.dispatch.smoothing * observed;
    s.reviewed_departures = 0;
  }
  const std::string& policy = config_.dispatch.policy;
  if (policy == "periodic") ship(periodic_plan(snapshot()));
  if (policy == "reorder") {
    for (std::size_t i = 0; i < stores_.size(); ++i) reorder_check(static_cast<int>(i));
  }
  if (policy == "optimised") {
    const double window = (config_.dispatch.review_period + config_.dispatch.max_lead) / 86400;
    ship(optimised_plan(snapshot(), config_.dispatch, window, free_vehicles_));
  }
}

void DeviceLogistics::reorder_check(int si) { ship(reorder_plan(snapshot(), si)); }

void DeviceLogistics::ship(const std::vector<Shipment>& plan) {
  const int per_vehicle = config_.dispatch.vehicle_capacity;
  for (const Shipment& sh : plan) {
    DeviceStore& from = stores_[static_cast<std::size_t>(sh.from)];
    const int devices = std::min({sh.devices, static_cast<int>(from.ready.size()), free_vehicles_ * per_vehicle});
    if (devices <= 0) continue;
    const int vehicles = (devices + per_vehicle - 1) / per_vehicle;
    free_vehicles_ -= vehicles;
    std::vector<DeviceId> load;
    for (int k = 0; k < devices; ++k) {
      load.push_back(from.ready.front());
      from.ready.pop_front();
      fleet_.move(load.back(), DeviceState::Ready, DeviceState::Dispatched).store = sh.to;
    }
    from.ready_level.set(static_cast<double>(from.ready.size()), Simulation::now());
    stores_[static_cast<std::size_t>(sh.to)].on_order += devices;
    const int a = from.config->station.index, b = stores_[static_cast<std::size_t>(sh.to)].config->station.index;
    const double km = road_km_[static_cast<std::size_t>(a)][static_cast<std::size_t>(b)];
    const double hours = travel_hours(a, b, config_.dispatch.speed);
    if (counts()) {
      ++shipments_;
      dispatched_devices_ += devices;
      vehicles_sent_ += vehicles;
      empty_device_km_ += devices * km;
      dispatch_cost_ += vehicles * (config_.dispatch.cost_per_vehicle + 2 * config_.dispatch.cost_per_km * km);
    }
    const int to = sh.to;
    for (DeviceId id : load) fleet_.at(id).arrives = Simulation::now() + hours * 3600;
    after(hours * 3600, [this, to, load] {
      for (DeviceId id : load) make_ready(to, id, DeviceState::Dispatched);
    });
    const double back = Simulation::now() + 2 * hours * 3600;
    for (int v = 0; v < vehicles; ++v) vehicles_back_.insert(back);
    after(2 * hours * 3600, [this, vehicles, back] {  // back empty
      free_vehicles_ += vehicles;
      for (int v = 0; v < vehicles; ++v) vehicles_back_.erase(vehicles_back_.find(back));
    });
  }
}

// --- Records ---------------------------------------------------------------------------------

void DeviceLogistics::declare_kpis(Recorder& r) {
  for (const auto& s : stores_) {
    const std::string p = "corridor.logistics." + s.name;
    kpi_ready_.push_back(r.kpi_series(p + ".ready", "devices", "Devices ready at the store"));
    kpi_checked_in_.push_back(r.kpi_series(p + ".charging", "devices", "Devices checked in, waiting for or on a charger"));
    kpi_faulty_.push_back(r.kpi_series(p + ".faulty", "devices", "Devices under repair at the store"));
    kpi_waiting_.push_back(r.kpi_series(p + ".waiting_trips", "trips", "Trips waiting for a device"));
    kpi_stockouts_.push_back(r.kpi_series(p + ".stockouts", "trips", "Trips that found no ready device, in the interval"));
    sampled_stockouts_.push_back(0);
  }
  kpi_in_use_ = r.kpi_series("corridor.logistics.in_use", "devices", "Devices sealed on trips");
  kpi_returning_ = r.kpi_series("corridor.logistics.returning", "devices",
                                "Devices on their way back: awaiting a batch, on a return or dispatch vehicle");
}

void DeviceLogistics::sample_kpis(Recorder& r) {
  const std::string broken = fleet_.conservation_error();
  if (!broken.empty()) throw std::logic_error("device conservation: " + broken);
  for (std::size_t i = 0; i < stores_.size(); ++i) {
    r.kpi_value(kpi_ready_[i], static_cast<double>(stores_[i].ready.size()));
    r.kpi_value(kpi_checked_in_[i], stores_[i].checked_in);
    r.kpi_value(kpi_faulty_[i], stores_[i].faulty);
    r.kpi_value(kpi_waiting_[i], static_cast<double>(stores_[i].waiting.size()));
    r.kpi_value(kpi_stockouts_[i], static_cast<double>(stores_[i].stockouts_all - sampled_stockouts_[i]));
    sampled_stockouts_[i] = stores_[i].stockouts_all;
  }
  r.kpi_value(kpi_in_use_, static_cast<double>(fleet_.count(DeviceState::InUse)));
  r.kpi_value(kpi_returning_, static_cast<double>(fleet_.count(DeviceState::AwaitingReturn) +
                                                  fleet_.count(DeviceState::Returning) +
                                                  fleet_.count(DeviceState::Dispatched)));
}

void DeviceLogistics::write_summary(Recorder& r, double now) const {
  const std::string broken = fleet_.conservation_error();
  if (!broken.empty()) throw std::logic_error("device conservation: " + broken);
  const double days = std::max(1e-9, (now - sim_.warmup()) / 86400);
  const std::string p = "corridor.logistics.";
  r.summary(p + "fleet", static_cast<double>(fleet_.size()), "devices", "Devices in the fleet at the start");
  for (std::size_t k = 0; k < kDeviceStates; ++k) {
    r.summary(p + "devices." + std::string(kDeviceStateNames[k]), static_cast<double>(fleet_.count(static_cast<DeviceState>(k))),
              "devices", "Devices in this state at the horizon (they add up to the fleet)");
  }
  std::int64_t requests = 0, stockouts = 0;
  Eigen::MatrixXd rates = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(stores_.size()), static_cast<Eigen::Index>(stores_.size()));
  for (const auto& f : layout_.flows) {
    const auto& route = layout_.routes[static_cast<std::size_t>(f.route)];
    const int a = store_of(route.from, f.device);
    const int b = variant_[static_cast<std::size_t>(f.route)] == "domestic" ? store_of(route.to, f.device) : a;
    if (a >= 0 && b >= 0) rates(a, b) += f.per_day;
  }
  const Eigen::VectorXd inflow = net_inflow(rates);
  const Eigen::VectorXd stationary = stationary_distribution(rates);
  for (std::size_t i = 0; i < stores_.size(); ++i) {
    const DeviceStore& s = stores_[i];
    const std::string q = p + s.name + ".";
    requests += s.requests;
    stockouts += s.stockouts;
    r.summary(q + "requests", static_cast<double>(s.requests), "trips", "Trips asking the store for a device");
    r.summary(q + "stockouts", static_cast<double>(s.stockouts), "trips", "Trips that found no ready device");
    r.summary(q + "stockout_share", stats::ratio(static_cast<double>(s.stockouts), static_cast<double>(s.requests)),
              "share", "Share of trips that found no ready device");
    r.summary(q + "net_inflow_per_day", static_cast<double>(s.arrivals - s.departures) / days, "devices/d",
              "Devices arriving (trips, returns) minus leaving on trips, per day, as measured");
    r.summary(q + "expected_net_inflow_per_day", inflow(static_cast<Eigen::Index>(i)), "devices/d",
              "Net inflow the flows imply (imbalance vector): > 0 piles up, < 0 runs dry");
    r.summary(q + "stationary_share", stationary(static_cast<Eigen::Index>(i)), "share",
              "Long-run share of a device's store visits at this store (stationary distribution)");
    r.summary(q + "ready.mean", s.ready_level.mean(now), "devices", "Time-average of ready devices");
    r.summary(q + "returning", s.returning, "devices",
              "Devices out on one-way or two-way trips from this store, or on their way back, at the horizon");
    r.summary(q + "over_capacity", static_cast<double>(s.over_capacity), "devices",
              "Devices arriving at the store when it was full");
    s.chargers->write_summary(r, now);
  }
  const double trips = static_cast<double>(trips_);
  r.summary(p + "stockout_probability", stats::ratio(static_cast<double>(stockouts), static_cast<double>(requests)),
            "share", "Share of trips that found no ready device at their origin", true);
  r.summary(p + "trips", trips, "trips", "Trips that asked for a device");
  for (std::size_t k = 0; k < kSupervisions; ++k) {
    r.summary(p + "trips." + std::string(kSupervisionNames[k]), static_cast<double>(supervised_[k]), "trips",
              "Trips that left under this supervision", k == static_cast<std::size_t>(Supervision::Unsupervised));
  }
  r.summary(p + "trips.delayed", static_cast<double>(delayed_), "trips", "Trips that waited for a device", true);
  r.summary(p + "device_wait.mean", device_waits_.mean(), "s",
            "Mean wait of the trips that waited for a device");
  r.summary(p + "device_wait.p95", device_waits_.quantile(0.95), "s",
            "95th percentile of the wait of the trips that waited");
  r.summary(p + "devices_needed", static_cast<double>(fleet_.size()) - static_cast<double>(std::max<std::int64_t>(0, min_ready_total_)),
            "devices", "Fleet minus the fewest ready devices seen at once across the stores: devices actually needed", true);
  r.summary(p + "dispatch.shipments", static_cast<double>(shipments_), "shipments", "Dispatch shipments");
  r.summary(p + "dispatch.devices", static_cast<double>(dispatched_devices_), "devices", "Devices moved by dispatch");
  r.summary(p + "dispatch.vehicles", static_cast<double>(vehicles_sent_), "vehicles", "Dispatch vehicles sent");
  r.summary(p + "dispatch.empty_device_km", empty_device_km_, "km", "Device-km moved empty by dispatch", true);
  r.summary(p + "dispatch.cost", dispatch_cost_, "USD", "Dispatch cost: vehicles and km (both legs)");
  r.summary(p + "returns.batch_vehicles", static_cast<double>(batch_vehicles_), "vehicles", "One-way batch return vehicles");
  r.summary(p + "returns.batch_devices", static_cast<double>(returned_devices_), "devices", "Devices returned in batches");
  const double fallback_cost =
      static_cast<double>(supervised_[static_cast<std::size_t>(Supervision::Escort)]) * config_.stockout.escort_cost +
      static_cast<double>(supervised_[static_cast<std::size_t>(Supervision::MechanicalSeal)]) * config_.stockout.mechanical_seal_cost;
  r.summary(p + "cost_per_trip", stats::ratio((dispatch_cost_ + fallback_cost), trips), "USD/trip",
            "Dispatch, escort and mechanical-seal cost per trip (device costs: corridor.device_cost_per_trip)", true);
}

}  // namespace porttwin::logistics

#include "models/terminal/terminal_model.hpp"

#include <algorithm>
#include <stdexcept>

#include "models/terminal/record/terminal_layout.hpp"
#include "models/terminal/terminal_state.hpp"
#include "models/yard/record/iso6346.hpp"
#include "models/yard/record/yard_layout.hpp"
#include "sim/record/h5_file.hpp"
#include "sim/stats/ratio.hpp"

namespace porttwin::terminal {

namespace {
std::vector<VesselCall> make_calls(Simulation& sim, const TerminalConfig& config) {
  rng::Stream stream = sim.stream("terminal.vessels");
  return vessel_calls(config.vessels, sim.horizon(), sim.calendar(0), stream);
}
}  // namespace

TerminalModel::TerminalModel(Simulation& sim, const TerminalConfig& config, const Platform& platform)
    : sim_(sim),
      config_(config),
      calls_(make_calls(sim, config)),
      yard_(sim, config, registry_),
      gate_(sim, config, registry_, yard_, calls_, platform.host(config.host)),
      quay_(sim, config, registry_, yard_, calls_,
            [this](yard::ContainerId id) {
              const bool told = decide_transit(id);
              if (registry_.at(id).by_rail) rail_.plan(id, !told);
              else gate_.plan_pickup(id, !told);
            }),
      rail_(sim, config, registry_, yard_, gate_),
      transit_stream_(sim.stream("terminal.transit")) {
  // The run replays files its scenario text does not hold: /meta names them and their hashes.
  if (const auto& v = config.vessels.arrivals.calls) {
    sim.recorder().meta("trace.terminal.vessels.arrivals", v->log->file + " sha256 " + v->log->sha256);
  }
  if (const auto& v = config.trucks.arrivals.visits) {
    sim.recorder().meta("trace.terminal.trucks.arrivals", v->log->file + " sha256 " + v->log->sha256);
  }
  gate_.set_box_namer([this](yard::ContainerId id, const std::string& number) { numbers_[id] = number; });
  gate_.set_release_listener([this](yard::ContainerId id, double& waited) { return rail_.customs_released(id, waited); });
  // The places its gate, quay and rail side registered, located for exchanged events (DCSA).
  for (const char* place : {"terminal.gate", "quay", "terminal.rail"}) {
    if (place == std::string_view("terminal.rail") && !config.has_rail) continue;
    const auto& l = config.location;
    sim.recorder().locate_place(sim.recorder().place(place), l.un_locode, l.facility_code, l.facility_code_list, "POTE");
  }
  if (sim.recorder().has_file()) {
    h5::Group root = sim.recorder().root_group();
    YardLogOptions options;
    options.keyframe_interval = config.keyframe_interval;
    options.chunk_rows = static_cast<std::size_t>(sim.settings().event_chunk_rows);
    options.deflate = sim.settings().deflate;
    log_ = std::make_unique<YardLog>(root, yard_.blocks(), options);
    h5::Group yard_group = root.open_group("yard");
    write_yard_plan(yard_group, yard_plan(config));  // the viewer draws the yard from it
  }
  quay_.set_customs([this](yard::ContainerId id) { return gate_.customs_held(id); },
                    [this](int call, yard::ContainerId id) { gate_.file_export(call, id); });
  quay_.set_transshipment([this](yard::ContainerId id, int service) { return gate_.plan_transship(id, service); },
                          [this](int call, yard::ContainerId id) { gate_.file_export(call, id); });
}

TerminalModel::~TerminalModel() = default;

// A full import of a service with transit shares draws where it goes, one uniform number over the
// shares that apply to its category and declared commodity (customs is told of the box first when a
// share names a commodity: the declaration says it); the rest stay in the country.
bool TerminalModel::decide_transit(yard::ContainerId id) {
  ContainerRecord& r = registry_.at(id);
  const auto& shares =
      config_.vessels.services[static_cast<std::size_t>(calls_[static_cast<std::size_t>(r.vessel)].service_index)].transit;
  if (shares.empty() || r.box.category == yard::Category::Empty) return false;
  bool told = false;
  int commodity = -1;
  if (std::any_of(shares.begin(), shares.end(), [](const TransitShareConfig& t) { return t.commodity.index >= 0; })) {
    gate_.customs_entered(id, r.box.category);
    told = true;
    commodity = gate_.declared_commodity(id);
  }
  const double u = transit_stream_.uniform01();
  double cumulative = 0;
  for (const auto& t : shares) {
    if (t.category != "any" && t.category != yard::category_name(r.box.category)) continue;
    if (t.commodity.index >= 0 && t.commodity.index != commodity) continue;
    cumulative += t.share;
    if (u < cumulative) {
      registry_.set_transit(id, t.flow);
      registry_.at(id).by_rail = t.mode == "rail";
      break;
    }
  }
  return told;
}

yard::ContainerId TerminalModel::expect_export(const std::string& number) {
  yard::Container box;
  box.id = registry_.next_id();
  box.category = yard::Category::Export;
  box.arrival = Simulation::now();
  registry_.add(box, Place::Inland, -1);
  if (!number.empty()) numbers_[box.id] = number;
  return box.id;
}

yard::ContainerId TerminalModel::restore_departed(const std::string& number, int flow) {
  yard::Container box;
  box.id = registry_.next_id();
  box.category = yard::Category::Import;
  box.arrival = Simulation::now();
  const TransitShareConfig* share = transit_share(config_.vessels, flow);
  registry_.add(box, share && share->mode == "rail" ? Place::LeftByRail : Place::LeftByTruck, -1);
  registry_.set_transit(box.id, flow);
  numbers_[box.id] = number;
  return box.id;
}

std::string TerminalModel::container_number(yard::ContainerId id) const {
  if (auto it = numbers_.find(id); it != numbers_.end()) return it->second;
  const ContainerRecord& r = registry_.at(id);
  const std::string& owner =
      r.vessel >= 0 ? config_.vessels.services[static_cast<std::size_t>(calls_[static_cast<std::size_t>(r.vessel)].service_index)].owner
                    : config_.vessels.services.front().owner;
  return yard::iso6346_number(owner, static_cast<std::uint32_t>(id % 1000000));
}

void TerminalModel::set_conditions(OperatingConditions* conditions) {
  gate_.set_conditions(conditions);
  yard_.set_conditions(conditions);
  quay_.set_conditions(conditions);
}

void TerminalModel::start() {
  gate_.record_to(log_.get());
  gate_.start();  // first: the exports already in the yard at the start are stacked now
  yard_.start(log_.get());
  if (restored_) {  // a run from a snapshot: its boxes and visits, recorded as the run's first moves
    restore_boxes();
    if (log_) log_->keyframe(Simulation::now(), yard_.blocks(), yard_.crane_rows(Simulation::now()), gate_.truck_rows(Simulation::now()));
  }
  quay_.start();
  rail_.start();
  if (log_) {
    sim_.every(config_.keyframe_interval, "yard.keyframes", [this](double t) {
      log_->keyframe(t, yard_.blocks(), yard_.crane_rows(t), gate_.truck_rows(t));
    });
  }
}

void TerminalModel::finish_recording() {
  if (log_) log_->flush();
  log_.reset();
  if (!sim_.recorder().has_file()) return;
  TerminalRecords records;
  records.boxes.reserve(registry_.size());
  std::vector<std::int32_t> loaded(calls_.size(), 0);
  for (yard::ContainerId id = 1; id <= registry_.size(); ++id) {
    const ContainerRecord& r = registry_.at(id);
    TerminalBoxRow row;
    row.box = id;
    h5::copy_text(row.container, container_number(id));
    row.category = static_cast<BoxCategory>(r.box.category);
    row.transit = r.transit >= 0 ? 1 : 0;
    row.call_in = r.call_in;
    row.call_out = r.call_out;
    row.train = r.train;
    row.since = r.box.arrival;
    if (r.call_out >= 0) ++loaded[static_cast<std::size_t>(r.call_out)];
    records.boxes.push_back(row);
  }
  const double now = Simulation::now();
  for (const VesselCall& c : calls_) {
    TerminalCallRow row;
    row.call = c.index;
    h5::copy_text(row.service, c.service);
    row.week = c.week;
    row.scheduled = c.scheduled;
    row.arrival = c.arrival <= now ? c.arrival : -1;
    row.berthed = c.berth_time;
    row.departed = c.departure;
    row.berth = c.berth;
    row.discharged = c.discharged;
    row.loaded = loaded[static_cast<std::size_t>(c.index)];
    records.calls.push_back(row);
  }
  records.truck_visits = gate_.visit_rows();
  h5::Group root = sim_.recorder().root_group();
  write_terminal_records(root, records);
}

void TerminalModel::declare_kpis(Recorder& r) {
  kpi_gate_in_ = r.kpi_series("terminal.gate.gate_in", "trucks", "Trucks through the in-gate in the interval");
  kpi_berths_ = r.kpi_series("terminal.quay.berths_busy", "berths", "Berths with a vessel, at the sample time");
  kpi_waiting_ = r.kpi_series("terminal.quay.vessels_waiting", "vessels", "Vessels waiting for a berth");
  kpi_boxes_ = r.kpi_series("terminal.containers", "boxes", "Containers in the terminal (yard, vehicles, trucks)");
  kpi_yard_ = r.kpi_series("terminal.yard.occupancy", "share", "Occupied share of all yard slots");
  kpi_busy_ = r.kpi_series("terminal.yard.crane_busy", "share", "Busy share of the yard cranes over the interval");
  kpi_rehandles_ = r.kpi_series("terminal.yard.rehandles", "boxes", "Boxes relocated in the interval");
  kpi_quay_moves_ = r.kpi_series("terminal.quay.moves", "moves", "Quay-crane moves in the interval");
  kpi_turn_ = r.kpi_series("terminal.truck_turn", "s", "Mean turn time of the trucks that left in the interval");
  for (const auto& b : yard_.blocks()) {
    kpi_blocks_.push_back(r.kpi_series("terminal.yard.occupancy." + b.name(), "share",
                                       "Occupied share of the slots of block " + b.name()));
  }
}

void TerminalModel::sample_kpis(Recorder& r, double now) {
  r.kpi_value(kpi_busy_, yard_.take_busy_share(now));
  r.kpi_value(kpi_rehandles_, static_cast<double>(yard_.rehandles_total() - last_rehandles_));
  last_rehandles_ = yard_.rehandles_total();
  r.kpi_value(kpi_quay_moves_, static_cast<double>(quay_.moves_total() - last_quay_moves_));
  last_quay_moves_ = quay_.moves_total();
  r.kpi_value(kpi_turn_, gate_.take_interval_turn_time());
  r.kpi_value(kpi_gate_in_, static_cast<double>(gate_.gate_in_total() - last_gate_in_));
  last_gate_in_ = gate_.gate_in_total();
  r.kpi_value(kpi_berths_, quay_.berths_busy());
  r.kpi_value(kpi_waiting_, quay_.vessels_waiting());
  r.kpi_value(kpi_boxes_, static_cast<double>(registry_.present()));
  int occupied = 0, capacity = 0;
  for (std::size_t b = 0; b < yard_.blocks().size(); ++b) {
    occupied += yard_.blocks()[b].occupied();
    capacity += yard_.blocks()[b].capacity();
    r.kpi_value(kpi_blocks_[b], yard_.occupancy(static_cast<int>(b)));
  }
  r.kpi_value(kpi_yard_, capacity ? static_cast<double>(occupied) / capacity : 0);
}

void TerminalModel::write_summary(Recorder& r, double now) const {
  const std::string error = registry_.conservation_error();
  if (!error.empty()) throw std::logic_error("container conservation broken: " + error);
  for (const auto& block : yard_.blocks()) {
    const auto problems = block.validate();
    if (!problems.empty()) throw std::logic_error("yard block " + block.name() + " unsound: " + problems.front());
  }
  for (const Station* s : {&gate_.in_lanes()}) s->write_summary(r, now);
  const double hours = (now - sim_.warmup()) / 3600.0;
  auto per_hour = [hours](double n) { return hours > 0 ? n / hours : 0; };
  auto q = [](const stats::Tally& t, double p) { return t.quantile(p); };

  // Gate.
  r.summary("terminal.gate.trucks_per_hour", per_hour(gate_.trucks_in()), "trucks/h", "Trucks through the in-gate per hour",
            true);
  r.summary("terminal.gate.trucks_per_lane_hour", per_hour(gate_.trucks_in()) / config_.gate.in_lanes, "trucks/lane-h",
            "Trucks per in-gate lane per hour");
  r.summary("terminal.gate.capacity_per_hour", gate_.in_gate_capacity(now), "trucks/h",
            "In-gate capacity at saturation: trucks per busy lane-hour times the lanes", true);
  r.summary("terminal.gate.transaction.mean", gate_.transaction().mean(), "s",
            "In-gate transaction: lane start to gate-in, exception desk included", true);
  r.summary("terminal.gate.exception_rate",
            stats::ratio(static_cast<double>(gate_.exceptions()), gate_.trucks_in()), "share",
            "Share of trucks sent to the exception desk", true);
  r.summary("terminal.gate.dual_share",
            stats::ratio(static_cast<double>(gate_.dual()), gate_.trucks_in()), "share",
            "Share of visits that were dual transactions");
  r.summary("terminal.truck_turn.mean", gate_.turn_time().mean(), "s", "Truck turn time, gate arrival to out-gate",
            true);
  r.summary("terminal.truck_turn.p50", q(gate_.turn_time(), 0.5), "s", "Median truck turn time");
  r.summary("terminal.truck_turn.p95", q(gate_.turn_time(), 0.95), "s", "95th percentile of the truck turn time",
            true);
  r.summary("terminal.trucks_out", static_cast<double>(gate_.trucks_out()), "trucks", "Truck visits completed");
  if (gate_.replays_log()) {
    r.summary("terminal.gate.refused", static_cast<double>(gate_.refused()), "trucks",
              "Logged trucks turned away at the in-gate lane: no import of their box's line free in the yard, or "
              "their box already in the terminal (GATE_REFUSED)");
  }

  // Yard.
  r.summary("terminal.yard.rehandles_per_retrieval",
            stats::ratio(static_cast<double>(yard_.rehandles()), yard_.retrievals()), "rehandles/retrieval",
            "Boxes relocated per box retrieved", true);
  r.summary("terminal.yard.retrievals", static_cast<double>(yard_.retrievals()), "boxes", "Boxes retrieved from blocks");
  r.summary("terminal.yard.crane_utilisation", yard_.crane_utilisation(now), "share", "Busy share of the yard cranes",
            true);
  r.summary("terminal.yard.moves_per_crane_hour", per_hour(static_cast<double>(yard_.moves())) / yard_.crane_count(),
            "moves/crane-h", "Yard-crane moves (receipts, deliveries, rehandles) per crane-hour");
  r.summary("terminal.yard.job_wait.mean", yard_.job_waits().mean(), "s", "Wait of a yard job for its crane");
  r.summary("terminal.yard.job_wait.quay", yard_.job_waits(JobSource::Quay).mean(), "s",
            "Wait of a vessel job for its yard crane");
  r.summary("terminal.yard.job_wait.booked", yard_.job_waits(JobSource::BookedTruck).mean(), "s",
            "Wait of a booked truck for its yard crane");
  r.summary("terminal.yard.job_wait.walk_in", yard_.job_waits(JobSource::WalkInTruck).mean(), "s",
            "Wait of a walk-in truck for its yard crane");
  int occupied = 0, capacity = 0;
  for (const auto& b : yard_.blocks()) {
    occupied += b.occupied();
    capacity += b.capacity();
  }
  r.summary("terminal.yard.occupancy", capacity ? static_cast<double>(occupied) / capacity : 0, "share",
            "Occupied share of all slots at the end");

  // Quay.
  r.summary("terminal.quay.gross_crane_rate", quay_.gross_rate().mean(), "moves/crane-h",
            "Moves per quay-crane-hour at the berth, per call (published: 30-40)", true);
  r.summary("terminal.quay.berth_rate", quay_.berth_rate().mean(), "moves/berth-h", "Moves per berth-hour, per call");
  r.summary("terminal.quay.turnaround.mean", quay_.turnaround().mean(), "s", "Vessel arrival to departure", true);
  r.summary("terminal.quay.berth_wait.mean", quay_.berth_wait().mean(), "s", "Vessel wait for a berth");
  r.summary("terminal.quay.berth_occupancy", quay_.berth_occupancy(now), "share", "Busy share of the berths", true);
  r.summary("terminal.quay.calls", static_cast<double>(quay_.calls_completed()), "calls", "Vessel calls completed");
  r.summary("terminal.quay.breakdowns", static_cast<double>(quay_.breakdowns()), "breakdowns", "Quay-crane breakdowns");
  r.summary("terminal.quay.transport_wait_share", quay_.transport_wait_share(), "share",
            "Share of quay-crane time spent waiting for transport");
  r.summary("terminal.rolled", static_cast<double>(gate_.rolled()), "boxes", "Exports rolled to a later call");
  if (config_.has_rail) {
    r.summary("terminal.rail.trains", static_cast<double>(rail_.trains()), "trains", "Trains (or barges) that left the rail side");
    r.summary("terminal.rail.boxes", static_cast<double>(rail_.boxes()), "boxes", "Boxes they took");
    r.summary("terminal.rail.load_factor", rail_.load_factor(), "share", "Boxes per train over its capacity");
    r.summary("terminal.rail.wait.mean", rail_.wait().mean(), "s",
              "Wait of a box at the rail side, sealed, for its train's departure");
  }
  r.summary("terminal.transshipped", static_cast<double>(quay_.transshipped()), "boxes",
            "Transshipment boxes loaded onto their connecting call");
  r.summary("terminal.rolled_by_customs", static_cast<double>(quay_.customs_rolled()), "boxes",
            "Exports left behind at least once because customs (NII) had not released them when their vessel "
            "berthed (a seized box stays behind)");

  // Conservation.
  r.summary("terminal.containers.created", static_cast<double>(registry_.created()), "boxes", "Containers created");
  for (std::size_t p = 0; p < kPlaces; ++p) {
    const Place place = static_cast<Place>(p);
    r.summary("terminal.containers." + std::string(place_name(place)), static_cast<double>(registry_.count(place)),
              "boxes", "Containers " + std::string(place_name(place)) + " at the end");
  }
}

}  // namespace porttwin::terminal

#include "models/port/port_model.hpp"

#include <algorithm>
#include <stdexcept>

#include "models/port/record/port_events.hpp"
#include "sim/engine/delay.hpp"
#include "models/port/record/port_layout.hpp"
#include "sim/stats/ratio.hpp"

namespace porttwin::port {

using terminal::Place;

PortModel::PortModel(Simulation& sim, const PortConfig& config, terminal::TerminalModel& terminal,
                     corridor::CorridorModel& corridor, const nii::NiiModel* nii)
    : sim_(sim),
      terminal_(terminal),
      corridor_(corridor),
      nii_(nii),
      place_(sim.recorder().place("port.transit")),
      device_wait_(sim.batch_plan(), true),
      port_dwell_(sim.batch_plan(), true) {
  corridor_.number_inland_trips();
  terminal::TruckGate::TransitHook hook;
  hook.want_device = [this](yard::ContainerId box, std::function<void()> granted) { want_device(box, std::move(granted)); };
  hook.seal = [this](yard::ContainerId box, std::function<void()> sealed) {
    if (!boxes_.count(box)) {  // a truck of a snapshot leaving with a transit box: its device first
      return want_device(box, [this, box, sealed = std::move(sealed)] {
        after(0, [this, box, sealed] { corridor_.seal_port_trip(boxes_.at(box).trip, sealed); });
      });
    }
    corridor_.seal_port_trip(boxes_.at(box).trip, std::move(sealed));
  };
  hook.departed = [this](yard::ContainerId box) { departed(box); };
  hook.rebook = config.lock_wait == "rebook";
  hook.rebook_lead = config.rebook_lead;
  terminal_.gate().set_transit(std::move(hook));
  corridor_.set_port_bound(
      [this] {
        ++exports_expected_;
        exports_.push_back(terminal_.expect_export());
        return static_cast<std::uint64_t>(exports_.back());
      },
      [this](std::size_t trip) { export_arrived(trip); });
  corridor::CorridorModel::PortState restore;
  restore.number = [this](std::uint64_t box) { return terminal_.container_number(box); };
  restore.departed = [this](const std::string& number, int flow, std::size_t trip) {
    const yard::ContainerId box = terminal_.restore_departed(number, flow);
    const double now = Simulation::now();
    boxes_[box] = Box{trip, now, now, now, false};
    ++asked_;
    ++departed_;
    return static_cast<std::uint64_t>(box);
  };
  restore.bound = [this](const std::string& number) {
    ++exports_expected_;
    exports_.push_back(terminal_.expect_export(number));
    return static_cast<std::uint64_t>(exports_.back());
  };
  corridor_.set_port_state(std::move(restore));
}

// Unsealed at the port's station: its truck takes it to the terminal's gate.
void PortModel::export_arrived(std::size_t trip) {
  ++exports_arrived_;
  terminal_.gate().receive_export(corridor_.trips().at(trip).id);
}

void PortModel::want_device(yard::ContainerId box, std::function<void()> granted) {
  const double now = Simulation::now();
  const int flow = terminal_.registry().at(box).transit;
  if (boxes_.count(box)) throw std::logic_error("port: transit box " + std::to_string(box) + " asked for a second device");
  boxes_[box].asked = now;
  ++asked_;
  const std::size_t trip = corridor_.open_port_trip(box, flow, [this, box, granted = std::move(granted)] {
    const double t = Simulation::now();
    Box& entry = boxes_.at(box);
    entry.granted = t;
    device_wait_.add(t - entry.asked, t);
    if (entry.waited) {  // a grant after a wait, not one inside open_port_trip
      if (t >= sim_.warmup()) ++waited_;
      sim_.recorder().event(t, PortEvent::LockReady, box, place_,
                            static_cast<std::uint16_t>(corridor_.trips().at(entry.trip).supervision));
    }
    granted();
  });
  Box& b = boxes_.at(box);
  b.trip = trip;
  if (b.granted < 0) {
    b.waited = true;
    sim_.recorder().event(now, PortEvent::LockWait, box, place_);
  }
}

void PortModel::departed(yard::ContainerId box) {
  const double now = Simulation::now();
  Box& b = boxes_.at(box);
  b.left = now;
  ++departed_;
  port_dwell_.add(now - terminal_.registry().box(box).arrival, now);
  const auto& trip = corridor_.trips().at(b.trip);
  sim_.recorder().event(now, PortEvent::TransitOut, box, place_, static_cast<std::uint16_t>(trip.route));
  corridor_.depart_port_trip(b.trip);
}

std::string PortModel::conservation_error() const {
  const terminal::ContainerRegistry& reg = terminal_.registry();
  const corridor::TripRegistry& trips = corridor_.trips();
  using corridor::TripState;
  const std::int64_t sealing = trips.port_count(TripState::Sealing);
  const std::int64_t gone = trips.port_count(TripState::InTransit) + trips.port_count(TripState::Completed);
  auto n = [](std::int64_t v) { return std::to_string(v); };
  if (static_cast<std::int64_t>(boxes_.size()) != asked_ || sealing + gone != asked_) {
    return n(asked_) + " transit boxes asked for a device, the corridor has " + n(sealing + gone) + " port trips";
  }
  const std::int64_t left = reg.transit_count(Place::LeftByTruck) + reg.transit_count(Place::LeftByRail);
  if (left != departed_ || gone != departed_) {
    return n(left) + " transit boxes left the terminal by truck or rail, " + n(departed_) +
           " departed, " + n(gone) + " port trips are on the road or delivered";
  }
  const std::int64_t on_way = trips.bound_count(TripState::Sealing) + trips.bound_count(TripState::InTransit);
  if (reg.count(Place::Inland) != on_way || on_way != exports_expected_ - exports_arrived_ ||
      trips.bound_count(TripState::Completed) != exports_arrived_) {
    return n(reg.count(Place::Inland)) + " exports on their way by the corridor for the terminal, " + n(on_way) +
           " port-bound trips on the way, " + n(exports_expected_ - exports_arrived_) + " expected";
  }
  if (reg.transit_count(Place::LeftByVessel) != 0) return n(reg.transit_count(Place::LeftByVessel)) + " transit boxes left by vessel";
  if (asked_ - departed_ > reg.transit_created() - left) {
    return "more transit boxes await their departure than the terminal holds";
  }
  if (const auto* logistics = corridor_.logistics()) {
    const std::string fleet = logistics->fleet().conservation_error();
    if (!fleet.empty()) return "devices: " + fleet;
  }
  return "";
}

// Detection along the whole chain of the transit boxes discharged after warm-up: threats in the
// cargo (the truth NII scores itself against) held at the port, and attacks on their corridor trips
// detected by the devices, the centre, borders, destinations or patrols.
void PortModel::write_chain_summary(Recorder& r) const {
  const terminal::ContainerRegistry& reg = terminal_.registry();
  std::int64_t cargo_threats = 0, cargo_held = 0, attacks = 0, attacks_detected = 0;
  for (yard::ContainerId id = 1; id < reg.next_id(); ++id) {
    const terminal::ContainerRecord& rec = reg.at(id);
    if (rec.transit < 0 || rec.box.arrival < sim_.warmup()) continue;
    if (const nii::Cargo* c = nii_ ? nii_->cargo_of(id) : nullptr; c && c->threat()) {
      ++cargo_threats;
      cargo_held += c->outcome == nii::Outcome::Held;
    }
    const auto b = boxes_.find(id);
    if (b == boxes_.end()) continue;
    const corridor::Trip& trip = corridor_.trips().at(b->second.trip);
    if (trip.attack_time < 0) continue;
    ++attacks;
    attacks_detected += trip.detected >= 0;
  }
  const double threats = static_cast<double>(cargo_threats + attacks);
  r.summary("port.chain.threats", threats, "boxes",
            "Transit boxes with a threat in the cargo (NII's truth) plus attacks on their corridor trips");
  r.summary("port.chain.detected", static_cast<double>(cargo_held + attacks_detected), "boxes",
            "Of those, held by customs at the port or detected along the corridor");
  r.summary("port.chain.detection_rate", stats::ratio((cargo_held + attacks_detected), threats), "share",
            "Detection along the whole chain: port NII, corridor devices and supervision, border and destination "
            "inspections, patrols",
            true);
  r.summary("port.chain.nii_detection_rate",
            stats::ratio(static_cast<double>(cargo_held), static_cast<double>(cargo_threats)), "share",
            "Share of the transit boxes' cargo threats held at the port");
  r.summary("port.chain.corridor_detection_rate",
            stats::ratio(static_cast<double>(attacks_detected), static_cast<double>(attacks)), "share",
            "Share of the attacks on the transit boxes' trips detected along the corridor");
}

void PortModel::finish_recording() {
  if (!sim_.recorder().has_file()) return;
  const terminal::ContainerRegistry& reg = terminal_.registry();
  std::vector<PortTransitRow> rows;
  rows.reserve(boxes_.size());
  for (const auto& [box, b] : boxes_) {
    const corridor::Trip& trip = corridor_.trips().at(b.trip);
    const terminal::ContainerRecord& r = reg.at(box);
    PortTransitRow row;
    row.box = box;
    h5::copy_text(row.container, terminal_.container_number(box));
    row.service = static_cast<std::uint32_t>(terminal_.calls()[static_cast<std::size_t>(r.vessel)].service_index);
    row.route = static_cast<std::uint32_t>(trip.route);
    row.discharged = r.box.arrival;
    row.asked = b.asked;
    row.granted = b.granted;
    row.left = b.left;
    row.delivered = trip.completed;
    row.supervision = trip.supervision;
    rows.push_back(row);
  }
  std::sort(rows.begin(), rows.end(), [](const PortTransitRow& a, const PortTransitRow& b) { return a.box < b.box; });
  h5::Group root = sim_.recorder().root_group();
  write_port_transit(root, rows);
}

void PortModel::declare_kpis(Recorder& r) {
  kpi_in_terminal_ = r.kpi_series("port.transit.in_terminal", "boxes", "Transit boxes in the terminal (vessel to out-gate)");
  kpi_waiting_ = r.kpi_series("port.transit.waiting_for_device", "trucks",
                              "Transit trucks waiting at the gate for a device from the port store");
  kpi_on_corridor_ = r.kpi_series("port.transit.on_corridor", "boxes", "Transit boxes of the terminal on the corridor");
}

void PortModel::sample_kpis(Recorder& r, double) {
  const std::string error = conservation_error();
  if (!error.empty()) throw std::logic_error("port-corridor conservation broken: " + error);
  const terminal::ContainerRegistry& reg = terminal_.registry();
  r.kpi_value(kpi_in_terminal_, static_cast<double>(reg.transit_created() - reg.transit_count(Place::LeftByTruck) -
                                                    reg.transit_count(Place::LeftByRail)));
  r.kpi_value(kpi_waiting_, static_cast<double>(terminal_.gate().awaiting_device()));
  r.kpi_value(kpi_on_corridor_, static_cast<double>(corridor_.trips().port_count(corridor::TripState::InTransit)));
}

void PortModel::write_summary(Recorder& r, double) const {
  std::string error = conservation_error();
  const terminal::ContainerRegistry& reg = terminal_.registry();
  const corridor::TripRegistry& trips = corridor_.trips();
  std::vector<double> transit_times;
  std::array<std::int64_t, logistics::kSupervisions> supervision{};
  std::array<double, logistics::kSupervisions> waited{};  // extra yard dwell, by how the box left
  for (const auto& [box, b] : boxes_) {
    const corridor::Trip& trip = trips.at(b.trip);
    const bool left = reg.at(box).place == Place::LeftByTruck || reg.at(box).place == Place::LeftByRail;
    if (error.empty() && (trip.id != box || !trip.from_port || left != (trip.state != corridor::TripState::Sealing))) {
      error = "transit box " + std::to_string(box) + " and its trip disagree on where it is";
    }
    if (b.left >= sim_.warmup()) {
      ++supervision[trip.supervision];
      waited[trip.supervision] += b.granted - b.asked;
    }
    if (trip.completed >= sim_.warmup()) transit_times.push_back(trip.completed - reg.box(box).arrival);
  }
  if (!error.empty()) throw std::logic_error("port-corridor conservation broken: " + error);
  auto q = [](const stats::Tally& t, double p) { return t.quantile(p); };
  r.summary("port.transit.discharged", static_cast<double>(reg.transit_created()), "boxes",
            "Boxes discharged in customs transit (whole run)");
  r.summary("port.transit.departed", static_cast<double>(port_dwell_.count()), "boxes",
            "Transit boxes that left through the out-gate on their corridor trip", true);
  r.summary("port.transit.delivered", static_cast<double>(transit_times.size()), "boxes",
            "Transit boxes unsealed at their inland destination");
  r.summary("port.transit.device_wait.mean", device_wait_.mean(), "s",
            "Extra yard dwell for want of a device: truck's request to the store's grant, per transit box", true);
  r.summary("port.transit.device_wait.p95", q(device_wait_, 0.95), "s",
            "95th percentile of the extra yard dwell for want of a device", true);
  r.summary("port.transit.device_wait.share",
            stats::ratio(static_cast<double>(waited_), static_cast<double>(device_wait_.count())), "share",
            "Share of transit boxes whose truck found no device ready at the port store");
  std::int64_t loaded = 0;
  for (yard::ContainerId id : exports_) loaded += reg.at(id).place == Place::LeftByVessel;
  r.summary("port.exports.arrived", static_cast<double>(exports_arrived_), "boxes",
            "Export boxes the corridor brought to the port (whole run)");
  r.summary("port.exports.loaded", static_cast<double>(loaded), "boxes",
            "Of those, loaded onto a vessel by the horizon (whole run)");
  r.summary("port.transit.rebooked", static_cast<double>(terminal_.gate().rebooked()), "trucks",
            "Transit trucks sent away for want of a device and rebooked (whole run)");
  r.summary("port.transit.port_dwell.mean", port_dwell_.mean(), "s", "Transit box: discharge to out-gate");
  double time_mean = 0;
  for (double t : transit_times) time_mean += t / static_cast<double>(transit_times.size());
  r.summary("port.transit.vessel_to_destination.mean", time_mean, "s",
            "Transit box: discharge to unsealing at its inland destination", true);
  write_chain_summary(r);
  const double left = static_cast<double>(port_dwell_.count());
  for (std::size_t k = 0; k < logistics::kSupervisions; ++k) {
    r.summary("port.transit.supervision." + std::string(logistics::kSupervisionNames[k]),
              stats::ratio(static_cast<double>(supervision[k]), left), "share",
              "Share of departed transit boxes supervised by: " + std::string(logistics::kSupervisionNames[k]));
    r.summary("port.transit.device_wait." + std::string(logistics::kSupervisionNames[k]) + ".mean",
              stats::ratio(waited[k], static_cast<double>(supervision[k])), "s",
              "Extra yard dwell for want of a device of the departed transit boxes that left under: " +
                  std::string(logistics::kSupervisionNames[k]));
  }
}

}  // namespace porttwin::port

#include "models/corridor/corridor_config.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <sstream>

#include "sim/scenario/name_resolution.hpp"

namespace porttwin::corridor {

namespace {

void declare_station(scenario::Section& s, CustomsStationConfig& c) {
  s.text("name", c.name, "Station name, unique in the corridor").required();
  s.choice("kind", c.kind, kStationKinds, "port, inland (customs office), border (crossing) or rail (terminal)");
  s.real("lat", c.lat, "Latitude, degrees north").range(-90, 90);
  s.real("lon", c.lon, "Longitude, degrees east").range(-180, 180);
  s.integer("readers", c.readers, "Fixed readers (lanes where a device is read and compared with the declaration)")
      .range(1, 1000);
  s.distribution("read_time", c.read_time, "Time a vehicle spends at a reader: approach, read, compare");
  s.real("reader_distance", c.reader_distance,
         "Distance from a fixed reader's antenna to the seal of a vehicle passing it, m (a device whose read range "
         "is shorter cannot be read at speed)")
      .greater_than(0);
  s.real("pass_speed", c.pass_speed, "Speed at which vehicles drive past the fixed readers, km/h").greater_than(0);
  s.distribution("stop_time", c.stop_time,
                 "Time added at a reader when a device is not in its field long enough to be read at pass_speed: "
                 "the vehicle stops with the seal at the antenna");
  s.integer("sealing_staff", c.sealing_staff, "Officers sealing at departure and unsealing at destination")
      .range(1, 1000);
  s.text("country", c.country,
         "Country the station is in (a border station: the country entered there); stations without one share one");
  s.time_of_day("opens", c.opens, "Local time the station opens each day");
  s.duration("hours_open", c.hours_open, "How long it stays open each day (24h: always); arrivals outside wait")
      .greater_than(0)
      .max(86400);
  s.integer("handheld_readers", c.handheld_readers,
            "Handheld readers: a device the fixed reader failed to read is read again by hand (0: none)")
      .range(0, 1000);
  s.distribution("handheld_read_time", c.handheld_read_time, "Time to read a device with a handheld reader");
  s.integer("inspectors", c.inspectors, "Officers inspecting or checking documents of trips at a border").range(1, 1000);
  scenario::declare(s, c.location);
  s.distribution("border_wait", c.border_wait,
                 "Time at a border for the other formalities (immigration, vehicle, fees), after customs");
  s.flag("relock", c.relock,
         "The device is deactivated on arrival and reactivated on leaving (Hong Kong SELS boundary control points)");
}

void declare_leg(scenario::Section& s, LegConfig& c) {
  s.reference("to", c.to, "Station the leg ends at").required();
  s.choice("mode", c.mode, kLegModes, "road, rail or sea");
  s.real_list("waypoints", c.waypoints,
              "Polyline between the two stations as lat, lon, lat, lon, ... (leg length = its great-circle length)");
  s.distribution("speed", c.speed, "Average speed over the leg, km/h").distribution_of(scenario::ValueKind::Real);
  s.duration("departure_interval", c.departure_interval,
             "Scheduled departures (trains, vessels) this often; a trip waits for the next one (0: leaves at once)")
      .min(0);
  s.duration("first_departure", c.first_departure, "Time after the run's start of the first scheduled departure")
      .min(0);
  s.integer("departure_capacity", c.departure_capacity,
            "Trips one departure takes; the others wait for the next (0: unlimited)")
      .min(0);
}

void declare_route(scenario::Section& s, RouteConfig& c) {
  s.text("name", c.name, "Route name, unique in the corridor").required();
  s.reference("from", c.from, "Station the route starts at (sealing)").required();
  s.list("legs", c.legs, "Legs in order; each intermediate station is a reader checkpoint, the last is the "
                         "destination (unsealing)", declare_leg, 1);
  s.duration("transit_time", c.transit_time,
             "Declared transit time: a trip still on the road after it raises journey timeout (0: the route's "
             "length at corridor.supervision.declared_speed)")
      .min(0);
}

void declare_flow(scenario::Section& s, FlowConfig& c) {
  s.reference("route", c.route, "Route the trips follow").required();
  s.reference("device", c.device, "Device type sealing the trips' containers").required();
  s.real("trips_per_day", c.trips_per_day, "Trips per day (Poisson)").greater_than(0);
  s.flag("tanker", c.tanker, "Liquid cargo: an opening drains the tank and the device's volume sensor reports "
                             "abnormal oil volume");
  s.choice("procedure", c.procedure, kProcedures,
           "Customs procedure of the trips (auto: multimodal when the legs change mode, cross_border_one_way when "
           "the route crosses a border, else domestic_internal)");
  s.flag("reefer", c.reefer, "Refrigerated cargo: a smart container's temperature/humidity sensor watches it");
  s.text("cargo", c.cargo, "Cargo description written on each trip's record");
  s.integer("vehicles", c.vehicles, "Vehicles the flow's trips are drawn from (0: a new vehicle per trip)").min(0);
  s.integer("drivers", c.drivers, "Drivers the flow's trips are drawn from (0: each vehicle has its own driver)").min(0);
  s.real_list("hourly_profile", c.hourly_profile,
              "Relative weights of the 24 hours of the local day (trips_per_day stays the daily average; omit for "
              "a constant rate)")
      .length(24)
      .min(0);
  s.real_list("weekday_factors", c.weekday_factors,
              "Factors of the 7 weekdays, Monday first (rescaled to average 1 over the week; omit for none)")
      .length(7)
      .min(0);
  s.probability("trusted_share", c.trusted_share,
                "Share of the trips whose trader is trusted (an authorised economic operator), for the risk assessment");
  s.real("risk_factor", c.risk_factor,
         "Risk of the declared commodity: multiplies the yellow and red shares of the risk assessment (1: average)")
      .min(0);
}

void declare_sensor(scenario::Section& s, SensorConfig& c) {
  s.probability("probability", c.probability, "Share of the events it can sense that it alarms on");
  s.duration("delay", c.delay, "Time from the event to its alarm").min(0);
  s.real("false_alarms_per_day", c.false_alarms_per_day, "Alarms with nothing there, per day on the road").min(0);
}

void declare_device(scenario::Section& s, DeviceTypeConfig& c) {
  s.text("name", c.name, "Device type name, unique in the corridor").required();
  s.choice("type", c.type, kDeviceTypes, "passive, semi_active, active or smart_container (their differences: docs/calibration.md)");
  s.real("read_range", c.read_range, "Read range, m (passive up to 2, semi-active 5-10)").greater_than(0);
  s.duration("read_dwell", c.read_dwell,
             "Time the device must stay in a reader's field to be read: with the station's reader_distance and "
             "pass_speed it decides whether a vehicle is read at speed or must stop")
      .greater_than(0);
  s.real("drain_per_read", c.drain_per_read,
         "Charge a read takes from the battery, Ah (semi-active: the battery extends the range and stamps the log)")
      .min(0);
  s.real("unpowered_range", c.unpowered_range,
         "Read range of a semi-active device once its battery is empty, m (its log then has no time stamps)")
      .greater_than(0);
  s.real("clock_drift", c.clock_drift,
         "Drift of the clock that stamps the device's event log, s per day (ISO 18185-2: at most 5)")
      .min(0);
  s.probability("read_success", c.read_success, "Share of reads at a fixed reader that succeed");
  s.flag("real_time", c.real_time, "Reports position and status to the supervision centre in real time");
  s.duration("report_interval", c.report_interval, "Time between position reports of a real-time device")
      .greater_than(0);
  s.real("battery_capacity", c.battery_capacity, "Battery capacity, Ah (CSB tracker 3.6 Ah)").greater_than(0);
  s.real("drain_per_report", c.drain_per_report, "Charge one report uses, Ah").min(0);
  s.probability("low_battery", c.low_battery, "Share of capacity under which a low-battery alarm is raised");
  s.real("solar_per_report", c.solar_per_report, "Charge a solar panel adds per report interval, Ah").min(0);
  s.real("unit_cost", c.unit_cost, "Price of one device, USD (3-116 in one operator's fleet)").min(0);
  s.real("trip_cost", c.trip_cost, "Cost per trip: comms, charging, roaming, USD (30-52 in East Africa)").min(0);
  s.integer("trips_per_device", c.trips_per_device, "Trips a device lasts (1: one-off)").min(1);
  auto& sensors = s.section("sensors",
                            "A smart_container type's own sensors (no published detection or false-alarm figure exists: "
                            "the defaults are illustrative); other types have none",
                            &c.has_sensors);
  declare_sensor(sensors.section("door", "Door contact: senses doors opened, through the locking bars or the hinges"),
                 c.sensors.door);
  declare_sensor(sensors.section("light", "Light sensor: senses the light let in by any opening"), c.sensors.light);
  declare_sensor(sensors.section("climate", "Temperature/humidity probe: senses the air let in by an opening (reefer "
                                            "flows only)"),
                 c.sensors.climate);
  declare_sensor(sensors.section("shock", "Shock sensor: senses the blows of destroying or removing the device, or "
                                          "of working the hinge pins out"),
                 c.sensors.shock);
}

// The steps an attack scenario may have: any attack kind, and bag_off.
std::vector<std::string> step_kinds() { return {kAttackNames.begin() + 1, kAttackNames.end()}; }

void declare_step(scenario::Section& s, AttackStepConfig& c) {
  s.choice("kind", c.kind, step_kinds(),
           "What is done: an attack kind, or bag_off (the Faraday bag of an earlier step taken off)")
      .required();
  s.duration("after", c.after, "Time after the step before (the first step is at the attack place: 0)").min(0);
}

void declare_scenario(scenario::Section& s, AttackScenarioConfig& c) {
  s.text("name", c.name, "Scenario name, unique among the attack scenarios and not an attack kind").required();
  s.probability("share", c.share, "Per-trip probability of this attack");
  s.list("steps", c.steps, "Steps in order (at most 8)", declare_step, 1);
}

template <class Item>
void resolve(scenario::NameRef& ref, const std::vector<Item>& items, const std::string& what, scenario::Diagnostics& d) {
  scenario::resolve_name(ref, scenario::names_of(items), what, d);
}

template <class Item>
void check_unique(const std::vector<Item>& items, const std::string& path, scenario::Diagnostics& d) {
  scenario::check_unique_names(scenario::names_of(items), path, d);
}

using scenario::names_of;

std::string share_text(double share) {
  std::ostringstream out;
  out << share;
  return out.str();
}

// The single kinds as one-step scenarios, then the stepped ones (checked: names, shares, steps).
void check_attack_plans(AttackConfig& a, scenario::Diagnostics& d) {
  const std::pair<AttackKind, double> singles[] = {
      {AttackKind::DoorOpening, a.door_opening},     {AttackKind::FaradayBag, a.faraday_bag},
      {AttackKind::DeviceRemoval, a.device_removal}, {AttackKind::RouteDeviation, a.route_deviation},
      {AttackKind::ClonedDevice, a.cloned_device},   {AttackKind::GpsJamming, a.gps_jamming},
      {AttackKind::DeviceDestruction, a.device_destruction}, {AttackKind::HingeRemoval, a.hinge_removal}};
  a.plans.clear();
  double total = 0;
  for (auto [kind, share] : singles) {
    AttackStepConfig step;
    step.kind = std::string(kAttackNames[static_cast<std::size_t>(kind)]);
    step.type = kind;
    a.plans.push_back({step.kind, share, {step}, true});
    total += share;
  }
  check_unique(a.scenarios, "corridor.attacks.scenarios", d);
  for (std::size_t i = 0; i < a.scenarios.size(); ++i) {
    auto& sc = a.scenarios[i];
    const std::string path = "corridor.attacks.scenarios[" + std::to_string(i) + "]";
    for (const auto& plan : a.plans) {
      if (plan.single && plan.name == sc.name) {
        d.error(path + ".name", "found \"" + sc.name + "\", an attack kind's name, expected another (the single "
                                "kinds are scenarios of their own)");
      }
    }
    if (sc.steps.size() > kMaxAttackSteps) {
      d.error(path + ".steps", "found " + std::to_string(sc.steps.size()) + " steps, expected at most " +
                                   std::to_string(kMaxAttackSteps));
    }
    bool bagged = false, gone = false;
    int detours = 0;
    for (std::size_t k = 0; k < sc.steps.size(); ++k) {
      auto& step = sc.steps[k];
      const std::string at = path + ".steps[" + std::to_string(k) + "]";
      for (std::size_t n = 1; n < kAttackKinds; ++n) {
        if (step.kind == kAttackNames[n]) step.type = static_cast<AttackKind>(n);
      }
      if (k == 0 && step.after > 0) {
        d.error(at + ".after", "found a delay on the first step, expected 0 (it happens at the attack place)");
      }
      const AttackKind kind = step.type;
      if (kind == AttackKind::BagOff && !bagged) {
        d.error(at + ".kind", "found bag_off without a Faraday bag on, expected a faraday_bag step before it");
      }
      if (kind == AttackKind::FaradayBag && bagged) {
        d.error(at + ".kind", "found a second faraday_bag while the first is on, expected bag_off before it");
      }
      if (gone && (kind == AttackKind::FaradayBag || kind == AttackKind::BagOff || kind == AttackKind::ClonedDevice ||
                   kind == AttackKind::GpsJamming)) {
        d.error(at + ".kind", "found " + step.kind + " after the device was removed or destroyed, expected steps "
                              "on the vehicle or the doors only");
      }
      if (kind == AttackKind::RouteDeviation || kind == AttackKind::ClonedDevice) ++detours;
      if (detours > 1) d.error(at + ".kind", "found a second detour, expected at most one route_deviation or "
                                              "cloned_device step per scenario");
      if (kind == AttackKind::FaradayBag) bagged = true;
      if (kind == AttackKind::BagOff) bagged = false;
      if (kind == AttackKind::DeviceRemoval || kind == AttackKind::DeviceDestruction) gone = true;
    }
    a.plans.push_back({sc.name, sc.share, sc.steps, false});
    total += sc.share;
  }
  // Without scenarios the single kinds keep their old meaning (the first kinds win past a total of 1).
  if (!a.scenarios.empty() && total > 1 + 1e-9) {
    d.error("corridor.attacks.scenarios",
            "found attack shares adding up to " + share_text(total) + ", expected at most 1 (a trip suffers one)");
  }
}

// Every flow of a reusable device needs a store at its origin, and at its destination when its
// devices stay there (domestic routes). A smart container is the container itself: no store.
void check_logistics(CorridorConfig& c, scenario::Diagnostics& d) {
  logistics::check(c.logistics, names_of(c.stations), names_of(c.devices), names_of(c.routes), d);
  auto is_container = [&c](int device) {
    return device >= 0 && c.devices[static_cast<std::size_t>(device)].type == "smart_container";
  };
  for (std::size_t i = 0; i < c.logistics.stores.size(); ++i) {
    const auto& s = c.logistics.stores[i];
    if (is_container(s.device.index)) {
      d.error("corridor.logistics.stores[" + std::to_string(i) + "].device",
              "found \"" + s.device.name + "\", a smart_container type: the device is the container itself, with no "
              "store, charger or return trip (expected a seal or e-lock type)");
    }
  }
  auto has_store = [&](int station, int device) {
    for (const auto& s : c.logistics.stores) {
      if (s.station.index == station && s.device.index == device) return true;
    }
    return false;
  };
  for (std::size_t i = 0; i < c.flows.size(); ++i) {
    const auto& f = c.flows[i];
    if (f.route.index < 0 || f.device.index < 0 || is_container(f.device.index)) continue;
    const auto& route = c.routes[static_cast<std::size_t>(f.route.index)];
    if (route.from.index < 0 || route.legs.empty() || route.legs.back().to.index < 0) continue;
    std::string variant = "domestic";
    for (const auto& r : c.logistics.routes) {
      if (r.route.index == f.route.index) variant = r.variant;
    }
    const std::string path = "corridor.flows[" + std::to_string(i) + "].route";
    if (!has_store(route.from.index, f.device.index)) {
      d.error(path, "found a flow leaving \"" + route.from.name + "\", expected a store for \"" + f.device.name +
                        "\" there in corridor.logistics.stores");
    } else if (variant == "domestic" && c.devices[static_cast<std::size_t>(f.device.index)].trips_per_device > 1 &&
               !has_store(route.legs.back().to.index, f.device.index)) {
      d.error(path, "found a domestic route ending at \"" + route.legs.back().to.name + "\", expected a store for \"" +
                        f.device.name + "\" there in corridor.logistics.stores (or a one_way/two_way variant)");
    }
  }
}

}  // namespace

// What a flow's route is: whether its legs change mode and whether it crosses a border (a border
// station, or stations in more than one country).
struct RouteNature {
  bool multimodal = false, crosses = false;
};

static RouteNature nature_of(const CorridorConfig& c, const RouteConfig& route) {
  RouteNature n;
  std::set<std::string> modes, countries;
  const auto visit = [&](const scenario::NameRef& ref) {
    if (ref.index < 0) return;
    const auto& st = c.stations[static_cast<std::size_t>(ref.index)];
    countries.insert(st.country);
    n.crosses = n.crosses || st.type == StationKind::Border;
  };
  visit(route.from);
  for (const auto& leg : route.legs) {
    modes.insert(leg.mode);
    visit(leg.to);
  }
  n.multimodal = modes.size() > 1;
  n.crosses = n.crosses || countries.size() > 1;
  return n;
}

void check_procedure(const CorridorConfig& c, FlowConfig& f, const std::string& path, scenario::Diagnostics& d) {
  if (f.route.index < 0) return;
  const RouteNature n = nature_of(c, c.routes[static_cast<std::size_t>(f.route.index)]);
  std::string p = f.procedure;
  if (p == "auto") p = n.multimodal ? "multimodal" : n.crosses ? "cross_border_one_way" : "domestic_internal";
  const bool cross = p.rfind("cross_border", 0) == 0;
  if (p.rfind("domestic", 0) == 0 && n.crosses) {
    d.error(path, "found \"" + p + "\" on route \"" + f.route.name +
                      "\", which crosses a border, expected a cross_border or multimodal procedure");
  } else if (cross && !n.crosses) {
    d.error(path, "found \"" + p + "\" on route \"" + f.route.name +
                      "\", which stays in one country, expected a domestic procedure (or a border station on the route)");
  } else if (p == "multimodal" && !n.multimodal) {
    d.error(path, "found \"multimodal\" on route \"" + f.route.name + "\", whose legs all have one mode, expected "
                      "legs of two modes (road, rail, sea)");
  }
  f.procedure_index = static_cast<int>(std::find(kProcedures.begin(), kProcedures.end(), p) - kProcedures.begin());
}

double next_open(const CustomsStationConfig& s, double time_of_day) {
  if (s.hours_open >= 86400) return 0;
  const double since = std::fmod(time_of_day - s.opens + 86400, 86400);
  return since < s.hours_open ? 0 : 86400 - since;
}

void declare(scenario::Section& c, CorridorConfig& config) {
  c.text("host", config.host, "Platform host of the customs stations' systems (readers, sealing desks)");
  c.list("stations", config.stations, "Customs stations: ports, inland offices, border crossings, rail terminals",
         declare_station, 1);
  c.list("routes", config.routes, "Routes: a start station and legs to the next stations", declare_route, 1);
  c.list("devices", config.devices, "Smart Security Device types", declare_device, 1);
  c.list("flows", config.flows,
         "Transit flows of the corridor's own: trips per day on a route under a device type (at least one, unless "
         "a port: section sends the terminal's transit boxes)",
         declare_flow);
  declare(c.section("trips", "Where the corridor's own trips come from: the flows' draws or a trip log"), config.trips);

  declare(c.section("risk", "Risk-based customs: the green / yellow / red assessment at sealing (trader trust, "
                            "commodity, violation history, intelligence) and what each inspection type finds"),
          config.risk);
  auto& k = c.section("costs", "What running the corridor costs beside the devices' price, for the full cost per trip "
                              "of each device type (USD; illustrative defaults, no published breakdown)");
  k.real("reader_per_year", config.costs.reader_per_year, "A fixed reader lane, per year (shared by the reads)").min(0);
  k.real("handheld_per_year", config.costs.handheld_per_year, "A handheld reader, per year").min(0);
  k.real("platform_per_year", config.costs.platform_per_year,
         "The supervision platform, per year (shared by the reports of real-time devices)")
      .min(0);
  k.real("report", config.costs.report, "One report over the cellular network (roaming)").min(0);
  k.real("staff_hour", config.costs.staff_hour, "An officer's hour: sealing, reading (and stopping), unsealing").min(0);
  k.real("charge_per_ah", config.costs.charge_per_ah, "Charging: energy and handling per Ah a device used").min(0);
  k.real("return_per_trip", config.costs.return_per_trip,
         "Carrying a reusable device (trips_per_device > 1, not a smart container) back after a trip")
      .min(0);
  k.real("repositioning_per_km", config.costs.repositioning_per_km,
         "A smart container's return trip: repositioning the empty box back along its route, per km of the route "
         "(illustrative: no published figure for a corridor)")
      .min(0);
  auto& s = c.section("sealing", "Sealing at departure and unsealing at destination");
  s.choice("mode", config.sealing.mode, kSealingModes, "quick (reader, about 10 s) or manual (about 3 min)");
  s.distribution("quick_time", config.sealing.quick_time, "Sealing time in quick mode (Ningbo: ~10 s)");
  s.distribution("manual_time", config.sealing.manual_time, "Sealing time in manual mode (~3 min)");
  s.probability("auto_unseal_success", config.sealing.auto_unseal_success,
                "Share of automatic unsealings that succeed (over 98% at Ningbo); the others are unsealed manually");
  s.distribution("auto_unseal_time", config.sealing.auto_unseal_time, "Automatic unsealing time");
  s.distribution("manual_unseal_time", config.sealing.manual_unseal_time, "Manual unsealing time (fallback)");

  auto& x = c.section("cross_border", "Crossing a border: mutual recognition and the supervision platform");
  x.flag("mutual_recognition", config.cross_border.mutual_recognition,
         "A trip without a known alarm is released at a border without re-inspection (false: every trip is "
         "inspected at every border and at its destination)");
  x.flag("unified_platform", config.cross_border.unified_platform,
         "The countries share one supervision platform: a border sees every alarm so far and the centre's warnings "
         "reach any destination (false: a border knows what the device stores, read in device_read_time)");
  x.integer("inspect_grade", config.cross_border.inspect_grade,
            "A known alarm of this grade or above is inspected at a border; a lower one gets a document check")
      .range(1, kGrades);
  x.distribution("inspection_time", config.cross_border.inspection_time, "Inspection of a trip at a border");
  x.distribution("document_check_time", config.cross_border.document_check_time, "Document check at a border");
  x.distribution("device_read_time", config.cross_border.device_read_time,
                 "Reading the supervision data stored in the device at a border (without a unified platform)");
  x.distribution("seal_check_time", config.cross_border.seal_check_time,
                 "Checking the seal (device) of a yellow trip, on top of its documents, at a border without "
                 "mutual recognition");
  x.distribution("relock_time", config.cross_border.relock_time,
                 "Automatic deactivation or reactivation of the device at a relock station");

  auto& v = c.section("supervision", "The supervision centre, the cellular link and the alarm rules");
  v.text("host", config.supervision.host, "Platform host of the supervision platform");
  v.text("vehicle_host", config.supervision.vehicle_host, "Platform host where vehicles' reports enter the network");
  v.real("cellular_bandwidth", config.supervision.cellular_bandwidth, "Cellular access link bandwidth, bytes/s")
      .greater_than(0);
  v.duration("cellular_latency", config.supervision.cellular_latency, "Cellular access link latency").min(0);
  v.real("report_bytes", config.supervision.report_bytes, "Bytes per report").greater_than(0);
  v.duration("send_timeout", config.supervision.send_timeout, "A batch of reports not delivered in this time is lost")
      .greater_than(0);
  v.real("geofence_km", config.supervision.geofence_km, "Route-deviation tolerance around the route, km")
      .greater_than(0);
  v.choice("outage_mode", config.supervision.outage_mode, {"lose", "buffer"},
           "While the platform is down: reports are lost (and on restart every trip silent for comm_loss raises "
           "no_communication at once), or the uplink buffers them and resends every retry_interval");
  v.duration("retry_interval", config.supervision.retry_interval, "Time between resends of a buffered batch")
      .greater_than(0);
  v.duration("comm_loss", config.supervision.comm_loss,
             "No communication from a real-time device within this time raises an alarm (4 h default)")
      .greater_than(0);
  v.real("still_km", config.supervision.still_km,
         "Two consecutive reported positions closer than this mean the vehicle stands still, km")
      .greater_than(0);
  v.real("station_radius_km", config.supervision.station_radius_km,
         "A vehicle standing this close to a station of its route is at the station, km")
      .min(0);
  v.duration("illegal_stay", config.supervision.illegal_stay,
             "Standing still away from any station longer than this raises illegal stay")
      .greater_than(0);
  v.duration("overtime_stay", config.supervision.overtime_stay,
             "Standing at a station (queue, reading, unsealing) longer than this raises overtime stay")
      .greater_than(0);
  v.real("declared_speed", config.supervision.declared_speed,
         "Declared transit time of a route without transit_time: its length at this speed, km/h")
      .greater_than(0);

  auto& a = c.section("attacks", "Attacks injected on trips (the truth is recorded to score detection)");
  a.probability("door_opening", config.attacks.door_opening, "Per-trip probability of doors opened (cargo swap)");
  a.probability("faraday_bag", config.attacks.faraday_bag, "Per-trip probability of a Faraday bag over the device");
  a.probability("device_removal", config.attacks.device_removal,
                "Per-trip probability of the device removed (cable cut)");
  a.probability("device_destruction", config.attacks.device_destruction,
                "Per-trip probability of the device's body destroyed in place (body destroyed)");
  a.probability("route_deviation", config.attacks.route_deviation, "Per-trip probability of a detour off the route");
  a.probability("earliest", config.attacks.earliest, "Attacks happen from this share of the route's length ...");
  a.probability("latest", config.attacks.latest, "... to this share (uniform)");
  a.real("deviation_km", config.attacks.deviation_km, "How far off the route a detour goes, km").greater_than(0);
  a.duration("deviation_time", config.attacks.deviation_time, "How long a detour lasts").greater_than(0);
  a.probability("cloned_device", config.attacks.cloned_device,
                "Per-trip probability of a cloned device: the copy reports a clean track while the container "
                "makes a detour (deviation_km, deviation_time); a reader comparing identity and log finds it");
  a.probability("gps_jamming", config.attacks.gps_jamming, "Per-trip probability of GPS jamming");
  a.duration("jamming_time", config.attacks.jamming_time, "How long a jammer blinds the device").greater_than(0);
  a.probability("jamming_cellular", config.attacks.jamming_cellular,
                "Share of jammers that block the cellular link too (the device's reports stop; otherwise it reports "
                "its cell-tower position)");
  a.real("cell_position_error", config.attacks.cell_position_error,
         "Error of the cell-tower position a jammed device reports, km")
      .min(0);
  a.probability("hinge_removal", config.attacks.hinge_removal,
                "Per-trip probability of doors opened by removing the hinge pins: the seal stays intact (no seal or "
                "e-lock senses it; a smart container's door, light, climate or shock sensor may)");
  a.list("scenarios", config.attacks.scenarios,
         "Attacks in steps, each on a share of the trips (besides the single kinds above, which are one-step "
         "scenarios named by their kind; a trip suffers at most one)",
         declare_scenario);

  auto& f = c.section("false_alarms", "False alarms (no published rate: sweep them)");
  f.probability("gps_drift", config.false_alarms.gps_drift, "Per report: drift puts a position off the route");
  f.probability("coverage_gap", config.false_alarms.coverage_gap,
                "Per trip: a coverage gap longer than the comm-loss time");
  f.probability("battery_fault", config.false_alarms.battery_fault, "Per trip: a battery fault raises low battery");
  f.probability("malfunction", config.false_alarms.malfunction,
                "Per report: the device's self-test fails for the rest of the trip (device malfunction)");

  auto& st = c.section("stops", "Rest stops on the road (not attacks; a long one raises illegal stay)");
  st.probability("probability", config.stops.probability, "Per trip: the driver stops once on the road");
  st.distribution("duration", config.stops.duration, "How long the stop lasts");

  declare_centre(c.section("centre", "The supervision centre's operators and patrols: alarm grades, triage, actions"),
                 config.centre);

  c.flag("record_tracks", config.record_tracks,
         "Write device tracks and the corridor map to the run file (/corridor: docs/run-file.md)");
  c.duration("track_interval", config.track_interval,
             "Thins the tracks: a trip gets a periodic row (at a real-time report, or sampled for any device) only "
             "when its last row is this old; stations, attacks and alarms always get one")
      .greater_than(0);

  logistics::declare(c.section("logistics", "Device stores, returns and dispatch (optional: without it every trip finds "
                                            "a device at its origin)",
                               &config.has_logistics),
                     config.logistics);
}

void check(CorridorConfig& c, scenario::Diagnostics& d) {
  for (auto& st : c.stations) {  // `kind` is one of kStationKinds: the loader checked it
    for (std::size_t k = 0; k < kStationKindCount; ++k) {
      if (st.kind == kStationKindNames[k]) st.type = static_cast<StationKind>(k);
    }
  }
  check_unique(c.stations, "corridor.stations", d);
  for (std::size_t i = 0; i < c.stations.size(); ++i) {
    scenario::check(c.stations[i].location, "corridor.stations[" + std::to_string(i) + "]", d);
  }
  check_unique(c.routes, "corridor.routes", d);
  check_unique(c.devices, "corridor.devices", d);
  for (std::size_t r = 0; r < c.routes.size(); ++r) {
    auto& route = c.routes[r];
    resolve(route.from, c.stations, "station", d);
    for (std::size_t l = 0; l < route.legs.size(); ++l) {
      auto& leg = route.legs[l];
      resolve(leg.to, c.stations, "station", d);
      const std::string path = "corridor.routes[" + std::to_string(r) + "].legs[" + std::to_string(l) + "]";
      if (leg.waypoints.size() % 2 != 0) {
        d.error(path + ".waypoints", "found " + std::to_string(leg.waypoints.size()) + " numbers, expected lat, lon pairs");
      }
      if (leg.departure_capacity > 0 && leg.departure_interval <= 0) {
        d.error(path + ".departure_capacity", "found a capacity on a leg without scheduled departures, expected "
                                              "departure_interval > 0 with it");
      }
    }
  }
  for (std::size_t i = 0; i < c.flows.size(); ++i) {
    auto& flow = c.flows[i];
    const std::string path = "corridor.flows[" + std::to_string(i) + "]";
    for (const auto* list : {&flow.hourly_profile, &flow.weekday_factors}) {
      if (!list->empty() && std::accumulate(list->begin(), list->end(), 0.0) <= 0) {
        d.error(path + (list == &flow.hourly_profile ? ".hourly_profile" : ".weekday_factors"),
                "found only zeros, expected at least one positive weight");
      }
    }
    resolve(flow.route, c.routes, "route", d);
    resolve(flow.device, c.devices, "device type", d);
    check_procedure(c, flow, "corridor.flows[" + std::to_string(i) + "].procedure", d);
  }
  for (auto& base : c.centre.patrols) resolve(base.station, c.stations, "station", d);
  // Its rows name the flows' routes and devices: read once those resolved.
  if (std::all_of(c.flows.begin(), c.flows.end(), [](const FlowConfig& f) { return f.route.index >= 0 && f.device.index >= 0; })) {
    check(c.trips, c, "corridor.trips", d);
  }
  if (c.has_logistics) check_logistics(c, d);
  check(c.risk, "corridor.risk", d);
  if (c.attacks.earliest > c.attacks.latest) {
    d.error("corridor.attacks.latest", "found a value below earliest, expected latest >= earliest");
  }
  for (std::size_t i = 0; i < c.devices.size(); ++i) {
    if (c.devices[i].has_sensors && c.devices[i].type != "smart_container") {
      d.error("corridor.devices[" + std::to_string(i) + "].sensors",
              "found sensors on type " + c.devices[i].type + ", expected them on a smart_container type only (a "
              "seal or e-lock senses only what its own log and events say)");
    }
  }
  check_attack_plans(c.attacks, d);
}

}  // namespace porttwin::corridor

#include "models/corridor/corridor_state.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "models/corridor/corridor_model.hpp"
#include "models/corridor/risk_assessment.hpp"
#include "models/logistics/device_logistics.hpp"
#include "models/yard/record/iso6346.hpp"
#include "sim/scenario/name_resolution.hpp"

namespace porttwin::corridor {

namespace {

const std::vector<std::string>& once_alarm_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (AlarmKind k : kOnceAlarms) out.emplace_back(kAlarmNames[static_cast<std::size_t>(k)]);
    return out;
  }();
  return names;
}

// The device states a snapshot lists: every one but lost and written off (out of service).
static_assert(logistics::kDeviceStateNames[logistics::kDeviceStates - 2] == "lost" &&
              logistics::kDeviceStateNames[logistics::kDeviceStates - 1] == "written_off");
const std::vector<std::string>& in_service_states() {
  static const std::vector<std::string> states(logistics::kDeviceStateNames.begin(),
                                               logistics::kDeviceStateNames.end() - 2);
  return states;
}

}  // namespace

std::vector<std::string> corridor_countries(const CorridorConfig& config) {
  std::vector<std::string> countries;
  for (const auto& s : config.stations) {
    if (std::find(countries.begin(), countries.end(), s.country) == countries.end()) countries.push_back(s.country);
  }
  return countries;
}

snapshot::Json corridor_state_schema() {
  using snapshot::Json;
  using namespace snapshot::schema;
  const Json time = date_time();
  const Json stop = object("A rest stop still to make", {{"km", number(0, "where, km from the route's start")},
                                                         {"duration", number(0, "how long, s")}},
                           {"km", "duration"});
  const Json truth =
      object("What is done to the trip (a simulated state's truth; without it the scenario draws it)",
             {{"attack", one_of(snapshot::choices(kAttackNames), "the attack on the trip")},
              {"km", number(0, "where it happens, km from the route's start")},
              {"time", time},
              {"jam_cellular", flag("a GPS jammer blocks the cellular link too")},
              {"coverage_gap", flag("reports stop for longer than the comm-loss time (noise)")},
              {"battery_fault", flag("the device reports a low battery wrongly (noise)")},
              {"malfunction", flag("the device's self-test has failed")},
              {"scenario", text("the attack scenario in steps (corridor.attacks.scenarios); without it the attack "
                                "is the single kind's")},
              {"steps", array_of(object("A step of the scenario passed so far, in order",
                                        {{"time", time}, {"detected", time}}, {}))},
              {"logged", flag("the device's own log holds an opening (a reader sees it)")},
              {"pending", array_of(one_of(snapshot::choices(kAlarmNames),
                                          "an event sensed inside a Faraday bag, sent when the bag is off"))}},
             {"attack"});
  const Json trip = object(
      "A trip not yet unsealed",
      {{"id", integer(0, "the trip's number (its events' entity); a trip of the port's flows has a box instead")},
       {"box", container_number("a port trip's box")},
       {"flow", integer(0, "its flow: index in corridor.flows, from 0")},
       {"phase", one_of(kTripPhases, "sealing at its origin, waiting for a departure, on the road, or at a station")},
       {"created", time},
       {"sealed", time},
       {"leg", integer(0, "its leg, from 0")},
       {"km", number(0, "on the road: km from the route's start")},
       {"kmh", number(0, "on the road: its speed, km/h")},
       {"detour_left", number(0, "on the road: s of a detour in progress still to drive")},
       {"arrived", time},
       {"device", integer(0, "the device sealed on it (with device logistics)")},
       {"supervision", one_of(snapshot::choices(logistics::kSupervisionNames), "under a device or a fallback (default device)")},
       {"battery", number(0, "Ah left in the device")},
       {"last_read", time},
       {"last_report", time},
       {"alarms", integer(0, "alarms raised on it")},
       {"false_alarms", integer(0, "of those, false")},
       {"detected", time},
       {"raised", array_of(one_of(once_alarm_names(), "an alarm raised once per trip, raised already"))},
       {"known_grade", integer(0, "the highest alarm grade the platform knows")},
       {"device_grade", integer(0, "the highest alarm grade the device stored")},
       {"inspect_on_arrival", flag("an operator warned its destination")},
       {"warned", text("the country warned")},
       {"patrol_called", flag("a patrol was sent")},
       {"risk", one_of(snapshot::choices(kRiskLevelNames), "the risk assessed at sealing")},
       {"vehicle", integer(0, "its vehicle in the flow's fleet")},
       {"driver", integer(0, "its driver")},
       {"stop", stop},
       {"truth", truth}},
      {"flow", "phase", "created"});
  const Json device = object("A device in service (with device logistics)",
                             {{"id", integer(0, "its number")},
                              {"type", text("its device type")},
                              {"store", text("the station of its store (or the one it is on its way to)")},
                              {"state", one_of(in_service_states(), "its state")},
                              {"capacity", number(0, "Ah its battery holds now")},
                              {"charge", number(0, "Ah left")},
                              {"cycles", integer(0, "charge cycles")},
                              {"trips", integer(0, "trips made")},
                              {"route", text("awaiting_return: the one-way route at whose end it waits")},
                              {"arrives", time},
                              {"repaired", time}},
                             {"id", "type", "store", "state"});
  return object("The transit corridor's state",
                {{"trips", array_of(trip)},
                 {"devices", array_of(device)},
                 {"vehicles_away", array_of(object("A dispatch vehicle away", {{"back", time}}, {"back"}))}},
                {});
}

namespace {

// The attack's plan and the steps it has passed: a stepped scenario by its name, with its steps'
// times (non-decreasing, not after the snapshot) and detections; else the single kind's plan.
void read_attack_steps(const snapshot::SectionReader& r, const snapshot::Json& truth, const std::string& pt,
                       const CorridorConfig& config, double now, SavedTrip& trip) {
  using snapshot::pointer_append;
  const auto& plans = config.attacks.plans;
  if (auto name = r.text(truth, pt, "scenario", false)) {
    for (std::size_t i = 0; i < plans.size(); ++i) {
      if (!plans[i].single && plans[i].name == *name) trip.plan = static_cast<int>(i);
    }
    if (trip.plan < 0) {
      std::string list;
      for (const auto& plan : plans) {
        if (!plan.single) list += (list.empty() ? "" : ", ") + plan.name;
      }
      r.error(pointer_append(pt, "scenario"), "found \"" + *name + "\", expected one of corridor.attacks.scenarios (" +
                                                  (list.empty() ? std::string("it has none") : list) + ")");
      return;
    }
    if (plans[static_cast<std::size_t>(trip.plan)].steps.front().type != trip.attack) {
      r.error(pointer_append(pt, "attack"), "is not the first step of scenario \"" + *name + "\"");
    }
  } else if (trip.attack != AttackKind::None) {
    for (std::size_t i = 0; i < plans.size(); ++i) {
      if (plans[i].single && plans[i].steps.front().type == trip.attack) trip.plan = static_cast<int>(i);
    }
    if (trip.attack == AttackKind::BagOff) r.error(pointer_append(pt, "attack"), "bag_off is a step only, expected an attack kind");
  }
  if (trip.plan < 0) return;
  const auto& plan = plans[static_cast<std::size_t>(trip.plan)];
  const snapshot::Json* steps = r.array(truth, pt, "steps");
  if (steps && plan.single) r.error(pointer_append(pt, "steps"), "a single attack kind has no steps (name its scenario)");
  if (steps && !plan.single) {
    const std::string ps = pointer_append(pt, "steps");
    if (steps->size() > plan.steps.size()) {
      r.error(ps, "found " + std::to_string(steps->size()) + " steps, expected at most the scenario's " +
                      std::to_string(plan.steps.size()));
    }
    double last = -1;
    for (std::size_t k = 0; k < steps->size() && k < plan.steps.size(); ++k) {
      const std::string p = pointer_append(ps, k);
      const snapshot::Json& step = (*steps)[k];
      if (!r.is_object(step, p)) continue;
      r.only(step, p, {"time", "detected"});
      SavedTrip::Step s;
      if (auto at = r.time(step, p, "time", false)) {
        if (*at > now) r.error(pointer_append(p, "time"), "is after the snapshot's time: a step to come has no time yet");
        else if (*at < last) r.error(pointer_append(p, "time"), "is before the step before it");
        s.time = std::min(*at, now);
        last = s.time;
      }
      if (auto d = r.time(step, p, "detected", false)) {
        if (s.time < 0 || *d < s.time || *d > now) {
          r.error(pointer_append(p, "detected"), "must lie between the step's time and the snapshot's time");
        }
        s.detected = std::min(*d, now);
      }
      trip.steps.push_back(s);
    }
    if (!trip.steps.empty() && trip.steps.front().time >= 0 && trip.attack_time >= 0 &&
        trip.steps.front().time != trip.attack_time) {
      r.error(pointer_append(ps, 0), "its time is not the attack's time");
    }
  } else if (trip.attack_time >= 0) {
    trip.steps.push_back({trip.attack_time, trip.detected >= 0 && trip.detected >= trip.attack_time ? trip.detected : -1});
  }
  trip.logged = r.flag(truth, pt, "logged", false).value_or(false);
  if (const snapshot::Json* pending = r.array(truth, pt, "pending")) {
    const auto names = snapshot::choices(kAlarmNames);
    for (std::size_t k = 0; k < pending->size(); ++k) {
      const snapshot::Json& name = (*pending)[k];
      const auto at = name.is_string() ? std::find(names.begin(), names.end(), name.get<std::string>()) : names.end();
      if (at == names.end()) {
        r.error(pointer_append(pointer_append(pt, "pending"), k), "found " + name.dump() + ", expected an alarm kind");
        continue;
      }
      trip.pending.push_back(static_cast<AlarmKind>(at - names.begin()));
    }
  }
}

}  // namespace

CorridorState read_corridor_state(const snapshot::SectionReader& r, const snapshot::Json& section,
                                  const CorridorConfig& config) {
  using snapshot::Json;
  using snapshot::pointer_append;
  CorridorState state;
  const double now = r.snapshot().time;
  const std::string root = "/corridor";
  r.only(section, root, {"trips", "devices", "vehicles_away"});
  const auto countries = corridor_countries(config);
  const auto route_names = scenario::names_of(config.routes);
  const auto station_names = scenario::names_of(config.stations);
  const auto device_names = scenario::names_of(config.devices);
  const bool logistics = config.has_logistics;
  // Per route: its legs' lengths and its length, km (the geometry once, not per trip).
  std::vector<std::vector<double>> legs_of(config.routes.size());
  std::vector<double> length_of(config.routes.size(), 0);
  for (std::size_t k = 0; k < config.routes.size(); ++k) {
    legs_of[k] = CorridorModel::leg_lengths_km(config, static_cast<int>(k));
    for (double km : legs_of[k]) length_of[k] += km;
  }

  // Devices first: trips name them.
  std::map<std::int64_t, std::size_t> by_id;
  if (r.array(section, root, "devices")) {
    if (!logistics) r.error(pointer_append(root, "devices"), "the scenario has no corridor.logistics: devices are not tracked");
    state.has_devices = logistics;
    if (logistics) r.each_object(section, root, "devices", {"id", "type", "store", "state", "capacity", "charge", "cycles", "trips", "route", "arrives", "repaired"}, [&](const Json& v, const std::string& p) {
      logistics::SavedDevice d;
      d.pointer = p;
      if (auto id = r.integer(v, p, "id", true, 0, std::numeric_limits<std::uint32_t>::max() - 1)) {
        d.id = static_cast<std::uint32_t>(*id);
        if (auto [it, fresh] = by_id.emplace(*id, state.devices.size()); !fresh) {
          r.error(pointer_append(p, "id"), "device " + std::to_string(*id) + " is listed twice (first at " +
                                               state.devices[it->second].pointer + ")");
        }
      }
      const auto type = r.named(v, p, "type", true, device_names, "device type");
      const auto station = r.named(v, p, "store", true, station_names, "station");
      if (type && station) {
        d.type = static_cast<int>(*type);
        d.store = -1;
        for (std::size_t s = 0; s < config.logistics.stores.size(); ++s) {
          const auto& sc = config.logistics.stores[s];
          if (sc.station.index == static_cast<int>(*station) && sc.device.index == d.type) d.store = static_cast<int>(s);
        }
        if (d.store < 0) {
          r.error(pointer_append(p, "store"), "station " + station_names[*station] + " has no store of " +
                                                  device_names[*type] + " devices (corridor.logistics.stores)");
        }
      }
      if (auto s = r.choice(v, p, "state", true, in_service_states())) d.state = static_cast<logistics::DeviceState>(*s);
      const double nominal = type ? config.devices[*type].battery_capacity : 0;
      d.capacity = r.number(v, p, "capacity", false, 0, std::max(nominal, 0.0)).value_or(nominal);
      d.charge = r.number(v, p, "charge", false, 0, d.capacity).value_or(d.capacity);
      d.cycles = static_cast<int>(r.integer(v, p, "cycles", false, 0, 1000000).value_or(0));
      d.trips = static_cast<int>(r.integer(v, p, "trips", false, 0, 100000000).value_or(0));
      const bool awaiting = d.state == logistics::DeviceState::AwaitingReturn;
      if (auto route = r.named(v, p, "route", awaiting, route_names, "route")) {
        d.route = static_cast<int>(*route);
        const auto& returns = config.logistics.routes;
        const bool one_way = std::any_of(returns.begin(), returns.end(), [&](const auto& rr) {
          return rr.route.index == d.route && rr.variant == "one_way";
        });
        if (!awaiting) r.error(pointer_append(p, "route"), "only a device awaiting its return waits at a route's end");
        else if (!one_way) r.error(pointer_append(p, "route"), "route " + route_names[*route] + " is not one-way (corridor.logistics.routes)");
      }
      const bool moving = d.state == logistics::DeviceState::Returning || d.state == logistics::DeviceState::Dispatched;
      if (auto t = r.time(v, p, "arrives", moving)) {
        if (!moving) r.error(pointer_append(p, "arrives"), "only a device returning or dispatched arrives somewhere");
        else if (*t < now) r.error(pointer_append(p, "arrives"), "is before the snapshot's time: the device has arrived");
        d.arrives = std::max(*t, now);
      }
      const bool faulty = d.state == logistics::DeviceState::Faulty;
      if (auto t = r.time(v, p, "repaired", false)) {
        if (!faulty) r.error(pointer_append(p, "repaired"), "only a faulty device is under repair");
        else if (*t < now) r.error(pointer_append(p, "repaired"), "is before the snapshot's time: the device is repaired");
        d.repaired = std::max(*t, now);
      }
      state.devices.push_back(std::move(d));
    });
  }
  if (const Json* away = r.array(section, root, "vehicles_away")) {
    const std::string p = pointer_append(root, "vehicles_away");
    if (!logistics) {
      r.error(p, "the scenario has no corridor.logistics: no dispatch vehicles");
    } else if (away->size() > static_cast<std::size_t>(config.logistics.dispatch.vehicles)) {
      r.error(p, "lists " + std::to_string(away->size()) + " vehicles away, the scenario has " +
                     std::to_string(config.logistics.dispatch.vehicles) + " (corridor.logistics.dispatch.vehicles)");
    }
    if (logistics) r.each_object(section, root, "vehicles_away", {"back"}, [&](const Json& v, const std::string& pi) {
      if (auto t = r.time(v, pi, "back", true)) {
        if (*t < now) r.error(pointer_append(pi, "back"), "is before the snapshot's time: the vehicle is back");
        state.vehicles_back.push_back(std::max(*t, now));
      }
    });
  }

  // Trips.
  std::map<std::int64_t, std::string> trip_ids;
  std::map<std::string, std::string> boxes;  // port trips' boxes
  const std::set<std::string> in_terminal = r.texts_of("terminal", "boxes", "id");  // a port trip's box is not one
  std::map<std::int64_t, std::string> device_trip;  // device id -> the trip it is sealed on
  r.each_object(section, root, "trips", {"id", "box", "flow", "phase", "created", "sealed", "leg", "km", "kmh", "detour_left", "arrived", "device",
                  "supervision", "battery", "last_report", "last_read", "alarms", "false_alarms", "detected", "raised",
                  "known_grade", "device_grade", "inspect_on_arrival", "warned", "patrol_called", "risk", "vehicle",
                  "driver", "stop", "truth"}, [&](const Json& t, const std::string& p) {
    SavedTrip trip;
    trip.pointer = p;
    const auto flow = r.integer(t, p, "flow", true, 0, static_cast<std::int64_t>(config.flows.size()) - 1);
    if (flow) trip.flow = static_cast<int>(*flow);
    if (auto phase = r.choice(t, p, "phase", true, kTripPhases)) trip.phase = static_cast<TripPhase>(*phase);
    const FlowConfig* f = flow ? &config.flows[static_cast<std::size_t>(*flow)] : nullptr;
    const bool port_trip = f && (f->from_port || f->to_port);  // its id is its box's
    if (auto id = r.integer(t, p, "id", f && !port_trip, 0, std::numeric_limits<std::int64_t>::max())) {
      trip.id = static_cast<std::uint64_t>(*id);
      if (port_trip) r.error(pointer_append(p, "id"), "a trip of the port's flows is named by its box (\"box\"), not an id");
      if (auto [it, fresh] = trip_ids.emplace(*id, p); !fresh) {
        r.error(pointer_append(p, "id"), "trip " + std::to_string(*id) + " is listed twice (first at " + it->second + ")");
      }
    }
    if (auto box = r.text(t, p, "box", port_trip)) {
      if (!port_trip) {
        r.error(pointer_append(p, "box"), "only a trip of the port's flows (a transit box, an export for the terminal) carries a box");
      } else if (!yard::iso6346_valid(*box)) {
        r.error(pointer_append(p, "box"), "\"" + *box + "\" is not an ISO 6346 container number");
      } else if (in_terminal.count(*box)) {
        r.error(pointer_append(p, "box"), "box " + *box + " is in the terminal too (terminal.boxes): a box is in one place");
      } else if (auto [it, fresh] = boxes.emplace(*box, p); !fresh) {
        r.error(pointer_append(p, "box"), "box " + *box + " is on another trip already (" + it->second + ")");
      }
      trip.box = *box;
    }
    if (f && f->from_port && trip.phase == TripPhase::Sealing) {
      r.error(pointer_append(p, "phase"), "a transit box's trip is sealed at the terminal's gate: while its box is in "
                                          "the terminal, leave the trip out (it asks for its device again)");
    }
    if (auto c = r.time(t, p, "created", true)) {
      if (*c > now) r.error(pointer_append(p, "created"), "is after the snapshot's time");
      trip.created = std::min(*c, now);
    }
    const bool sealing = trip.phase == TripPhase::Sealing;
    if (auto s = r.time(t, p, "sealed", !sealing)) {
      if (sealing) r.error(pointer_append(p, "sealed"), "a trip being sealed has no sealing time yet");
      else if (*s > now || *s < trip.created) r.error(pointer_append(p, "sealed"), "must lie between its creation and the snapshot's time");
      trip.sealed = *s;
    }
    if (flow && !sealing) {
      const RouteConfig& route = config.routes[static_cast<std::size_t>(config.flows[*flow].route.index)];
      const std::vector<double>& legs = legs_of[static_cast<std::size_t>(config.flows[*flow].route.index)];
      if (auto leg = r.integer(t, p, "leg", true, 0, static_cast<std::int64_t>(route.legs.size()) - 1)) {
        trip.leg = static_cast<int>(*leg);
        double start = 0;
        for (int k = 0; k < trip.leg; ++k) start += legs[static_cast<std::size_t>(k)];
        const bool road = trip.phase == TripPhase::Road;
        if (auto km = r.number(t, p, "km", road, start, start + legs[static_cast<std::size_t>(trip.leg)])) {
          if (!road) r.error(pointer_append(p, "km"), "only a trip on the road has a position along its leg");
          trip.km = *km;
        }
      }
      const bool road = trip.phase == TripPhase::Road;
      if (auto kmh = r.number(t, p, "kmh", road, 1, 1000)) {
        if (!road) r.error(pointer_append(p, "kmh"), "only a trip on the road has a speed");
        trip.kmh = *kmh;
      }
      trip.detour_left = r.number(t, p, "detour_left", false, 0, 1e7).value_or(0);
      if (trip.detour_left > 0 && !road) r.error(pointer_append(p, "detour_left"), "only a trip on the road makes a detour");
      if (auto a = r.time(t, p, "arrived", trip.phase == TripPhase::Station)) {
        if (trip.phase != TripPhase::Station) r.error(pointer_append(p, "arrived"), "only a trip at a station has arrived at one");
        else if (*a > now || *a < trip.sealed) r.error(pointer_append(p, "arrived"), "must lie between its sealing and the snapshot's time");
        trip.arrived = *a;
      }
    } else if (sealing) {
      for (const char* key : {"leg", "km", "kmh", "detour_left", "arrived"}) {
        if (t.contains(key)) r.error(pointer_append(p, key), "a trip being sealed has not left its origin");
      }
    }
    if (auto s = r.choice(t, p, "supervision", false, snapshot::choices(logistics::kSupervisionNames))) trip.supervision = static_cast<int>(*s);
    const bool under_device = trip.supervision == static_cast<int>(logistics::Supervision::Device);
    if (auto device = r.integer(t, p, "device", logistics && under_device && !sealing && state.has_devices, 0,
                                std::numeric_limits<std::uint32_t>::max() - 1)) {
      const std::string pd = pointer_append(p, "device");
      if (!logistics) {
        r.error(pd, "the scenario has no corridor.logistics: devices are not tracked");
      } else if (!under_device) {
        r.error(pd, "a trip under a fallback has no device");
      } else if (auto it = by_id.find(*device); it == by_id.end()) {
        r.error(pd, "device " + std::to_string(*device) + " is not among the snapshot's devices");
      } else {
        const logistics::SavedDevice& d = state.devices[it->second];
        if (d.state != logistics::DeviceState::InUse) {
          r.error(pd, "device " + std::to_string(*device) + " is " +
                          std::string(logistics::kDeviceStateNames[static_cast<std::size_t>(d.state)]) + " (" + d.pointer +
                          "), not in use on a trip");
        } else if (flow && d.type != config.flows[*flow].device.index) {
          r.error(pd, "device " + std::to_string(*device) + " is a " + device_names[static_cast<std::size_t>(d.type)] +
                          ", the flow's trips carry " + device_names[static_cast<std::size_t>(config.flows[*flow].device.index)]);
        } else if (auto [seen, fresh] = device_trip.emplace(*device, p); !fresh) {
          r.error(pd, "device " + std::to_string(*device) + " is sealed on another trip already (" + seen->second + ")");
        }
        trip.device = *device;
      }
    }
    trip.battery = r.number(t, p, "battery", false, 0, 1e6).value_or(-1);
    if (auto lr = r.time(t, p, "last_report", false)) {
      if (*lr > now) r.error(pointer_append(p, "last_report"), "is after the snapshot's time");
      trip.last_report = std::min(*lr, now);
    }
    if (auto lr = r.time(t, p, "last_read", false)) {
      if (*lr > now || *lr < trip.sealed) r.error(pointer_append(p, "last_read"), "must lie between its sealing and the snapshot's time");
      trip.last_read = std::min(*lr, now);
    }
    trip.alarms = static_cast<int>(r.integer(t, p, "alarms", false, 0, 1000000).value_or(0));
    trip.false_alarms = static_cast<int>(r.integer(t, p, "false_alarms", false, 0, trip.alarms).value_or(0));
    if (auto d = r.time(t, p, "detected", false)) {
      if (*d > now) r.error(pointer_append(p, "detected"), "is after the snapshot's time");
      trip.detected = std::min(*d, now);
    }
    if (const Json* raised = r.array(t, p, "raised")) {
      const std::string pr = pointer_append(p, "raised");
      for (std::size_t k = 0; k < raised->size(); ++k) {
        const Json& name = (*raised)[k];
        const auto& names = once_alarm_names();
        const auto at = name.is_string() ? std::find(names.begin(), names.end(), name.get<std::string>()) : names.end();
        if (at == names.end()) {
          std::string list;
          for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
          r.error(pointer_append(pr, k), "found " + name.dump() + ", expected one of " + list);
          continue;
        }
        trip.raised.push_back(kOnceAlarms[at - names.begin()]);
      }
    }
    trip.known_grade = static_cast<int>(r.integer(t, p, "known_grade", false, 0, kGrades).value_or(0));
    trip.device_grade = static_cast<int>(r.integer(t, p, "device_grade", false, 0, kGrades).value_or(0));
    trip.inspect_on_arrival = r.flag(t, p, "inspect_on_arrival", false).value_or(false);
    trip.patrol_called = r.flag(t, p, "patrol_called", false).value_or(false);
    if (t.contains("warned")) {
      if (auto c = r.named(t, p, "warned", true, countries, "station country")) trip.warned_country = static_cast<int>(*c);
    }
    trip.risk = static_cast<int>(r.choice(t, p, "risk", false, snapshot::choices(kRiskLevelNames)).value_or(0));
    trip.vehicle = static_cast<std::uint32_t>(r.integer(t, p, "vehicle", false, 0, std::numeric_limits<std::uint32_t>::max()).value_or(0));
    trip.driver = static_cast<std::uint32_t>(r.integer(t, p, "driver", false, 0, std::numeric_limits<std::uint32_t>::max()).value_or(trip.vehicle));
    const double route_km = flow ? length_of[static_cast<std::size_t>(config.flows[*flow].route.index)] : 0;
    if (const Json* stop = r.member(t, p, "stop", false)) {
      const std::string ps = pointer_append(p, "stop");
      if (r.is_object(*stop, ps)) {
        r.only(*stop, ps, {"km", "duration"});
        const auto km = r.number(*stop, ps, "km", true, 0, route_km);
        const auto duration = r.duration(*stop, ps, "duration", true);
        if (km && duration) {
          if (*km < trip.km && trip.phase == TripPhase::Road) r.error(pointer_append(ps, "km"), "is behind the trip: a stop made is left out");
          trip.stop_km = *km;
          trip.stop_time = std::max(0.0, *duration);
        }
      }
    }
    if (const Json* truth = r.member(t, p, "truth", false)) {
      const std::string pt = pointer_append(p, "truth");
      if (r.is_object(*truth, pt)) {
        r.only(*truth, pt, {"attack", "km", "time", "jam_cellular", "coverage_gap", "battery_fault", "malfunction",
                            "scenario", "steps", "logged", "pending"});
        trip.has_truth = true;
        if (auto a = r.choice(*truth, pt, "attack", true, snapshot::choices(kAttackNames))) trip.attack = static_cast<AttackKind>(*a);
        const bool attacked = trip.attack != AttackKind::None;
        if (auto km = r.number(*truth, pt, "km", attacked, 0, route_km)) {
          if (!attacked) r.error(pointer_append(pt, "km"), "a trip without an attack has no attack place");
          trip.attack_km = *km;
        }
        if (auto at = r.time(*truth, pt, "time", false)) {
          if (!attacked) r.error(pointer_append(pt, "time"), "a trip without an attack has no attack time");
          else if (*at > now) r.error(pointer_append(pt, "time"), "is after the snapshot's time: an attack to come has no time yet");
          trip.attack_time = std::min(*at, now);
        }
        trip.jam_cellular = r.flag(*truth, pt, "jam_cellular", false).value_or(false);
        trip.coverage_gap = r.flag(*truth, pt, "coverage_gap", false).value_or(false);
        trip.battery_fault = r.flag(*truth, pt, "battery_fault", false).value_or(false);
        trip.malfunction = r.flag(*truth, pt, "malfunction", false).value_or(false);
        read_attack_steps(r, *truth, pt, config, now, trip);
      }
    }
    bool detours = false;
    if (trip.plan >= 0) {
      const auto& steps = config.attacks.plans[static_cast<std::size_t>(trip.plan)].steps;
      for (std::size_t k = 0; k < trip.steps.size(); ++k) {
        const bool detour = steps[k].type == AttackKind::RouteDeviation || steps[k].type == AttackKind::ClonedDevice;
        detours = detours || (detour && trip.steps[k].time >= 0);
      }
    }
    if (trip.detour_left > 0 && !detours) {
      r.error(pointer_append(p, "detour_left"), "a detour is under way only after a route deviation or a cloned "
                                                "device's attack (truth: attack and time)");
    }
    state.trips.push_back(std::move(trip));
  });
  // Every device in use is sealed on a listed trip.
  for (const logistics::SavedDevice& d : state.devices) {
    if (d.state == logistics::DeviceState::InUse && !device_trip.count(d.id)) {
      r.error(d.pointer, "device " + std::to_string(d.id) + " is in use on no trip of the snapshot");
    }
  }
  return state;
}

}  // namespace porttwin::corridor

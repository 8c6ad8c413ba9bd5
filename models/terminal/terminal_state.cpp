#include "models/terminal/terminal_state.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "models/yard/block.hpp"
#include "models/yard/record/iso6346.hpp"

namespace porttwin::terminal {

namespace {

constexpr double kWeek = 7 * 86400.0;

const std::vector<std::string>& category_names() {
  static const std::vector<std::string> names(yard::kCategoryNames.begin(), yard::kCategoryNames.end());
  return names;
}

// "EA1/3" -> call index; -1 with an error when the service is unknown or the week outside the run.
int read_call(const snapshot::SectionReader& r, const std::string& pointer, const std::string& text,
              const VesselConfig& vessels, double horizon) {
  const auto slash = text.rfind('/');
  std::vector<std::string> names;
  names.reserve(vessels.services.size());
  for (const auto& s : vessels.services) names.push_back(s.name);
  if (slash == std::string::npos || slash + 1 == text.size() ||
      !std::all_of(text.begin() + static_cast<std::ptrdiff_t>(slash) + 1, text.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
      text.size() - slash > 7) {
    r.error(pointer, "found \"" + text + "\", expected a vessel call SERVICE/WEEK, e.g. \"" +
                         (names.empty() ? std::string("EA1") : names.front()) + "/3\" (week 0 starts with the scenario)");
    return -1;
  }
  const std::string service = text.substr(0, slash);
  const int week = std::stoi(text.substr(slash + 1));
  const auto it = std::find(names.begin(), names.end(), service);
  if (it == names.end()) {
    std::string message = "the scenario has no vessel service \"" + service + "\"";
    if (auto close = scenario::closest_match(service, names); !close.empty()) message += " (did you mean \"" + close + "\"?)";
    r.error(pointer, message);
    return -1;
  }
  if (week * kWeek >= horizon + kWeek) {
    r.error(pointer, "week " + std::to_string(week) + " is after the run's horizon: the scenario has weeks 0 to " +
                         std::to_string(static_cast<int>(std::ceil(horizon / kWeek))) + "");
    return -1;
  }
  return week * static_cast<int>(vessels.services.size()) + static_cast<int>(it - names.begin());
}

// {route, device, mode} -> the corridor flow of the transit share that sends boxes that way.
int read_transit(const snapshot::SectionReader& r, const snapshot::Json& value, const std::string& p,
                 const VesselConfig& vessels) {
  if (!r.is_object(value, p)) return -1;
  r.only(value, p, {"route", "device", "mode"});
  const auto route = r.text(value, p, "route", true);
  const auto device = r.text(value, p, "device", false);
  const auto mode = r.choice(value, p, "mode", false, {"truck", "rail"});
  if (!route) return -1;
  std::vector<std::string> routes;
  for (const auto& service : vessels.services) {
    for (const auto& t : service.transit) {
      if (t.flow < 0) continue;
      routes.push_back(t.route.name);
      if (t.route.name == *route && (!device || t.device.name == *device) && (!mode || t.mode == (*mode ? "rail" : "truck"))) {
        return t.flow;
      }
    }
  }
  std::string message = "no service of the scenario sends transit boxes on route \"" + *route + "\"" +
                        (device ? " with " + *device + " devices" : "") + (mode ? std::string(*mode ? " by rail" : " by truck") : "");
  if (routes.empty()) message += " (it has no port: section coupling the terminal to a corridor)";
  else if (auto close = scenario::closest_match(*route, routes); !close.empty() && close != *route) message += " (did you mean \"" + close + "\"?)";
  r.error(snapshot::pointer_append(p, "route"), message);
  return -1;
}

}  // namespace

snapshot::Json terminal_state_schema() {
  using snapshot::Json;
  using namespace snapshot::schema;
  const Json number = container_number("ISO 6346 container number, check digit included");
  const Json call = {{"type", "string"}, {"pattern", "^.+/[0-9]+$"},
                     {"description", "a vessel call SERVICE/WEEK, week 0 starting with the scenario"}};
  const Json time = date_time();
  const std::vector<std::string> categories(yard::kCategoryNames.begin(), yard::kCategoryNames.end());
  const Json box = object(
      "A box in the terminal",
      {{"id", number},
       {"category", one_of(categories, "what kind of box it is (and the yard area it belongs in)")},
       {"where", one_of(kBoxWhere, "yard: in a block slot; overflow: parked off the stacks; rail: at the rail side for a "
                                   "train; vehicle, truck: on a job "
                                   "in progress (default yard)")},
       {"block", text("its yard block (where: yard), or the block it is driven to (vehicle)")},
       {"bay", integer(0, "bay, from 0")},
       {"row", integer(0, "row, from 0")},
       {"tier", integer(0, "tier, 0 on the ground")},
       {"since", time},
       {"vessel_in", call},
       {"vessel_out", call},
       {"pickup_expected", time},
       {"transit", object("In customs transit: the corridor trip it will leave on",
                          {{"route", text("the corridor route")},
                           {"device", text("the device type its trip is sealed with")},
                           {"mode", one_of({"truck", "rail"}, "how it leaves the port")}},
                          {"route"})}},
      {"id", "category"});
  const Json vessel = object("A vessel call not yet gone",
                             {{"call", call},
                              {"where", one_of(kVesselWhere, "where the vessel is")},
                              {"berth", integer(0, "its berth (at_berth), from 0")},
                              {"arrival", time},
                              {"berthed", time},
                              {"discharge", integer(0, "boxes still to discharge")},
                              {"load", integer(0, "boxes it will load (expected)")}},
                             {"call", "where", "arrival", "discharge"});
  const Json truck = object("A truck visit to come",
                            {{"arrival", time},
                             {"booked", flag("in an appointment slot (default true)")},
                             {"pickup", number},
                             {"drop", one_of(categories, "the kind of box it drops off")},
                             {"vessel_out", call}},
                            {"arrival"});
  return object("The container terminal's state",
                {{"boxes", array_of(box)}, {"vessels", array_of(vessel)}, {"trucks", array_of(truck)}}, {});
}

std::string call_name(const VesselConfig& vessels, int call) {
  const int services = static_cast<int>(vessels.services.size());
  return vessels.services[static_cast<std::size_t>(call % services)].name + "/" + std::to_string(call / services);
}

TerminalState read_terminal_state(const snapshot::SectionReader& r, const snapshot::Json& section,
                                  const TerminalConfig& config, double horizon) {
  using snapshot::Json;
  using snapshot::pointer_append;
  TerminalState state;
  const double now = r.snapshot().time;
  const std::string root = "/terminal";
  if (config.vessels.arrivals.process == "trace" || config.trucks.arrivals.process == "trace") {
    // Its calls and visits are named by week and service, which a replayed log's are not.
    r.error(root, "found a terminal replaying a log (arrivals.process: trace), expected weekly calls and planned "
                  "visits: a run from a snapshot does not replay logs yet");
    return state;
  }
  r.only(section, root, {"boxes", "vessels", "trucks"});
  std::vector<std::string> block_names;
  for (const auto& b : config.yard.blocks) block_names.push_back(b.name);
  auto read_call_member = [&](const Json& object, const std::string& pointer, const char* key) {
    auto text = r.text(object, pointer, key, false);
    return text ? read_call(r, pointer_append(pointer, key), *text, config.vessels, horizon) : -1;
  };

  // Boxes.
  std::unordered_map<std::string, int> by_number;
  if (const Json* boxes = r.array(section, root, "boxes")) {
    for (std::size_t i = 0; i < boxes->size(); ++i) {
      const Json& b = (*boxes)[i];
      const std::string p = pointer_append(pointer_append(root, "boxes"), i);
      if (!r.is_object(b, p)) continue;
      r.only(b, p, {"id", "category", "where", "block", "bay", "row", "tier", "since", "vessel_in", "vessel_out",
                    "pickup_expected", "transit"});
      BoxState box;
      box.pointer = p;
      if (auto id = r.text(b, p, "id")) {
        if (!yard::iso6346_valid(*id)) {
          const auto digit = id->size() == 11 ? yard::iso6346_check_digit(id->substr(0, 10)) : std::nullopt;
          r.error(pointer_append(p, "id"), "\"" + *id + "\" is not an ISO 6346 container number" +
                                               (digit ? " (its check digit would be " + std::to_string(*digit) + ")"
                                                      : " (owner code, U/J/Z, six digits, check digit)"));
        } else if (auto [it, fresh] = by_number.emplace(*id, static_cast<int>(i)); !fresh) {
          r.error(pointer_append(p, "id"), "box " + *id + " is listed twice (first at " +
                                               state.boxes[static_cast<std::size_t>(it->second)].pointer + ")");
        }
        box.number = *id;
      }
      if (auto c = r.choice(b, p, "category", true, category_names())) box.category = static_cast<yard::Category>(*c);
      if (auto w = r.choice(b, p, "where", false, kBoxWhere)) box.where = static_cast<BoxWhere>(*w);
      const bool in_yard = box.where == BoxWhere::Yard;
      if (auto block = r.named(b, p, "block", in_yard, block_names, "yard block")) box.block = static_cast<int>(*block);
      if (in_yard && box.block >= 0) {
        const auto& bc = config.yard.blocks[static_cast<std::size_t>(box.block)];
        const auto bay = r.integer(b, p, "bay", true, 0, bc.bays - 1);
        const auto row = r.integer(b, p, "row", true, 0, bc.rows - 1);
        const auto tier = r.integer(b, p, "tier", true, 0, bc.tiers - 1);
        if (bay && row && tier) box.slot = {static_cast<int>(*bay), static_cast<int>(*row), static_cast<int>(*tier)};
        else box.block = -2;  // located already; no slot checks
      }
      if (auto since = r.time(b, p, "since", false)) {
        if (*since > now) r.error(pointer_append(p, "since"), "is after the snapshot's time");
        box.since = *since;
      } else {
        box.since = now;
      }
      box.vessel_in = read_call_member(b, p, "vessel_in");
      box.vessel_out = read_call_member(b, p, "vessel_out");
      if (box.category == yard::Category::Export && box.vessel_out < 0 && !b.contains("vessel_out")) {
        r.error(p, "an export box needs \"vessel_out\", the call that takes it");
      }
      box.pickup_expected = r.time(b, p, "pickup_expected", false);
      if (const Json* transit = r.member(b, p, "transit", false)) box.transit = read_transit(r, *transit, pointer_append(p, "transit"), config.vessels);
      if (box.transit >= 0 && box.vessel_out >= 0) r.error(pointer_append(p, "transit"), "a box in transit leaves on its corridor trip, not by vessel");
      if (box.where == BoxWhere::Rail) {
        const TransitShareConfig* share = transit_share(config.vessels, box.transit);
        if (!config.has_rail) r.error(pointer_append(p, "where"), "the scenario's terminal has no rail side (terminal.rail)");
        else if (!share || share->mode != "rail") r.error(pointer_append(p, "where"), "only a transit box leaving by rail (\"transit\" with \"mode\": \"rail\") waits at the rail side");
      }
      state.boxes.push_back(std::move(box));
    }
  }

  // A slot holds one box, and no box floats over an empty slot.
  std::map<std::tuple<int, int, int, int>, int> slots;
  for (std::size_t i = 0; i < state.boxes.size(); ++i) {
    const BoxState& b = state.boxes[i];
    if (b.where != BoxWhere::Yard || b.block < 0) continue;
    auto [it, fresh] = slots.emplace(std::tuple{b.block, b.slot.bay, b.slot.row, b.slot.tier}, static_cast<int>(i));
    if (!fresh) {
      r.error(b.pointer, "slot " + yard::to_string(b.slot) + " of block " + block_names[static_cast<std::size_t>(b.block)] +
                             " holds box " + state.boxes[static_cast<std::size_t>(it->second)].number + " already (" +
                             state.boxes[static_cast<std::size_t>(it->second)].pointer + ")");
    }
  }
  for (const auto& [key, index] : slots) {
    const auto [block, bay, row, tier] = key;
    if (tier > 0 && !slots.count({block, bay, row, tier - 1})) {
      const BoxState& b = state.boxes[static_cast<std::size_t>(index)];
      r.error(b.pointer, "box " + b.number + " floats: slot " + yard::to_string(yard::Slot{bay, row, tier - 1}) +
                             " under it in block " + block_names[static_cast<std::size_t>(block)] + " is empty");
    }
  }
  auto box_member = [&](const Json& object, const std::string& pointer, const char* key, bool required) {
    auto id = r.text(object, pointer, key, required);
    if (!id) return -1;
    auto it = by_number.find(*id);
    if (it == by_number.end()) {
      r.error(pointer_append(pointer, key), "box " + *id + " is not among the snapshot's terminal boxes");
      return -1;
    }
    return it->second;
  };

  // Vessels.
  std::map<int, std::string> listed_calls;
  std::map<int, std::string> berths_taken;
  if (const Json* vessels = r.array(section, root, "vessels")) {
    for (std::size_t i = 0; i < vessels->size(); ++i) {
      const Json& v = (*vessels)[i];
      const std::string p = pointer_append(pointer_append(root, "vessels"), i);
      if (!r.is_object(v, p)) continue;
      r.only(v, p, {"call", "where", "berth", "arrival", "berthed", "discharge", "load"});
      VesselState vessel;
      vessel.pointer = p;
      vessel.call = read_call_member(v, p, "call");
      if (!v.contains("call")) r.error(pointer_append(p, "call"), "missing (required)");
      if (vessel.call >= 0) {
        if (auto [it, fresh] = listed_calls.emplace(vessel.call, p); !fresh) {
          r.error(pointer_append(p, "call"), "call " + call_name(config.vessels, vessel.call) + " is listed twice (first at " + it->second + ")");
        }
      }
      if (auto w = r.choice(v, p, "where", true, kVesselWhere)) vessel.where = static_cast<VesselWhere>(*w);
      const bool at_berth = vessel.where == VesselWhere::AtBerth;
      if (auto a = r.time(v, p, "arrival", true)) {
        vessel.arrival = *a;
        if (vessel.where != VesselWhere::Expected && *a > now) r.error(pointer_append(p, "arrival"), "is after the snapshot's time, for a vessel that has arrived");
        if (vessel.where == VesselWhere::Expected && *a < now) r.error(pointer_append(p, "arrival"), "an expected vessel's ETA is before the snapshot's time");
      }
      if (at_berth) {
        if (auto berth = r.integer(v, p, "berth", true, 0, config.berths.count - 1)) {
          vessel.berth = static_cast<int>(*berth);
          if (auto [it, fresh] = berths_taken.emplace(vessel.berth, p); !fresh) {
            r.error(pointer_append(p, "berth"), "berth " + std::to_string(*berth) + " has a vessel already (" + it->second + ")");
          }
        }
        if (auto t = r.time(v, p, "berthed", true)) {
          vessel.berthed = *t;
          if (*t > now || *t < vessel.arrival) r.error(pointer_append(p, "berthed"), "must lie between its arrival and the snapshot's time");
        }
      }
      if (auto n = r.integer(v, p, "discharge", true, 0, 100000)) vessel.discharge = static_cast<int>(*n);
      if (auto n = r.integer(v, p, "load", vessel.where == VesselWhere::Expected, 0, 100000)) vessel.load = static_cast<int>(*n);
      state.vessels.push_back(std::move(vessel));
    }
  }
  // Truck visits.
  if (const Json* trucks = r.array(section, root, "trucks")) {
    state.has_trucks = true;
    std::map<int, std::string> picked;
    for (std::size_t i = 0; i < trucks->size(); ++i) {
      const Json& t = (*trucks)[i];
      const std::string p = pointer_append(pointer_append(root, "trucks"), i);
      if (!r.is_object(t, p)) continue;
      r.only(t, p, {"arrival", "booked", "pickup", "drop", "vessel_out"});
      TruckState truck;
      if (auto a = r.time(t, p, "arrival", true)) {
        if (*a < now) r.error(pointer_append(p, "arrival"), "is before the snapshot's time: a visit that has come is in the terminal, or gone");
        truck.arrival = std::max(*a, now);
      }
      truck.booked = r.flag(t, p, "booked", false).value_or(true);
      truck.pickup = box_member(t, p, "pickup", false);
      if (truck.pickup >= 0) {
        const BoxState& b = state.boxes[static_cast<std::size_t>(truck.pickup)];
        if (b.vessel_out >= 0) r.error(pointer_append(p, "pickup"), "box " + b.number + " leaves by vessel (vessel_out), not by truck");
        if (b.where == BoxWhere::Truck) r.error(pointer_append(p, "pickup"), "box " + b.number + " is on a truck already");
        if (auto [it, fresh] = picked.emplace(truck.pickup, p); !fresh) {
          r.error(pointer_append(p, "pickup"), "box " + b.number + " is picked up by another truck already (" + it->second + ")");
        }
      }
      if (auto c = r.choice(t, p, "drop", false, category_names())) {
        truck.drops = true;
        truck.drop_category = static_cast<yard::Category>(*c);
        truck.call = read_call_member(t, p, "vessel_out");
        if (!t.contains("vessel_out")) r.error(p, "a drop-off needs \"vessel_out\", the call its box is for");
      }
      if (!t.contains("drop") && !t.contains("pickup")) r.error(p, "a visit drops a box (\"drop\"), picks one up (\"pickup\"), or both");
      state.trucks.push_back(truck);
    }
  }
  return state;
}

}  // namespace porttwin::terminal

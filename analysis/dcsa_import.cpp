#include "analysis/dcsa_import.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "models/yard/record/iso6346.hpp"
#include "sim/core/units.hpp"
#include "sim/snapshot/snapshot.hpp"

namespace porttwin::analysis {

namespace {

constexpr double kWeek = 7 * 86400.0;

std::string format_index(std::size_t i) { return "event " + std::to_string(i); }

// A box in the terminal while the feed is read.
struct Present {
  std::string category;
  double since = 0;
  int vessel_in = -1;
  std::size_t event = 0;
};

struct CallState {
  std::optional<std::size_t> arrived, departed;  // the events
  double arrival = 0;
  std::optional<double> eta;         // the latest PLN/EST known at the snapshot's time
  double eta_created = -1;
  int discharged = 0, loaded = 0;
};

class Importer {
 public:
  Importer(const DcsaFeed& feed, const DcsaTerminalLayout& layout, scenario::Diagnostics& d)
      : feed_(feed), layout_(layout), d_(d) {}

  DcsaTerminalState run(std::optional<double> at) {
    DcsaTerminalState state;
    if (layout_.services.empty() && layout_.blocks.empty()) {
      d_.error({0, 0}, "", "the scenario has no terminal (terminal: with vessels and yard blocks)");
      return state;
    }
    const std::size_t errors = d_.list().size();
    state.time = at ? *at : last_actual();
    if (d_.list().size() > errors) return state;
    if (state.time < 0 || state.time > layout_.horizon) {
      d_.error({0, 0}, "", "the snapshot's time " + units::format_datetime_ms(layout_.start + state.time) +
                               " is outside the scenario's run (" + units::format_datetime(layout_.start) + " to " +
                               units::format_datetime(layout_.start + layout_.horizon) + ")");
      return state;
    }
    replay(state);
    place_boxes(state);
    list_vessels(state);
    assign_exports(state);
    return state;
  }

 private:
  const DcsaFeed& feed_;
  const DcsaTerminalLayout& layout_;
  scenario::Diagnostics& d_;
  std::unordered_map<std::string, Present> present_;
  std::unordered_map<std::string, std::size_t> left_;  // box -> the event it left at
  std::map<int, CallState> calls_;

  double local(double utc) const { return std::round((utc + layout_.utc_offset - layout_.start) * 1000.0) / 1000.0; }

  bool at_terminal(const DcsaEvent& e) const {
    if (!layout_.un_locode.empty() && !e.un_locode.empty() && e.un_locode != layout_.un_locode) return false;
    if (!layout_.facility_code.empty() && !e.facility.empty() && e.facility != layout_.facility_code) return false;
    return true;
  }

  double last_actual() const {
    std::optional<double> last;
    for (const DcsaEvent& e : feed_.events) {
      if (e.type != DcsaType::Other && e.classifier == DcsaClassifier::Actual && at_terminal(e)) {
        last = std::max(last.value_or(local(e.time)), local(e.time));
      }
    }
    if (!last) d_.error({1, 1}, "", "the feed has no actual (ACT) event at the terminal: give the snapshot's time with --at");
    return last.value_or(0);
  }

  // The vessel call an event's transportCall names, or nullopt (with an error when it is malformed).
  std::optional<int> call_of(const DcsaEvent& e, std::size_t index) {
    const std::size_t dash = e.call_id.rfind('-');
    const std::string service = !e.service.empty() ? e.service : dash != std::string::npos ? e.call_id.substr(0, dash) : "";
    std::string voyage = !e.voyage.empty() ? e.voyage : dash != std::string::npos ? e.call_id.substr(dash + 1) : "";
    std::size_t digits = 0;
    while (digits < voyage.size() && voyage[digits] >= '0' && voyage[digits] <= '9') ++digits;
    if (service.empty() || digits == 0 || digits > 6) {
      feed_.error(d_, index, "transportCall",
                  "names no vessel call of the scenario: found transportCallID \"" + e.call_id.substr(0, 40) +
                      "\", expected carrierServiceCode (or a transportCallID SERVICE-WWWWW) and carrierVoyageNumber "
                      "WWWWW, the service's call of week WWWW");
      return std::nullopt;
    }
    std::vector<std::string> names;
    for (const auto& s : layout_.services) names.push_back(s.name);
    const auto it = std::find(names.begin(), names.end(), service);
    if (it == names.end()) {
      std::string message = "the scenario has no vessel service \"" + service.substr(0, 40) + "\"";
      if (auto close = scenario::closest_match(service, names); !close.empty()) message += " (did you mean \"" + close + "\"?)";
      feed_.error(d_, index, "transportCall", message);
      return std::nullopt;
    }
    const int week = std::stoi(voyage.substr(0, digits));
    if (week * kWeek >= layout_.horizon + kWeek) {
      feed_.error(d_, index, "transportCall", "call " + service + "/" + std::to_string(week) +
                                                  " is after the scenario's run (weeks 0 to " +
                                                  std::to_string(static_cast<int>(std::ceil(layout_.horizon / kWeek))) + ")");
      return std::nullopt;
    }
    return week * static_cast<int>(names.size()) + static_cast<int>(it - names.begin());
  }

  void replay(DcsaTerminalState& state) {
    std::optional<std::size_t> previous;  // the last ACT event, for the order check
    for (std::size_t i = 0; i < feed_.events.size(); ++i) {
      const DcsaEvent& e = feed_.events[i];
      if (e.type == DcsaType::Other) {
        ++state.not_yard;
        continue;
      }
      if (!at_terminal(e)) {
        ++state.elsewhere;
        continue;
      }
      const double t = local(e.time);
      if (e.classifier != DcsaClassifier::Actual) {
        announce(e, i, state);
        continue;
      }
      if (previous && e.time < feed_.events[*previous].time) {
        feed_.error(d_, i, "eventDateTime",
                    "out of order: " + units::format_datetime_ms(layout_.start + t) + " is before " +
                        format_index(*previous) + "'s " +
                        units::format_datetime_ms(layout_.start + local(feed_.events[*previous].time)) +
                        " (actual events come in the order they happened)");
        continue;
      }
      previous = i;
      if (t > state.time) {
        ++state.after;
        continue;
      }
      ++state.actual;
      if (e.type == DcsaType::Transport) {
        if (e.mode == "VESSEL") vessel(e, i);
        else ++state.not_yard;
        continue;
      }
      const bool arrives = e.code == "DISC" || e.code == "GTIN";
      const bool leaves = e.code == "LOAD" || e.code == "GTOT";
      if (!arrives && !leaves) {
        ++state.not_yard;
        continue;
      }
      if (e.equipment.empty()) {
        feed_.error(d_, i, "", "a " + e.code + " event without equipmentReference names no box");
        continue;
      }
      if (!yard::iso6346_valid(e.equipment)) {
        feed_.error(d_, i, "equipmentReference", "\"" + e.equipment.substr(0, 20) + "\" is not an ISO 6346 container number");
        continue;
      }
      std::optional<int> call;
      if (e.mode == "VESSEL" && (e.code == "DISC" || e.code == "LOAD")) {
        call = call_of(e, i);
        if (!call) continue;
        CallState& c = calls_[*call];
        if (c.departed) {
          feed_.error(d_, i, "transportCall", "call " + dcsa_call_name(layout_, *call) + " left at " +
                                                  format_index(*c.departed) + " (DEPA): no " + e.code + " after it");
          continue;
        }
        ++(e.code == "DISC" ? c.discharged : c.loaded);
      }
      if (arrives) {
        if (const auto it = present_.find(e.equipment); it != present_.end()) {
          feed_.error(d_, i, "equipmentReference", "box " + e.equipment + " arrives (" + e.code + ") while in the terminal since " +
                                                       format_index(it->second.event) + ", with no LOAD or GTOT between");
          continue;
        }
        left_.erase(e.equipment);
        present_[e.equipment] = {dcsa_category(e), t, call.value_or(-1), i};
      } else if (present_.erase(e.equipment) == 0) {
        if (const auto it = left_.find(e.equipment); it != left_.end()) {
          feed_.error(d_, i, "equipmentReference", "box " + e.equipment + " leaves twice: it left at " +
                                                       format_index(it->second) + " (" + feed_.events[it->second].code +
                                                       ") and did not arrive again");
          continue;
        }
        ++state.left_unknown;  // in the terminal before the feed's first event
        left_[e.equipment] = i;
      } else {
        left_[e.equipment] = i;
      }
    }
  }

  void vessel(const DcsaEvent& e, std::size_t i) {
    const auto call = call_of(e, i);
    if (!call) return;
    CallState& c = calls_[*call];
    const std::string name = dcsa_call_name(layout_, *call);
    if (e.code == "ARRI") {
      if (c.departed) {
        feed_.error(d_, i, "transportEventTypeCode", "call " + name + " arrives again: it left at " + format_index(*c.departed));
      } else if (c.arrived) {
        feed_.error(d_, i, "transportEventTypeCode", "call " + name + " arrives twice (first at " + format_index(*c.arrived) + ")");
      } else {
        c.arrived = i;
        c.arrival = local(e.time);
      }
    } else if (c.departed) {
      feed_.error(d_, i, "transportEventTypeCode", "call " + name + " leaves twice (first at " + format_index(*c.departed) + ")");
    } else {
      c.departed = i;
    }
  }

  // A planned or estimated vessel arrival, known at the snapshot's time if created by then.
  void announce(const DcsaEvent& e, std::size_t i, DcsaTerminalState& state) {
    if (e.type != DcsaType::Transport || e.mode != "VESSEL" || e.code != "ARRI" ||
        e.classifier == DcsaClassifier::Requested) {
      ++state.not_yard;
      return;
    }
    const auto call = call_of(e, i);
    if (!call || local(e.created) > state.time) return;
    CallState& c = calls_[*call];
    if (e.created >= c.eta_created) {  // the latest estimate; a tie: the later in the file
      c.eta = local(e.time);
      c.eta_created = e.created;
    }
    ++state.announced;
  }

  // Ground slots first, then the tier above, across the area's blocks: the oldest boxes lowest.
  void place_boxes(DcsaTerminalState& state) {
    std::vector<std::pair<std::string, Present>> boxes(present_.begin(), present_.end());
    std::sort(boxes.begin(), boxes.end(), [](const auto& a, const auto& b) { return a.second.event < b.second.event; });
    std::map<std::string, std::vector<DcsaBox>> by_category;
    for (auto& [number, p] : boxes) {
      DcsaBox b;
      b.number = number;
      b.category = p.category;
      b.since = p.since;
      b.vessel_in = p.vessel_in;
      b.event = p.event;
      by_category[p.category].push_back(std::move(b));
    }
    for (auto& [category, list] : by_category) {
      std::vector<std::size_t> blocks;
      int tiers = 0;
      std::size_t slots = 0;
      std::string names;
      for (std::size_t k = 0; k < layout_.blocks.size(); ++k) {
        const auto& b = layout_.blocks[k];
        if (b.area != category) continue;
        blocks.push_back(k);
        tiers = std::max(tiers, b.tiers);
        slots += static_cast<std::size_t>(b.bays) * static_cast<std::size_t>(b.rows) * static_cast<std::size_t>(b.tiers);
        names += (names.empty() ? "" : ", ") + b.name;
      }
      if (blocks.empty()) {
        feed_.error(d_, list.front().event, "equipmentReference",
                    "box " + list.front().number + " is a" + (category == "import" || category == "export" || category == "empty" ? "n " : " ") +
                        category + " box and the scenario's yard has no " + category + " block (" +
                        std::to_string(list.size()) + " " + category + " boxes in the terminal have no place)");
        continue;
      }
      if (list.size() > slots) {
        const DcsaBox& first = list[slots];
        feed_.error(d_, first.event, "equipmentReference",
                    "no room for box " + first.number + ": " + std::to_string(list.size()) + " " + category +
                        " boxes in the terminal, the " + category + " blocks (" + names + ") have " +
                        std::to_string(slots) + " slots");
        continue;
      }
      std::size_t next = 0;
      for (int tier = 0; tier < tiers && next < list.size(); ++tier) {
        for (std::size_t k : blocks) {
          const auto& b = layout_.blocks[k];
          if (tier >= b.tiers) continue;
          for (int bay = 0; bay < b.bays && next < list.size(); ++bay) {
            for (int row = 0; row < b.rows && next < list.size(); ++row) {
              DcsaBox& box = list[next++];
              box.block = k;
              box.bay = bay;
              box.row = row;
              box.tier = tier;
            }
          }
        }
      }
      for (auto& b : list) state.boxes.push_back(std::move(b));
    }
    std::sort(state.boxes.begin(), state.boxes.end(), [](const DcsaBox& a, const DcsaBox& b) { return a.event < b.event; });
  }

  void list_vessels(DcsaTerminalState& state) {
    std::vector<std::pair<int, const CallState*>> arrived;
    for (const auto& [call, c] : calls_) {
      if (c.arrived && !c.departed) arrived.emplace_back(call, &c);
    }
    std::sort(arrived.begin(), arrived.end(), [](const auto& a, const auto& b) { return *a.second->arrived < *b.second->arrived; });
    int berth = 0;
    for (const auto& [call, c] : arrived) {
      const auto& service = layout_.services[static_cast<std::size_t>(call) % layout_.services.size()];
      DcsaVessel v;
      v.call = call;
      v.arrival = c->arrival;
      v.discharge = std::max(0, service.discharge - c->discharged);
      if (berth < layout_.berths) {  // TNT has no berthing event: at berth from its arrival
        v.where = DcsaVesselWhere::AtBerth;
        v.berth = berth++;
        v.berthed = c->arrival;
      } else {
        v.where = DcsaVesselWhere::Waiting;
      }
      state.vessels.push_back(v);
    }
    for (const auto& [call, c] : calls_) {
      if (c.arrived || c.departed || !c.eta) continue;
      DcsaVessel v;
      v.call = call;
      v.arrival = *c.eta;
      if (v.arrival >= layout_.horizon) continue;  // the run ends before it comes
      if (v.arrival < state.time) {  // its ETA passed without an ARRI: due now
        v.arrival = state.time;
        ++state.stale_estimates;
      }
      const auto& service = layout_.services[static_cast<std::size_t>(call) % layout_.services.size()];
      v.discharge = service.discharge;
      v.load = service.load;
      state.vessels.push_back(v);
    }
  }

  // An export box leaves on the first call still to come with room in its load list (a TNT feed
  // carries no booking): the calls at berth, waiting and expected, then the scenario's schedule.
  void assign_exports(DcsaTerminalState& state) {
    struct Candidate {
      int call;
      double arrival;
      int room;
      bool listed;
    };
    std::vector<Candidate> candidates;
    const int services = static_cast<int>(layout_.services.size());
    for (const DcsaVessel& v : state.vessels) {
      const auto& service = layout_.services[static_cast<std::size_t>(v.call % services)];
      const auto it = calls_.find(v.call);
      const int loaded = it != calls_.end() ? it->second.loaded : 0;
      candidates.push_back({v.call, v.arrival, std::max(0, service.load - loaded), true});
    }
    const int weeks = static_cast<int>(std::ceil(layout_.horizon / kWeek)) + 1;
    for (int week = 0; week < weeks; ++week) {
      for (int s = 0; s < services; ++s) {
        const int call = week * services + s;
        const double scheduled = week * kWeek + layout_.services[static_cast<std::size_t>(s)].arrival;
        if (scheduled <= state.time || calls_.count(call)) continue;
        if (week * kWeek >= layout_.horizon + kWeek) continue;
        candidates.push_back({call, scheduled, layout_.services[static_cast<std::size_t>(s)].load, false});
      }
    }
    std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) { return a.arrival < b.arrival; });
    for (DcsaBox& b : state.boxes) {
      if (b.category != "export") continue;
      if (candidates.empty()) {
        feed_.error(d_, b.event, "equipmentReference", "export box " + b.number + " has no vessel call ahead to leave on (the scenario's run ends first)");
        continue;
      }
      auto it = std::find_if(candidates.begin(), candidates.end(), [](const Candidate& c) { return c.room > 0; });
      if (it == candidates.end()) it = candidates.end() - 1;  // every call full: the last one (it rolls, as in a run)
      --it->room;
      b.vessel_out = it->call;
      ++state.exports_assigned;
      if (!it->listed) {  // a call of the schedule that takes a box: listed, so the run keeps it
        it->listed = true;
        DcsaVessel v;
        v.call = it->call;
        v.arrival = it->arrival;
        const auto& service = layout_.services[static_cast<std::size_t>(it->call % services)];
        v.discharge = service.discharge;
        v.load = service.load;
        state.vessels.push_back(v);
      }
    }
  }
};

}  // namespace

std::string dcsa_call_name(const DcsaTerminalLayout& layout, int call) {
  const int services = static_cast<int>(layout.services.size());
  return layout.services[static_cast<std::size_t>(call % services)].name + "/" + std::to_string(call / services);
}

DcsaTerminalState terminal_state_from_dcsa(const DcsaFeed& feed, const DcsaTerminalLayout& layout,
                                           std::optional<double> at, scenario::Diagnostics& d) {
  return Importer(feed, layout, d).run(at);
}

std::string dcsa_snapshot_text(const DcsaTerminalState& state, const DcsaTerminalLayout& layout) {
  snapshot::SnapshotWriter w(state.time, layout.start, layout.scenario_name);
  snapshot::Json& section = w.section("terminal");
  snapshot::Json boxes = snapshot::Json::array();
  for (const DcsaBox& b : state.boxes) {
    snapshot::Json j;
    j["id"] = b.number;
    j["category"] = b.category;
    j["where"] = "yard";
    j["block"] = layout.blocks[b.block].name;
    j["bay"] = b.bay;
    j["row"] = b.row;
    j["tier"] = b.tier;
    j["since"] = w.time_text(b.since);
    if (b.vessel_in >= 0) j["vessel_in"] = dcsa_call_name(layout, b.vessel_in);
    if (b.vessel_out >= 0) j["vessel_out"] = dcsa_call_name(layout, b.vessel_out);
    boxes.push_back(std::move(j));
  }
  section["boxes"] = std::move(boxes);
  snapshot::Json vessels = snapshot::Json::array();
  for (const DcsaVessel& v : state.vessels) {
    snapshot::Json j;
    j["call"] = dcsa_call_name(layout, v.call);
    j["where"] = v.where == DcsaVesselWhere::AtBerth ? "at_berth" : v.where == DcsaVesselWhere::Waiting ? "waiting" : "expected";
    if (v.where == DcsaVesselWhere::AtBerth) j["berth"] = v.berth;
    j["arrival"] = w.time_text(v.arrival);
    if (v.where == DcsaVesselWhere::AtBerth) j["berthed"] = w.time_text(v.berthed);
    j["discharge"] = v.discharge;
    if (v.where == DcsaVesselWhere::Expected) j["load"] = v.load;
    vessels.push_back(std::move(j));
  }
  section["vessels"] = std::move(vessels);
  return w.text();
}

}  // namespace porttwin::analysis

#include "models/record/event_catalog.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "models/corridor/record/corridor_events.hpp"
#include "models/gate/record/gate_events.hpp"
#include "models/incidents/record/incident_events.hpp"
#include "models/nii/record/nii_events.hpp"
#include "models/port/record/port_events.hpp"
#include "models/terminal/record/terminal_events.hpp"

namespace porttwin {

namespace {

std::vector<EventKindName> build_catalog() {
  std::vector<EventKindName> all;
  all.reserve(64);
  auto add = [&](const auto& names) {
    for (const EventKindName& k : names) all.push_back(k);
  };
  add(kEngineEventNames);
  add(kGateEventNames);
  add(kTerminalEventNames);
  add(kNiiEventNames);
  add(kCorridorEventNames);
  add(kIncidentEventNames);
  add(kPortEventNames);
  std::sort(all.begin(), all.end(), [](const EventKindName& a, const EventKindName& b) { return a.code < b.code; });
  std::set<std::string> names;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (i > 0 && all[i].code == all[i - 1].code) {
      throw std::logic_error(std::string("event code ") + std::to_string(all[i].code) + " declared twice (" +
                             all[i - 1].name + ", " + all[i].name + ")");
    }
    if (!names.insert(all[i].name).second) throw std::logic_error(std::string("event name ") + all[i].name + " declared twice");
  }
  return all;
}

}  // namespace

const std::vector<EventKindName>& event_catalog() {
  static const std::vector<EventKindName> catalog = build_catalog();
  return catalog;
}

std::string event_name(std::uint16_t code) {
  for (const EventKindName& k : event_catalog()) {
    if (k.code == code) return k.name;
  }
  return "kind " + std::to_string(code);
}

}  // namespace porttwin

#include "models/incidents/incident_state.hpp"

#include <algorithm>

#include "sim/scenario/name_resolution.hpp"

namespace porttwin::incidents {

snapshot::Json incident_state_schema() {
  using snapshot::Json;
  using namespace snapshot::schema;
  const Json time = date_time();
  const Json occurrence = object(
      "An incident under way (not yet recovered)",
      {{"incident", text("the scenario's incident")},
       {"start", time},
       {"alerted", flag("an alert fired (else users notice it)")},
       {"detected", time},
       {"isolated", time},
       {"restored", time},
       {"cause_over", flag("the external cause has ended")},
       {"steps_done", integer(0, "playbook steps done")},
       {"step_left", number(0, "s the step under way has left")},
       {"work_lost", number(0, "events since the last TOS backup")},
       {"infected", array_of(one_of(kSegments, "a segment the breach reached"))},
       {"contained", flag("the breached segments are isolated")}},
      {"incident", "start"});
  return object("The incidents under way", {{"occurrences", array_of(occurrence)}}, {});
}

std::vector<Occurrence> read_incident_state(const snapshot::SectionReader& r, const snapshot::Json& section,
                                            const IncidentsConfig& config) {
  using snapshot::Json;
  using snapshot::pointer_append;
  std::vector<Occurrence> out;
  const double now = r.snapshot().time;
  const std::string root = "/incidents";
  r.only(section, root, {"occurrences"});
  const auto names = scenario::names_of(config.incidents);
  std::vector<std::string> one_off_seen(config.incidents.size());
  const auto keys = {"incident", "start", "alerted", "detected", "isolated", "restored", "cause_over", "steps_done",
                     "step_left", "work_lost", "infected", "contained"};
  r.each_object(section, root, "occurrences", keys, [&](const Json& v, const std::string& p) {
    Occurrence o;
    const auto incident = r.named(v, p, "incident", true, names, "incident");
    if (incident) {
      o.incident = static_cast<int>(*incident);
      const IncidentConfig& c = config.incidents[*incident];
      if (c.mtbf <= 0 && !one_off_seen[*incident].empty()) {
        r.error(pointer_append(p, "incident"), "incident " + c.name + " happens once, and is under way already (" +
                                                   one_off_seen[*incident] + ")");
      }
      one_off_seen[*incident] = p;
    }
    if (auto t = r.time(v, p, "start", true)) {
      if (*t > now) r.error(pointer_append(p, "start"), "is after the snapshot's time: an incident to come is the scenario's");
      o.start = std::min(*t, now);
    }
    o.alerted = r.flag(v, p, "alerted", false).value_or(false);
    auto between = [&](const char* key, double& field) {
      if (auto t = r.time(v, p, key, false)) {
        if (*t < o.start || *t > now) r.error(pointer_append(p, key), "must lie between the incident's start and the snapshot's time");
        field = std::clamp(*t, o.start, now);
      }
    };
    between("detected", o.detected);
    between("isolated", o.isolated);
    between("restored", o.restored);
    o.cause_over = r.flag(v, p, "cause_over", false).value_or(false);
    if (incident) {
      const IncidentConfig& c = config.incidents[*incident];
      const auto steps = static_cast<std::int64_t>(config.playbooks[static_cast<std::size_t>(c.playbook.index)].steps.size());
      o.steps_done = static_cast<int>(r.integer(v, p, "steps_done", false, 0, steps).value_or(0));
      if (o.steps_done > 0 && o.detected < 0) r.error(pointer_append(p, "steps_done"), "the playbook starts once the incident is detected");
      if (v.contains("infected") && c.kind != "ot_breach") r.error(pointer_append(p, "infected"), "only an ot_breach infects segments");
    }
    if (auto left = r.duration(v, p, "step_left", false)) {
      if (o.detected < 0) r.error(pointer_append(p, "step_left"), "the playbook starts once the incident is detected");
      o.step_end = now + *left;
    }
    o.work_lost = r.number(v, p, "work_lost", false, 0, 1e15).value_or(0);
    if (const Json* infected = r.array(v, p, "infected")) {
      for (std::size_t k = 0; k < infected->size(); ++k) {
        const Json& s = (*infected)[k];
        if (!s.is_string() || std::find(kSegments.begin(), kSegments.end(), s.get<std::string>()) == kSegments.end()) {
          std::string list_text;
          for (const auto& n : kSegments) list_text += (list_text.empty() ? "" : ", ") + n;
          r.error(pointer_append(pointer_append(p, "infected"), k), "found " + s.dump() + ", expected one of " + list_text);
          continue;
        }
        o.infected.push_back(s.get<std::string>());
      }
    }
    o.contained = r.flag(v, p, "contained", false).value_or(false);
    out.push_back(std::move(o));
  });
  return out;
}

}  // namespace porttwin::incidents

// The incidents' state in a snapshot (incident_state.hpp reads and checks it; docs/snapshot.md says
// what each field means): the occurrences under way, written from the model, and resumed in a drill
// from the snapshot: the damage done again to the IT platform (hosts off, uplinks cut, segments
// breached and isolated, the wind), the external cause for what is left of it, and the response
// from where it was (a detection or a step under way starts again).
#include <algorithm>
#include <stdexcept>

#include "models/incidents/incident_model.hpp"
#include "models/incidents/incident_state.hpp"

namespace porttwin::incidents {

namespace s4u = simgrid::s4u;
using snapshot::Json;

void IncidentModel::save_state(snapshot::SnapshotWriter& w) const {
  Json occurrences = Json::array();
  for (const Occurrence& o : occurrences_) {
    if (o.recovered >= 0) continue;
    Json j;
    j["incident"] = config_of(o).name;
    j["start"] = w.time_text(o.start);
    j["alerted"] = o.alerted;
    if (o.detected >= 0) j["detected"] = w.time_text(o.detected);
    if (o.isolated >= 0) j["isolated"] = w.time_text(o.isolated);
    if (o.restored >= 0) j["restored"] = w.time_text(o.restored);
    j["cause_over"] = o.cause_over;
    j["steps_done"] = o.steps_done;
    if (o.step_end >= 0) j["step_left"] = o.step_end - Simulation::now();
    if (o.work_lost > 0) j["work_lost"] = o.work_lost;
    if (!o.infected.empty()) j["infected"] = o.infected;
    if (o.contained) j["contained"] = true;
    occurrences.push_back(std::move(j));
  }
  w.section("incidents")["occurrences"] = std::move(occurrences);
}

void IncidentModel::restore_state(const snapshot::Snapshot& snap) {
  scenario::Diagnostics d(snap.source);
  snapshot::SectionReader reader(snap, d);
  const Json* section = reader.section("incidents");
  if (!section) return;
  restored_ = read_incident_state(reader, *section, config_);
  if (!d.ok()) throw std::logic_error("a snapshot reached the incidents unchecked:\n" + d.format());
}

void IncidentModel::resume(Occurrence& o) {
  // The damage stays until the playbook's restore step is done (a function may be up before, on a
  // standby or a backup uplink); a storm's wind blows until its end.
  const IncidentConfig& c = config_of(o);
  const auto& steps = config_.playbooks[static_cast<std::size_t>(c.playbook.index)].steps;
  const auto restore = std::find_if(steps.begin(), steps.end(), [](const StepConfig& st) { return st.action == "restore"; });
  const bool damaged = c.kind == "storm" ? Simulation::now() < o.start + c.duration
                                         : restore == steps.end() || restore - steps.begin() >= o.steps_done;
  if (damaged) redamage(o);
  if (!o.cause_over) start_cause(o);
  if (o.restored < 0) spawn("incident.restored", [this, &o] { watch_restored(o); });
  respond(o);
}

// The damage of an occurrence under way, as it stands at the snapshot's time.
void IncidentModel::redamage(Occurrence& o) {
  const IncidentConfig& c = config_of(o);
  const double now = Simulation::now();
  if (c.kind == "tos_outage") {
    platform_.turn_off(platform_.host("tos"), o.number);
    if (config_.tos.hot_standby) {
      spawn("it.failover", [this, at = o.start + config_.tos.failover_time] {
        s4u::this_actor::sleep_until(at);
        if (platform_.host_on("tos_standby") && !platform_.host_on("tos")) platform_.set_standby_active(true);
      });
    }
  } else if (c.kind == "ot_breach") {
    const std::vector<std::string> infected = std::move(o.infected);
    o.infected.clear();
    for (const std::string& segment : infected) infect(o, segment);  // spreading on while not contained
    if (o.contained) {
      for (const std::string& segment : o.infected) platform_.isolate(segment, true);
    }
  } else if (c.kind == "fibre_cut") {
    platform_.cut(c.target, o.number);
  } else if (c.kind == "storm") {
    const WindLimits& l = config_.wind_limits;
    o.storm_clear = storm_clear_time(c, o.start, std::min({l.quay_crane, l.yard_crane, l.gate, l.vessel}));
    double blowing = 0;  // the wind now: the profile's last point before the snapshot's time
    for (const WindPoint& p : c.wind) {
      if (o.start + p.after <= now) blowing = p.speed;
    }
    conditions_->set_wind(o.start + c.duration > now ? blowing : 0);
    spawn("incident.wind", [this, &o, &c, now] {
      for (const WindPoint& p : c.wind) {
        if (o.start + p.after <= now) continue;
        s4u::this_actor::sleep_until(o.start + p.after);
        conditions_->set_wind(p.speed);
      }
      s4u::this_actor::sleep_until(std::max(now, o.start + c.duration));
      conditions_->set_wind(0);
    });
  } else {
    for (s4u::Host* host : target_hosts(o)) platform_.turn_off(host, o.number);
  }
}

}  // namespace porttwin::incidents

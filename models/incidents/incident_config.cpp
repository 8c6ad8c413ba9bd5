#include "models/incidents/incident_config.hpp"

#include <algorithm>

#include "sim/scenario/name_resolution.hpp"

namespace porttwin::incidents {

namespace {

void declare_team(scenario::Section& s, TeamConfig& c) {
  s.text("name", c.name, "Team name, unique (security operations, OT engineers, IT)").required();
  s.integer("day", c.day, "Members on the day shift").range(0, 1000);
  s.integer("night", c.night, "Members on the night shift").range(0, 1000);
  s.time_of_day("day_starts", c.day_starts, "When the day shift starts");
  s.time_of_day("night_starts", c.night_starts, "When the night shift starts");
}

void declare_step(scenario::Section& s, StepConfig& c) {
  s.choice("action", c.action, kStepActions,
           "triage, isolate (cut the breached segments off; the standby TOS takes over), restore (systems back, "
           "from the last backup: lost events are re-entered), verify, normal (return to normal operation)");
  s.reference("team", c.team, "Team one member of which carries the step out").required();
  s.distribution("duration", c.duration,
                 "Time the step takes (restore: once per breached segment, plus the re-entry of lost events)");
}

void declare_playbook(scenario::Section& s, PlaybookConfig& c) {
  s.text("name", c.name, "Playbook name, unique").required();
  s.list("steps", c.steps, "Steps in order; a step that needs a subsystem still down waits for it", declare_step, 1);
}

void declare_detection(scenario::Section& s, DetectionConfig& c) {
  s.probability("alert_probability", c.alert_probability,
                "Probability the monitoring raises an alert (its fidelity); a missed incident is noticed by users");
  s.distribution("alert_delay", c.alert_delay, "From the incident to the alert");
  s.distribution("noticed", c.noticed, "From the incident to users reporting it, when no alert fired");
  s.reference("team", c.team, "Team that acknowledges the alert or report").required();
  s.distribution("ack_time", c.ack_time, "Time a team member takes to acknowledge and confirm it");
}

void declare_incident(scenario::Section& s, IncidentConfig& c) {
  s.text("name", c.name, "Incident name, unique").required();
  s.choice("kind", c.kind, kIncidentKinds,
           "tos_outage (the TOS crashes), ot_breach (a cyber breach of a segment, spreading unless segmented), "
           "fibre_cut (a segment's uplink is cut), storm (wind profile), power_loss (a segment's area loses power), "
           "platform_outage (the corridor supervision platform is down)");
  s.duration("at", c.at, "When it happens, after the scenario start (-1: random, with mtbf)").min(-1);
  s.duration("jitter", c.jitter, "It happens at `at` plus a uniform time in [0, jitter] (so that, say, its "
                                 "distance to the last backup varies)")
      .min(0);
  s.duration("mtbf", c.mtbf, "Random occurrences: mean time between the end of one and the next (exponential); "
                             "0: once, at `at`")
      .min(0);
  s.choice("target", c.target, kSegments,
           "Segment hit (ot_breach, power_loss, fibre_cut): it (TOS, backup), dr (standby TOS), gate (gate server, "
           "OCR), ot (crane control), nii (image-review network), corridor (supervision platform)");
  s.duration("duration", c.duration,
             "How long the external cause lasts (power back, provider fixed, cable spliced); restore waits for it")
      .min(0);
  s.duration("restore_at", c.restore_at, "Instead of duration: when the external cause ends, after the scenario start")
      .min(-1);
  s.list("wind", c.wind, "Storm: wind speed from `after` on (piecewise constant); calm after the last point",
         [](scenario::Section& w, WindPoint& p) {
           w.duration("after", p.after, "Time after the storm's start").min(0);
           w.real("speed", p.speed, "Mean wind speed, m/s").min(0);
         });
  s.reference("playbook", c.playbook, "Response playbook").required();
  declare_detection(s.section("detection", "How the incident is detected"), c.detection);
}

void declare_network(scenario::Section& s, NetworkConfig& c) {
  s.choice("topology", c.topology, kTopologies,
           "ring (each segment has two fibre paths: one cut reroutes after reroute_delay) or single_path");
  s.duration("reroute_delay", c.reroute_delay, "Time for the ring to converge onto its other side").min(0);
  s.flag("segmented", c.segmented, "Segments behind firewalls (a breach spreads only at spread_segmented)");
  s.rate("spread_flat", c.spread_flat, "Rate a breach spreads to each other segment of a flat network").min(0);
  s.rate("spread_segmented", c.spread_segmented, "Rate a breach crosses a firewall of a segmented network").min(0);
}

void declare_tos(scenario::Section& s, TosConfig& c) {
  s.flag("hot_standby", c.hot_standby, "A standby TOS at the disaster-recovery site (segment dr), kept in sync");
  s.duration("failover_time", c.failover_time, "From the primary's crash to the standby serving").min(0);
  s.duration("backup_interval", c.backup_interval, "Time between backups of the TOS state").greater_than(0);
  s.real("backup_bytes", c.backup_bytes, "Bytes one backup sends to the backup server").greater_than(0);
  s.duration("reentry_time", c.reentry_time, "Staff time to re-enter one event lost since the last backup").min(0);
}

void declare_degraded(scenario::Section& s, DegradedConfig& c) {
  s.distribution("manual_transaction", c.manual_transaction,
                 "Manual gate transaction (no gate server or OCR): every truck goes to a clerk");
  s.real("crane_slowdown", c.crane_slowdown, "Yard crane moves take this many times longer without the TOS").min(1);
  s.real("quay_slowdown", c.quay_slowdown, "Quay crane cycles take this many times longer without the TOS").min(1);
}

void declare_wind(scenario::Section& s, WindLimits& c) {
  s.real("quay_crane", c.quay_crane, "Wind above which quay cranes stop, m/s").greater_than(0);
  s.real("yard_crane", c.yard_crane, "Wind above which yard cranes stop, m/s").greater_than(0);
  s.real("gate", c.gate, "Wind above which the gate closes, m/s").greater_than(0);
  s.real("vessel", c.vessel, "Wind above which no vessel berths, m/s").greater_than(0);
}

void declare_targets(scenario::Section& s, TargetConfig& c) {
  s.duration("detect", c.detect, "Time to detect (high-fidelity alerts)").greater_than(0);
  s.duration("restore", c.restore, "Time to restore critical functions").greater_than(0);
  s.duration("recover", c.recover, "Time to recover fully").greater_than(0);
  s.duration("failover", c.failover, "Hot-standby TOS failover").greater_than(0);
}

}  // namespace

void declare(scenario::Section& s, IncidentsConfig& c) {
  s.flag("enabled", c.enabled, "Inject the incidents (false: the same run without them, the drill's baseline)");
  declare_network(s.section("network", "The port's IT/OT network: segments and their uplinks"), c.network);
  declare_tos(s.section("tos", "The terminal operating system: standby and backups"), c.tos);
  declare_degraded(s.section("degraded", "Degraded modes while a subsystem is down"), c.degraded);
  declare_wind(s.section("wind_limits", "Operating wind limits"), c.wind_limits);
  s.rate("noise_alerts", c.noise_alerts, "False-positive alerts the detecting teams also handle (Poisson)").min(0);
  s.list("teams", c.teams, "Response teams", declare_team, 1);
  s.list("playbooks", c.playbooks, "Response playbooks", declare_playbook, 1);
  s.list("incidents", c.incidents, "The incidents of the drill", declare_incident, 1);
  declare_targets(s.section("targets", "Drill targets (the published resilience targets: docs/calibration.md)"), c.targets);
}

namespace {

void check_incident(IncidentConfig& c, const std::string& path, const IncidentsConfig& all, bool has_terminal,
                    bool has_corridor, bool has_nii, scenario::Diagnostics& d) {
  scenario::resolve_name(c.playbook, scenario::names_of(all.playbooks), "playbook", d);
  scenario::resolve_name(c.detection.team, scenario::names_of(all.teams), "team", d);
  if (c.at < 0 && c.mtbf <= 0) d.error(path + ".at", "found no time and no mtbf, expected at >= 0 or mtbf > 0");
  if (c.restore_at >= 0 && c.at >= 0 && c.restore_at <= c.at) {
    d.error(path + ".restore_at", "found a time at or before the incident's start (at), expected a later time");
  }
  if (c.restore_at >= 0 && c.duration > 0) {
    d.error(path + ".restore_at", "found both duration and restore_at, expected one of them");
  }
  const bool needs_target = c.kind == "ot_breach" || c.kind == "power_loss" || c.kind == "fibre_cut";
  if (needs_target && c.target.empty()) d.error(path + ".kind", "found " + c.kind + " without a target, expected a target segment");
  if (c.kind == "storm" && c.wind.empty()) d.error(path + ".kind", "found a storm without a wind profile, expected wind points");
  if (c.kind == "storm" && !c.wind.empty() && c.duration <= c.wind.back().after) {
    d.error(path + ".duration", "found a storm ending at or before its last wind point, expected a longer duration");
  }
  for (std::size_t w = 1; w < c.wind.size(); ++w) {
    if (c.wind[w].after <= c.wind[w - 1].after) {
      d.error(path + ".wind[" + std::to_string(w) + "].after", "found a time at or before the previous point's, expected increasing times");
    }
  }
  if (c.kind != "storm" && c.playbook.index >= 0) {
    const auto& steps = all.playbooks[static_cast<std::size_t>(c.playbook.index)].steps;
    const bool restores = std::any_of(steps.begin(), steps.end(), [](const StepConfig& st) { return st.action == "restore"; });
    if (!restores) {
      d.error(c.playbook.mark, c.playbook.path, "found playbook \"" + c.playbook.name + "\" without a restore step, expected "
                                                "one (the systems " + c.kind + " takes down come back only by it)");
    }
  }
  if (c.kind == "platform_outage" && !has_corridor) {
    d.error(path + ".kind", "found platform_outage in a scenario without a corridor, expected a corridor section");
  }
  const bool terminal_kind = c.kind == "tos_outage" || c.kind == "storm";
  if (terminal_kind && !has_terminal) {
    d.error(path + ".kind", "found " + c.kind + " in a scenario without a terminal, expected a terminal section");
  }
  if (c.target == "corridor" && !has_corridor) {
    d.error(path + ".target", "found corridor in a scenario without a corridor, expected a segment the scenario has");
  }
  if (c.target == "nii" && !has_nii) {
    d.error(path + ".target", "found nii in a scenario without NII, expected a segment the scenario has");
  }
  if ((c.target == "it" || c.target == "dr" || c.target == "gate" || c.target == "ot") && !has_terminal) {
    d.error(path + ".target", "found " + c.target + " in a scenario without a terminal, expected corridor");
  }
}

}  // namespace

void check(IncidentsConfig& c, bool has_terminal, bool has_corridor, bool has_nii, scenario::Diagnostics& d) {
  scenario::check_unique_names(scenario::names_of(c.teams), "incidents.teams", d);
  scenario::check_unique_names(scenario::names_of(c.playbooks), "incidents.playbooks", d);
  scenario::check_unique_names(scenario::names_of(c.incidents), "incidents.incidents", d);
  const auto teams = scenario::names_of(c.teams);
  for (auto& playbook : c.playbooks) {
    for (auto& step : playbook.steps) scenario::resolve_name(step.team, teams, "team", d);
  }
  for (std::size_t i = 0; i < c.incidents.size(); ++i) {
    check_incident(c.incidents[i], "incidents.incidents[" + std::to_string(i) + "]", c, has_terminal, has_corridor,
                   has_nii, d);
  }
  if (!has_terminal && !has_corridor && !has_nii) {
    d.error("incidents", "found incidents in a scenario without a terminal, corridor or NII, expected one of them");
  }
}

}  // namespace porttwin::incidents

// The `incidents:` section: the port's IT/OT network (segments, ring or single path), the TOS and
// its backups, degraded modes, wind limits, the response teams and playbooks, drill targets, and
// the incidents themselves (at given times or as MTBF/repair processes). Initial values are the
// documented defaults (docs/scenario-reference.md); the targets are the published resilience targets (docs/calibration.md).
#pragma once

#include <string>
#include <vector>

#include "sim/random/distribution.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/schema.hpp"

namespace porttwin::incidents {

inline const std::vector<std::string> kIncidentKinds = {"tos_outage",   "ot_breach",  "fibre_cut",
                                                        "storm",        "power_loss", "platform_outage"};
inline const std::vector<std::string> kTopologies = {"ring", "single_path"};
inline const std::vector<std::string> kStepActions = {"triage", "isolate", "restore", "verify", "normal"};
inline const std::vector<std::string> kSegments = {"it", "dr", "gate", "ot", "nii", "corridor"};

struct NetworkConfig {
  std::string topology = "ring";  // each segment's uplink to the core: a fibre ring or one path
  double reroute_delay = 45;      // s for the ring to converge onto its other side after a cut
  bool segmented = true;          // firewalled segments: a breach does not spread (unless spread_segmented > 0)
  double spread_flat = 3 / 3600.0;  // per s (3/h): infections from a breached segment to each other segment, flat
  double spread_segmented = 0;      // per s: the same across the firewalls of a segmented network
};

struct TosConfig {
  bool hot_standby = false;       // a standby TOS at the disaster-recovery site, kept in sync
  double failover_time = 180;     // s from the primary's crash to the standby serving
  double backup_interval = 3600;  // s between backups of the TOS state to the backup server
  double backup_bytes = 2e9;      // bytes one backup sends over the IT network
  double reentry_time = 20;       // s of staff time to re-enter one event lost since the last backup
};

struct DegradedConfig {
  // Manual gate processing (no gate server or OCR): a clerk checks papers and keys the visit in.
  Distribution manual_transaction = Distribution::lognormal(240, 0.4);
  double crane_slowdown = 1.5;    // yard crane moves take this much longer without the TOS (radio dispatch)
  double quay_slowdown = 1.25;    // quay crane cycles take this much longer without the TOS
};

struct WindLimits {
  double quay_crane = 20;  // m/s: STS cranes stop above it
  double yard_crane = 25;  // m/s: RTG / ARMG stop above it
  double gate = 30;        // m/s: the gate closes above it
  double vessel = 17;      // m/s: no berthing above it
};

struct TeamConfig {
  std::string name = "soc";
  int day = 2;             // members on the day shift
  int night = 1;           // members on the night shift
  double day_starts = 7 * 3600.0;
  double night_starts = 19 * 3600.0;
};

struct StepConfig {
  std::string action = "triage";
  scenario::NameRef team;
  Distribution duration = Distribution::lognormal(15 * 60.0, 0.5);
};

struct PlaybookConfig {
  std::string name = "playbook";
  std::vector<StepConfig> steps;
};

// When the alert fires and who picks it up; an alert missed (probability) leaves the incident to be
// noticed by users after `noticed`.
struct DetectionConfig {
  double alert_probability = 0.95;
  Distribution alert_delay = Distribution::lognormal(4 * 60.0, 0.5);
  Distribution noticed = Distribution::lognormal(45 * 60.0, 0.5);
  scenario::NameRef team;  // acknowledges the alert (one member, ack_time)
  Distribution ack_time = Distribution::lognormal(3 * 60.0, 0.5);
};

struct WindPoint {
  double after = 0;   // s after the storm starts
  double speed = 0;   // m/s from then on
};

struct IncidentConfig {
  std::string name = "incident";
  std::string kind = "tos_outage";
  double at = -1;          // s after the scenario start; -1 with mtbf > 0: random
  double jitter = 0;       // s: it happens at `at` plus a uniform draw in [0, jitter]
  double mtbf = 0;         // s of normal operation between random occurrences (exponential); 0: once, at `at`
  std::string target;      // segment (ot_breach, power_loss, fibre_cut); unused for the others
  double duration = 0;     // s the external cause lasts (power, provider, cable repair crew); 0: none
  double restore_at = -1;  // or: s after the scenario start when it ends (instead of duration)
  std::vector<WindPoint> wind;  // storm: the wind profile, piecewise constant
  scenario::NameRef playbook;
  DetectionConfig detection;
};

struct TargetConfig {
  double detect = 15 * 60.0;   // mean time to detect, high-fidelity alerts
  double restore = 3600;       // critical functions back
  double recover = 4 * 3600.0; // full recovery
  double failover = 5 * 60.0;  // hot-standby TOS failover
};

struct IncidentsConfig {
  bool enabled = true;  // false: the same scenario without incidents (the drill's paired baseline)
  NetworkConfig network;
  TosConfig tos;
  DegradedConfig degraded;
  WindLimits wind_limits;
  double noise_alerts = 0.5 / 3600.0;  // per s: false-positive alerts the detecting teams also handle
  std::vector<TeamConfig> teams;
  std::vector<PlaybookConfig> playbooks;
  std::vector<IncidentConfig> incidents;
  TargetConfig targets;
};

void declare(scenario::Section& section, IncidentsConfig& config);
// Resolves teams and playbooks; checks targets and kinds against what the scenario has
// (`has_terminal`, `has_corridor`, `has_nii`).
void check(IncidentsConfig& config, bool has_terminal, bool has_corridor, bool has_nii, scenario::Diagnostics& d);

}  // namespace porttwin::incidents

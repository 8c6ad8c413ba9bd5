// Incidents and their response, for recovery-time drills. Each incident of the scenario is one
// SimGrid actor that injects it (at its time, or again and again after exponential MTBFs) and then
// plays the response: detection (an alert with its fidelity, or users noticing, acknowledged by a
// team member on shift), then the playbook's steps, each needing a member of its team and waiting
// for what it needs (the external cause over, the backup server up). The damage is done to the
// IT/OT platform's SimGrid hosts and links (it_platform.hpp) or the wind, and the terminal and the
// corridor react to those states by themselves.
//
// Per occurrence: times to detect, isolate, restore the critical functions and recover; the work
// lost since the last successful TOS backup (a backup actor on the TOS host sends the state over
// the network to the backup server every backup_interval; it dies with the TOS and restarts with
// it); the blast radius of a breach. Written to /incidents, the summary and events.
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "models/incidents/incident_config.hpp"
#include "models/incidents/it_platform.hpp"
#include "models/incidents/occurrence.hpp"
#include "models/incidents/response_team.hpp"
#include "models/incidents/terminal_conditions.hpp"
#include "models/model.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/random/stream.hpp"

namespace porttwin::incidents {


// The per-incident summary KPIs (incident.<name>.*): means over `occurrences`, NaN without any (as
// in a drill's paired run without the incidents, so both runs have the same KPIs).
void write_incident_summary(Recorder& r, const IncidentsConfig& config, const std::deque<Occurrence>& occurrences);

// When a storm's wind falls below `limit` for good (its start when it never rises above it).
double storm_clear_time(const IncidentConfig& c, double start, double limit);

class IncidentModel : public Model {
 public:
  // `conditions`: the terminal's (nullptr without a terminal); `corridor_host`: the supervision
  // platform's host ("" without a corridor).
  IncidentModel(Simulation& sim, const IncidentsConfig& config, ItPlatform& platform, TerminalConditions* conditions,
                const std::string& corridor_host);

  void start() override;
  std::vector<Station*> stations() override { return {}; }
  void declare_kpis(Recorder& recorder) override;
  void sample_kpis(Recorder& recorder, double now) override;
  void write_summary(Recorder& recorder, double now) const override;
  void finish_recording() override;
  // The twin's state (docs/snapshot.md, "incidents"; incident_snapshot.cpp).
  void save_state(snapshot::SnapshotWriter& w) const override;
  void restore_state(const snapshot::Snapshot& snapshot) override;

  const std::deque<Occurrence>& occurrences() const { return occurrences_; }
  double last_backup() const { return last_backup_time_; }

 private:
  void inject(int incident);
  void run_occurrence(int incident);
  void respond(Occurrence& o);  // detection, the playbook's steps left, recovery
  void resume(Occurrence& o);  // an occurrence of a snapshot, at the run's first instant
  void redamage(Occurrence& o);
  void damage(Occurrence& o);
  void infect(Occurrence& o, const std::string& segment);
  void start_cause(Occurrence& o);
  bool critical_up(const Occurrence& o) const;
  void detect(Occurrence& o);
  void run_step(Occurrence& o, const StepConfig& step, std::size_t index);
  bool step_ready(const Occurrence& o, const StepConfig& step) const;
  void apply(Occurrence& o, const std::string& action);
  void watch_restored(Occurrence& o);
  void backup_loop();
  void noise_loop();
  void watch_availability();
  void spawn(const std::string& name, std::function<void()> body);
  std::vector<simgrid::s4u::Host*> target_hosts(const Occurrence& o) const;
  const IncidentConfig& config_of(const Occurrence& o) const {
    return config_.incidents[static_cast<std::size_t>(o.incident)];
  }
  ResponseTeam& team(const scenario::NameRef& ref) { return *teams_[static_cast<std::size_t>(ref.index)]; }

  Simulation& sim_;
  const IncidentsConfig& config_;
  ItPlatform& platform_;
  TerminalConditions* conditions_;
  std::string corridor_host_;
  simgrid::s4u::Host* drill_host_;  // the platform's control host, which no incident turns off
  std::vector<std::unique_ptr<ResponseTeam>> teams_;
  std::vector<rng::Stream> streams_;  // one per incident
  rng::Stream noise_stream_;
  std::uint32_t place_;
  std::deque<Occurrence> occurrences_;
  std::uint64_t numbered_ = 0;
  double begin_ = 0;  // the run's first instant (a snapshot's time, in a run from one)
  std::vector<Occurrence> restored_;  // a drill from a snapshot: the occurrences under way
  std::vector<bool> resumed_;         // per incident: a one-off incident under way in the snapshot
  int active_ = 0;

  double last_backup_time_ = 0;
  std::uint64_t last_backup_events_ = 0;
  std::int64_t backups_ = 0, failed_backups_ = 0;
  std::int64_t noise_handled_ = 0;
  stats::TimeWeighted tos_up_, gate_automated_, supervision_up_;

  std::size_t kpi_down_ = 0, kpi_active_ = 0, kpi_wind_ = 0, kpi_tos_ = 0, kpi_gate_ = 0;
};

}  // namespace porttwin::incidents

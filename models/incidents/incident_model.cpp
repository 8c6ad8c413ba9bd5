// The incident model (incident_model.hpp), by section: start; injection (occurrences, the hosts and
// links they take down, infection across segments, restore watch); response (detection, playbook
// steps and their actions); background (TOS backups, false alerts, availability); results (KPI series,
// the summary, the incident timeline in the run file).
#include "models/incidents/incident_model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <simgrid/Exception.hpp>

#include "sim/record/h5_columns.hpp"
#include "models/incidents/record/incident_events.hpp"
#include "sim/engine/actor.hpp"

namespace porttwin::incidents {

namespace s4u = simgrid::s4u;

namespace {

std::uint16_t kind_index(const std::string& kind) {
  return static_cast<std::uint16_t>(std::find(kIncidentKinds.begin(), kIncidentKinds.end(), kind) - kIncidentKinds.begin());
}

double nan() { return std::numeric_limits<double>::quiet_NaN(); }

}  // namespace

double storm_clear_time(const IncidentConfig& c, double start, double limit) {
  double clear = start;
  for (std::size_t i = 0; i < c.wind.size(); ++i) {
    if (c.wind[i].speed <= limit) continue;
    clear = start + (i + 1 < c.wind.size() ? c.wind[i + 1].after : c.duration);
  }
  return clear;
}

IncidentModel::IncidentModel(Simulation& sim, const IncidentsConfig& config, ItPlatform& platform,
                             TerminalConditions* conditions, const std::string& corridor_host)
    : sim_(sim),
      config_(config),
      platform_(platform),
      conditions_(conditions),
      corridor_host_(corridor_host),
      drill_host_(platform.host("control")),
      noise_stream_(sim.stream("incidents.noise_alerts")),
      place_(sim.recorder().place("incidents")),
      tos_up_(sim.batch_plan(), 1),
      gate_automated_(sim.batch_plan(), 1),
      supervision_up_(sim.batch_plan(), 1) {
  for (const auto& team : config.teams) teams_.push_back(std::make_unique<ResponseTeam>(sim, team));
  for (const auto& incident : config.incidents) streams_.push_back(sim.stream("incidents." + incident.name));
}

// Daemons: none of them may keep the run going, and the horizon ends them all.
void IncidentModel::spawn(const std::string& name, std::function<void()> body) {
  porttwin::spawn(name, drill_host_, [body = std::move(body)] {
    s4u::Actor::self()->daemonize();
    body();
  });
}

void IncidentModel::start() {
  begin_ = Simulation::now();
  resumed_.assign(config_.incidents.size(), false);
  for (const Occurrence& o : restored_) resumed_[static_cast<std::size_t>(o.incident)] = true;
  for (std::size_t i = 0; i < config_.incidents.size(); ++i) {
    const int incident = static_cast<int>(i);
    spawn("incident." + config_.incidents[i].name, [this, incident] { inject(incident); });
  }
  if (conditions_) {
    auto tos = porttwin::spawn("it.tos.backup", platform_.host("tos"), [this] { backup_loop(); });
    tos->set_auto_restart(true);
    porttwin::spawn("it.backup.store", platform_.host("backup"), [] {
      s4u::Actor::self()->daemonize();
      auto* box = s4u::Mailbox::by_name("it.backup");
      for (;;) {
        try {
          box->get<void>();
        } catch (const simgrid::Exception&) {  // the sender died or the network failed mid-transfer
        }
      }
    })->set_auto_restart(true);
  }
  if (config_.noise_alerts > 0 && !config_.incidents.empty()) spawn("incidents.noise", [this] { noise_loop(); });
  spawn("incidents.availability", [this] { watch_availability(); });
  // A drill from a snapshot: the occurrences under way, once the platform's own actors run.
  for (const Occurrence& saved : restored_) {
    Occurrence& o = occurrences_.emplace_back(saved);  // in the state at once (a snapshot at this instant sees it)
    o.number = ++numbered_;
    ++active_;
    spawn("incident." + config_of(o).name + ".resumed", [this, &o] { resume(o); });
  }
  restored_.clear();
}

// --- injection ----------------------------------------------------------------------------------

void IncidentModel::inject(int incident) {
  const IncidentConfig& c = config_.incidents[static_cast<std::size_t>(incident)];
  rng::Stream& stream = streams_[static_cast<std::size_t>(incident)];
  if (c.at >= 0) {
    const double at = c.at + (c.jitter > 0 ? stream.uniform(0, c.jitter) : 0);
    // A drill from a snapshot taken after it: it has happened (or is under way in the snapshot).
    if ((at < begin_ || resumed_[static_cast<std::size_t>(incident)]) && c.mtbf <= 0) return;
    s4u::this_actor::sleep_until(at);
  }
  if (c.mtbf <= 0) return run_occurrence(incident);
  for (;;) {
    s4u::this_actor::sleep_for(stream.exponential(c.mtbf));
    if (Simulation::now() >= sim_.horizon()) return;
    run_occurrence(incident);
  }
}

void IncidentModel::run_occurrence(int incident) {
  Occurrence& o = occurrences_.emplace_back();
  o.number = ++numbered_;
  o.incident = incident;
  o.start = Simulation::now();
  ++active_;
  const IncidentConfig& c = config_of(o);
  sim_.recorder().event(o.start, IncidentEvent::IncidentStart, o.number, place_, kind_index(c.kind));
  damage(o);
  start_cause(o);
  spawn("incident.restored", [this, &o] { watch_restored(o); });
  respond(o);
}

void IncidentModel::respond(Occurrence& o) {
  const IncidentConfig& c = config_of(o);
  if (o.detected < 0) detect(o);
  const PlaybookConfig& playbook = config_.playbooks[static_cast<std::size_t>(c.playbook.index)];
  for (auto i = static_cast<std::size_t>(o.steps_done); i < playbook.steps.size(); ++i) run_step(o, playbook.steps[i], i);
  platform_.wait_until([&o] { return o.restored >= 0; });
  o.recovered = Simulation::now();
  --active_;
  sim_.recorder().event(o.recovered, IncidentEvent::IncidentRecovered, o.number, place_);
}

std::vector<s4u::Host*> IncidentModel::target_hosts(const Occurrence& o) const {
  const IncidentConfig& c = config_of(o);
  if (c.kind == "tos_outage") return {platform_.host("tos")};
  if (c.kind == "platform_outage") return {platform_.host(corridor_host_)};
  if (c.kind == "power_loss") return platform_.segment_hosts(c.target);
  return {};
}

void IncidentModel::damage(Occurrence& o) {
  const IncidentConfig& c = config_of(o);
  if (c.kind == "tos_outage") {
    if (!config_.tos.hot_standby) o.work_lost = static_cast<double>(sim_.recorder().event_count() - last_backup_events_);
    platform_.turn_off(platform_.host("tos"), o.number);
    if (config_.tos.hot_standby) {
      spawn("it.failover", [this] {
        s4u::this_actor::sleep_for(config_.tos.failover_time);
        if (platform_.host_on("tos_standby") && !platform_.host_on("tos")) platform_.set_standby_active(true);
      });
    }
  } else if (c.kind == "ot_breach") {
    infect(o, c.target);
  } else if (c.kind == "fibre_cut") {
    platform_.cut(c.target, o.number);
  } else if (c.kind == "storm") {
    const WindLimits& l = config_.wind_limits;
    o.storm_clear = storm_clear_time(c, o.start, std::min({l.quay_crane, l.yard_crane, l.gate, l.vessel}));
    spawn("incident.wind", [this, &o, &c] {
      for (const WindPoint& p : c.wind) {
        s4u::this_actor::sleep_until(o.start + p.after);
        conditions_->set_wind(p.speed);
      }
      s4u::this_actor::sleep_until(o.start + c.duration);
      conditions_->set_wind(0);
    });
  } else {
    for (s4u::Host* host : target_hosts(o)) platform_.turn_off(host, o.number);
  }
}

// A breached segment's systems are shut down; from there the breach spreads to every other segment
// it can reach, at the flat or segmented rate, until the response isolates the breached segments.
void IncidentModel::infect(Occurrence& o, const std::string& segment) {
  if (std::find(o.infected.begin(), o.infected.end(), segment) != o.infected.end()) return;
  o.infected.push_back(segment);
  for (s4u::Host* host : platform_.segment_hosts(segment)) platform_.turn_off(host, o.number);
  const double rate = config_.network.segmented ? config_.network.spread_segmented : config_.network.spread_flat;
  if (rate <= 0) return;
  rng::Stream& stream = streams_[static_cast<std::size_t>(o.incident)];
  for (const std::string& next : kSegments) {
    if (next == segment || !platform_.has_segment(next)) continue;
    const double delay = stream.exponential(1 / rate);
    spawn("incident.spread", [this, &o, segment, next, delay] {
      s4u::this_actor::sleep_for(delay);
      if (!o.contained && !platform_.isolated(segment)) infect(o, next);
    });
  }
}

// The external cause (power, provider, repair crew, the storm itself) ends after the incident's
// duration; restore steps wait for it.
void IncidentModel::start_cause(Occurrence& o) {
  const IncidentConfig& c = config_of(o);
  double duration = c.restore_at >= 0 ? c.restore_at - o.start : c.duration;
  if (o.start < Simulation::now()) duration -= Simulation::now() - o.start;  // from a snapshot: what is left
  if (duration <= 0) {
    o.cause_over = true;
    return;
  }
  spawn("incident.cause", [this, &o, duration] {
    s4u::this_actor::sleep_for(duration);
    o.cause_over = true;
    platform_.changed();
  });
}

bool IncidentModel::critical_up(const Occurrence& o) const {
  const IncidentConfig& c = config_of(o);
  if (c.kind == "tos_outage") return platform_.tos_serving();
  if (c.kind == "fibre_cut") return platform_.uplink_ok(c.target);
  if (c.kind == "storm") return Simulation::now() >= o.storm_clear;
  if (c.kind == "ot_breach") {
    return std::all_of(o.infected.begin(), o.infected.end(), [this](const std::string& segment) {
      const auto& hosts = platform_.segment_hosts(segment);
      return !platform_.isolated(segment) &&
             std::all_of(hosts.begin(), hosts.end(), [](s4u::Host* h) { return h->is_on(); });
    });
  }
  const auto hosts = target_hosts(o);
  return std::all_of(hosts.begin(), hosts.end(), [](s4u::Host* h) { return h->is_on(); });
}

void IncidentModel::watch_restored(Occurrence& o) {
  const IncidentConfig& c = config_of(o);
  if (c.kind == "storm" && o.storm_clear > Simulation::now()) s4u::this_actor::sleep_until(o.storm_clear);
  platform_.wait_until([this, &o] { return critical_up(o); });
  o.restored = Simulation::now();
  sim_.recorder().event(o.restored, IncidentEvent::IncidentRestored, o.number, place_);
  platform_.changed();
}

// --- response -----------------------------------------------------------------------------------

void IncidentModel::detect(Occurrence& o) {
  const DetectionConfig& d = config_of(o).detection;
  rng::Stream& stream = streams_[static_cast<std::size_t>(o.incident)];
  o.alerted = stream.bernoulli(d.alert_probability);
  s4u::this_actor::sleep_for(o.alerted ? d.alert_delay.sample(stream) : d.noticed.sample(stream));
  ResponseTeam& members = team(d.team);
  members.acquire();
  s4u::this_actor::sleep_for(d.ack_time.sample(stream));
  members.release();
  o.detected = Simulation::now();
  sim_.recorder().event(o.detected, IncidentEvent::IncidentDetected, o.number, place_, o.alerted ? 1 : 0);
}

bool IncidentModel::step_ready(const Occurrence& o, const StepConfig& step) const {
  if (step.action != "restore") return true;
  if (!o.cause_over) return false;
  return config_of(o).kind != "tos_outage" || platform_.host_on("backup");
}

void IncidentModel::run_step(Occurrence& o, const StepConfig& step, std::size_t index) {
  const double left = o.step_end - Simulation::now();  // a step under way in a snapshot: what is left of it
  platform_.wait_until([&] { return step_ready(o, step); });
  ResponseTeam& members = team(step.team);
  members.acquire();
  rng::Stream& stream = streams_[static_cast<std::size_t>(o.incident)];
  double duration = 0;
  if (o.step_end >= 0) {
    duration = std::max(0.0, left);
  } else {
    duration = step.duration.sample(stream);
    if (step.action == "restore") {  // each breached segment is rebuilt, and lost events are re-entered
      duration *= static_cast<double>(std::max<std::size_t>(1, o.infected.size()));
      duration += o.work_lost * config_.tos.reentry_time;
    }
  }
  o.step_end = Simulation::now() + duration;
  s4u::this_actor::sleep_for(duration);
  o.step_end = -1;
  apply(o, step.action);
  ++o.steps_done;
  members.release();
  sim_.recorder().event(Simulation::now(), IncidentEvent::StepDone, o.number, place_, static_cast<std::uint16_t>(index));
}

void IncidentModel::apply(Occurrence& o, const std::string& action) {
  const IncidentConfig& c = config_of(o);
  if (action == "isolate") {
    if (o.isolated < 0) o.isolated = Simulation::now();
    if (c.kind == "ot_breach") {
      o.contained = true;
      for (const auto& segment : o.infected) platform_.isolate(segment, true);
    }
    return;
  }
  if (action != "restore") return;
  if (c.kind == "ot_breach") {
    for (const auto& segment : o.infected) {
      for (s4u::Host* host : platform_.segment_hosts(segment)) platform_.turn_on(host, o.number);
      platform_.isolate(segment, false);
    }
  } else if (c.kind == "fibre_cut") {
    platform_.splice(c.target, o.number);
  } else {
    for (s4u::Host* host : target_hosts(o)) platform_.turn_on(host, o.number);
    if (c.kind == "tos_outage") platform_.set_standby_active(false);  // back to the primary
  }
}

// --- background ---------------------------------------------------------------------------------

// Runs on the TOS host: dies with it and restarts with it. A backup counts once the backup server
// has it; the network or the server being down makes it fail.
void IncidentModel::backup_loop() {
  s4u::Actor::self()->daemonize();  // restarted with the TOS host: daemonized again each time
  auto* box = s4u::Mailbox::by_name("it.backup");
  const double interval = config_.tos.backup_interval;
  for (;;) {
    const double now = Simulation::now();
    s4u::this_actor::sleep_for(interval - std::fmod(now, interval));
    const double taken = Simulation::now();
    const std::uint64_t events = sim_.recorder().event_count();
    try {
      box->put(this, static_cast<std::uint64_t>(config_.tos.backup_bytes), interval / 2);
      last_backup_time_ = taken;
      last_backup_events_ = events;
      ++backups_;
    } catch (const simgrid::TimeoutException&) {
      ++failed_backups_;
    } catch (const simgrid::NetworkFailureException&) {
      ++failed_backups_;
    }
  }
}

// False-positive alerts keep the detecting team busy, so a real alert may wait for a free member.
void IncidentModel::noise_loop() {
  const DetectionConfig& d = config_.incidents.front().detection;
  for (;;) {
    s4u::this_actor::sleep_for(noise_stream_.exponential(1 / config_.noise_alerts));
    const double ack = d.ack_time.sample(noise_stream_);
    spawn("incidents.noise.alert", [this, &d, ack] {
      ResponseTeam& members = team(d.team);
      members.acquire();
      s4u::this_actor::sleep_for(ack);
      members.release();
      if (Simulation::now() >= sim_.warmup()) ++noise_handled_;
    });
  }
}

void IncidentModel::watch_availability() {
  auto tos = [this] { return !conditions_ || platform_.tos_serving() ? 1.0 : 0.0; };
  auto gate = [this] { return !conditions_ || conditions_->gate_mode() == terminal::GateMode::Automated ? 1.0 : 0.0; };
  auto supervision = [this] { return corridor_host_.empty() || platform_.host_on(corridor_host_) ? 1.0 : 0.0; };
  for (;;) {
    const double a = tos(), b = gate(), c = supervision();
    const double now = Simulation::now();
    tos_up_.set(a, now);
    gate_automated_.set(b, now);
    supervision_up_.set(c, now);
    platform_.wait_until([&] { return tos() != a || gate() != b || supervision() != c; });
  }
}

// --- results ------------------------------------------------------------------------------------

void IncidentModel::declare_kpis(Recorder& r) {
  kpi_down_ = r.kpi_series("incidents.hosts_down", "hosts", "IT/OT hosts off at the sample time");
  kpi_active_ = r.kpi_series("incidents.active", "incidents", "Incidents not yet recovered");
  kpi_wind_ = r.kpi_series("incidents.wind", "m/s", "Wind speed at the sample time");
  kpi_tos_ = r.kpi_series("incidents.tos_available", "share", "Share of the interval the TOS served");
  kpi_gate_ = r.kpi_series("incidents.gate_automated", "share", "Share of the interval the gate ran automated");
}

void IncidentModel::sample_kpis(Recorder& r, double now) {
  r.kpi_value(kpi_down_, platform_.hosts_down());
  r.kpi_value(kpi_active_, active_);
  r.kpi_value(kpi_wind_, conditions_ ? conditions_->wind() : 0);
  r.kpi_value(kpi_tos_, tos_up_.take_interval_mean(now));
  r.kpi_value(kpi_gate_, gate_automated_.take_interval_mean(now));
}

void write_incident_summary(Recorder& r, const IncidentsConfig& config, const std::deque<Occurrence>& occurrences) {
  for (std::size_t i = 0; i < config.incidents.size(); ++i) {
    const std::string prefix = "incident." + config.incidents[i].name + ".";
    double n = 0, detect = 0, isolate = 0, restore = 0, recover = 0, lost = 0, radius = 0;
    double n_isolated = 0, n_restored = 0, n_recovered = 0;
    for (const Occurrence& o : occurrences) {
      if (o.incident != static_cast<int>(i) || o.detected < 0) continue;
      ++n;
      detect += o.detected - o.start;
      if (o.isolated >= 0) {
        isolate += o.isolated - o.start;
        ++n_isolated;
      }
      if (o.restored >= 0) {
        restore += o.restored - o.start;
        ++n_restored;
      }
      if (o.recovered >= 0) {
        recover += o.recovered - o.start;
        ++n_recovered;
      }
      lost += o.work_lost;
      radius += static_cast<double>(o.infected.size());
    }
    auto mean = [](double sum, double count) { return count > 0 ? sum / count : nan(); };
    r.summary(prefix + "occurrences", n, "occurrences", "Occurrences detected before the horizon");
    r.summary(prefix + "time_to_detect", mean(detect, n), "s", "Mean time from the incident to its detection", true);
    r.summary(prefix + "time_to_isolate", mean(isolate, n_isolated), "s", "Mean time to the end of the isolate step");
    r.summary(prefix + "time_to_restore", mean(restore, n_restored), "s",
              "Mean time until the critical functions it took down were back", true);
    r.summary(prefix + "time_to_recover", mean(recover, n_recovered), "s",
              "Mean time until the playbook was complete and the functions back", true);
    r.summary(prefix + "work_lost", mean(lost, n), "events", "Events since the last successful TOS backup, re-entered");
    r.summary(prefix + "blast_radius", mean(radius, n), "segments", "Segments a breach reached");
  }
}

void IncidentModel::write_summary(Recorder& r, double now) const {
  write_incident_summary(r, config_, occurrences_);
  r.summary("incidents.availability.tos", tos_up_.mean(now), "share", "Share of the time the TOS served");
  r.summary("incidents.availability.gate", gate_automated_.mean(now), "share", "Share of the time the gate ran automated");
  r.summary("incidents.availability.supervision", supervision_up_.mean(now), "share",
            "Share of the time the corridor supervision platform was up");
  r.summary("incidents.backups", static_cast<double>(backups_), "backups", "TOS backups completed");
  r.summary("incidents.failed_backups", static_cast<double>(failed_backups_), "backups", "TOS backups that failed");
  r.summary("incidents.noise_alerts", static_cast<double>(noise_handled_), "alerts", "False-positive alerts handled");
  for (const auto& t : teams_) {
    r.summary("incidents.team." + t->name() + ".busy", t->mean_busy(now), "members", "Mean members at work");
  }
}

void IncidentModel::finish_recording() {
  if (!sim_.recorder().has_file()) return;
  h5::ColumnTable table;
  const auto number = table.integer("number");
  const auto name = table.text("incident", 32);
  const auto kind = table.enumeration("kind", kIncidentKinds);
  const auto start = table.real("start");
  const auto detected = table.real("detected");
  const auto isolated = table.real("isolated");
  const auto restored = table.real("restored");
  const auto recovered = table.real("recovered");
  const auto alerted = table.integer("alerted");
  const auto lost = table.real("work_lost");
  const auto radius = table.integer("blast_radius");
  for (const Occurrence& o : occurrences_) {
    const IncidentConfig& c = config_of(o);
    table.add_row();
    table.set(number, static_cast<std::int64_t>(o.number));
    table.set(name, c.name);
    table.set(kind, static_cast<std::int64_t>(kind_index(c.kind)));
    table.set(start, o.start);
    auto at = [](double t) { return t >= 0 ? t : nan(); };
    table.set(detected, at(o.detected));
    table.set(isolated, at(o.isolated));
    table.set(restored, at(o.restored));
    table.set(recovered, at(o.recovered));
    table.set(alerted, static_cast<std::int64_t>(o.alerted));
    table.set(lost, o.work_lost);
    table.set(radius, static_cast<std::int64_t>(o.infected.size()));
  }
  h5::Group root = sim_.recorder().root_group();
  table.write(root, "incidents", sim_.settings().deflate);
}

}  // namespace porttwin::incidents

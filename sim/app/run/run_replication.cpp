#include "sim/app/run/run_replication.hpp"

#include <chrono>
#include <ctime>
#include <memory>

#include "sim/core/units.hpp"
#include "models/corridor/corridor_model.hpp"
#include "models/incidents/incident_model.hpp"
#include "models/nii/nii_model.hpp"
#include "models/record/event_catalog.hpp"
#include "models/terminal/terminal_model.hpp"
#include "sim/engine/kpi_sampler.hpp"
#include "sim/engine/progress.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/record/atomic_output.hpp"

namespace porttwin {

namespace {

std::string wall_clock_now() {
  const std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

bool drilling(const Scenario& s) { return s.has_incidents && s.incidents.enabled; }

incidents::ItLayout it_layout(const Scenario& s) {
  if (!drilling(s)) return {};
  return incidents::it_layout(s.incidents, s.has_terminal ? static_cast<int>(s.terminal.yard.blocks.size()) : 0,
                              s.has_terminal, s.has_nii, s.has_corridor ? s.corridor.supervision.host : "");
}

std::vector<std::string> host_names(const Scenario& s) {
  std::vector<std::string> hosts;
  if (s.has_gate) hosts.push_back(s.gate.host);
  if (s.has_network) {
    for (auto& h : QueueNetworkModel::hosts(s.network)) hosts.push_back(h);
  }
  if (s.has_terminal) hosts.push_back(s.terminal.host);
  if (s.has_corridor) {
    for (auto& h : corridor::CorridorModel::hosts(s.corridor)) hosts.push_back(h);
  }
  if (s.has_nii) hosts.push_back(s.nii.host);
  for (auto& h : it_layout(s).hosts) hosts.push_back(h);
  return hosts;
}

// The incidents of a drill with the platform state they act on and the terminal's view of it.
class Drill : public Model {
 public:
  Drill(Simulation& sim, const Scenario& s, const Platform& platform, terminal::TerminalModel* terminal,
        nii::NiiModel* nii)
      : it_(sim, s.incidents, platform, it_layout(s)),
        conditions_(terminal ? std::make_unique<incidents::TerminalConditions>(
                                   s.incidents, it_, static_cast<int>(s.terminal.yard.blocks.size()))
                             : nullptr),
        model_(sim, s.incidents, it_, conditions_.get(), s.has_corridor ? s.corridor.supervision.host : "") {
    if (terminal) terminal->set_conditions(conditions_.get());
    // Images are reviewed over the NII network: review stalls while its server or uplink is down.
    if (nii) {
      nii->set_review_wait([this] { it_.wait_until([this] { return it_.host_on("nii_review") && it_.uplink_ok("nii"); }); });
    }
  }
  void start() override { model_.start(); }
  std::vector<Station*> stations() override { return {}; }
  void declare_kpis(Recorder& r) override { model_.declare_kpis(r); }
  void sample_kpis(Recorder& r, double now) override { model_.sample_kpis(r, now); }
  void write_summary(Recorder& r, double now) const override { model_.write_summary(r, now); }
  void finish_recording() override { model_.finish_recording(); }

 private:
  incidents::ItPlatform it_;
  std::unique_ptr<incidents::TerminalConditions> conditions_;
  incidents::IncidentModel model_;
};

// The incidents switched off: the same summary KPIs, without values.
class NoDrill : public Model {
 public:
  explicit NoDrill(const incidents::IncidentsConfig& config) : config_(config) {}
  void start() override {}
  std::vector<Station*> stations() override { return {}; }
  void write_summary(Recorder& r, double) const override { incidents::write_incident_summary(r, config_, {}); }

 private:
  const incidents::IncidentsConfig& config_;
};

std::vector<std::unique_ptr<Model>> build_models(Simulation& sim, const Scenario& s, const Platform& platform) {
  std::vector<std::unique_ptr<Model>> models;
  if (s.has_gate) models.push_back(std::make_unique<GateModel>(sim, s.gate, platform));
  if (s.has_network) models.push_back(std::make_unique<QueueNetworkModel>(sim, s.network, platform));
  terminal::TerminalModel* terminal = nullptr;
  if (s.has_terminal) {
    auto model = std::make_unique<terminal::TerminalModel>(sim, s.terminal, platform);
    terminal = model.get();
    models.push_back(std::move(model));
  }
  if (s.has_corridor) models.push_back(std::make_unique<corridor::CorridorModel>(sim, s.corridor, platform));
  nii::NiiModel* nii = nullptr;
  if (s.has_nii) {
    terminal::TruckGate* gate = s.nii.feed == "terminal" && terminal ? &terminal->gate() : nullptr;
    auto model = std::make_unique<nii::NiiModel>(sim, s.nii, platform, gate);
    nii = model.get();
    models.push_back(std::move(model));
  }
  if (drilling(s)) models.push_back(std::make_unique<Drill>(sim, s, platform, terminal, nii));
  if (s.has_incidents && !s.incidents.enabled) models.push_back(std::make_unique<NoDrill>(s.incidents));
  return models;
}

void write_meta(Recorder& r, const Scenario& s, std::uint32_t replication, const std::string& wall_start) {
  r.meta("porttwin_version", std::string(PORTTWIN_VERSION));
  r.meta("scenario_name", s.run.name);
  r.meta("scenario_file", s.source);
  r.meta("scenario_text", s.text);
  r.meta("scenario_sha256", s.sha256);
  r.meta("overrides", overrides_text(s.overrides));
  r.meta("seed", static_cast<std::int64_t>(s.run.seed));
  r.meta("replication", static_cast<std::int64_t>(replication));
  r.meta("horizon_s", s.run.horizon);
  r.meta("warmup_s", s.run.warmup);
  r.meta("start", units::format_datetime(s.run.start));
  r.meta("wall_start", wall_start);
  r.meta("wall_end", wall_clock_now());
}

}  // namespace

std::string overrides_text(const std::vector<scenario::Override>& overrides) {
  std::string text;
  for (const auto& o : overrides) text += (text.empty() ? "" : "\n") + o.path + "=" + o.value;
  return text;
}

std::filesystem::path default_run_path(const Scenario& s, std::uint32_t replication) {
  return std::filesystem::path("runs") /
         (s.run.name + "-s" + std::to_string(s.run.seed) + "-r" + std::to_string(replication) + ".h5");
}

RunResult run_replication(const Scenario& s, const RunOptions& options) {
  const std::string wall_start = wall_clock_now();
  const auto t0 = std::chrono::steady_clock::now();
  std::unique_ptr<AtomicOutput> output;
  Recorder recorder({event_catalog(), s.run.record_events, static_cast<std::size_t>(s.run.event_chunk_rows), s.run.deflate});
  if (!options.out.empty()) {
    output = std::make_unique<AtomicOutput>(options.out);
    recorder.open(output->temp_path());
  }

  Simulation sim(s.run, options.replication, recorder);
  install_cleanup_on_signals();  // SimGrid's engine installs its own SIGINT handler: ours goes back on top
  Platform platform(s.platform, host_names(s),
                    s.has_corridor ? corridor::CorridorModel::access_links(s.corridor) : std::map<std::string, AccessLink>{},
                    it_layout(s).segments);
  auto models = build_models(sim, s, platform);

  std::vector<Station*> stations;
  for (auto& m : models) {
    for (Station* st : m->stations()) stations.push_back(st);
  }
  KpiSampler sampler(recorder, stations);
  for (auto& m : models) m->declare_kpis(recorder);
  auto sample_kpis = [&](double t) {
    recorder.kpi_row(t);
    sampler.sample(t);
    for (auto& m : models) m->sample_kpis(recorder, t);
  };
  sim.every(s.run.kpi_interval, "kpi", sample_kpis);

  ProgressBar progress(s.run.name + " r" + std::to_string(options.replication), s.run.horizon, options.progress);
  if (options.progress) {
    sim.every(s.run.horizon / 1000, "progress", [&](double t) { progress.update(t, recorder.event_count()); });
  }

  for (auto& m : models) m->start();
  if (options.instrument) options.instrument(sim, models);
  sim.run();
  progress.finish(recorder.event_count());

  const double now = s.run.horizon;
  sample_kpis(now);  // the last interval ends at the horizon
  for (auto& m : models) m->write_summary(recorder, now);
  for (auto& m : models) m->finish_recording();
  RunResult result;
  result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  result.events = recorder.event_count();
  recorder.summary("run.events", static_cast<double>(result.events), "1", "Events recorded");
  write_meta(recorder, s, options.replication, wall_start);
  recorder.meta("wall_seconds", result.wall_seconds);
  result.fingerprint = recorder.fingerprint();
  result.summary = recorder.summaries();
  recorder.finish();
  if (output) {
    output->commit();
    result.file = output->final_path();
  }
  return result;
}

}  // namespace porttwin

#include "sim/app/run/run_replication.hpp"

#include <chrono>
#include <ctime>
#include <memory>

#include "sim/core/units.hpp"
#include "models/model_table.hpp"
#include "models/record/event_catalog.hpp"
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
  const PlatformNeeds needs = platform_needs(s);
  Platform platform(s.platform, needs.hosts, needs.access_links, needs.segments);
  auto models = build_models(sim, s, platform).all;

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

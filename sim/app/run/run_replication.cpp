#include "sim/app/run/run_replication.hpp"

#include <chrono>
#include <ctime>
#include <memory>
#include <optional>

#include "sim/core/units.hpp"
#include "models/model_table.hpp"
#include "models/record/event_catalog.hpp"
#include "sim/engine/kpi_sampler.hpp"
#include "sim/engine/progress.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/record/atomic_output.hpp"
#include "sim/record/h5_file.hpp"
#include "sim/record/h5_handle.hpp"
#include "sim/engine/actor.hpp"

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
  r.meta("utc_offset", s.run.utc_offset);
  if (s.from) {  // a run from a snapshot: where its state came from, and when it began
    r.meta("snapshot_file", s.from->source);
    r.meta("begin_s", s.from->time);
  }
  r.meta("wall_start", wall_start);
  r.meta("wall_end", wall_clock_now());
}

}  // namespace

std::string overrides_text(const std::vector<scenario::Override>& overrides) {
  std::string text;
  for (const auto& o : overrides) text += (text.empty() ? "" : "\n") + o.path + "=" + o.value;
  return text;
}

std::string overrides_hash(const std::vector<scenario::Override>& overrides) {
  if (overrides.empty()) return "";
  return sha256_hex(overrides_text(overrides)).substr(0, 6);
}

std::filesystem::path default_run_path(const Scenario& s, std::uint32_t replication) {
  const std::string hash = overrides_hash(s.overrides);
  return std::filesystem::path("runs") / (s.run.name + "-s" + std::to_string(s.run.seed) + (hash.empty() ? "" : "-" + hash) +
                                          "-r" + std::to_string(replication) + ".h5");
}

namespace {

std::string shown(const std::string& overrides) {
  if (overrides.empty()) return "none";
  std::string out;
  for (const char c : overrides) {
    if (c == '\n') out += ", ";
    else out += c;
  }
  return out;
}

}  // namespace

std::string replacement_conflict(const std::filesystem::path& path, const Scenario& s, std::uint32_t replication) {
  std::error_code error;
  const auto status = std::filesystem::symlink_status(path, error);
  if (error || !std::filesystem::exists(status)) return "";
  const std::string file = path.string();
  if (!std::filesystem::is_regular_file(std::filesystem::status(path, error))) {
    return file + " exists and is not a run file (not a regular file)";
  }
  std::vector<std::string> differences;
  try {
    const h5::File h5 = h5::File::open_read(file);
    const h5::Group root = h5.root();
    if (!root.has("meta")) return file + " exists and is not a run file (it has no /meta)";
    const h5::Group meta = root.open_group("meta");
    for (const char* name : {"scenario_sha256", "scenario_file", "overrides", "seed", "replication"}) {
      if (!meta.has_attribute(name)) return file + " exists and is not a run file (its /meta has no " + name + ")";
    }
    if (meta.string_attribute("scenario_sha256") != s.sha256) {
      differences.push_back("scenario text (there: " + meta.string_attribute("scenario_file") + ", sha256 " +
                            meta.string_attribute("scenario_sha256").substr(0, 12) + "...; here: " + s.source +
                            ", sha256 " + s.sha256.substr(0, 12) + "...)");
    }
    const std::string overrides = meta.string_attribute("overrides"), wanted = overrides_text(s.overrides);
    if (overrides != wanted) differences.push_back("overrides (there: " + shown(overrides) + "; here: " + shown(wanted) + ")");
    const std::int64_t seed = meta.int_attribute("seed"), wanted_seed = static_cast<std::int64_t>(s.run.seed);
    if (seed != wanted_seed) {
      differences.push_back("seed (there: " + std::to_string(static_cast<std::uint64_t>(seed)) + "; here: " +
                            std::to_string(s.run.seed) + ")");
    }
    if (meta.int_attribute("replication") != static_cast<std::int64_t>(replication)) {
      differences.push_back("replication (there: " + std::to_string(meta.int_attribute("replication")) + "; here: " +
                            std::to_string(replication) + ")");
    }
    const std::string snapshot = meta.has_attribute("snapshot_file") ? meta.string_attribute("snapshot_file") : "";
    const std::string wanted_snapshot = s.from ? s.from->source : "";
    if (snapshot != wanted_snapshot) {
      differences.push_back("snapshot started from (there: " + (snapshot.empty() ? "none" : snapshot) + "; here: " +
                            (wanted_snapshot.empty() ? "none" : wanted_snapshot) + ")");
    }
  } catch (const std::exception& e) {
    return file + " exists and is not a readable run file (" + std::string(e.what()) + ")";
  }
  if (differences.empty()) return "";
  std::string out = file + " holds a run of another configuration: ";
  for (std::size_t i = 0; i < differences.size(); ++i) out += (i ? ", " : "") + differences[i];
  return out;
}

std::filesystem::path state_path(const std::filesystem::path& run_file, const Scenario& s, double t) {
  std::string when = units::format_datetime(s.run.start + t);
  for (char& c : when) {
    if (c == ':') c = '-';
  }
  std::filesystem::path path = run_file;
  path.replace_extension();
  return path.string() + ".state-" + when + ".json";
}

namespace {

// The HDF5 wrapper names the file it writes, the hidden temporary; the user knows the run file.
std::string about_run_file(const AtomicOutput& output, std::string message) {
  const std::string temporary = " in " + output.temp_path().string();
  if (const auto at = message.find(temporary); at != std::string::npos) message.erase(at, temporary.size());
  return "could not write the run file " + output.final_path().string() + ": " + message;
}

RunResult simulate_and_record(const Scenario& s, const RunOptions& options, AtomicOutput* output) {
  const std::string wall_start = wall_clock_now();
  const auto t0 = std::chrono::steady_clock::now();
  std::optional<integrity::TimelineOptions> timeline;
  if (s.run.integrity) timeline = integrity::TimelineOptions{s.run.integrity_checkpoint, options.sign_key};
  Recorder recorder({event_catalog(), s.run.record_events, static_cast<std::size_t>(s.run.event_chunk_rows),
                     s.run.deflate, timeline});
  if (output) recorder.open(output->temp_path());

  Simulation sim(s.run, options.replication, recorder);
  const double begin = s.from ? s.from->time : 0;
  sim.begin_at(begin);
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

  // Snapshots are kept in memory and written after the run file: a run that fails leaves neither.
  std::vector<std::pair<std::filesystem::path, std::string>> states;
  const std::filesystem::path run_file = options.out.empty() ? default_run_path(s, options.replication) : options.out;
  auto save_state = [&](double t) {
    snapshot::SnapshotWriter writer(t, s.run.start, s.run.name);
    for (const auto& m : models) m->save_state(writer);
    states.emplace_back(state_path(run_file, s, t), writer.text());
  };
  auto start_models = [&] {
    if (s.from) {
      for (auto& m : models) m->restore_state(*s.from);
    }
    for (auto& m : models) m->start();
    if (options.instrument) options.instrument(sim, models);
    for (double t : options.save_states) {
      if (t == begin) save_state(t);
    }
  };
  for (double t : options.save_states) {
    if (t <= begin || t >= s.run.horizon) continue;
    spawn("save-state", simgrid::s4u::Engine::get_instance()->get_all_hosts().front(), [&save_state, t] {
      simgrid::s4u::Actor::self()->daemonize();
      simgrid::s4u::this_actor::sleep_until(t);
      save_state(t);
    });
  }
  if (begin > 0) {  // a run from a snapshot: nothing happens before its time
    spawn("snapshot-start", simgrid::s4u::Engine::get_instance()->get_all_hosts().front(), [&start_models, begin] {
      simgrid::s4u::this_actor::sleep_until(begin);
      start_models();
    });
  } else {
    start_models();
  }
  sim.run();
  progress.finish(recorder.event_count());

  const double now = s.run.horizon;
  sample_kpis(now);  // the last interval ends at the horizon
  for (auto& m : models) m->write_summary(recorder, now);
  for (auto& m : models) m->finish_recording();
  RunResult result;
  result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  result.events = recorder.event_count();
  recorder.summary("run.events", static_cast<double>(result.events), "events", "Events recorded");
  write_meta(recorder, s, options.replication, wall_start);
  recorder.meta("wall_seconds", result.wall_seconds);
  recorder.close_timeline(now);
  result.fingerprint = recorder.fingerprint();
  result.summary = recorder.summaries();
  recorder.finish();
  if (output) {
    output->commit();
    result.file = output->final_path();
  }
  for (const auto& [path, text] : states) {
    snapshot::write_file(path, text);
    result.states.push_back(path);
  }
  return result;
}

}  // namespace

RunResult run_replication(const Scenario& s, const RunOptions& options) {
  std::optional<AtomicOutput> output;
  if (!options.out.empty()) output.emplace(options.out);
  try {
    return simulate_and_record(s, options, output ? &*output : nullptr);
  } catch (const h5::Error& e) {
    if (!output) throw;
    throw h5::Error(about_run_file(*output, e.what()));
  }
}

}  // namespace porttwin

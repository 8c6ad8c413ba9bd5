#include "sim/app/sweep/sweep_runner.hpp"

#include <fstream>
#include <iterator>

#include "sim/app/run/run_replication.hpp"
#include "sim/engine/process_pool.hpp"
#include "sim/record/h5_file.hpp"

namespace porttwin::sweep {

namespace {

// The child writes why it failed beside the run file; the parent reads it back and removes it.
std::filesystem::path error_file(const std::filesystem::path& run_file) {
  return run_file.parent_path() / ("." + run_file.filename().string() + ".error");
}

std::string take_error(const std::filesystem::path& run_file, int code) {
  const auto path = error_file(run_file);
  std::ifstream in(path);
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  in.close();
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
  while (!text.empty() && text.back() == '\n') text.pop_back();
  if (!text.empty()) return text;
  if (code > 128) return "the run process was killed by signal " + std::to_string(code - 128);
  return "the run process ended with exit code " + std::to_string(code);
}

}  // namespace

std::filesystem::path run_file_name(std::size_t point, std::uint32_t replication) {
  return std::filesystem::path("runs") / ("p" + std::to_string(point) + "-r" + std::to_string(replication) + ".h5");
}

std::vector<Run> plan_runs(const Sweep& sweep) {
  std::vector<Run> runs;
  for (int r = 0; r < sweep.replications; ++r) {
    for (std::size_t p = 0; p < sweep.points.size(); ++p) {
      const auto replication = static_cast<std::uint32_t>(r);
      runs.push_back({p, replication, sweep.output_dir / run_file_name(p, replication), RunStatus::pending, {}});
    }
  }
  return runs;
}

bool complete_run_file(const std::filesystem::path& file, const Scenario& scenario, std::uint32_t replication) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error)) return false;
  try {
    const h5::File h5 = h5::File::open_read(file.string());
    const h5::Group root = h5.root();
    if (!root.has("summary") || !root.has("meta")) return false;
    const h5::Group meta = root.open_group("meta");
    return meta.string_attribute("scenario_sha256") == scenario.sha256 &&
           meta.string_attribute("overrides") == overrides_text(scenario.overrides) &&
           meta.int_attribute("seed") == static_cast<std::int64_t>(scenario.run.seed) &&
           meta.int_attribute("replication") == static_cast<std::int64_t>(replication) &&
           !root.open_group("summary").children().empty();
  } catch (const std::exception&) {
    return false;
  }
}

std::size_t mark_reusable(const Sweep& sweep, std::vector<Run>& runs) {
  std::size_t reused = 0;
  for (auto& run : runs) {
    if (run.status == RunStatus::pending && complete_run_file(run.file, sweep.scenarios[run.point], run.replication)) {
      run.status = RunStatus::reused;
      ++reused;
    }
  }
  return reused;
}

int run_here(const Sweep& sweep, const Run& run) {
  try {
    run_replication(sweep.scenarios[run.point], {run.file, run.replication, false, {}, {}});
    return 0;
  } catch (const std::exception& e) {
    std::ofstream(error_file(run.file)) << e.what() << "\n";
    return 1;
  }
}

void record_outcome(Run& run, int code, std::string error) {
  if (code == 0) {
    run.status = RunStatus::done;
  } else {
    run.status = RunStatus::failed;
    run.error = std::move(error);
  }
}

std::string collect_error(const Run& run, int code) { return code == 0 ? std::string() : take_error(run.file, code); }

std::size_t execute(const Sweep& sweep, std::vector<Run>& runs, const ExecuteOptions& options) {
  std::vector<Run*> pending;
  for (auto& run : runs) {
    if (run.status == RunStatus::pending) pending.push_back(&run);
  }
  std::filesystem::create_directories(sweep.output_dir / "runs");
  bool keep_going = true;
  std::size_t failed = 0;
  const auto codes = run_in_processes(
      pending.size(), options.jobs, [&](std::size_t i) { return run_here(sweep, *pending[i]); },
      [&](std::size_t i, int code) {
        Run& run = *pending[i];
        record_outcome(run, code, collect_error(run, code));
        if (run.status == RunStatus::failed) ++failed;
        if (options.on_finished && !options.on_finished(run)) keep_going = false;
      },
      [&] { return !keep_going; });
  for (std::size_t i = 0; i < pending.size(); ++i) {
    if (codes[i] == kNotStarted) pending[i]->status = RunStatus::not_run;
  }
  return failed;
}

}  // namespace porttwin::sweep

#include "analysis/run_sets.hpp"

#include <algorithm>
#include <numeric>

#include "sim/record/h5_columns.hpp"
#include "sim/record/h5_file.hpp"

namespace porttwin::analysis {

namespace fs = std::filesystem;

namespace {

struct Identity {
  std::uint64_t seed = 0;
  std::uint32_t replication = 0;
};

Identity identity_of(const fs::path& file) {
  const h5::File h5 = h5::File::open_read(file.string());
  const h5::Group meta = h5.root().open_group("meta");
  return {static_cast<std::uint64_t>(meta.int_attribute("seed")), static_cast<std::uint32_t>(meta.int_attribute("replication"))};
}

std::string label_of(const RunSummary& run) {
  const auto name = run.meta.find("scenario_name");
  std::string label = name == run.meta.end() ? run.file.stem().string() : name->second;
  const auto overrides = run.meta.find("overrides");
  if (overrides == run.meta.end() || overrides->second.empty()) return label;
  std::string joined = overrides->second;
  std::replace(joined.begin(), joined.end(), '\n', ' ');
  return label + " " + joined;
}

std::vector<fs::path> sweep_run_files(const fs::path& sweep_file) {
  std::vector<std::string> files;
  std::vector<std::int64_t> status;
  try {
    const h5::File h5 = h5::File::open_read(sweep_file.string());
    h5.root().check_readable();  // a few KiB: all of it, not only /runs (report reads the rest)
    files = h5::read_text_column(h5.root(), "runs", "file");
    status = h5::read_integer_column(h5.root(), "runs", "status");
  } catch (const h5::Error& e) {
    // Truncated, zeroed or failing its checksums: invalid input, not a failure of the command.
    throw InvalidInput(sweep_file.string() + ": error: not a readable sweep.h5, damaged or truncated (" + e.what() + ")");
  }
  if (files.size() != status.size()) {
    throw InvalidInput(sweep_file.string() + ": error: /runs has columns of different lengths: the file is damaged");
  }
  std::vector<fs::path> out;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (status[i] != 0) continue;  // failed or not run: no run file
    const fs::path file = sweep_file.parent_path() / files[i];
    if (!fs::is_regular_file(file)) {
      throw InvalidInput(sweep_file.string() + ": error: its run file " + file.string() + " is missing");
    }
    out.push_back(file);
  }
  return out;
}

}  // namespace

bool is_sweep_results(const fs::path& file) {
  try {
    const h5::File h5 = h5::File::open_read(file.string());
    return h5.root().has_attribute("sweep_name") && h5.root().has("runs");
  } catch (const std::exception&) {
    return false;
  }
}

std::vector<fs::path> run_files_of(const fs::path& input) {
  std::error_code error;
  if (fs::is_directory(input, error)) {
    if (fs::is_regular_file(input / "sweep.h5")) return sweep_run_files(input / "sweep.h5");
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(input)) {
      const std::string name = entry.path().filename().string();
      if (entry.is_regular_file() && entry.path().extension() == ".h5" && name.front() != '.') files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) throw InvalidInput(input.string() + ": error: found a folder without run files (*.h5) or sweep.h5");
    return files;
  }
  if (!fs::is_regular_file(input, error)) throw InvalidInput(input.string() + ": error: no such file or folder");
  if (is_sweep_results(input)) return sweep_run_files(input);
  return {input};
}

std::vector<RunSet> gather_run_sets(const std::vector<fs::path>& inputs) {
  std::vector<RunSet> sets;
  for (const auto& input : inputs) {
    for (const auto& file : run_files_of(input)) {
      RunSummary run;
      Identity id;
      try {
        run = read_summary(file);
        id = identity_of(file);
      } catch (const std::exception& e) {
        throw InvalidInput(file.string() + ": error: not a complete porttwin run file or sweep.h5 (" + e.what() + ")");
      }
      const std::string sha = run.meta["scenario_sha256"], overrides = run.meta["overrides"];
      auto set = std::find_if(sets.begin(), sets.end(), [&](const RunSet& s) {
        return s.scenario_sha256 == sha && s.overrides == overrides && s.seed == id.seed;
      });
      if (set == sets.end()) {
        sets.push_back({label_of(run), run.meta["scenario_name"], sha, overrides, id.seed, {}, {}});
        set = sets.end() - 1;
      }
      if (std::find(set->replications.begin(), set->replications.end(), id.replication) != set->replications.end()) {
        throw InvalidInput(file.string() + ": error: replication " + std::to_string(id.replication) + " of " +
                           set->label + " is given twice");
      }
      set->replications.push_back(id.replication);
      set->runs.push_back(std::move(run));
    }
  }
  for (auto& set : sets) {  // by replication
    std::vector<std::size_t> order(set.runs.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](auto x, auto y) { return set.replications[x] < set.replications[y]; });
    RunSet sorted = set;
    for (std::size_t i = 0; i < order.size(); ++i) {
      sorted.replications[i] = set.replications[order[i]];
      sorted.runs[i] = set.runs[order[i]];
    }
    set = std::move(sorted);
  }
  for (auto& set : sets) {  // two configurations that differ in the seed or the scenario text alone
    const auto same = std::count_if(sets.begin(), sets.end(), [&](const RunSet& s) { return s.label == set.label; });
    if (same > 1) set.label += " seed " + std::to_string(set.seed) + " (" + set.scenario_sha256.substr(0, 8) + ")";
  }
  return sets;
}

}  // namespace porttwin::analysis

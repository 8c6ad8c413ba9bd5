// A sweep file (docs/sweep-file.md): a base scenario, the keys to vary (the key paths of --set)
// with their values, a design (grid or one-at-a-time), the replications and the KPIs to collect.
// Loading parses it through the scenario declarations (sim/scenario), expands the design into
// points and checks every point's scenario, so that every error -- in the sweep file or a value the
// base scenario rejects -- is reported at its file:line:column in the sweep file before any run.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/scenario.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/schema.hpp"

namespace porttwin::sweep {

struct Range {
  double from = 0, to = 0, step = 1;
};

struct Parameter {
  std::string key;  // a --set key path
  std::vector<scenario::MarkedText> values;  // listed, or generated from the range (marked at the range)
  bool has_range = false;
  Range range;
  scenario::Mark key_mark;
};

// One design point: a value for every swept key (in parameter order).
struct Point {
  std::vector<scenario::MarkedText> values;
  std::vector<std::string> paths;  // where each value was written: parameters[1].values, baseline.gate.lanes, ...
};

struct Sweep {
  // As declared (sweep_file.cpp declares the keys once; docs/sweep-file.md describes them).
  std::string name;
  std::string base;
  int replications = 0;  // 0: the base scenario's
  std::string design = "grid";
  std::vector<Parameter> parameters;
  std::vector<scenario::MarkedPair> baseline;
  std::vector<scenario::MarkedPair> set;
  std::vector<scenario::MarkedText> kpis;  // empty: every summary KPI
  std::string output;

  // Resolved by load_sweep.
  std::filesystem::path source;     // the sweep file as given
  std::string text, sha256;         // its text and SHA-256
  std::filesystem::path base_path;  // base, relative to the sweep file's folder
  std::filesystem::path output_dir; // output, or sweeps/<name>
  std::vector<Point> points;
  std::size_t baseline_point = 0;
  std::vector<Scenario> scenarios;  // one per point, validated

  // The overrides point p runs with: `set` first, then one per swept key.
  std::vector<scenario::Override> overrides(std::size_t point) const;
  // "gate.lanes=4, gate.exception_desk.clerks=2"
  std::string label(std::size_t point) const;
};

// What a sweep file got wrong, every error in one message (GNU style, one line per error).
class InvalidSweep : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads, expands and checks a sweep file; throws InvalidSweep.
Sweep load_sweep(const std::filesystem::path& file);
Sweep parse_sweep(const std::string& text, const std::filesystem::path& source);

// The grid (first key slowest) or one-at-a-time points, and the baseline point's index; errors in
// `baseline` go to `diagnostics`.
void expand_design(Sweep& sweep, scenario::Diagnostics& diagnostics);

// Checks `kpis` against the summary names of a finished run; errors carry the sweep file positions.
// Returns "" when all are known, else the formatted errors.
std::string check_kpis(const Sweep& sweep, const std::vector<std::string>& summary_names);

// The text of a sweep or size file; InvalidSweep when it cannot be read.
std::string read_experiment_file(const std::filesystem::path& file);
// The file name without .yaml/.yml and .sweep/.size: the default name of a sweep or size.
std::string default_name(const std::filesystem::path& source);

// The declarations of a sweep file's keys, bound to `sweep` (what parse_sweep reads them with).
scenario::Section declare(Sweep& sweep);

}  // namespace porttwin::sweep

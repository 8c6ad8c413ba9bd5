// A size file (docs/size-file.md): a base scenario, one integer resource (any --set key path) with
// the range to search, a KPI target with a confidence level, the replication plan and settings
// applied to every run. Parsed through the scenario declarations, every error at its
// file:line:column in the size file, before any run.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "models/scenario.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/app/sweep/size_search.hpp"
#include "sim/app/sweep/sweep_file.hpp"

namespace porttwin::sweep {

struct SizeFile {
  // As declared (size_file.cpp declares the keys once).
  std::string name;
  std::string base;
  bool has_resource = false;
  std::string key;        // resource.key
  int from = 1, to = 0;   // resource.from, resource.to
  std::string target_text;  // "gate.time.p95 < 45min"
  double confidence = 0.95;
  ReplicationPlan plan;
  std::vector<scenario::MarkedPair> set;
  std::string output;

  // Resolved by load_size_file.
  std::filesystem::path source, base_path, output_dir;
  std::string text;
  Target target;
  scenario::Mark target_mark;
  std::size_t values_checked = 0;  // resource values the base scenario was loaded with


  // The overrides a run at `value` uses: `set` in order, then key=value.
  std::vector<scenario::Override> overrides(long value) const;
  // A one-point sweep at `value` with `replications`, its runs in <output>/<key>=<value>/ (so runs made
  // once are reused, also by a later invocation). InvalidSweep if the base scenario rejects the value.
  Sweep at(long value, int replications) const;
};

// The most resource values `every_value` loads the base scenario with; a wider range is checked at
// its ends only.
inline constexpr std::size_t kMaxCheckedValues = 200;

// Reads and checks a size file; throws InvalidSweep (every error, GNU style). The base scenario is
// loaded with `set` and the resource at both ends of its range (what `porttwin size` checks), or with
// `every_value` at every value of a range of at most kMaxCheckedValues (`porttwin validate`).
SizeFile load_size_file(const std::filesystem::path& file, bool every_value = false);
SizeFile parse_size_file(const std::string& text, const std::filesystem::path& source, bool every_value = false);

// "" when the target's KPI is among `summary_names`, else the error at the target's position.
std::string check_target_kpi(const SizeFile& size, const std::vector<std::string>& summary_names);

// Parses "kpi < value" / "kpi > value" (value: a number in the KPI's units, a duration for KPIs in
// seconds, or a percentage); false with `error` set otherwise.
bool parse_target(const std::string& text, Target& target, std::string& error);

scenario::Section declare(SizeFile& size);

}  // namespace porttwin::sweep

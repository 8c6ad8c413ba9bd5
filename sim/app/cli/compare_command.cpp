// porttwin compare: configurations side by side with paired (common random numbers) or Welch
// differences against the first (analysis/comparison.hpp, docs/compare.md).
#include <algorithm>
#include <iostream>

#include "analysis/comparison.hpp"
#include "sim/app/cli/command_errors.hpp"
#include "sim/app/cli/command_state.hpp"
#include "sim/scenario/diagnostics.hpp"

namespace porttwin::cli {

namespace {

struct CompareArguments {
  std::vector<std::string> inputs;
  std::vector<std::string> kpis;
  bool all = false;
};

// The KPIs to show: those asked for (each must be in every set), or the common headline ones (all with --all).
bool choose_kpis(const CompareArguments& a, const std::vector<analysis::RunSet>& sets, std::vector<std::string>& out) {
  const auto common = analysis::common_kpis(sets, false);
  if (a.kpis.empty()) {
    out = a.all ? common : analysis::common_kpis(sets, true);
    if (out.empty()) out = common;
    return true;
  }
  bool ok = true;
  for (const auto& k : a.kpis) {
    if (std::find(common.begin(), common.end(), k) != common.end()) {
      out.push_back(k);
      continue;
    }
    const std::string best = scenario::closest_match(k, common);
    std::cerr << "porttwin compare: error: --kpi " << k << ": not a summary KPI of every run"
              << (best.empty() ? "" : " (did you mean \"" + best + "\"?)") << "\n";
    ok = false;
  }
  return ok;
}

int execute(const CompareArguments& a) {
  const std::vector<std::filesystem::path> inputs(a.inputs.begin(), a.inputs.end());
  const std::vector<analysis::RunSet> sets = analysis::gather_run_sets(inputs);
  if (sets.size() < 2) {
    throw CommandError(kInvalidInput, "found " + std::to_string(sets.size()) +
                                          " configuration, expected at least 2 (run files of one scenario, overrides "
                                          "and seed are replications of one configuration)");
  }
  std::vector<std::string> kpis;
  if (!choose_kpis(a, sets, kpis)) return kInvalidInput;
  const auto rows = analysis::compare_sets(sets, kpis);
  std::cout << "mean ± 95% CI half-width; differences against A: paired-t on common replications when the seeds "
               "match (common random numbers), Welch otherwise\n"
            << analysis::format_comparison(sets, rows);
  return kOk;
}

}  // namespace

void add_compare(CLI::App& app) {
  static CompareArguments a;
  auto* cmd = app.add_subcommand(
      "compare", "Compare configurations side by side: per KPI each one's mean and 95% CI over its replications, and "
                 "its difference from the first (paired when they share the seed, Welch otherwise)");
  cmd->add_option("inputs", a.inputs,
                  "Run files, sweep.h5 files or folders (a sweep folder, or a folder of run files); run files of the "
                  "same scenario, overrides and seed are one configuration's replications")
      ->required();
  cmd->add_option("-k,--kpi", a.kpis, "A summary KPI to compare (repeatable; default: the headline KPIs)");
  cmd->add_flag("--all", a.all, "Every summary KPI the runs share");
  cmd->footer(
      "\nExamples:\n"
      "  porttwin compare runs/gate_default-s1-r*.h5 runs/gate_six-s1-r*.h5\n"
      "  porttwin compare sweeps/gate_lanes            (every point of a sweep against point 0)\n"
      "  porttwin compare runs/a/ runs/b/ --kpi gate.time.p95\n"
      "Exit codes: 0 ok, 2 invalid input (a missing or foreign file, fewer than 2 configurations, an unknown KPI).");
  cmd->callback([] { run_command("compare", [] { return execute(a); }); });
}

}  // namespace porttwin::cli

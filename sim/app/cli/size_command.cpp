// porttwin size: the smallest value of a resource for which a KPI target holds with a stated
// confidence (sim/app/sweep/size_search.hpp, docs/size-file.md).
#include <cstdio>
#include <iostream>

#include "analysis/replications.hpp"
#include "analysis/run_file.hpp"
#include "sim/app/cli/command_errors.hpp"
#include "sim/app/cli/command_state.hpp"
#include "sim/core/quantity.hpp"
#include "sim/core/units.hpp"
#include "sim/engine/process_pool.hpp"
#include "sim/record/atomic_output.hpp"
#include "sim/app/sweep/size_file.hpp"
#include "sim/app/sweep/sweep_runner.hpp"

namespace porttwin::cli {

namespace {

struct SizeArguments {
  std::string file;
  int jobs = 0;
  std::string output;
};

// Why the search could not go on: a run failed (exit 1) or the target names no KPI of the runs (exit 2).
std::string verdict_text(sweep::Verdict v) {
  return v == sweep::Verdict::meets ? "meets" : v == sweep::Verdict::fails ? "fails" : "undecided";
}

std::string short_number(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.4g", v);
  return text;
}

std::string describe(const sweep::SizeFile& s, const sweep::Evaluation& e, const std::string& units) {
  const auto& j = e.judgement;
  const auto& t = s.target;
  // The bound against the threshold as the size file writes it, in the KPI's declared unit.
  const std::string unit = units.empty() || units == "1" ? "" : " " + units;
  const bool upper = t.below == (j.verdict != sweep::Verdict::fails);
  const std::string side = j.verdict == sweep::Verdict::fails ? (t.below ? " >= " : " <= ") : (t.below ? " < " : " > ");
  const bool holds = j.verdict != sweep::Verdict::undecided;
  return "  " + s.key + "=" + std::to_string(e.value) + ": " + std::to_string(e.replications) + " replications, " +
         t.kpi + " " + units::format_quantity(j.interval.mean, j.interval.half_width, units) + "; " +
         units::format_number(t.confidence * 100) + "% " + (upper ? "upper" : "lower") + " bound " +
         short_number(j.bound) + (holds ? side : " vs ") + units::format_number(t.threshold) + unit + ": " +
         verdict_text(j.verdict) + "\n";
}

// KPI values of replications 0..n-1 at `value`: runs already made (now or by an earlier invocation)
// are reused, the others run `jobs` at a time.
std::vector<double> replicate(const sweep::SizeFile& s, long value, int n, int jobs, std::string& units) {
  sweep::Sweep point = s.at(value, n);
  auto runs = sweep::plan_runs(point);
  sweep::mark_reusable(point, runs);
  std::string failure;
  sweep::execute(point, runs, {jobs, [&](const sweep::Run& run) {
                                 if (run.status == sweep::RunStatus::failed && failure.empty()) {
                                   failure = "run " + run.file.string() + " FAILED: " + run.error;
                                 }
                                 return failure.empty();
                               }});
  if (!failure.empty()) throw CommandError(kFailed, failure);
  std::vector<double> values;
  for (const auto& run : runs) {
    const auto summary = analysis::read_summary(run.file);
    std::vector<std::string> names;
    for (const auto& item : summary.items) names.push_back(item.name);
    const std::string error = sweep::check_target_kpi(s, names);
    if (!error.empty()) throw sweep::InvalidSweep(error);  // located in the size file
    for (const auto& item : summary.items) {
      if (item.name == s.target.kpi) units = item.units;
    }
    values.push_back(summary.value(s.target.kpi));
  }
  return values;
}

int execute(const SizeArguments& a) {
  install_cleanup_on_signals();
  sweep::SizeFile s = sweep::load_size_file(a.file);
  if (!a.output.empty()) s.output_dir = a.output;
  const int jobs = a.jobs > 0 ? a.jobs : available_cores();
  const auto& t = s.target;
  std::cout << s.name << ": smallest " << s.key << " in [" << s.from << ", " << s.to << "] with " << s.target_text
            << " at " << units::format_number(t.confidence * 100) << "% confidence (replications " << s.plan.initial
            << " + " << s.plan.step << " up to " << s.plan.max << " per value; runs in " << s.output_dir.string()
            << ")\n";
  std::string kpi_units;
  const auto answer = sweep::search_smallest(
      s.from, s.to, t, s.plan, [&](long value, int n) { return replicate(s, value, n, jobs, kpi_units); },
      [&](const sweep::Evaluation& e) { std::cout << describe(s, e, kpi_units) << std::flush; });
  std::cout << (answer.smallest ? "answer: " + s.key + " = " + std::to_string(*answer.smallest)
                                : "answer: none in [" + std::to_string(s.from) + ", " + std::to_string(s.to) + "]")
            << "\n"
            << answer.steps.size() << " values tried, " << answer.runs() << " runs\n"
            << "stopped: " << answer.reason << "\n";
  return kOk;
}

}  // namespace

void add_size(CLI::App& app) {
  static SizeArguments a;
  auto* cmd = app.add_subcommand(
      "size", "Find the smallest value of a resource (gate lanes, cranes, devices, fleet size: any integer key) for "
              "which a KPI target holds with a stated confidence: bracketing then bisection, adding replications "
              "until a one-sided Student-t bound decides");
  add_input_file(cmd, a.file, "Size file (YAML, docs/size-file.md)");
  add_jobs_option(cmd, a.jobs);
  cmd->add_option("-o,--output", a.output, "Output folder (default: the size file's `output`, or sizes/<name>)");
  cmd->footer(
      "\nExample:\n"
      "  porttwin size scenarios/experiments/gate_lanes.size.yaml\n"
      "Runs are kept in <output>/<key>=<value>/runs and reused when the search is started again.\n"
      "Exit codes: 0 ok (also when no value meets the target: the answer says so), 1 a run failed, 2 invalid input.");
  cmd->callback([] { run_command("size", [] { return execute(a); }); });
}

}  // namespace porttwin::cli

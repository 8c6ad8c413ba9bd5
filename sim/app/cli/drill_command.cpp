// `porttwin drill SCENARIO`: a recovery-time drill. The scenario's replications run twice on common
// random numbers, with its incidents and without them (incidents.enabled=false): a two-point sweep
// (sweep_execution.hpp), resumable, parallel. Then, per incident, the times to detect, restore and
// recover with their CIs against the scenario's targets (met / missed / undecided), and the cost of
// the incidents as paired differences: throughput lost, truck hours and vessel hours added, and when
// the backlog series came back to their no-incident level.
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "analysis/run_file.hpp"
#include "models/scenario.hpp"
#include "sim/app/cli/command_errors.hpp"
#include "sim/app/cli/command_state.hpp"
#include "sim/app/cli/sweep_execution.hpp"
#include "sim/core/units.hpp"
#include "sim/record/atomic_output.hpp"
#include "sim/stats/confidence.hpp"

namespace porttwin::cli {

namespace {

struct DrillArguments {
  std::string file;
  int replications = 0;
  int jobs = 0;
  bool quiet = false;
  std::string output;
  std::vector<std::string> sets;
};

// The sweep file text of the drill: incidents.enabled false (baseline) and true.
std::string drill_sweep_text(const Scenario& s, const DrillArguments& a) {
  std::ostringstream text;
  text << "name: " << s.run.name << "_drill\n"
       << "base: " << std::filesystem::absolute(a.file).string() << "\n";
  if (a.replications > 0) text << "replications: " << a.replications << "\n";
  text << "parameters:\n  - key: incidents.enabled\n    values: [false, true]\n"
       << "baseline:\n  incidents.enabled: false\n";
  if (!a.sets.empty()) {
    text << "set:\n";
    for (const auto& o : parse_overrides(a.sets)) text << "  " << o.path << ": \"" << o.value << "\"\n";
  }
  text << "output: " << (a.output.empty() ? "drills/" + s.run.name : a.output) << "\n";
  std::vector<std::string> kpis;
  for (const auto& incident : s.incidents.incidents) {
    for (const char* metric : {"time_to_detect", "time_to_restore", "time_to_recover"}) {
      kpis.push_back("incident." + incident.name + "." + metric);
    }
  }
  if (s.has_terminal) kpis.insert(kpis.end(), {"terminal.trucks_out", "terminal.truck_turn.mean", "terminal.quay.turnaround.mean"});
  if (s.has_corridor) kpis.insert(kpis.end(), {"corridor.alarms.no_communication", "corridor.reports.lost"});
  text << "kpis: [";
  for (std::size_t k = 0; k < kpis.size(); ++k) text << (k ? ", " : "") << kpis[k];
  text << "]\n";
  return text.str();
}

std::vector<double> column(const SweepOutcome& o, std::size_t point, const std::function<double(const analysis::RunSummary&)>& f) {
  std::vector<double> xs;
  for (const auto& run : o.runs) {
    if (run.point != point || !run.ok()) continue;
    const double x = f(analysis::read_summary(run.file));
    if (std::isfinite(x)) xs.push_back(x);
  }
  return xs;
}

std::string minutes(double s) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(1) << s / 60 << " min";
  return out.str();
}

// met when the whole CI is under the target, missed when it is all above, else undecided.
std::string verdict(const stats::Interval& i, double target) {
  if (i.n == 0) return "no data";
  if (i.upper < target) return "met";
  if (i.lower > target) return "MISSED";
  return "undecided (add replications)";
}

void print_targets(const Scenario& s, const SweepOutcome& o) {
  const auto& t = s.incidents.targets;
  std::cout << "\ndrill targets (mean ± 95% CI half-width over " << s.run.replications << " replications):\n";
  for (const auto& incident : s.incidents.incidents) {
    const std::string prefix = "incident." + incident.name + ".";
    struct Row {
      const char* label;
      std::string kpi;
      double target;
    };
    const bool failover = incident.kind == "tos_outage" && s.incidents.tos.hot_standby;
    const std::vector<Row> rows = {{"time to detect", prefix + "time_to_detect", t.detect},
                                   {failover ? "time to fail over" : "time to restore", prefix + "time_to_restore",
                                    failover ? t.failover : t.restore},
                                   {"time to recover", prefix + "time_to_recover", t.recover}};
    std::cout << "  " << incident.name << " (" << incident.kind << ")\n";
    for (const auto& row : rows) {
      const auto xs = column(o, 1, [&](const analysis::RunSummary& r) { return r.value(row.kpi); });
      const auto i = stats::student_t(xs);
      std::cout << "    " << std::left << std::setw(18) << row.label << std::right << std::setw(10) << minutes(i.mean)
                << " ± " << std::setw(10) << minutes(i.half_width) << "  target < " << std::setw(10)
                << minutes(row.target) << "  " << verdict(i, row.target) << "\n";
    }
  }
}

double truck_hours(const analysis::RunSummary& r) {
  return r.value("terminal.truck_turn.mean") * r.value("terminal.trucks_out") / 3600;
}
double vessel_hours(const analysis::RunSummary& r) {
  return r.value("terminal.quay.turnaround.mean") * r.value("terminal.quay.calls") / 3600;
}

struct Cost {
  const char* label;
  std::function<double(const analysis::RunSummary&)> f;
};

std::function<double(const analysis::RunSummary&)> kpi(const std::string& name) {
  return [name](const analysis::RunSummary& r) { return r.value(name); };
}

// Paired differences (with incidents - without) of the terminal's throughput and delays, and of the
// corridor's alarms and lost reports.
void print_costs(const Scenario& s, const SweepOutcome& o) {
  std::vector<Cost> costs;
  if (s.has_terminal) {
    costs.push_back({"trucks served", kpi("terminal.trucks_out")});
    costs.push_back({"truck hours", truck_hours});
    costs.push_back({"vessel hours at port", vessel_hours});
  }
  if (s.has_corridor) {
    costs.push_back({"no-communication alarms", kpi("corridor.alarms.no_communication")});
    costs.push_back({"false alarms per 1000 trips", kpi("corridor.false_alarms_per_1000_trips")});
    costs.push_back({"device reports lost", kpi("corridor.reports.lost")});
  }
  std::cout << "\ncost of the incidents (paired: with - without, same random streams):\n";
  for (const auto& cost : costs) {
    const auto with = column(o, 1, cost.f), without = column(o, 0, cost.f);
    if (with.size() != without.size() || with.empty()) continue;
    std::vector<double> d;
    for (std::size_t k = 0; k < with.size(); ++k) d.push_back(with[k] - without[k]);
    const auto i = stats::student_t(d);
    std::cout << "    " << std::left << std::setw(28) << cost.label << std::right << std::fixed << std::setprecision(1)
              << std::setw(10) << i.mean << " ± " << i.half_width << "\n";
  }
}

// When each backlog series last differed from the run without the incidents by more than 10% of
// its no-incident level (at least 1): the backlog is cleared from then on. Mean over replications,
// hours after the first incident.
void print_backlog(const SweepOutcome& o) {
  const std::vector<std::string> series = {"terminal.gate.in.queue", "terminal.gate.exception_desk.queue",
                                           "terminal.quay.vessels_waiting",
                                           "terminal.containers"};
  std::vector<std::vector<double>> cleared(series.size());
  for (const auto& with : o.runs) {
    if (with.point != 1 || !with.ok()) continue;
    for (const auto& without : o.runs) {
      if (without.point != 0 || without.replication != with.replication || !without.ok()) continue;
      const auto a = analysis::read_kpis(with.file), b = analysis::read_kpis(without.file);
      const auto& incidents = a.at("incidents.active");
      const auto& time = a.at("time");
      double first = -1;
      for (std::size_t k = 0; k < time.size(); ++k) {
        if (incidents[k] > 0 && first < 0) first = time[k];
      }
      if (first < 0) continue;
      for (std::size_t s = 0; s < series.size(); ++s) {
        if (!a.count(series[s]) || !b.count(series[s])) continue;
        const auto &x = a.at(series[s]), &y = b.at(series[s]);
        double last = first;
        for (std::size_t k = 0; k < time.size() && k < y.size(); ++k) {
          if (std::abs(x[k] - y[k]) > std::max(1.0, 0.1 * std::abs(y[k]))) last = time[k];
        }
        cleared[s].push_back((last - first) / 3600);
      }
    }
  }
  std::cout << "\nbacklog back to its no-incident level (hours after the first incident):\n";
  for (std::size_t s = 0; s < series.size(); ++s) {
    if (cleared[s].empty()) continue;
    const auto i = stats::student_t(cleared[s]);
    std::cout << "    " << std::left << std::setw(36) << series[s] << std::right << std::fixed << std::setprecision(1)
              << std::setw(8) << i.mean << " ± " << i.half_width << " h\n";
  }
}

int execute(const DrillArguments& a) {
  install_cleanup_on_signals();
  Scenario s = load_scenario(a.file, parse_overrides(a.sets));
  if (!s.has_incidents || s.incidents.incidents.empty()) {
    // Located like the scenario's own errors: the file is what lacks them.
    throw scenario::InvalidScenario([&] {
      scenario::Diagnostics d(a.file);
      d.error({}, "", "the scenario has no incidents section, expected incidents to drill");
      return d;
    }());
  }
  const sweep::Sweep drill =
      sweep::parse_sweep(drill_sweep_text(s, a), std::filesystem::path(a.file).replace_extension(".drill"));
  if (a.replications > 0) s.run.replications = a.replications;
  const SweepOutcome outcome = run_sweep(drill, {a.jobs, a.quiet}, nullptr);
  print_targets(s, outcome);
  print_costs(s, outcome);
  if (s.has_terminal) print_backlog(outcome);
  return outcome.failed ? kFailed : kOk;
}

}  // namespace

void add_drill(CLI::App& app) {
  static DrillArguments a;
  auto* cmd = app.add_subcommand(
      "drill", "Run a recovery-time drill: the scenario's replications with its incidents and, on the same random "
               "streams, without them; print detect / restore / recover times against the targets (met, missed or "
               "undecided with the 95% CI) and the incidents' cost as paired differences");
  add_input_file(cmd, a.file, "Scenario with an incidents section (e.g. scenarios/drills/tos_outage.yaml)");
  cmd->add_option("-n,--replications", a.replications, "Replications (default: the scenario's)")
      ->check(CLI::PositiveNumber);
  add_jobs_option(cmd, a.jobs);
  cmd->add_flag("-q,--quiet", a.quiet, "No progress output on stderr");
  cmd->add_option("-o,--output", a.output, "Output folder (default drills/<scenario name>)");
  cmd->add_option("--set", a.sets, "Override a scenario key, key.path=value (repeatable)");
  cmd->footer(
      "\nExamples:\n"
      "  porttwin drill scenarios/drills/tos_outage.yaml\n"
      "  porttwin drill scenarios/drills/tos_outage.yaml --set incidents.tos.hot_standby=true -o drills/standby\n"
      "  porttwin drill scenarios/drills/ot_breach.yaml --set incidents.network.segmented=false -n 8\n"
      "The runs and the sweep file (sweep.h5, docs/sweep-file.md) are in the output folder; a drill started\n"
      "again reuses every complete run. Exit codes: 0 ok, 1 a run failed, 2 invalid input.");
  cmd->callback([] { run_command("drill", [] { return execute(a); }); });
}

}  // namespace porttwin::cli

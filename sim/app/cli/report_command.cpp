// porttwin report: one self-contained HTML page for runs or a sweep. This side checks the input and
// computes the KPI tables (Student-t intervals, as everywhere else); analysis/report.py draws the
// plots with matplotlib and writes the page (docs/report.md).
#include <stdlib.h>

#include <fstream>
#include <iostream>

#include "analysis/replications.hpp"
#include "analysis/run_sets.hpp"
#include "sim/core/quantity.hpp"
#include "sim/app/cli/command_errors.hpp"
#include "sim/app/cli/command_state.hpp"
#include "sim/app/cli/report_script.hpp"
#include "sim/app/cli/viewer_location.hpp"

namespace porttwin::cli {

namespace {

namespace fs = std::filesystem;

struct ReportArguments {
  std::vector<std::string> inputs;
  std::string output = "report.html";
  std::string title;
};

// The sweep.h5 an input names, if it is a sweep (the file itself or a folder holding one).
fs::path sweep_of(const fs::path& input) {
  if (analysis::is_sweep_results(input)) return input;
  std::error_code error;
  if (fs::is_directory(input, error) && analysis::is_sweep_results(input / "sweep.h5")) return input / "sweep.h5";
  return {};
}

// A folder removed with its contents when done.
struct TempFolder {
  fs::path path;
  TempFolder() {
    std::string pattern = (fs::temp_directory_path() / "porttwin-report-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temporary folder");
    path = pattern;
  }
  ~TempFolder() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

void write_tables(const std::vector<analysis::RunSet>& sets, const fs::path& runs_tsv, const fs::path& kpis_tsv) {
  std::ofstream runs(runs_tsv), kpis(kpis_tsv);
  runs << "set\tlabel\treplication\tfile\n";
  kpis << "set\tkpi\tunits\tn\tmean\tci95\ttext\n";
  for (std::size_t k = 0; k < sets.size(); ++k) {
    for (std::size_t i = 0; i < sets[k].runs.size(); ++i) {
      runs << k << "\t" << sets[k].label << "\t" << sets[k].replications[i] << "\t"
           << fs::absolute(sets[k].runs[i].file).string() << "\n";
    }
    for (const auto& kpi : analysis::across_replications(sets[k].runs)) {
      kpis.precision(17);
      kpis << k << "\t" << kpi.name << "\t" << kpi.units << "\t" << kpi.interval.n << "\t" << kpi.interval.mean << "\t"
           << kpi.interval.half_width << "\t"
           << units::format_quantity_cell(kpi.interval.mean, kpi.interval.half_width, kpi.units) << "\n";
    }
  }
  if (!runs || !kpis) throw std::runtime_error("cannot write the report's tables to " + runs_tsv.parent_path().string());
}

int execute(const ReportArguments& a) {
  const std::vector<fs::path> inputs(a.inputs.begin(), a.inputs.end());
  const std::vector<analysis::RunSet> sets = analysis::gather_run_sets(inputs);
  const fs::path sweep = inputs.size() == 1 ? sweep_of(inputs.front()) : fs::path();
  std::vector<fs::path> tried;
  const fs::path script = find_report_script(tried);
  if (script.empty()) {
    std::string looked;
    for (const auto& t : tried) looked += " " + t.string();
    throw CommandError(kFailed, "cannot find the plotting script report.py; looked at:" + looked +
                                    " (set PORTTWIN_REPORT_SCRIPT)");
  }
  {
    TempFolder temp;
    write_tables(sets, temp.path / "runs.tsv", temp.path / "kpis.tsv");
    const std::string title =
        !a.title.empty() ? a.title : "porttwin report: " + (sweep.empty() ? sets.front().label : "sweep " + sweep.string());
    std::vector<std::string> arguments = {script.string(), "--runs", (temp.path / "runs.tsv").string(), "--kpis",
                                          (temp.path / "kpis.tsv").string(), "--title", title, "-o", a.output};
    if (!sweep.empty()) arguments.insert(arguments.end(), {"--sweep", sweep.string()});
    if (const std::string viewer = find_viewer(); !viewer.empty()) arguments.insert(arguments.end(), {"--viewer", viewer});
    const std::string python = report_python();
    const int code = run_program(python, arguments);
    if (code != 0) {
      throw CommandError(kFailed, python + " " + script.string() + " ended with code " + std::to_string(code) +
                                      (code == 127 ? " (is Debian's python3-matplotlib installed? scripts/install-deps.sh)" : ""));
    }
  }
  std::cout << "report: " << a.output << "\n";
  return kOk;
}

}  // namespace

void add_report(CLI::App& app) {
  static ReportArguments a;
  auto* cmd = app.add_subcommand(
      "report", "Write one self-contained HTML page (inline SVG, no network) for runs or a sweep: the scenario, KPI "
                "tables with 95% CIs, KPI time series, and for a sweep each KPI against the swept parameter");
  cmd->add_option("inputs", a.inputs,
                  "A sweep folder or its sweep.h5, or run files / folders of run files (one configuration's "
                  "replications, or several configurations side by side)")
      ->required();
  cmd->add_option("-o,--output", a.output, "The HTML file to write (default report.html; written atomically)");
  cmd->add_option("--title", a.title, "Page title");
  cmd->footer(
      "\nExamples:\n"
      "  porttwin report sweeps/gate_lanes -o gate_lanes.html\n"
      "  porttwin report runs/gate_default-s20260105-r*.h5 -o gate.html\n"
      "Plots come from analysis/report.py (matplotlib, Debian's python3-matplotlib), found through "
      "$PORTTWIN_REPORT_SCRIPT, <prefix>/share/porttwin/report.py or the source tree; Python is $PORTTWIN_PYTHON or "
      "/usr/bin/python3.\n"
      "Exit codes: 0 ok, 1 the page could not be made, 2 invalid input.");
  cmd->callback([] { run_command("report", [] { return execute(a); }); });
}

}  // namespace porttwin::cli

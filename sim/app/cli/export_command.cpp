// porttwin export RUN --dcsa FILE.json: a run's events as DCSA Track & Trace events
// (analysis/dcsa_export; docs/dcsa.md is the mapping). porttwin export RUN --csv DIR: a run's or a
// sweep's tables as CSV files (analysis/csv_export; docs/tables.md). Either or both.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/csv_export.hpp"
#include "analysis/dcsa_export.hpp"
#include "analysis/run_sets.hpp"
#include "sim/app/cli/command_errors.hpp"
#include "sim/app/cli/command_state.hpp"
#include "sim/core/units.hpp"
#include "sim/record/atomic_output.hpp"

namespace porttwin::cli {

namespace {

struct ExportArguments {
  std::string file;
  std::string dcsa;
  std::string csv;  // a folder
  bool tnt3_draft = false;
};

std::string counts_text(const std::map<std::string, std::uint64_t>& counts) {
  std::string text;
  for (const auto& [name, n] : counts) text += (text.empty() ? "" : ", ") + name + " " + std::to_string(n);
  return text.empty() ? "none" : text;
}

int execute(const ExportArguments& a) {
  if (a.dcsa.empty() && a.csv.empty()) throw CommandError(kInvalidInput, "give --dcsa FILE.json, --csv DIR or both");
  if (!a.dcsa.empty() && std::filesystem::is_directory(a.file)) {
    throw CommandError(kInvalidInput, a.file + " is a folder: --dcsa exports one run file");
  }
  // The DCSA file stays a temporary until the CSV files are written too: a failure leaves neither.
  std::optional<AtomicOutput> dcsa;
  analysis::DcsaExportCounts counts;
  if (!a.dcsa.empty()) {
    dcsa.emplace(a.dcsa);
    std::ofstream out(dcsa->temp_path(), std::ios::binary);
    if (!out) throw CommandError(kFailed, "cannot write " + dcsa->temp_path().string());
    counts = analysis::export_dcsa(a.file, out, {.tnt3_draft = a.tnt3_draft});
    out.flush();
    if (!out) throw CommandError(kFailed, "writing " + a.dcsa + " failed (disk full?); nothing written");
  }
  std::vector<analysis::CsvFile> files;
  if (!a.csv.empty()) {
    try {
      files = analysis::export_csv(a.file, a.csv);
    } catch (const analysis::InvalidInput&) {
      throw;
    } catch (const std::exception& e) {
      throw CommandError(kFailed, e.what());
    }
  }
  if (dcsa) dcsa->commit();
  for (const auto& f : files) std::cerr << "written: " << f.path.string() << ": " << f.rows << " rows\n";
  if (!dcsa) return kOk;
  std::cerr << "written: " << a.dcsa << ": " << counts.exported << " DCSA events from " << counts.rows
            << " event rows\n  equipment: " << counts_text(counts.equipment)
            << "\n  transport: " << counts_text(counts.transport);
  if (a.tnt3_draft) std::cerr << "\n  IoT: " << counts_text(counts.iot);
  std::uint64_t left = 0;
  for (const auto& [name, n] : counts.left_out) left += n;
  std::cerr << "\n  left out (no Track & Trace " << (a.tnt3_draft ? "2.2 or 3.0 draft" : "2.2")
            << " code, or not a box's event): " << left << " rows: " << counts_text(counts.left_out) << "\n";
  if (!a.tnt3_draft && (counts.left_out.count("CUSR") || counts.left_out.count("CROS"))) {
    std::cerr << "  (customs and border events: --tnt3-draft writes them with the TNT 3.0 draft's codes)\n";
  }
  return kOk;
}

}  // namespace

void add_export(CLI::App& app) {
  auto args = std::make_shared<ExportArguments>();
  auto* cmd = app.add_subcommand("export", "Write a run's events in the ports' own format (DCSA Track & Trace 2.2 "
                                           "equipment and transport events, docs/dcsa.md) and/or a run's or a sweep's "
                                           "tables as CSV files (docs/tables.md)");
  cmd->add_option("file", args->file, "Run file (HDF5); with --csv only, also a sweep's folder or its sweep.h5")
      ->required()
      ->check(CLI::ExistingPath);
  cmd->add_option("--dcsa", args->dcsa, "Write DCSA Track & Trace events, one JSON array, to this file");
  cmd->add_option("--csv", args->csv,
                  "Write the tables as CSV files (RFC 4180) into this folder: for a run events.csv (names decoded, "
                  "times in s and as calendar date-times), kpi.csv (time and one column per KPI series, units in the "
                  "header), summary.csv (name, value, units, help); for a sweep kpis.csv, runs.csv, points.csv, "
                  "differences.csv, warmup.csv. Files of those names there are replaced; a damaged input writes none");
  cmd->add_flag("--tnt3-draft", args->tnt3_draft,
                "With --dcsa, also write the events TNT 2.2 has no code for with the TNT 3.0 draft's codes: customs CUSS "
                "(selected for scan), CUSI (selected for inspection), CUSR (released), border CROS, IoT DETC/DRO (door "
                "opened)");
  cmd->footer("\nExamples:\n  porttwin export runs/port_corridor-s20261203-r0.h5 --dcsa events.json\n"
              "  porttwin export runs/port_corridor-s20261203-r0.h5 --dcsa events.json --tnt3-draft\n"
              "  porttwin export runs/gate_default-s20260105-r0.h5 --csv tables/\n"
              "  porttwin export sweeps/gate_lanes --csv tables/gate_lanes/\n"
              "  porttwin export runs/port_corridor-s20261203-r0.h5 --dcsa events.json --csv tables/\n"
              "CSV files and the Python module analysis/porttwin.py: docs/tables.md.\n"
              "Exit codes: 0 ok, 1 an output could not be written, 2 invalid input (nothing is written).");
  cmd->callback([args] { run_command("export", [args] { return execute(*args); }, {.unexpected = kInvalidInput}); });
}

}  // namespace porttwin::cli

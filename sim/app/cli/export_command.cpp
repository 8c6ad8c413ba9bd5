// porttwin export RUN --dcsa FILE.json: a run's events as DCSA Track & Trace events
// (analysis/dcsa_export; docs/dcsa.md is the mapping).
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "analysis/dcsa_export.hpp"
#include "sim/app/cli/command_errors.hpp"
#include "sim/app/cli/command_state.hpp"
#include "sim/core/units.hpp"
#include "sim/record/atomic_output.hpp"

namespace porttwin::cli {

namespace {

struct ExportArguments {
  std::string file;
  std::string dcsa;
  bool tnt3_draft = false;
};

std::string counts_text(const std::map<std::string, std::uint64_t>& counts) {
  std::string text;
  for (const auto& [name, n] : counts) text += (text.empty() ? "" : ", ") + name + " " + std::to_string(n);
  return text.empty() ? "none" : text;
}

int execute(const ExportArguments& a) {
  AtomicOutput output(a.dcsa);
  analysis::DcsaExportCounts counts;
  {
    std::ofstream out(output.temp_path(), std::ios::binary);
    if (!out) throw CommandError(kFailed, "cannot write " + output.temp_path().string());
    counts = analysis::export_dcsa(a.file, out, {.tnt3_draft = a.tnt3_draft});
    out.flush();
    if (!out) throw CommandError(kFailed, "writing " + a.dcsa + " failed (disk full?); nothing written");
  }
  output.commit();
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
  auto* cmd = app.add_subcommand("export", "Write a run's events in the ports' own format: DCSA Track & Trace 2.2 "
                                           "equipment and transport events (docs/dcsa.md)");
  add_input_file(cmd, args->file, "Run file (HDF5)");
  cmd->add_option("--dcsa", args->dcsa, "Write DCSA Track & Trace events, one JSON array, to this file")->required();
  cmd->add_flag("--tnt3-draft", args->tnt3_draft,
                "Also write the events TNT 2.2 has no code for with the TNT 3.0 draft's codes: customs CUSS (selected "
                "for scan), CUSI (selected for inspection), CUSR (released), border CROS, IoT DETC/DRO (door opened)");
  cmd->footer("\nExample:\n  porttwin export runs/port_corridor-s20261203-r0.h5 --dcsa events.json\n"
              "  porttwin export runs/port_corridor-s20261203-r0.h5 --dcsa events.json --tnt3-draft");
  cmd->callback([args] { run_command("export", [args] { return execute(*args); }, {.unexpected = kInvalidInput}); });
}

}  // namespace porttwin::cli

// porttwin kpis FEED: a DCSA Track & Trace feed's headline terminal KPIs by the terminal model's
// definitions (analysis/dcsa_kpis; docs/dcsa.md), printed, and with -o written as a summary file
// that `porttwin compare` takes beside run files: a real week against a simulated one.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <iomanip>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "analysis/dcsa_feed.hpp"
#include "analysis/dcsa_kpis.hpp"
#include "models/scenario.hpp"
#include "sim/core/quantity.hpp"
#include "sim/app/cli/command_errors.hpp"
#include "sim/app/cli/command_state.hpp"
#include "sim/core/units.hpp"
#include "sim/record/atomic_output.hpp"
#include "sim/record/h5_file.hpp"

namespace porttwin::cli {

namespace {

struct KpisArguments {
  std::string feed, scenario, output;
  std::vector<std::string> sets;
};

// A summary file as a run file has it (/summary, /meta), so that compare groups and reads it.
void write_kpis(const std::filesystem::path& file, const std::vector<analysis::DcsaKpi>& kpis,
                const KpisArguments& a, const std::string& sha, double from_utc) {
  h5::File out = h5::File::create(file.string());
  h5::Group root = out.root();
  h5::Group summary = root.create_group("summary");
  for (const auto& k : kpis) {
    summary.write_scalar(k.name, k.value, k.units, k.help);
    if (k.headline) summary.open_dataset(k.name).set_attribute("headline", std::int64_t{1});
  }
  h5::Group meta = root.create_group("meta");
  meta.set_attribute("scenario_name", "feed " + std::filesystem::path(a.feed).filename().string());
  meta.set_attribute("scenario_file", a.feed);
  meta.set_attribute("scenario_sha256", sha);  // of the feed: one feed, one configuration
  meta.set_attribute("overrides", std::string());
  meta.set_attribute("seed", std::int64_t{0});
  meta.set_attribute("replication", std::int64_t{0});
  meta.set_attribute("start", units::format_datetime(from_utc));
  meta.set_attribute("source", std::string("dcsa_feed"));
  out.close();
}

int execute(const KpisArguments& a) {
  scenario::Diagnostics d(a.feed);
  const analysis::DcsaFeed feed = analysis::read_dcsa_feed(a.feed, d);
  if (!d.ok()) throw scenario::InvalidScenario(d);
  analysis::DcsaKpiWindow window = analysis::feed_window(feed);
  if (!a.scenario.empty()) {  // the scenario's warm-up to its horizon, on its calendar
    const Scenario s = load_scenario(a.scenario, parse_overrides(a.sets));
    const double offset = units::parse_utc_offset(s.run.utc_offset).value_or(0);
    window.from = s.run.start + s.run.warmup - offset;
    window.to = s.run.start + s.run.horizon - offset;
    if (s.has_terminal) {
      window.un_locode = s.terminal.location.un_locode;
      window.facility_code = s.terminal.location.facility_code;
    }
  }
  if (window.to <= window.from) throw CommandError(kInvalidInput, a.feed + " spans no time: no rate can be measured");
  const auto kpis = analysis::dcsa_kpis(feed, window);
  std::cout << "KPIs of " << a.feed << " from " << units::format_datetime(window.from) << "Z to "
            << units::format_datetime(window.to) << "Z (" << units::format_number((window.to - window.from) / 3600.0)
            << " h)\n";
  std::size_t width = 0;
  for (const auto& k : kpis) width = std::max(width, k.name.size());
  for (const auto& k : kpis) {
    std::cout << "  " << std::left << std::setw(static_cast<int>(width)) << k.name << "  "
              << units::format_quantity(k.value, k.units) << "  (" << k.samples << ")\n";
  }
  if (!a.output.empty()) {
    std::ifstream in(a.feed, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    AtomicOutput output(a.output);
    write_kpis(output.temp_path(), kpis, a, sha256_hex(text), window.from);
    output.commit();
    std::cout << "written: " << a.output << "\n";
  }
  return kOk;
}

}  // namespace

void add_kpis(CLI::App& app) {
  auto args = std::make_shared<KpisArguments>();
  auto* cmd = app.add_subcommand(
      "kpis", "A DCSA Track & Trace feed's headline terminal KPIs by the terminal model's definitions: truck turn "
              "(gate arrival to out-gate), vessel turnaround, trucks and gate box moves per hour, dwell per category; "
              "with -o a summary file `porttwin compare` puts beside run files");
  cmd->add_option("feed", args->feed, "The DCSA feed: a JSON array of events, or a GET /events page")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--scenario", args->scenario,
                  "Measure from its warm-up's end to its horizon, at its terminal.location (default: the feed's first "
                  "to last actual event, every place)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--set", args->sets, "Override a key of the scenario, key.path=value (repeatable)");
  cmd->add_option("-o,--out", args->output, "Write the KPIs as a summary file (HDF5: /summary, /meta) for compare");
  cmd->footer(
      "\nA sample counts when its last event is in the window (a turn by its DEPA, a dwell by its LOAD or GTOT), as "
      "the model's tallies cut their warm-up; per hour over the window's length. docs/dcsa.md says how each KPI is "
      "read and where a feed differs from the run's own KPI.\n"
      "Examples:\n"
      "  porttwin kpis real-week.json -o real-week.h5\n"
      "  porttwin export runs/terminal_small-s20260601-r0.h5 --dcsa sim.json\n"
      "  porttwin kpis sim.json --scenario scenarios/terminal_small.yaml -o sim-week.h5\n"
      "  porttwin compare real-week.h5 runs/terminal_small-s20260601-r*.h5\n"
      "Exit codes: 0 ok, 1 the file could not be written, 2 invalid input (the feed's problems located).");
  cmd->callback([args] { run_command("kpis", [args] { return execute(*args); }); });
}

}  // namespace porttwin::cli

// porttwin snapshot --from-dcsa EVENTS.json --scenario S -o SNAPSHOT.json: the terminal's state at
// one instant from a DCSA Track & Trace feed (analysis/dcsa_import; docs/dcsa.md), written as a
// snapshot that `porttwin run S --from SNAPSHOT.json` starts from. The snapshot is checked against
// the scenario as `run --from` checks it before it is written.
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/dcsa_feed.hpp"
#include "analysis/dcsa_import.hpp"
#include "models/model_table.hpp"
#include "sim/app/cli/command_errors.hpp"
#include "sim/app/cli/command_state.hpp"
#include "sim/core/units.hpp"
#include "sim/record/atomic_output.hpp"
#include "sim/snapshot/snapshot.hpp"

namespace porttwin::cli {

namespace {

struct SnapshotArguments {
  std::string feed, scenario, output, at;
  std::vector<std::string> sets;
};

analysis::DcsaTerminalLayout layout_of(const Scenario& s) {
  analysis::DcsaTerminalLayout layout;
  layout.scenario_name = s.run.name;
  layout.start = s.run.start;
  layout.utc_offset = units::parse_utc_offset(s.run.utc_offset).value_or(0);
  layout.horizon = s.run.horizon;
  if (!s.has_terminal) return layout;
  const terminal::TerminalConfig& t = s.terminal;
  layout.berths = t.berths.count;
  for (const auto& v : t.vessels.services) layout.services.push_back({v.name, v.arrival, v.discharge, v.load});
  for (const auto& b : t.yard.blocks) layout.blocks.push_back({b.name, b.area, b.bays, b.rows, b.tiers});
  layout.un_locode = t.location.un_locode;
  layout.facility_code = t.location.facility_code;
  return layout;
}

std::string count_text(std::uint64_t n, const char* what) { return std::to_string(n) + " " + what; }

int execute(const SnapshotArguments& a) {
  Scenario s = load_scenario(a.scenario, parse_overrides(a.sets));
  if (!s.has_terminal) throw CommandError(kInvalidInput, a.scenario + " has no terminal: a DCSA feed becomes a terminal's snapshot");
  std::optional<double> at;
  if (!a.at.empty()) {
    const auto t = units::parse_datetime(a.at);
    if (!t) throw CommandError(kInvalidInput, "--at " + a.at + ": expected " + std::string(units::expected_datetime) + " of the scenario's calendar");
    at = *t - s.run.start;
  }
  scenario::Diagnostics d(a.feed);
  const analysis::DcsaFeed feed = analysis::read_dcsa_feed(a.feed, d);
  if (!feed.parsed) throw scenario::InvalidScenario(d);  // the events refused are reported with the rest
  const analysis::DcsaTerminalLayout layout = layout_of(s);
  const analysis::DcsaTerminalState state = analysis::terminal_state_from_dcsa(feed, layout, at, d);
  if (!d.ok()) throw scenario::InvalidScenario(d);

  AtomicOutput output(a.output);
  snapshot::write_file(output.temp_path(), analysis::dcsa_snapshot_text(state, layout));
  // The same checks as `run --from`: what is written, a run starts from.
  scenario::Diagnostics check(output.temp_path().string());
  if (const auto snap = snapshot::read_snapshot(output.temp_path(), s.run.start, s.run.horizon, check)) {
    check_snapshot(s, *snap, check);
  }
  if (!check.ok()) {
    throw CommandError(kFailed, "the snapshot made from " + a.feed + " fails the scenario's checks (a bug of the import; "
                                "nothing written):\n" + check.format());
  }
  output.commit();

  std::map<std::string, std::uint64_t> categories;
  for (const auto& b : state.boxes) ++categories[b.category];
  std::uint64_t berth = 0, waiting = 0, expected = 0;
  for (const auto& v : state.vessels) {
    ++(v.where == analysis::DcsaVesselWhere::AtBerth ? berth : v.where == analysis::DcsaVesselWhere::Waiting ? waiting : expected);
  }
  std::string mix;
  for (const auto& [c, n] : categories) mix += (mix.empty() ? "" : ", ") + c + " " + std::to_string(n);
  std::cout << "snapshot at " << units::format_datetime_ms(s.run.start + state.time) << ": " << a.output << "\n"
            << "  boxes in the yard: " << state.boxes.size() << (mix.empty() ? "" : " (" + mix + ")") << "\n"
            << "  vessels: " << berth << " at berth, " << waiting << " waiting, " << expected << " expected\n"
            << "  from " << feed.events.size() << " events: " << count_text(state.actual, "actual applied") << ", "
            << count_text(state.announced, "vessel arrivals announced (PLN, EST)") << ", "
            << count_text(state.after, "after the snapshot's time") << ", "
            << count_text(state.elsewhere, "at other places") << ", "
            << count_text(state.not_yard, "that change nothing here") << "\n";
  if (state.left_unknown) std::cout << "  " << state.left_unknown << " boxes left that the feed never brought in (in the terminal before its first event)\n";
  if (state.stale_estimates) std::cout << "  " << state.stale_estimates << " calls whose ETA had passed without an ARRI: due at the snapshot's time\n";
  if (state.exports_assigned) std::cout << "  " << state.exports_assigned << " export boxes given the first call ahead with room in its load list\n";
  return kOk;
}

}  // namespace

void add_snapshot(CLI::App& app) {
  auto args = std::make_shared<SnapshotArguments>();
  auto* cmd = app.add_subcommand(
      "snapshot", "Make a snapshot (docs/snapshot.md) of a terminal's state from a DCSA Track & Trace 2.2 event feed: "
                  "the boxes in the yard (DISC or GTIN and no LOAD or GTOT after), the vessels at berth (ARRI without "
                  "DEPA) and the calls announced (PLN, EST); `porttwin run SCENARIO --from` starts from it");
  cmd->add_option("--from-dcsa", args->feed, "The DCSA feed: a JSON array of events, or a GET /events page ({\"events\": [...]})")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--scenario", args->scenario, "The scenario the snapshot is for (its calendar, services, berths, yard blocks)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("-o,--out", args->output, "The snapshot file to write")->required();
  cmd->add_option("--at", args->at,
                  "The snapshot's instant, a date-time of the scenario's calendar (default: the feed's last actual event)");
  cmd->add_option("--set", args->sets, "Override a key of the scenario, key.path=value (repeatable)");
  cmd->footer(
      "\nThe feed gives no yard slot, berth or bay plan; docs/dcsa.md says how the import places boxes (the blocks of "
      "their category's area, ground tier first, the oldest lowest), berths vessels (in arrival order), counts what "
      "is left to discharge (the service's call size less the DISC events) and gives each export box its call (the "
      "first call ahead with room in its load list). Events at another UN/LOCODE or facility than the scenario's "
      "terminal.location are not the terminal's.\n"
      "Examples:\n"
      "  porttwin export runs/terminal_small-s20260601-r0.h5 --dcsa events.json\n"
      "  porttwin snapshot --from-dcsa events.json --scenario scenarios/terminal_small.yaml -o now.json\n"
      "  porttwin snapshot --from-dcsa events.json --at 2026-01-20T06:00 --scenario scenarios/terminal_small.yaml -o at6.json\n"
      "  porttwin run scenarios/terminal_small.yaml --from now.json --set horizon=35d\n"
      "Exit codes: 0 ok, 1 the snapshot could not be written, 2 invalid input (every problem of the feed listed "
      "with its line, column, JSON pointer and event index; nothing written).");
  cmd->callback([args] { run_command("snapshot", [args] { return execute(*args); }); });
}

}  // namespace porttwin::cli

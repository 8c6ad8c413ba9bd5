// porttwin trip RUNFILE ID: one corridor trip's record and timeline, the truth against what was
// detected, as text (analysis/trip_timeline).
#include <cstdio>
#include <iostream>
#include <string>

#include "analysis/run_file.hpp"
#include "analysis/trip_timeline.hpp"
#include "sim/app/cli/command_errors.hpp"
#include "sim/app/cli/command_state.hpp"
#include "sim/core/units.hpp"
#include "models/corridor/record/corridor_events.hpp"

namespace porttwin::cli {

namespace {

struct TripArguments {
  std::string file;
  std::uint64_t trip = 0;
};

// Calendar time of a run time, from the run's start in /meta.
std::string when(double t, double start_epoch) { return units::format_datetime(start_epoch + t); }

void print_record(const analysis::TripTimeline& tl, double start) {
  if (!tl.record) {
    std::cout << "(no /corridor/trips in this run file: its events only)\n";
    return;
  }
  const CorridorTripRow& r = *tl.record;
  std::cout << "route " << tl.route << ", device type " << tl.device << ", procedure " << tl.procedure << ", flow "
            << r.flow << ", vehicle " << r.vehicle << ", driver " << r.driver << "\n";
  std::cout << "created " << when(r.created, start) << ", sealed "
            << (r.sealed >= 0 ? when(r.sealed, start) : std::string("not yet")) << ", unsealed "
            << (r.completed >= 0 ? when(r.completed, start) : std::string("not yet")) << "; alarms " << r.alarms
            << " (false " << r.false_alarms << ")\n";
  if (r.attack == 0) {
    std::cout << "truth: no attack\n";
    return;
  }
  std::cout << "truth: " << analysis::corridor_detail(static_cast<std::uint16_t>(CorridorEvent::Attack), r.attack);
  if (r.attack_time < 0) {
    std::cout << " planned, not reached by the horizon\n";
  } else if (r.detected < 0) {
    std::cout << " at " << when(r.attack_time, start) << ", not detected\n";
  } else {
    std::cout << " at " << when(r.attack_time, start) << ", detected " << when(r.detected, start) << " (after "
              << units::format_number(r.detected - r.attack_time) << " s)\n";
  }
}

int execute(const TripArguments& a) {
  const auto summary = analysis::read_summary(a.file);
  const auto start_text = summary.meta.count("start") ? summary.meta.at("start") : std::string();
  const double start = units::parse_datetime(start_text).value_or(0);
  const analysis::TripTimeline tl = analysis::trip_timeline(a.file, a.trip);
  std::cout << "trip " << a.trip << " in " << a.file << "\n";
  print_record(tl, start);
  for (const auto& e : tl.entries) {
    std::printf("%s  %-20s %-32s %s\n", when(e.event.time, start).c_str(), e.kind.c_str(), e.place.c_str(),
                e.detail.c_str());
  }
  return kOk;
}

}  // namespace

void add_trip(CLI::App& app) {
  auto args = std::make_shared<TripArguments>();
  auto* cmd = app.add_subcommand("trip", "Print one corridor trip's record and timeline from a run file: route, "
                                         "procedure, vehicle, the attack's truth against its detection, and every "
                                         "event (sealed, readers, border checks, alarms, triage, patrols, unsealed)");
  add_input_file(cmd, args->file, "Run file (HDF5) of a corridor run");
  cmd->add_option("trip", args->trip, "Trip id (the `trip` column of /corridor/trips, the entity of its events)")
      ->required();
  cmd->footer("\nExample:\n  porttwin trip runs/corridor_sels-s20261101-r0.h5 1234");
  // A trip the file does not have, or a file that is not a readable corridor run: invalid input.
  cmd->callback([args] { run_command("trip", [args] { return execute(*args); }, {.unexpected = kInvalidInput}); });
}

}  // namespace porttwin::cli

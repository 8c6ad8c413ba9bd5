// porttwin: the command line. Subcommands: run, validate, sweep, size, compare, report, schema, view, trip, prove, verify, keygen.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

#include "sim/app/cli/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"porttwin " PORTTWIN_VERSION
               ": discrete-event simulator and digital twin of a smart container port and its customs transit "
               "corridor (SimGrid engine, YAML scenarios, HDF5 run files)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", PORTTWIN_VERSION);
  porttwin::cli::add_run(app);
  porttwin::cli::add_validate(app);
  porttwin::cli::add_sweep(app);
  porttwin::cli::add_drill(app);
  porttwin::cli::add_size(app);
  porttwin::cli::add_compare(app);
  porttwin::cli::add_report(app);
  porttwin::cli::add_schema(app);
  porttwin::cli::add_view(app);
  porttwin::cli::add_trip(app);
  porttwin::cli::add_export(app);
  porttwin::cli::add_snapshot(app);
  porttwin::cli::add_kpis(app);
  porttwin::cli::add_prove(app);
  porttwin::cli::add_verify(app);
  porttwin::cli::add_keygen(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version exit 0; anything else wrong on the command line is invalid input.
    return app.exit(e) == 0 ? porttwin::cli::kOk : porttwin::cli::kInvalidInput;
  } catch (const std::exception& e) {
    // Commands report their own failures (command_errors.hpp); this is for what escapes all of them.
    std::cerr << "porttwin: error: " << e.what() << "\n";
    return porttwin::cli::kFailed;
  }
  return porttwin::cli::exit_code();
}

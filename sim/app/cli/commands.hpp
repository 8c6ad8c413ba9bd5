// The subcommands, each registering its options on the CLI11 app and running when parsed.
#pragma once

#include <CLI/CLI.hpp>

namespace porttwin::cli {

void add_run(CLI::App& app);
void add_validate(CLI::App& app);
void add_schema(CLI::App& app);
void add_sweep(CLI::App& app);
void add_drill(CLI::App& app);
void add_compare(CLI::App& app);
void add_size(CLI::App& app);
void add_report(CLI::App& app);
void add_view(CLI::App& app);  // runs viz/'s porttwin-view
void add_trip(CLI::App& app);
void add_export(CLI::App& app);  // DCSA Track & Trace events of a run
void add_snapshot(CLI::App& app);  // a terminal snapshot from a DCSA feed
void add_kpis(CLI::App& app);  // a DCSA feed's terminal KPIs
void add_keygen(CLI::App& app);  // the provable timeline: integrity_commands.cpp
void add_prove(CLI::App& app);
void add_verify(CLI::App& app);
int exit_code();  // of the subcommand that ran

// Exit codes: 0 ok, 1 run failed, 2 invalid input.
constexpr int kOk = 0, kFailed = 1, kInvalidInput = 2;

}  // namespace porttwin::cli

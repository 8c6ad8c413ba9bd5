// The terminal's truck visits from a real gate log (`terminal.trucks.arrivals: {process: trace}`): one
// row a truck at the in-gate, its visit type and the ISO 6346 number of its box, instead of the
// visits the terminal plans (pickups after a dwell, drop-offs a lead before their call). What the log
// alone shows wrong is refused when the scenario is read, every bad row at its file:line: an unknown
// visit type, a container number that is not ISO 6346 (or its check digit wrong). What depends on the
// yard at the truck's arrival (no import of its box's line to take, its box already in the terminal)
// is a refused visit in the run, as at a real gate: the truck is turned away at the in-gate lane.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/scenario/trace_log.hpp"

namespace porttwin::terminal {

// What a logged truck comes for: an import pickup takes the box named; an export drop-off and an
// empty return bring it (an export for its line's next call, an empty to the empty stacks); a dual
// transaction brings the box named and takes an import of the yard no other row names.
enum class VisitType { ImportPickup, ExportDrop, Dual, EmptyReturn };
inline const std::vector<std::string> kVisitTypes = {"import_pickup", "export_drop", "dual", "empty_return"};

struct VisitLog {
  std::shared_ptr<const scenario::TraceLog> log;  // times, lines, provenance
  std::vector<VisitType> types;                   // per row
  std::vector<std::string> containers;            // per row, ISO 6346
  bool has_empty_returns = false;
  std::size_t first_empty_return = 0;             // row, when it has
};

struct TruckArrivalsConfig {
  std::string process = "planned";  // planned (the terminal's own visits) | trace (a gate log)
  scenario::TraceColumns log{{{"visit_type", "visit_type"}, {"container", "container"}}};
  std::shared_ptr<const VisitLog> visits;  // trace: read by check
};

void declare(scenario::Section& arrivals, TruckArrivalsConfig& config);
// Reads and checks the log (errors at `path`, rows at the log's file:line).
void check(TruckArrivalsConfig& config, const std::string& path, scenario::Diagnostics& diagnostics);

}  // namespace porttwin::terminal

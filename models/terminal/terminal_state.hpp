// The terminal's section of a snapshot (docs/snapshot.md, "terminal"): every box in the terminal,
// the vessel calls not yet gone, and the truck visits booked. Read (and checked against the
// scenario, every error located) into plain data the model restores from; written from the model.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/terminal/terminal_config.hpp"
#include "models/yard/container.hpp"
#include "sim/snapshot/snapshot.hpp"

namespace porttwin::terminal {

// Where a box of a snapshot is. A box on a vehicle or a truck is on a job in progress: it is
// restored as that job starting again at the snapshot's time (docs/snapshot.md says how).
enum class BoxWhere { Yard, Overflow, Vehicle, Truck, Rail };
inline const std::vector<std::string> kBoxWhere = {"yard", "overflow", "vehicle", "truck", "rail"};

struct BoxState {
  std::string number;  // ISO 6346
  yard::Category category = yard::Category::Import;
  BoxWhere where = BoxWhere::Yard;
  int block = -1;      // yard: its block; vehicle: the block it is driven to (-1: to the quay)
  yard::Slot slot;     // yard
  double since = 0;    // s: in the terminal since
  int vessel_in = -1;  // the call that brought it (-1: unknown, or it came by road)
  int vessel_out = -1; // the call that takes it (an export or a transshipment); -1: it leaves by road
  std::optional<double> pickup_expected;  // s: when the terminal expects it to leave
  int transit = -1;     // in customs transit: the corridor flow of its trip (models/port); -1 not
  std::string pointer;  // JSON pointer, for messages
};

enum class VesselWhere { AtBerth, Waiting, Expected };
inline const std::vector<std::string> kVesselWhere = {"at_berth", "waiting", "expected"};

struct VesselState {
  int call = 0;        // index in the run's calls (week * services + service)
  VesselWhere where = VesselWhere::Expected;
  int berth = -1;      // at_berth
  double arrival = 0;  // s: arrived (at_berth, waiting) or its ETA (expected)
  double berthed = -1; // at_berth
  int discharge = 0;   // boxes still to discharge
  int load = 0;        // expected: exports it will load; otherwise ignored (its load list is its boxes)
  std::string pointer;
};

struct TruckState {
  double arrival = 0;  // s: at the gate
  bool booked = true;
  int pickup = -1;     // index into boxes
  bool drops = false;
  yard::Category drop_category = yard::Category::Export;
  int call = -1;       // the call of its drop-off
};

struct TerminalState {
  std::vector<BoxState> boxes;
  std::vector<VesselState> vessels;
  bool has_trucks = false;  // without "trucks" the scenario plans the visits (docs/snapshot.md)
  std::vector<TruckState> trucks;
};

// The section's JSON Schema (`porttwin schema --snapshot`).
snapshot::Json terminal_state_schema();

// "EA1/3": the service's call of week 3 (0-based from the scenario's start).
std::string call_name(const VesselConfig& vessels, int call);

// Reads and checks the section; every problem goes to the reader's diagnostics. `horizon` bounds
// the calls a snapshot may name.
TerminalState read_terminal_state(const snapshot::SectionReader& reader, const snapshot::Json& section,
                                  const TerminalConfig& config, double horizon);

}  // namespace porttwin::terminal

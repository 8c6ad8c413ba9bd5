// A terminal's state at one instant from a DCSA Track & Trace feed (docs/dcsa.md, "From a feed to
// a snapshot"): the boxes in the terminal (a DISC or GTIN and no LOAD or GTOT after), the vessels
// that arrived and have not left (ARRI without DEPA) and the calls announced (PLN, EST), written as
// a snapshot (docs/snapshot.md) a run starts from. The feed gives no yard slot, berth or bay plan:
// those come from documented rules over the scenario's layout, as a terminal operating system
// migrating an inventory without positions would place it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/dcsa_feed.hpp"
#include "sim/scenario/diagnostics.hpp"

namespace porttwin::analysis {

// What of a scenario the import needs (filled from the scenario by the command).
struct DcsaTerminalLayout {
  std::string scenario_name;
  double start = 0;       // the calendar's start, epoch s (local time, as the scenario has it)
  double utc_offset = 0;  // s east of UTC of the calendar's local time
  double horizon = 0;     // s
  int berths = 1;
  struct Service {
    std::string name;
    double arrival = 0;  // s after each week's start
    int discharge = 0, load = 0;
  };
  std::vector<Service> services;
  struct Block {
    std::string name, area;  // area: import, export, empty, reefer
    int bays = 0, rows = 0, tiers = 0;
  };
  std::vector<Block> blocks;
  std::string un_locode, facility_code;  // the terminal's; an event at another place is not the terminal's
};

struct DcsaBox {
  std::string number;    // ISO 6346
  std::string category;  // import, export, empty, reefer
  std::size_t block = 0;
  int bay = 0, row = 0, tier = 0;
  double since = 0;      // s after the scenario's start
  int vessel_in = -1, vessel_out = -1;  // call indices (week * services + service)
  std::size_t event = 0;  // the feed index of its arrival
};

enum class DcsaVesselWhere { AtBerth, Waiting, Expected };

struct DcsaVessel {
  int call = 0;
  DcsaVesselWhere where = DcsaVesselWhere::Expected;
  int berth = -1;
  double arrival = 0, berthed = -1;  // s
  int discharge = 0, load = 0;
};

struct DcsaTerminalState {
  double time = 0;  // s after the scenario's start
  std::vector<DcsaBox> boxes;      // by arrival
  std::vector<DcsaVessel> vessels;
  // What was read, for the command's report.
  std::uint64_t actual = 0, announced = 0;   // ACT events applied; PLN/EST vessel arrivals used
  std::uint64_t after = 0;                   // ACT events after the snapshot's time
  std::uint64_t elsewhere = 0;               // events at another place than the terminal
  std::uint64_t not_yard = 0;                // events that change nothing here (INSP, seals, trucks, IoT, ...)
  std::uint64_t left_unknown = 0;            // boxes that left without arriving in the feed
  std::uint64_t stale_estimates = 0;         // calls whose ETA had passed without an ARRI: due now
  std::uint64_t exports_assigned = 0;        // export boxes given the next call with room
};

// The state at `at` (s after the scenario's start; default: the last ACT event). Every problem of
// the feed goes to `d`, located at the event (its index, JSON pointer, line and column).
DcsaTerminalState terminal_state_from_dcsa(const DcsaFeed& feed, const DcsaTerminalLayout& layout,
                                           std::optional<double> at, scenario::Diagnostics& d);

// "AE1/3", the snapshot's name of a call.
std::string dcsa_call_name(const DcsaTerminalLayout& layout, int call);

// The snapshot document (docs/snapshot.md) of the state.
std::string dcsa_snapshot_text(const DcsaTerminalState& state, const DcsaTerminalLayout& layout);

}  // namespace porttwin::analysis

// The port's run-file records (/port): one row per transit box that asked the port store for a
// device, with its container number and the moments of its way from the vessel to its destination.
// docs/run-file.md documents the table; porttwin trip and the viewer join it to /corridor/trips by
// the box's id (its trip's id).
#pragma once

#include <cstdint>
#include <vector>

#include "sim/record/h5_file.hpp"

namespace porttwin {

struct PortTransitRow {
  std::uint64_t box = 0;       // the box's id: its DISC, customs, port and corridor events' entity
  char container[12] = {};     // its ISO 6346 container number
  std::uint32_t service = 0;   // index in terminal.vessels.services
  std::uint32_t route = 0;     // corridor route index (as in /corridor/routes)
  double discharged = -1;      // s: DISC
  double asked = -1;           // its truck asked the port store for a device
  double granted = -1;         // the store gave one (or its fallback; -1 still waiting)
  double left = -1;            // through the out-gate (-1 still in the terminal)
  double delivered = -1;       // unsealed at its destination (-1 not yet)
  std::uint8_t supervision = 0;  // 0 device, 1 escort, 2 mechanical seal, 3 unsupervised
};

h5::CompoundType port_transit_row_type();

void write_port_transit(h5::Group& root, const std::vector<PortTransitRow>& rows);
// Empty when the file has no /port/transit.
std::vector<PortTransitRow> read_port_transit(const h5::Group& root);

}  // namespace porttwin

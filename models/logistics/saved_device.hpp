// A device of a snapshot (docs/snapshot.md, "corridor.devices"): what the logistics restore a
// device in service from. The corridor's section reads and checks it (models/corridor/corridor_state).
#pragma once

#include <cstdint>
#include <string>

#include "models/logistics/device_fleet.hpp"

namespace porttwin::logistics {

struct SavedDevice {
  std::uint32_t id = 0;  // its number, kept in the run
  int type = 0;
  int store = 0;         // the store it is at, or on its way to (returning, dispatched); awaiting_return: its home
  DeviceState state = DeviceState::Ready;
  double capacity = 0, charge = 0;
  int cycles = 0, trips = 0;
  int route = -1;        // awaiting_return: the one-way route at whose end it waits
  double arrives = -1;   // returning, dispatched: when it reaches its store
  double repaired = -1;  // faulty: when its repair ends (-1: drawn anew)
  std::string pointer;
};

}  // namespace porttwin::logistics

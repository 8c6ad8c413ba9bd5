// Event codes of the port-and-corridor coupling (models/port): what happens to a transit box
// between customs release at the terminal and its corridor trip's first leg. Entity = the box's id
// (the id its DISC, customs and corridor events carry too).
#pragma once

#include <array>

#include "sim/record/event_kind.hpp"

namespace porttwin {

enum class PortEvent : std::uint16_t {
  LockWait = 50,    // LOCK_WAIT: its truck came, the port store had no device ready for it
  LockReady = 51,   // LOCK_READY: the store gave one (or its fallback) after that wait (detail = supervision)
  TransitOut = 52,  // TRANSIT_OUT: sealed, it left through the out-gate on its corridor trip (detail = route)
};

inline constexpr std::array<EventKindName, 3> kPortEventNames = {
    {{"LOCK_WAIT", 50}, {"LOCK_READY", 51}, {"TRANSIT_OUT", 52}}};

}  // namespace porttwin

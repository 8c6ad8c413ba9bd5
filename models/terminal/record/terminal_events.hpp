// Event codes of the container terminal: vessel calls, quay moves and crane breakdowns.
#pragma once

#include <array>

#include "sim/record/event_kind.hpp"

namespace porttwin {

enum class TerminalEvent : std::uint16_t {
  Discharge = 9,      // DISC: a box lifted off a vessel (detail = quay crane)
  Load = 10,          // LOAD: a box loaded onto a vessel (detail = quay crane)
  VesselArrive = 12,  // ARRI: a vessel call arrives at the port (entity = call index)
  Berth = 13,         // the call berths (detail = berth)
  VesselDepart = 14,  // DEPA: the call leaves its berth (detail = berth)
  Breakdown = 15,     // a crane breaks down (entity = crane index)
  Repaired = 16,      // it is back in service
  TrainDepart = 37,   // TRAIN_DEPART: a train (or barge) leaves the rail side (entity = train number, detail = boxes)
};

inline constexpr std::array<EventKindName, 8> kTerminalEventNames = {{{"DISC", 9},
                                                                      {"LOAD", 10},
                                                                      {"ARRI", 12},
                                                                      {"BERTH", 13},
                                                                      {"DEPA", 14},
                                                                      {"BREAKDOWN", 15},
                                                                      {"REPAIRED", 16},
                                                                      {"TRAIN_DEPART", 37}}};

}  // namespace porttwin

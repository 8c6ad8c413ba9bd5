// Event codes of a gate's transactions, written by the gate complex (models/gate) and by the
// terminal's truck gate, which share the identification piece.
#pragma once

#include <array>

#include "sim/record/event_kind.hpp"

namespace porttwin {

enum class GateEvent : std::uint16_t {
  GateIn = 7,         // GTIN: passed the in-gate
  GateException = 8,  // identification failed, sent to the exception desk
  GateOut = 11,       // GTOT: a truck passed the out-gate
  GateRefused = 38,   // a logged truck turned away at the in-gate lane (detail = why: TruckGate::Refusal)
};

inline constexpr std::array<EventKindName, 4> kGateEventNames = {
    {{"GTIN", 7}, {"GATE_EXCEPTION", 8}, {"GTOT", 11}, {"GATE_REFUSED", 38}}};

}  // namespace porttwin

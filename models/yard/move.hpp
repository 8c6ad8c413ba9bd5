// One crane move in a block: what the recorder logs ("every lift carries who, when and where") and
// what costs crane time. A container comes in from the handover point, moves between two slots
// (a rehandle), or goes out to the handover point.
#pragma once

#include <optional>

#include "models/yard/block.hpp"

namespace porttwin::yard {

enum class MoveKind { Receive, Rehandle, Deliver };

struct Move {
  MoveKind kind = MoveKind::Rehandle;
  ContainerId container = kNoContainer;
  std::optional<Slot> from;  // none: the handover point (Receive)
  std::optional<Slot> to;    // none: the handover point (Deliver)

  static Move receive(ContainerId id, Slot to) { return {MoveKind::Receive, id, std::nullopt, to}; }
  static Move rehandle(ContainerId id, Slot from, Slot to) { return {MoveKind::Rehandle, id, from, to}; }
  static Move deliver(ContainerId id, Slot from) { return {MoveKind::Deliver, id, from, std::nullopt}; }
};

}  // namespace porttwin::yard

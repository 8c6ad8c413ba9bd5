// Where a box stands in a yard block and who it is: the coordinates the yard model works in and the
// run file's /yard tables record, so the model and the readers of /yard share one definition.
#pragma once

#include <cstdint>

namespace porttwin::yard {

using ContainerId = std::uint64_t;

// Ids start at 1: a zero in a stack means "no container in this slot".
inline constexpr ContainerId kNoContainer = 0;

struct StackRef {
  int bay = 0;
  int row = 0;
  bool operator==(const StackRef&) const = default;
};

struct Slot {
  int bay = 0;
  int row = 0;
  int tier = 0;  // 0 = on the ground
  StackRef stack() const { return {bay, row}; }
  bool operator==(const Slot&) const = default;
};

}  // namespace porttwin::yard

// One row of /events/log: what happened, to whom, where and when.
#pragma once

#include <cstdint>

namespace porttwin {

struct EventRow {
  double time;           // s since the scenario start
  std::uint64_t entity;  // truck, container, job id
  std::uint32_t place;   // index into /events/places
  std::uint16_t kind;    // EventKind
  std::uint16_t detail;  // e.g. server index on START/FINISH
};

}  // namespace porttwin

// An entity passing through stations (a truck, a container, an abstract customer): plain data,
// moved by value between the stations. Models keep richer per-entity
// records on their side, keyed by `id`.
#pragma once

#include <cstdint>

namespace porttwin {

struct Job {
  std::uint64_t id = 0;
  double created = 0;        // entered the model
  double arrived = 0;        // joined the current station's queue
  double service_time = -1;  // preset service duration; < 0: the station draws one
  int priority = 0;          // larger is served first under the priority discipline
  std::uint32_t tag = 0;     // model-defined (class, flags)
};

}  // namespace porttwin

// The HDF5 row types of the run file, shared by the recorder (writing) and analysis (reading).
#pragma once

#include <cstdint>
#include <vector>

#include "sim/record/h5_types.hpp"
#include "sim/record/recorder.hpp"

namespace porttwin {

struct PlaceRow {
  std::uint32_t id = 0;
  char name[60] = {};
};

// /events/log, its `kind` an HDF5 enum of `kinds` (the engine's own when empty).
h5::CompoundType event_row_type(const std::vector<EventKindName>& kinds);
h5::CompoundType place_row_type();  // /events/places

}  // namespace porttwin

// Every event code a run file's /events/log may hold: the engine's and each model's, in code order.
// The recorder builds the HDF5 enum type of the `kind` column from it and readers read with it, so
// a run file shows names in h5py. A new model adds its *_events.hpp list here.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/record/event_kind.hpp"

namespace porttwin {

// In code order; std::logic_error at first use if two models claim one code or one name.
const std::vector<EventKindName>& event_catalog();

// The name of `code` ("SEAL"), or "kind N" for a code no model declares.
std::string event_name(std::uint16_t code);

}  // namespace porttwin

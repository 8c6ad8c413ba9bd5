// The HDF5 row types of the run file, shared by the recorder (writing) and analysis (reading).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/integrity/tree_head.hpp"
#include "sim/record/h5_types.hpp"
#include "sim/record/recorder.hpp"

namespace porttwin {

struct PlaceRow {
  std::uint32_t id = 0;
  char name[60] = {};
};

// /integrity/tree_heads: hashes and signatures as hex text, which h5py shows as they are printed.
struct TreeHeadRow {
  std::uint64_t tree_size = 0;
  double sim_time = 0;
  double wall_time = 0;
  char root_hash[64] = {};
  char signature[128] = {};  // empty: unsigned
};
TreeHeadRow tree_head_row(const integrity::TreeHead& head);
// nullopt: a hash or signature that is not hex of the right length (a damaged row).
std::optional<integrity::TreeHead> tree_head_of(const TreeHeadRow& row);
h5::CompoundType tree_head_row_type();

// /integrity/leaf_tags: the first byte of each row's leaf hash (a locator for `verify`).
struct LeafTagRow {
  std::uint8_t tag = 0;
};
h5::CompoundType leaf_tag_row_type();

// /events/log, its `kind` an HDF5 enum of `kinds` (the engine's own when empty).
h5::CompoundType event_row_type(const std::vector<EventKindName>& kinds);
h5::CompoundType place_row_type();  // /events/places
h5::CompoundType place_location_row_type();  // /events/place_locations
// The located places of a run file (empty when it has none).
std::vector<PlaceLocationRow> read_place_locations(const h5::Group& root);

}  // namespace porttwin

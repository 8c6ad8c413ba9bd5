#include "sim/record/run_layout.hpp"

#include "sim/record/h5_file.hpp"

namespace porttwin {

h5::CompoundType event_row_type(const std::vector<EventKindName>& kinds) {
  std::vector<std::pair<std::string, long long>> names;
  if (kinds.empty()) {
    for (const EventKindName& k : kEngineEventNames) names.emplace_back(k.name, k.code);
  }
  for (const EventKindName& k : kinds) names.emplace_back(k.name, k.code);
  return h5::CompoundType::of<EventRow>()
      .field("time", &EventRow::time)
      .field("entity", &EventRow::entity)
      .field("place", &EventRow::place)
      .enumeration("kind", &EventRow::kind, names)
      .field("detail", &EventRow::detail);
}

TreeHeadRow tree_head_row(const integrity::TreeHead& head) {
  TreeHeadRow row;
  row.tree_size = head.tree_size;
  row.sim_time = head.sim_time;
  row.wall_time = head.wall_time;
  h5::copy_text(row.root_hash, integrity::hex(head.root));
  if (head.signature) h5::copy_text(row.signature, integrity::hex(*head.signature));
  return row;
}

std::optional<integrity::TreeHead> tree_head_of(const TreeHeadRow& row) {
  integrity::TreeHead head;
  head.tree_size = row.tree_size;
  head.sim_time = row.sim_time;
  head.wall_time = row.wall_time;
  const auto root = integrity::digest_of_hex(h5::text_of(row.root_hash));
  if (!root) return std::nullopt;
  head.root = *root;
  const std::string_view signature = h5::text_of(row.signature);
  if (!signature.empty()) {
    const auto bytes = integrity::unhex(signature);
    if (!bytes || bytes->size() != 64) return std::nullopt;
    head.signature.emplace();
    std::copy(bytes->begin(), bytes->end(), head.signature->begin());
  }
  return head;
}

h5::CompoundType tree_head_row_type() {
  return h5::CompoundType::of<TreeHeadRow>()
      .field("tree_size", &TreeHeadRow::tree_size)
      .field("sim_time", &TreeHeadRow::sim_time)
      .field("wall_time", &TreeHeadRow::wall_time)
      .text("root_hash", &TreeHeadRow::root_hash)
      .text("signature", &TreeHeadRow::signature);
}

h5::CompoundType leaf_tag_row_type() { return h5::CompoundType::of<LeafTagRow>().field("tag", &LeafTagRow::tag); }

h5::CompoundType place_location_row_type() {
  return h5::CompoundType::of<PlaceLocationRow>()
      .field("place", &PlaceLocationRow::place)
      .text("un_locode", &PlaceLocationRow::un_locode)
      .text("facility_code", &PlaceLocationRow::facility_code)
      .text("facility_code_list", &PlaceLocationRow::facility_code_list)
      .text("facility_type", &PlaceLocationRow::facility_type);
}

std::vector<PlaceLocationRow> read_place_locations(const h5::Group& root) {
  if (!root.has("events/place_locations")) return {};
  return h5::read_table<PlaceLocationRow>(root.open_group("events"), "place_locations", place_location_row_type());
}

h5::CompoundType place_row_type() {
  return h5::CompoundType::of<PlaceRow>().field("id", &PlaceRow::id).text("name", &PlaceRow::name);
}

}  // namespace porttwin

#include "analysis/run_timeline.hpp"

#include <algorithm>

#include "analysis/run_sets.hpp"
#include "models/record/event_catalog.hpp"
#include "sim/core/units.hpp"
#include "sim/integrity/merkle_tree.hpp"
#include "sim/record/h5_file.hpp"
#include "sim/record/run_layout.hpp"

namespace porttwin::analysis {

namespace {

const integrity::EventKindNames& kind_names() {
  static const integrity::EventKindNames names(event_catalog());
  return names;
}


}  // namespace

// Only a damaged file has a place it does not name: "#<index>" then, so that its leaf differs.
std::string_view RunTimeline::place_of(const EventRow& row, std::string& scratch) const {
  if (row.place < places.size()) return places[row.place];
  scratch = "#" + std::to_string(row.place);
  return scratch;
}

integrity::EventLeaf RunTimeline::leaf(std::uint64_t index) const {
  const EventRow& row = rows.at(index);
  std::string scratch;
  integrity::EventLeaf out;
  out.time = row.time;
  out.entity = row.entity;
  out.place = std::string(place_of(row, scratch));
  out.kind = std::string(kind_names()(row.kind));
  out.detail = row.detail;
  return out;
}

std::string RunTimeline::describe(std::uint64_t index) const {
  const integrity::EventLeaf l = leaf(index);
  return "row " + std::to_string(index) + " (" + units::format_datetime_ms(start + l.time) + ", " + l.kind +
         ", entity " + std::to_string(l.entity) + ", " + l.place + ")";
}

snapshot::Json RunTimeline::event_json(std::uint64_t index) const {
  const integrity::EventLeaf l = leaf(index);
  snapshot::Json e;
  e["index"] = index;
  e["time"] = units::format_datetime_ms(start + l.time);
  e["time_s"] = l.time;
  e["entity"] = l.entity;
  e["place"] = l.place;
  e["kind"] = l.kind;
  e["detail"] = l.detail;
  return e;
}

std::vector<std::uint8_t> RunTimeline::leaf_bytes(std::uint64_t index) const {
  return integrity::encode_event_leaf(leaf(index));
}

integrity::Digest RunTimeline::leaf_hash(std::uint64_t index, std::vector<std::uint8_t>& scratch) const {
  const EventRow& row = rows[index];
  std::string unknown;
  integrity::encode_event_leaf(row, place_of(row, unknown), kind_names()(row.kind), scratch);
  return integrity::leaf_hash(scratch);
}

RunTimeline read_timeline(const std::filesystem::path& path) {
  if (!std::filesystem::is_regular_file(path)) throw InvalidInput(path.string() + ": no such run file");
  RunTimeline t;
  t.file = path;
  try {
    const h5::File file = h5::File::open_read(path.string());
    const h5::Group root = file.root();
    if (!root.has("events/log") || !root.has("events/places")) {
      throw InvalidInput(path.string() + ": no /events/log: not a run file, or one recorded with record.events: false");
    }
    if (!root.has("integrity/tree_heads")) {
      throw InvalidInput(path.string() + ": no /integrity/tree_heads: the run was made with integrity.enabled: false "
                                         "(or before porttwin had a provable timeline); there is nothing to prove");
    }
    const h5::Group events = root.open_group("events");
    t.rows = h5::read_table<EventRow>(events, "log", event_row_type(event_catalog()));
    for (const auto& row : h5::read_table<PlaceRow>(events, "places", place_row_type())) {
      t.places.emplace_back(h5::text_of(row.name));
    }
    const h5::Group integrity = root.open_group("integrity");
    const auto head_rows = h5::read_table<TreeHeadRow>(integrity, "tree_heads", tree_head_row_type());
    for (std::size_t i = 0; i < head_rows.size(); ++i) {
      auto head = tree_head_of(head_rows[i]);
      if (!head) {
        throw InvalidInput(path.string() + ": /integrity/tree_heads row " + std::to_string(i) +
                           ": root_hash is not 64 hex digits or signature not 128: the file is damaged");
      }
      t.heads.push_back(*head);
    }
    if (integrity.has("leaf_tags")) {
      for (const LeafTagRow& row : h5::read_table<LeafTagRow>(integrity, "leaf_tags", leaf_tag_row_type())) {
        t.tags.push_back(row.tag);
      }
    }
    if (integrity.has_attribute("checkpoint_s")) t.checkpoint = integrity.double_attribute("checkpoint_s");
    if (integrity.has_attribute("public_key")) t.file_key = integrity::PublicKey::from_hex(integrity.string_attribute("public_key"));
    if (root.has("meta")) {
      const h5::Group meta = root.open_group("meta");
      if (meta.has_attribute("start")) t.start = units::parse_datetime(meta.string_attribute("start")).value_or(0);
    }
  } catch (const h5::Error& e) {
    throw InvalidInput(path.string() + ": " + e.what());
  }
  return t;
}

}  // namespace porttwin::analysis

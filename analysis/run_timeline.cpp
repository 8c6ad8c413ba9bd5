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

std::string row_text(const RunTimeline& t, std::uint64_t index) {
  const integrity::EventLeaf leaf = t.leaf(index);
  return "row " + std::to_string(index) + " (" + units::format_datetime_ms(t.start + leaf.time) + ", " + leaf.kind +
         ", entity " + std::to_string(leaf.entity) + ", " + leaf.place + ")";
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

std::vector<std::uint8_t> RunTimeline::leaf_bytes(std::uint64_t index) const {
  return integrity::encode_event_leaf(leaf(index));
}

integrity::Digest RunTimeline::leaf_hash(std::uint64_t index, std::vector<std::uint8_t>& scratch) const {
  const EventRow& row = rows[index];
  std::string unknown;
  integrity::encode_event_leaf(row, place_of(row, unknown), kind_names()(row.kind), scratch);
  return integrity::leaf_hash(scratch);
}

std::vector<integrity::Digest> RunTimeline::leaf_hashes() const {
  std::vector<integrity::Digest> hashes;
  hashes.reserve(rows.size());
  std::vector<std::uint8_t> scratch;
  for (std::uint64_t i = 0; i < rows.size(); ++i) hashes.push_back(leaf_hash(i, scratch));
  return hashes;
}

std::optional<std::size_t> RunTimeline::head_at(double t) const {
  std::optional<std::size_t> found;
  for (std::size_t i = 0; i < heads.size() && heads[i].sim_time <= t; ++i) found = i;
  return found;
}

std::optional<std::size_t> RunTimeline::first_head_covering(std::uint64_t index) const {
  for (std::size_t i = 0; i < heads.size(); ++i) {
    if (heads[i].tree_size > index) return i;
  }
  return std::nullopt;
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

TimelineCheck check_timeline(const RunTimeline& t, const std::vector<integrity::TreeHead>& heads,
                             const std::optional<integrity::PublicKey>& key, HeadsCover cover) {
  TimelineCheck check;
  check.rows = t.rows.size();
  const std::optional<integrity::PublicKey>& signer = key ? key : t.file_key;
  auto fail = [&](std::size_t head, std::uint64_t first, std::uint64_t last, std::string what) {
    check.ok = false;
    check.bad_head = head;
    check.first_suspect = first;
    check.last_suspect = last;
    check.problem = std::move(what);
    return check;
  };
  integrity::CompactRange tree;
  std::vector<std::uint8_t> bytes;
  std::uint64_t agreed = 0;  // rows covered by the last head that agreed
  for (std::size_t h = 0; h < heads.size(); ++h) {
    const integrity::TreeHead& head = heads[h];
    const std::string name = "tree head " + std::to_string(h) + " (" +
                             units::format_datetime(t.start + head.sim_time) + ", " + std::to_string(head.tree_size) +
                             " rows)";
    if (head.tree_size < tree.size()) {
      return fail(h, head.tree_size, tree.size() - 1,
                  name + " covers fewer rows than the head before it: the heads are out of order");
    }
    if (head.tree_size > t.rows.size()) {
      const std::uint64_t first = std::min<std::uint64_t>(agreed, t.rows.size());
      return fail(h, first, head.tree_size - 1,
                  name + " covers more rows than the file has (" + std::to_string(t.rows.size()) +
                      "): rows were deleted");
    }
    while (tree.size() < head.tree_size) tree.append(t.leaf_hash(tree.size(), bytes));
    if (tree.root() != head.root) {
      std::string where = head.tree_size - agreed == 1
                              ? "the leaf that disagrees is " + row_text(t, agreed)
                              : "the first leaf that disagrees is one of rows " + std::to_string(agreed) + " to " +
                                    std::to_string(head.tree_size - 1) + ", from " + row_text(t, agreed);
      return fail(h, agreed, head.tree_size - 1,
                  name + ": the rows give root " + integrity::hex(tree.root()) + ", the head says " +
                      integrity::hex(head.root) + "; " + where +
                      (h > 0 ? " (every earlier head agrees)" : ""));
    }
    if (head.signature && signer) {
      if (!integrity::signature_valid(head, *signer)) {
        return fail(h, agreed, head.tree_size == 0 ? 0 : head.tree_size - 1,
                    name + ": its signature does not verify with public key " + signer->hex());
      }
      ++check.signatures_checked;
    } else if (key && !head.signature) {
      return fail(h, agreed, head.tree_size == 0 ? 0 : head.tree_size - 1, name + " is not signed");
    }
    agreed = head.tree_size;
    ++check.heads_checked;
  }
  if (!heads.empty() && heads.back().tree_size < t.rows.size() && cover == HeadsCover::every_row) {
    return fail(heads.size() - 1, heads.back().tree_size, t.rows.size() - 1,
                "the last tree head covers " + std::to_string(heads.back().tree_size) + " rows, the file has " +
                    std::to_string(t.rows.size()) + ": rows were added after it");
  }
  if (heads.empty() && cover == HeadsCover::every_row && !t.rows.empty()) {
    return fail(0, 0, t.rows.size() - 1, "the file has rows but no tree head");
  }
  return check;
}

}  // namespace porttwin::analysis

// A run file's provable timeline (docs/integrity.md): its event rows as Merkle leaves (the
// canonical leaf of sim/integrity/event_leaf) and its stored tree heads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/timeline.hpp"
#include "sim/integrity/event_leaf.hpp"
#include "sim/record/event_row.hpp"

namespace porttwin::analysis {

class RunTimeline : public Timeline {
 public:
  std::vector<EventRow> rows;       // as stored, unchecked
  std::vector<std::string> places;  // /events/places, by index
  std::vector<std::uint8_t> tags;   // /integrity/leaf_tags (empty when the file has none)

  std::uint64_t size() const override { return rows.size(); }
  std::vector<std::uint8_t> leaf_bytes(std::uint64_t index) const override;
  integrity::Digest leaf_hash(std::uint64_t index, std::vector<std::uint8_t>& scratch) const override;
  std::string describe(std::uint64_t index) const override;
  snapshot::Json event_json(std::uint64_t index) const override;
  const char* leaf_format() const override { return integrity::kEventLeafName; }
  const char* unit() const override { return "row"; }
  std::optional<std::uint8_t> leaf_tag(std::uint64_t index) const override {
    if (index < tags.size()) return tags[index];
    return std::nullopt;
  }

  integrity::EventLeaf leaf(std::uint64_t index) const;  // the row as its leaf encodes it
  std::string_view place_of(const EventRow& row, std::string& scratch) const;
};

// InvalidInput when the file is not a run file or has no /integrity (naming why).
RunTimeline read_timeline(const std::filesystem::path& file);

}  // namespace porttwin::analysis

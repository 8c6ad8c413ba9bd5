// A run file's provable timeline read back (docs/integrity.md): its event rows as Merkle leaves,
// its stored tree heads, and the check of one against the other. `porttwin verify` and `porttwin
// prove` stand on this; neither trusts the file's fingerprint or writer.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/integrity/event_leaf.hpp"
#include "sim/integrity/signing_key.hpp"
#include "sim/integrity/tree_head.hpp"
#include "sim/record/event_row.hpp"

namespace porttwin::analysis {

struct RunTimeline {
  std::filesystem::path file;
  std::vector<EventRow> rows;       // as stored, unchecked
  std::vector<std::string> places;  // /events/places, by index
  std::vector<integrity::TreeHead> heads;
  std::optional<integrity::PublicKey> file_key;  // /integrity/public_key: the writer's claim, not proof
  double checkpoint = 0;                         // s
  double start = 0;                              // the scenario's calendar start, Unix s

  integrity::EventLeaf leaf(std::uint64_t index) const;  // the row as its leaf encodes it
  std::string_view place_of(const EventRow& row, std::string& scratch) const;
  std::vector<std::uint8_t> leaf_bytes(std::uint64_t index) const;
  std::vector<integrity::Digest> leaf_hashes() const;
  integrity::Digest leaf_hash(std::uint64_t index, std::vector<std::uint8_t>& scratch) const;
  // The head at simulated time t (s since the start): the last one made at or before t; nullopt when
  // t is before the first.
  std::optional<std::size_t> head_at(double t) const;
  std::optional<std::size_t> first_head_covering(std::uint64_t index) const;
};

// InvalidInput when the file is not a run file or has no /integrity (naming why).
RunTimeline read_timeline(const std::filesystem::path& file);

struct TimelineCheck {
  bool ok = true;
  std::uint64_t rows = 0;
  std::size_t heads_checked = 0;
  std::size_t signatures_checked = 0;
  // The first problem: the head that disagrees and the rows it can be in.
  std::string problem;
  std::optional<std::size_t> bad_head;
  std::uint64_t first_suspect = 0, last_suspect = 0;  // rows [first, last] hold the first bad leaf
};

// The file's own heads must cover every row; heads published elsewhere may be any of them.
enum class HeadsCover { every_row, some_rows };

// Recomputes the root of every head from the rows (and checks its signature with `key`, or with
// the file's own key when none is given; with `key`, every head must be signed) and stops at the
// first that disagrees.
TimelineCheck check_timeline(const RunTimeline& timeline, const std::vector<integrity::TreeHead>& heads,
                             const std::optional<integrity::PublicKey>& key, HeadsCover cover);

}  // namespace porttwin::analysis

// A provable timeline read back (docs/integrity.md): a list of leaves in order and the tree heads
// made over them, checked one against the other. Two kinds: a run file's event rows (run_timeline)
// and a real feed of DCSA events (feed_timeline). `porttwin verify` and `porttwin prove` stand on
// this; neither trusts the file's fingerprint or writer.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sim/integrity/sha256.hpp"
#include "sim/integrity/signing_key.hpp"
#include "sim/integrity/tree_head.hpp"
#include "sim/snapshot/json_document.hpp"

namespace porttwin::analysis {

class Timeline {
 public:
  virtual ~Timeline() = default;

  std::filesystem::path file;
  std::vector<integrity::TreeHead> heads;
  std::optional<integrity::PublicKey> file_key;  // the key the file names: the writer's claim, not proof
  double checkpoint = 0;                         // s
  double start = 0;                              // Unix s of time 0 (a run's calendar start; 0 for a feed)

  virtual std::uint64_t size() const = 0;
  virtual std::vector<std::uint8_t> leaf_bytes(std::uint64_t index) const = 0;
  virtual integrity::Digest leaf_hash(std::uint64_t index, std::vector<std::uint8_t>& scratch) const;
  virtual std::string describe(std::uint64_t index) const = 0;     // "row 12 (…)", for messages
  virtual snapshot::Json event_json(std::uint64_t index) const = 0;  // the event, readable, for proofs
  virtual const char* leaf_format() const = 0;                     // how its leaves are encoded
  virtual const char* unit() const = 0;                            // "row", "event"
  // The first byte of the leaf's hash as recorded beside it, when the file keeps one (a locator).
  virtual std::optional<std::uint8_t> leaf_tag(std::uint64_t) const { return std::nullopt; }

  std::vector<integrity::Digest> leaf_hashes() const;
  // The head at time t (s after time 0): the last one made at or before t; nullopt when t is before the first.
  std::optional<std::size_t> head_at(double t) const;
  std::optional<std::size_t> first_head_covering(std::uint64_t index) const;
};

struct TimelineCheck {
  bool ok = true;
  std::uint64_t rows = 0;
  std::size_t heads_checked = 0;
  std::size_t signatures_checked = 0;
  std::string problem;  // the first: the head that disagrees and which leaf (or leaves) changed
};

// The file's own heads must cover every leaf; heads published elsewhere may be any of them.
enum class HeadsCover { every_row, some_rows };

// Recomputes the root of every head from the leaves (and checks its signature with `key`, or with
// the file's own key when none is given; with `key`, every head must be signed) and stops at the
// first that disagrees.
TimelineCheck check_timeline(const Timeline& timeline, const std::vector<integrity::TreeHead>& heads,
                             const std::optional<integrity::PublicKey>& key, HeadsCover cover);

}  // namespace porttwin::analysis

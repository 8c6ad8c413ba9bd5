// The run's event rows under a Merkle tree as they are recorded: each row's leaf hashed once, the
// tree kept as a compact range (O(log n) memory), and a tree head made at every checkpoint of
// simulated time that rows have passed and at the end. The recorder feeds it; it never re-reads
// the file.
#pragma once

#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "sim/integrity/event_leaf.hpp"
#include "sim/integrity/merkle_tree.hpp"
#include "sim/integrity/tree_head.hpp"

namespace porttwin::integrity {

struct TimelineOptions {
  // Simulated s between tree heads: the head at k·checkpoint covers every row up to that time.
  // 0: a head after every instant that has rows (the finest a head can locate a change).
  double checkpoint = 60;
  std::shared_ptr<const SigningKey> key;  // sign every head when set
};

class EventTimeline {
 public:
  EventTimeline(std::span<const EventKindName> kinds, TimelineOptions options);

  void append(const EventRow& row, std::string_view place);
  // Any other leaf at `time` (an event of a real feed, in file order).
  void append_leaf(double time, std::span<const std::uint8_t> leaf);
  // The last head: every row so far, at `end` (the run's last instant).
  void close(double end);
  std::vector<TreeHead> take_heads();  // the heads made since the last call, oldest first
  // The first byte of each leaf hash since the last call: stored beside the rows, they let a check
  // name the one row that changed inside a head's rows. A locator, not evidence (nothing signs them).
  std::vector<std::uint8_t> take_leaf_tags();
  std::uint64_t size() const noexcept { return tree_.size(); }

 private:
  double checkpoint_at_or_after(double t) const;
  void make_head(double sim_time);

  EventKindNames kinds_;
  TimelineOptions options_;
  CompactRange tree_;
  double pending_label_ = 0;  // the checkpoint the rows since the last head belong to
  std::uint64_t headed_size_ = 0;
  double last_head_time_ = 0;
  bool has_head_ = false;
  std::vector<TreeHead> heads_;
  std::vector<std::uint8_t> tags_;
  std::vector<std::uint8_t> leaf_;
};

}  // namespace porttwin::integrity

#include "sim/integrity/event_timeline.hpp"

#include <chrono>
#include <cmath>

namespace porttwin::integrity {

EventTimeline::EventTimeline(std::span<const EventKindName> kinds, TimelineOptions options)
    : kinds_(kinds), options_(std::move(options)) {}

double EventTimeline::checkpoint_at_or_after(double t) const {
  if (options_.checkpoint <= 0) return t;
  return std::ceil(t / options_.checkpoint) * options_.checkpoint;
}

void EventTimeline::append(const EventRow& row, std::string_view place) {
  encode_event_leaf(row, place, kinds_(row.kind), leaf_);
  append_leaf(row.time, leaf_);
}

void EventTimeline::append_leaf(double time, std::span<const std::uint8_t> leaf) {
  if (tree_.size() == headed_size_) {
    pending_label_ = checkpoint_at_or_after(time);
  } else if (time > pending_label_) {  // the rows so far have passed their checkpoint
    make_head(pending_label_);
    pending_label_ = checkpoint_at_or_after(time);
  }
  const Digest hash = leaf_hash(leaf);
  tags_.push_back(hash[0]);
  tree_.append(hash);
}

void EventTimeline::close(double end) {
  if (has_head_ && headed_size_ == tree_.size() && last_head_time_ == end) return;
  make_head(end);
}

void EventTimeline::make_head(double sim_time) {
  TreeHead head;
  head.tree_size = tree_.size();
  head.sim_time = sim_time;
  head.wall_time =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  head.root = tree_.root();
  if (options_.key) sign(head, *options_.key);
  heads_.push_back(head);
  headed_size_ = head.tree_size;
  last_head_time_ = sim_time;
  has_head_ = true;
}

std::vector<std::uint8_t> EventTimeline::take_leaf_tags() {
  std::vector<std::uint8_t> out;
  out.swap(tags_);
  return out;
}

std::vector<TreeHead> EventTimeline::take_heads() {
  std::vector<TreeHead> out;
  out.swap(heads_);
  return out;
}

}  // namespace porttwin::integrity

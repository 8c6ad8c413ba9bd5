#include "analysis/timeline.hpp"

#include <algorithm>

#include "sim/core/units.hpp"
#include "sim/integrity/merkle_tree.hpp"

namespace porttwin::analysis {

integrity::Digest Timeline::leaf_hash(std::uint64_t index, std::vector<std::uint8_t>& scratch) const {
  scratch = leaf_bytes(index);
  return integrity::leaf_hash(scratch);
}

std::vector<integrity::Digest> Timeline::leaf_hashes() const {
  std::vector<integrity::Digest> hashes;
  hashes.reserve(size());
  std::vector<std::uint8_t> scratch;
  for (std::uint64_t i = 0; i < size(); ++i) hashes.push_back(leaf_hash(i, scratch));
  return hashes;
}

std::optional<std::size_t> Timeline::head_at(double t) const {
  std::optional<std::size_t> found;
  for (std::size_t i = 0; i < heads.size() && heads[i].sim_time <= t; ++i) found = i;
  return found;
}

std::optional<std::size_t> Timeline::first_head_covering(std::uint64_t index) const {
  for (std::size_t i = 0; i < heads.size(); ++i) {
    if (heads[i].tree_size > index) return i;
  }
  return std::nullopt;
}

TimelineCheck check_timeline(const Timeline& t, const std::vector<integrity::TreeHead>& heads,
                             const std::optional<integrity::PublicKey>& key, HeadsCover cover) {
  TimelineCheck check;
  check.rows = t.size();
  const std::string rows = std::string(t.unit()) + "s";  // "rows" of a run file, "events" of a feed
  const std::optional<integrity::PublicKey>& signer = key ? key : t.file_key;
  auto fail = [&](std::string what) {
    check.ok = false;
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
                             " " + rows + ")";
    if (head.tree_size < tree.size()) {
      return fail(name + " covers fewer " + rows + " than the head before it: the heads are out of order");
    }
    if (head.tree_size > t.size()) {
      return fail(name + " covers more " + rows + " than the file has (" + std::to_string(t.size()) +
                      "): " + rows + " were deleted");
    }
    while (tree.size() < head.tree_size) tree.append(t.leaf_hash(tree.size(), bytes));
    if (tree.root() != head.root) {
      // The tags recorded beside the leaves say which one changed (when they were left alone).
      std::optional<std::uint64_t> tagged;
      for (std::uint64_t i = agreed; i < head.tree_size && !tagged; ++i) {
        const auto tag = t.leaf_tag(i);
        if (tag && *tag != t.leaf_hash(i, bytes)[0]) tagged = i;
      }
      std::string where =
          tagged ? "the first leaf that disagrees is " + t.describe(*tagged) + ": its hash is not the one recorded with it"
          : head.tree_size - agreed == 1
              ? "the leaf that disagrees is " + t.describe(agreed)
              : "the first leaf that disagrees is one of " + rows + " " + std::to_string(agreed) + " to " +
                    std::to_string(head.tree_size - 1) + ", from " + t.describe(agreed);
      return fail(name + ": the " + rows + " give root " + integrity::hex(tree.root()) + ", the head says " +
                      integrity::hex(head.root) + "; " + where +
                      (h > 0 ? " (every earlier head agrees)" : ""));
    }
    if (head.signature && signer) {
      if (!integrity::signature_valid(head, *signer)) {
        return fail(name + ": its signature does not verify with public key " + signer->hex());
      }
      ++check.signatures_checked;
    } else if (key && !head.signature) {
      return fail(name + " is not signed");
    }
    agreed = head.tree_size;
    ++check.heads_checked;
  }
  if (!heads.empty() && heads.back().tree_size < t.size() && cover == HeadsCover::every_row) {
    return fail("the last tree head covers " + std::to_string(heads.back().tree_size) + " " + rows + ", the file has " +
                    std::to_string(t.size()) + ": " + rows + " were added after it");
  }
  if (heads.empty() && cover == HeadsCover::every_row && t.size() > 0) {
    return fail("the file has " + rows + " but no tree head");
  }
  return check;
}

}  // namespace porttwin::analysis

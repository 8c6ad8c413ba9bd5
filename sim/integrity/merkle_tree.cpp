#include "sim/integrity/merkle_tree.hpp"

#include <bit>

namespace porttwin::integrity {

namespace {

// k: the largest power of two smaller than n (n >= 2), where the RFC splits a tree.
std::uint64_t split_of(std::uint64_t n) { return std::bit_floor(n - 1); }

Digest root_of(std::span<const Digest> leaves) {
  if (leaves.size() == 1) return leaves[0];
  const std::uint64_t k = split_of(leaves.size());
  return node_hash(root_of(leaves.first(k)), root_of(leaves.subspan(k)));
}

void path_of(std::span<const Digest> leaves, std::uint64_t m, std::vector<Digest>& out) {
  if (leaves.size() <= 1) return;
  const std::uint64_t k = split_of(leaves.size());
  if (m < k) {
    path_of(leaves.first(k), m, out);
    out.push_back(root_of(leaves.subspan(k)));
  } else {
    path_of(leaves.subspan(k), m - k, out);
    out.push_back(root_of(leaves.first(k)));
  }
}

void subproof_of(std::span<const Digest> leaves, std::uint64_t m, bool complete, std::vector<Digest>& out) {
  const std::uint64_t n = leaves.size();
  if (m == n) {
    if (!complete) out.push_back(root_of(leaves));
    return;
  }
  const std::uint64_t k = split_of(n);
  if (m <= k) {
    subproof_of(leaves.first(k), m, complete, out);
    out.push_back(root_of(leaves.subspan(k)));
  } else {
    subproof_of(leaves.subspan(k), m - k, false, out);
    out.push_back(root_of(leaves.first(k)));
  }
}

}  // namespace

Digest tree_root(std::span<const Digest> leaf_hashes) {
  if (leaf_hashes.empty()) return sha256({});
  return root_of(leaf_hashes);
}

std::vector<Digest> inclusion_path(std::span<const Digest> leaf_hashes, std::uint64_t index) {
  std::vector<Digest> path;
  if (index < leaf_hashes.size()) path_of(leaf_hashes, index, path);
  return path;
}

std::vector<Digest> consistency_path(std::span<const Digest> leaf_hashes, std::uint64_t first_size) {
  std::vector<Digest> path;
  if (first_size > 0 && first_size < leaf_hashes.size()) subproof_of(leaf_hashes, first_size, true, path);
  return path;
}

bool verify_inclusion(std::uint64_t index, std::uint64_t tree_size, const Digest& leaf_hash,
                      std::span<const Digest> path, const Digest& root) {
  if (index >= tree_size) return false;
  std::uint64_t fn = index, sn = tree_size - 1;
  Digest r = leaf_hash;
  for (const Digest& p : path) {
    if (sn == 0) return false;
    if ((fn & 1) || fn == sn) {
      r = node_hash(p, r);
      if (!(fn & 1)) {
        while (!(fn & 1) && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = node_hash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

bool verify_consistency(std::uint64_t first_size, std::uint64_t second_size, const Digest& first_root,
                        const Digest& second_root, std::span<const Digest> path) {
  if (first_size > second_size) return false;
  if (first_size == second_size) return path.empty() && first_root == second_root;
  if (first_size == 0) return path.empty();  // the empty tree is a prefix of every tree
  if (path.empty()) return false;
  std::vector<Digest> nodes;
  if (std::has_single_bit(first_size)) nodes.push_back(first_root);
  nodes.insert(nodes.end(), path.begin(), path.end());
  std::uint64_t fn = first_size - 1, sn = second_size - 1;
  while (fn & 1) {
    fn >>= 1;
    sn >>= 1;
  }
  Digest fr = nodes[0], sr = nodes[0];
  for (std::size_t i = 1; i < nodes.size(); ++i) {
    const Digest& c = nodes[i];
    if (sn == 0) return false;
    if ((fn & 1) || fn == sn) {
      fr = node_hash(c, fr);
      sr = node_hash(c, sr);
      while (!(fn & 1) && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      sr = node_hash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return fr == first_root && sr == second_root && sn == 0;
}

void CompactRange::append(const Digest& leaf_hash) {
  Digest carry = leaf_hash;
  for (std::uint64_t n = size_; n & 1; n >>= 1) {
    carry = node_hash(subtrees_.back(), carry);
    subtrees_.pop_back();
  }
  subtrees_.push_back(carry);
  ++size_;
}

Digest CompactRange::root() const {
  if (subtrees_.empty()) return sha256({});
  Digest r = subtrees_.back();
  for (std::size_t i = subtrees_.size() - 1; i-- > 0;) r = node_hash(subtrees_[i], r);
  return r;
}

}  // namespace porttwin::integrity

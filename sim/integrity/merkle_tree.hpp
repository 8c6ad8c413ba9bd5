// The Merkle tree of RFC 9162 (Certificate Transparency 2.0, the same as RFC 6962's) over a list of
// leaf hashes: its root (MTH), the audit path of one leaf, the consistency proof of a smaller tree
// with a larger one, and the verification of both as the RFC's sections 2.1.3.2 and 2.1.4.2 state
// them, so that any RFC 9162 verifier accepts what porttwin proves.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "sim/integrity/sha256.hpp"

namespace porttwin::integrity {

// MTH(D[n]) of the leaves whose hashes are given; the empty tree's root is SHA-256 of nothing.
Digest tree_root(std::span<const Digest> leaf_hashes);

// PATH(index, D[n]): the siblings from the leaf up to the root (RFC 9162 2.1.3.1).
std::vector<Digest> inclusion_path(std::span<const Digest> leaf_hashes, std::uint64_t index);

// PROOF(first_size, D[n]) (RFC 9162 2.1.4.1); empty when first_size is 0 or n.
std::vector<Digest> consistency_path(std::span<const Digest> leaf_hashes, std::uint64_t first_size);

bool verify_inclusion(std::uint64_t index, std::uint64_t tree_size, const Digest& leaf_hash,
                      std::span<const Digest> path, const Digest& root);

bool verify_consistency(std::uint64_t first_size, std::uint64_t second_size, const Digest& first_root,
                        const Digest& second_root, std::span<const Digest> path);

// The tree grown one leaf at a time in O(log n) memory: the roots of the perfect subtrees that the
// binary digits of its size make, left to right (a "compact range"). root() folds them from the right,
// which is the RFC's split of a tree whose size is not a power of two.
class CompactRange {
 public:
  void append(const Digest& leaf_hash);
  std::uint64_t size() const noexcept { return size_; }
  Digest root() const;

 private:
  std::vector<Digest> subtrees_;  // largest first
  std::uint64_t size_ = 0;
};

}  // namespace porttwin::integrity

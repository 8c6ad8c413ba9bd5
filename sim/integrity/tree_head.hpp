// A tree head: the root of the Merkle tree over the first `tree_size` event rows of a run, at a
// simulated time, optionally signed (Ed25519). The signed bytes (docs/integrity.md):
//   "porttwin-tree-head-v1" (21 ASCII bytes) || tree_size (uint64, big-endian) ||
//   sim_time (binary64, big-endian, s since the scenario's start) || wall_time (binary64, big-endian,
//   Unix s) || root_hash (32 bytes)
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/integrity/sha256.hpp"
#include "sim/integrity/signing_key.hpp"

namespace porttwin::integrity {

struct TreeHead {
  std::uint64_t tree_size = 0;
  // The head covers every row recorded before the first row later than this (s since the start).
  double sim_time = 0;
  double wall_time = 0;  // when it was computed, Unix s
  Digest root{};
  std::optional<Signature> signature;
};

std::vector<std::uint8_t> signed_message(const TreeHead& head);
void sign(TreeHead& head, const SigningKey& key);
bool signature_valid(const TreeHead& head, const PublicKey& key);  // false when unsigned

}  // namespace porttwin::integrity

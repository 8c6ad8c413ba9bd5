// Proofs about a run's event timeline as JSON documents (docs/integrity.md) that name their fields
// as RFC 9162 does: an inclusion proof (leaf_index, tree_size, leaf_hash, inclusion_path,
// root_hash), a consistency proof (first_size, second_size, first_root, second_root,
// consistency_path), each with its tree heads' simulated time and signature; and the list of a run's
// tree heads, the thing a writer publishes. A proof is checked alone, without the run file.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "analysis/timeline.hpp"
#include "sim/snapshot/json_document.hpp"

namespace porttwin::analysis {

inline constexpr const char* kInclusionProofFormat = "porttwin-inclusion-proof";
inline constexpr const char* kConsistencyProofFormat = "porttwin-consistency-proof";
inline constexpr const char* kTreeHeadsFormat = "porttwin-tree-heads";

snapshot::Json inclusion_proof(const Timeline& t, const std::vector<integrity::Digest>& leaves,
                               std::uint64_t event, std::size_t head);
snapshot::Json consistency_proof(const Timeline& t, const std::vector<integrity::Digest>& leaves,
                                 std::size_t first_head, std::size_t second_head);
snapshot::Json tree_heads_document(const Timeline& t);

// Published tree heads (a tree_heads_document), every error located (scenario::InvalidScenario).
std::vector<integrity::TreeHead> read_tree_heads(const std::filesystem::path& file);

struct ProofCheck {
  bool ok = false;
  std::string kind;                 // "inclusion" or "consistency"
  std::vector<std::string> proven;  // what holds, one line each
  std::string problem;              // why it does not
};

// Checks a proof file: its hashes (RFC 9162 2.1.3.2 / 2.1.4.2), the leaf against the event it
// names, and the heads' signatures with `key` (said unchecked without one). With `against`, also
// that the run file still holds the proven rows: the proof's leaf is the file's row and the file's
// rows still give the proof's root. Malformed files: scenario::InvalidScenario, located.
ProofCheck check_proof(const std::filesystem::path& file, const std::optional<integrity::PublicKey>& key,
                       const Timeline* against);

}  // namespace porttwin::analysis

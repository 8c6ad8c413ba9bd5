#include "analysis/timeline_proof.hpp"


#include "analysis/feed_timeline.hpp"
#include "sim/core/units.hpp"
#include "sim/integrity/event_leaf.hpp"
#include "sim/integrity/merkle_tree.hpp"
#include "sim/snapshot/snapshot.hpp"

namespace porttwin::analysis {

namespace {

using snapshot::Json;

Json hex_list(const std::vector<integrity::Digest>& hashes) {
  Json list = Json::array();
  for (const auto& h : hashes) list.push_back(integrity::hex(h));
  return list;
}

Json head_json(const Timeline& t, const integrity::TreeHead& head) {
  Json j;
  j["tree_size"] = head.tree_size;
  j["root_hash"] = integrity::hex(head.root);
  j["sim_time"] = units::format_datetime_ms(t.start + head.sim_time);
  j["sim_time_s"] = head.sim_time;
  j["wall_time"] = units::format_datetime(head.wall_time) + "Z";
  j["wall_time_s"] = head.wall_time;
  j["signature"] = head.signature ? Json(integrity::hex(*head.signature)) : Json(nullptr);
  return j;
}

Json frame(const Timeline& t, const char* format) {
  Json j;
  j["format"] = format;
  j["version"] = 1;
  j["file"] = t.file.string();
  j["scenario_start"] = units::format_datetime(t.start);
  j["hash"] = "SHA-256, RFC 9162 Merkle tree";
  j["public_key"] = t.file_key ? Json(t.file_key->hex()) : Json(nullptr);
  return j;
}

// Reading: the SectionReader of snapshots serves any located JSON document.
std::unique_ptr<snapshot::Snapshot> parse(const std::filesystem::path& file, scenario::Diagnostics& d) {
  auto document = snapshot::JsonDocument::read(file, d);
  if (!document) throw scenario::InvalidScenario(d);
  if (!document->root().is_object()) {
    d.error({1, 1}, "", "found a JSON " + std::string(document->root().type_name()) + ", expected an object");
    throw scenario::InvalidScenario(d);
  }
  return std::make_unique<snapshot::Snapshot>(snapshot::Snapshot{file.string(), std::move(*document), 0, 0});
}

std::optional<integrity::Digest> hash_member(const snapshot::SectionReader& r, const Json& object,
                                             const std::string& pointer, const char* key) {
  const auto text = r.text(object, pointer, key);
  if (!text) return std::nullopt;
  const auto digest = integrity::digest_of_hex(*text);
  if (!digest) r.error(snapshot::pointer_append(pointer, key), "found \"" + text->substr(0, 80) + "\", expected 64 hex digits");
  return digest;
}

std::optional<std::vector<integrity::Digest>> hash_list(const snapshot::SectionReader& r, const Json& object,
                                                        const std::string& pointer, const char* key) {
  const Json* list = r.array(object, pointer, key, true);
  if (!list) return std::nullopt;
  std::vector<integrity::Digest> out;
  bool ok = true;
  const std::string at = snapshot::pointer_append(pointer, key);
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Json& v = (*list)[i];
    const auto digest = v.is_string() ? integrity::digest_of_hex(v.get<std::string>()) : std::nullopt;
    if (!digest) {
      r.error(snapshot::pointer_append(at, i), "found " + v.dump().substr(0, 80) + ", expected a string of 64 hex digits");
      ok = false;
    } else {
      out.push_back(*digest);
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

constexpr std::int64_t kMaxSize = std::int64_t{1} << 53;

std::optional<integrity::TreeHead> read_head(const snapshot::SectionReader& r, const Json& object,
                                             const std::string& pointer) {
  if (!r.is_object(object, pointer)) return std::nullopt;
  r.only(object, pointer, {"tree_size", "root_hash", "sim_time", "sim_time_s", "wall_time", "wall_time_s", "signature"});
  integrity::TreeHead head;
  const auto size = r.integer(object, pointer, "tree_size", true, 0, kMaxSize);
  const auto root = hash_member(r, object, pointer, "root_hash");
  const auto sim = r.number(object, pointer, "sim_time_s", true, -1e300, 1e300);
  const auto wall = r.number(object, pointer, "wall_time_s", true, -1e300, 1e300);
  const Json* signature = r.member(object, pointer, "signature", false);
  if (signature && !signature->is_null()) {
    const auto bytes = signature->is_string() ? integrity::unhex(signature->get<std::string>()) : std::nullopt;
    if (!bytes || bytes->size() != 64) {
      r.error(snapshot::pointer_append(pointer, "signature"),
              "found " + signature->dump().substr(0, 80) + ", expected null or 128 hex digits (an Ed25519 signature)");
      return std::nullopt;
    }
    head.signature.emplace();
    std::copy(bytes->begin(), bytes->end(), head.signature->begin());
  }
  if (!size || !root || !sim || !wall) return std::nullopt;
  head.tree_size = static_cast<std::uint64_t>(*size);
  head.root = *root;
  head.sim_time = *sim;
  head.wall_time = *wall;
  return head;
}

// What a signature check of `head` says, as a line; false when it fails.
bool say_signature(const std::optional<integrity::PublicKey>& key, const integrity::TreeHead& head, const char* which,
                   ProofCheck& check) {
  if (!head.signature) {
    if (key) {
      check.problem = std::string("the ") + which + " tree head is not signed, and --pubkey asks for a signature";
      return false;
    }
    check.proven.push_back(std::string("the ") + which + " tree head is not signed: publish its root to make it evidence");
    return true;
  }
  if (!key) {
    check.proven.push_back(std::string("the ") + which + " tree head's signature was not checked (give --pubkey)");
    return true;
  }
  if (!integrity::signature_valid(head, *key)) {
    check.problem = std::string("the ") + which + " tree head's signature does not verify with public key " + key->hex();
    return false;
  }
  check.proven.push_back(std::string("the ") + which + " tree head is signed by public key " + key->hex());
  return true;
}

// What a leaf says, as a line; "" when it is not a leaf of that format.
std::string leaf_meaning(const std::string& format, const std::basic_string<std::uint8_t>& bytes) {
  if (format == integrity::kEventLeafName) {
    const auto leaf = integrity::decode_event_leaf(bytes);
    if (!leaf) return "";
    return "event (" + leaf->kind + ", entity " + std::to_string(leaf->entity) + ", " + leaf->place + ", " +
           units::format_duration(leaf->time) + " after the run's start)";
  }
  if (format == kFeedLeafName) {
    const std::string text(bytes.begin(), bytes.end());
    const Json event = Json::parse(text, nullptr, false);
    if (event.is_discarded() || !event.is_object() || canonical_json(event) != text) return "";
    const std::string created = event.value("eventCreatedDateTime", std::string());
    return "DCSA event " + event.value("eventID", std::string("(no eventID)")) + " (" +
           event.value("eventType", std::string()) + ", created " + created + ")";
  }
  return "";
}

}  // namespace

Json inclusion_proof(const Timeline& t, const std::vector<integrity::Digest>& leaves, std::uint64_t event,
                     std::size_t head_index) {
  const integrity::TreeHead& head = t.heads.at(head_index);
  const std::span<const integrity::Digest> tree(leaves.data(), head.tree_size);
  Json j = frame(t, kInclusionProofFormat);
  j["event"] = t.event_json(event);
  j["leaf_format"] = t.leaf_format();
  j["leaf"] = integrity::hex(t.leaf_bytes(event));
  j["leaf_index"] = event;
  j["tree_size"] = head.tree_size;
  j["leaf_hash"] = integrity::hex(leaves.at(event));
  j["inclusion_path"] = hex_list(integrity::inclusion_path(tree, event));
  j["root_hash"] = integrity::hex(head.root);
  j["tree_head"] = head_json(t, head);
  return j;
}

Json consistency_proof(const Timeline& t, const std::vector<integrity::Digest>& leaves, std::size_t first_head,
                       std::size_t second_head) {
  const integrity::TreeHead& first = t.heads.at(first_head);
  const integrity::TreeHead& second = t.heads.at(second_head);
  const std::span<const integrity::Digest> tree(leaves.data(), second.tree_size);
  Json j = frame(t, kConsistencyProofFormat);
  j["first_size"] = first.tree_size;
  j["second_size"] = second.tree_size;
  j["first_root"] = integrity::hex(first.root);
  j["second_root"] = integrity::hex(second.root);
  j["consistency_path"] = hex_list(integrity::consistency_path(tree, first.tree_size));
  j["first_head"] = head_json(t, first);
  j["second_head"] = head_json(t, second);
  return j;
}

Json tree_heads_document(const Timeline& t) {
  Json j = frame(t, kTreeHeadsFormat);
  j["checkpoint_s"] = t.checkpoint;
  Json heads = Json::array();
  for (const auto& h : t.heads) heads.push_back(head_json(t, h));
  j["heads"] = heads;
  return j;
}

std::vector<integrity::TreeHead> read_tree_heads(const std::filesystem::path& file) {
  scenario::Diagnostics d(file.string());
  auto proof = parse(file, d);
  const snapshot::SectionReader r(*proof, d);
  const Json& root = proof->document.root();
  if (auto format = r.text(root, "", "format"); format && *format != kTreeHeadsFormat) {
    r.error("/format", "found \"" + *format + "\", expected \"" + kTreeHeadsFormat + "\" (porttwin prove RUN --heads)");
  }
  std::vector<integrity::TreeHead> heads;
  if (const Json* list = r.array(root, "", "heads", true)) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      if (auto head = read_head(r, (*list)[i], snapshot::pointer_append("/heads", i))) heads.push_back(*head);
    }
  }
  if (!d.ok()) throw scenario::InvalidScenario(d);
  return heads;
}

ProofCheck check_proof(const std::filesystem::path& file, const std::optional<integrity::PublicKey>& key,
                       const Timeline* against) {
  scenario::Diagnostics d(file.string());
  auto proof = parse(file, d);
  const snapshot::SectionReader r(*proof, d);
  const Json& root = proof->document.root();
  const auto format = r.text(root, "", "format");
  ProofCheck check;
  if (format && *format == kInclusionProofFormat) {
    check.kind = "inclusion";
    const auto index = r.integer(root, "", "leaf_index", true, 0, kMaxSize);
    const auto size = r.integer(root, "", "tree_size", true, 0, kMaxSize);
    const auto leaf_text = r.text(root, "", "leaf");
    const auto leaf_bytes = leaf_text ? integrity::unhex(*leaf_text) : std::nullopt;
    if (leaf_text && !leaf_bytes) r.error("/leaf", "found a string that is not hex, expected the leaf's bytes in hex");
    const auto leaf_hash = hash_member(r, root, "", "leaf_hash");
    const auto path = hash_list(r, root, "", "inclusion_path");
    const auto root_hash = hash_member(r, root, "", "root_hash");
    const auto format_of_leaf = r.text(root, "", "leaf_format", false);
    const Json* head_object = r.member(root, "", "tree_head", true);
    const auto head = head_object ? read_head(r, *head_object, "/tree_head") : std::nullopt;
    if (!d.ok()) throw scenario::InvalidScenario(d);
    const auto u_index = static_cast<std::uint64_t>(*index), u_size = static_cast<std::uint64_t>(*size);
    const std::string what = leaf_meaning(format_of_leaf ? *format_of_leaf : integrity::kEventLeafName, *leaf_bytes);
    if (what.empty()) {
      check.problem = "the leaf is not a " + format_of_leaf.value_or(integrity::kEventLeafName) + " leaf (docs/integrity.md)";
    } else if (integrity::leaf_hash(*leaf_bytes) != *leaf_hash) {
      check.problem = "leaf_hash is not SHA-256(0x00 || leaf): the leaf was changed";
    } else if (head->root != *root_hash || head->tree_size != u_size) {
      check.problem = "the tree head's root or size is not the proof's root_hash or tree_size";
    } else if (!integrity::verify_inclusion(u_index, u_size, *leaf_hash, *path, *root_hash)) {
      check.problem = "the inclusion path does not lead from the leaf to root_hash (RFC 9162 2.1.3.2)";
    }
    if (check.problem.empty()) {
      check.proven.push_back(what + " is leaf " + std::to_string(u_index) + " of the tree of " + std::to_string(u_size) +
                             " leaves whose root is " + integrity::hex(*root_hash));
      if (!say_signature(key, *head, "proof's", check)) return check;
      if (against) {
        if (u_size > against->size()) {
          check.problem = against->file.string() + " has " + std::to_string(against->size()) + " " + against->unit() +
                          "s, fewer than the proven tree's " + std::to_string(u_size) + ": some were deleted";
          return check;
        }
        if (against->leaf_bytes(u_index) != std::vector<std::uint8_t>(leaf_bytes->begin(), leaf_bytes->end())) {
          check.problem = against->file.string() + ": " + against->unit() + " " + std::to_string(u_index) + " is no longer the proven event";
          return check;
        }
        integrity::CompactRange tree;
        std::vector<std::uint8_t> scratch;
        while (tree.size() < u_size) tree.append(against->leaf_hash(tree.size(), scratch));
        if (tree.root() != *root_hash) {
          check.problem = against->file.string() + ": its first " + std::to_string(u_size) + " " +
                          against->unit() + "s no longer give the proven root (porttwin verify names where it changed)";
          return check;
        }
        check.proven.push_back(against->file.string() + " still holds the proven event and everything under that root");
      }
      check.ok = true;
    }
    return check;
  }
  if (format && *format == kConsistencyProofFormat) {
    check.kind = "consistency";
    const auto first_size = r.integer(root, "", "first_size", true, 0, kMaxSize);
    const auto second_size = r.integer(root, "", "second_size", true, 0, kMaxSize);
    const auto first_root = hash_member(r, root, "", "first_root");
    const auto second_root = hash_member(r, root, "", "second_root");
    const auto path = hash_list(r, root, "", "consistency_path");
    const Json* first_object = r.member(root, "", "first_head", true);
    const Json* second_object = r.member(root, "", "second_head", true);
    const auto first = first_object ? read_head(r, *first_object, "/first_head") : std::nullopt;
    const auto second = second_object ? read_head(r, *second_object, "/second_head") : std::nullopt;
    if (!d.ok()) throw scenario::InvalidScenario(d);
    const auto m = static_cast<std::uint64_t>(*first_size), n = static_cast<std::uint64_t>(*second_size);
    if (first->root != *first_root || first->tree_size != m || second->root != *second_root || second->tree_size != n) {
      check.problem = "the tree heads' roots or sizes are not the proof's first/second root and size";
    } else if (!integrity::verify_consistency(m, n, *first_root, *second_root, *path)) {
      check.problem = "the consistency path does not prove that the tree of " + std::to_string(n) +
                      " rows extends the tree of " + std::to_string(m) + " (RFC 9162 2.1.4.2)";
    }
    if (!check.problem.empty()) return check;
    check.proven.push_back("the tree of " + std::to_string(n) + " rows (root " + integrity::hex(*second_root) +
                           ") extends the tree of " + std::to_string(m) + " rows (root " + integrity::hex(*first_root) +
                           "): none of the first " + std::to_string(m) + " rows was changed between the two heads");
    if (!say_signature(key, *first, "first", check) || !say_signature(key, *second, "second", check)) return check;
    if (against) {
      const TimelineCheck c = check_timeline(*against, {*first, *second}, std::nullopt, HeadsCover::some_rows);
      if (!c.ok) {
        check.problem = against->file.string() + ": " + c.problem;
        return check;
      }
      check.proven.push_back(against->file.string() + " still gives both roots");
    }
    check.ok = true;
    return check;
  }
  if (format) {
    r.error("/format", "found \"" + *format + "\", expected \"" + kInclusionProofFormat + "\" or \"" +
                           kConsistencyProofFormat + "\" (porttwin prove)");
  }
  throw scenario::InvalidScenario(d);
}

}  // namespace porttwin::analysis

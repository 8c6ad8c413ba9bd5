// The provable event timeline (docs/integrity.md): RFC 6962 / 9162 Merkle hashing against the
// reference implementation's vectors, proofs and their refusal when mutated, the canonical leaf, tree
// heads at checkpoints, Ed25519 signatures and key files.
#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <fstream>
#include <vector>

#include "scratch_directory.hpp"
#include "sim/integrity/event_timeline.hpp"
#include "sim/integrity/merkle_tree.hpp"
#include "sim/integrity/signing_key.hpp"
#include "sim/scenario/diagnostics.hpp"

using namespace porttwin;
using namespace porttwin::integrity;

namespace {

// The eight leaves of the Certificate Transparency reference tests (RFC 6962).
const std::vector<std::string> kLeaves = {"",         "00",       "10", "2021", "3031", "40414243", "5051525354555657",
                                          "606162636465666768696a6b6c6d6e6f"};
// MTH of the first 1..8 of them, as the reference implementation gives.
const std::vector<std::string> kRoots = {
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

std::vector<Digest> leaf_hashes(std::size_t n) {
  std::vector<Digest> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(leaf_hash(*unhex(kLeaves[i])));
  return out;
}

Digest d(const std::string& text) { return *digest_of_hex(text); }

std::vector<std::string> hexes(const std::vector<Digest>& path) {
  std::vector<std::string> out;
  for (const auto& h : path) out.push_back(hex(h));
  return out;
}

// Leaves for trees of any size: the hash of the index.
std::vector<Digest> counting_leaves(std::size_t n) {
  std::vector<Digest> out;
  for (std::size_t i = 0; i < n; ++i) {
    const auto bytes = std::bit_cast<std::array<std::uint8_t, 8>>(static_cast<std::uint64_t>(i));
    out.push_back(leaf_hash(bytes));
  }
  return out;
}

}  // namespace

TEST_CASE("The Merkle tree gives the RFC 6962 reference roots, at once and grown leaf by leaf", "[integrity]") {
  CHECK(hex(tree_root({})) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  const auto leaves = leaf_hashes(8);
  CompactRange grown;
  for (std::size_t n = 1; n <= 8; ++n) {
    grown.append(leaves[n - 1]);
    INFO("size " << n);
    CHECK(hex(tree_root(std::span<const Digest>(leaves.data(), n))) == kRoots[n - 1]);
    CHECK(hex(grown.root()) == kRoots[n - 1]);
  }
}

TEST_CASE("Inclusion paths are the reference implementation's and verify", "[integrity]") {
  const auto leaves = leaf_hashes(8);
  struct Case {
    std::uint64_t index, size;
    std::vector<std::string> path;
  };
  const std::vector<Case> cases = {
      {0, 1, {}},
      {0, 8,
       {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
      {5, 8,
       {"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
      {2, 3, {"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"}},
      {1, 5,
       {"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}}};
  for (const Case& c : cases) {
    INFO("leaf " << c.index << " of " << c.size);
    const std::span<const Digest> tree(leaves.data(), c.size);
    const auto path = inclusion_path(tree, c.index);
    CHECK(hexes(path) == c.path);
    const Digest root = d(kRoots[c.size - 1]);
    CHECK(verify_inclusion(c.index, c.size, leaves[c.index], path, root));
    // Mutated: wrong index, wrong size, a flipped byte, a truncated or lengthened path, wrong leaf.
    CHECK_FALSE(verify_inclusion(c.index + 1, c.size, leaves[c.index], path, root));
    if (c.index > 0) CHECK_FALSE(verify_inclusion(c.index - 1, c.size, leaves[c.index], path, root));
    CHECK_FALSE(verify_inclusion(c.index, c.size * 2, leaves[c.index], path, root));
    if (c.size > 1) CHECK_FALSE(verify_inclusion(c.index, c.size / 2, leaves[c.index], path, root));
    CHECK_FALSE(verify_inclusion(c.index, c.size, leaf_hash(*unhex("ff")), path, root));
    for (std::size_t j = 0; j < path.size(); ++j) {
      auto flipped = path;
      flipped[j][7] ^= 0x10;
      CHECK_FALSE(verify_inclusion(c.index, c.size, leaves[c.index], flipped, root));
    }
    if (!path.empty()) {
      auto truncated = path;
      truncated.pop_back();
      CHECK_FALSE(verify_inclusion(c.index, c.size, leaves[c.index], truncated, root));
    }
    auto longer = path;
    longer.push_back(root);
    CHECK_FALSE(verify_inclusion(c.index, c.size, leaves[c.index], longer, root));
  }
}

TEST_CASE("Consistency proofs are the reference implementation's and verify", "[integrity]") {
  const auto leaves = leaf_hashes(8);
  struct Case {
    std::uint64_t first, second;
    std::vector<std::string> path;
  };
  const std::vector<Case> cases = {
      {1, 1, {}},
      {1, 8,
       {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
      {6, 8,
       {"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
      {2, 5,
       {"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}}};
  for (const Case& c : cases) {
    INFO(c.first << " -> " << c.second);
    const auto path = consistency_path(std::span<const Digest>(leaves.data(), c.second), c.first);
    CHECK(hexes(path) == c.path);
    const Digest r1 = d(kRoots[c.first - 1]), r2 = d(kRoots[c.second - 1]);
    CHECK(verify_consistency(c.first, c.second, r1, r2, path));
    if (path.empty()) continue;
    CHECK_FALSE(verify_consistency(c.first - 1, c.second, r1, r2, path));
    CHECK_FALSE(verify_consistency(c.first + 1, c.second, r1, r2, path));
    CHECK_FALSE(verify_consistency(c.first, c.second * 2, r1, r2, path));
    CHECK_FALSE(verify_consistency(c.first, c.second, r2, r1, path));
    CHECK_FALSE(verify_consistency(c.first, c.second, r1, r2, {}));
    for (std::size_t j = 0; j < path.size(); ++j) {
      auto flipped = path;
      flipped[j][0] ^= 0x01;
      CHECK_FALSE(verify_consistency(c.first, c.second, r1, r2, flipped));
    }
    auto truncated = path;
    truncated.pop_back();
    CHECK_FALSE(verify_consistency(c.first, c.second, r1, r2, truncated));
    auto longer = path;
    longer.push_back(path.back());
    CHECK_FALSE(verify_consistency(c.first, c.second, r1, r2, longer));
  }
}

TEST_CASE("Every leaf of trees of 1 to 70 leaves has a short path that verifies; every prefix is consistent",
          "[integrity]") {
  const auto all = counting_leaves(70);
  CompactRange grown;
  for (std::size_t n = 1; n <= all.size(); ++n) {
    const std::span<const Digest> tree(all.data(), n);
    const Digest root = tree_root(tree);
    grown.append(all[n - 1]);
    REQUIRE(grown.root() == root);
    const auto bound = static_cast<std::size_t>(std::ceil(std::log2(static_cast<double>(n))));
    for (std::uint64_t i = 0; i < n; ++i) {
      const auto path = inclusion_path(tree, i);
      REQUIRE(path.size() <= bound);  // a proof is at most 32 * ceil(log2 n) bytes of hashes
      REQUIRE(verify_inclusion(i, n, all[i], path, root));
      REQUIRE_FALSE(verify_inclusion(i, n, all[(i + 1) % 70], path, root));
    }
    for (std::uint64_t m = 1; m <= n; ++m) {
      const Digest first = tree_root(std::span<const Digest>(all.data(), m));
      const auto path = consistency_path(tree, m);
      REQUIRE(verify_consistency(m, n, first, root, path));
      if (m < n) REQUIRE_FALSE(verify_consistency(m, n, tree_root(counting_leaves(m + 1)), root, path));
    }
  }
}

TEST_CASE("An event's leaf is the documented bytes and decodes back", "[integrity]") {
  const EventRow row{1.5, 258, 0, 3, 7};
  std::vector<std::uint8_t> bytes;
  encode_event_leaf(row, "gate", "FINISH", bytes);
  // 1.5 = 0x3FF8000000000000; entity 258 = 0x102; "gate"; "FINISH"; detail 7.
  CHECK(hex(bytes) == "3ff8000000000000" "0000000000000102" "04" "67617465" "06" "46494e495348" "0007");
  const auto leaf = decode_event_leaf(bytes);
  REQUIRE(leaf);
  CHECK(leaf->time == 1.5);
  CHECK(leaf->entity == 258);
  CHECK(leaf->place == "gate");
  CHECK(leaf->kind == "FINISH");
  CHECK(leaf->detail == 7);
  CHECK(encode_event_leaf(*leaf) == bytes);
  bytes.pop_back();
  CHECK_FALSE(decode_event_leaf(bytes));
  bytes.push_back(7);
  bytes.push_back(0);
  CHECK_FALSE(decode_event_leaf(bytes));
}

TEST_CASE("Tree heads come at every checkpoint the rows pass and at the end, covering the rows up to it",
          "[integrity]") {
  EventTimeline timeline({}, {60, nullptr});
  std::vector<Digest> leaves;
  auto add = [&](double t) {
    const EventRow row{t, 1, 0, 0, 0};
    timeline.append(row, "p");
    std::vector<std::uint8_t> bytes;
    encode_event_leaf(row, "p", "ENTER", bytes);
    leaves.push_back(leaf_hash(bytes));
  };
  for (double t : {0.0, 10.0, 60.0, 61.0, 62.0, 400.0, 400.0, 420.5}) add(t);
  timeline.close(3600);
  const auto heads = timeline.take_heads();
  // The row at 0 under the head at 0; rows up to 60 s under the head at 60 s; 61-62 under 120 s;
  // the two at 400 s under 420 s; the last under the final head at the horizon.
  REQUIRE(heads.size() == 5);
  const std::vector<std::pair<double, std::uint64_t>> expected = {{0, 1}, {60, 3}, {120, 5}, {420, 7}, {3600, 8}};
  for (std::size_t i = 0; i < heads.size(); ++i) {
    CHECK(heads[i].sim_time == expected[i].first);
    CHECK(heads[i].tree_size == expected[i].second);
    CHECK(heads[i].root == tree_root(std::span<const Digest>(leaves.data(), heads[i].tree_size)));
    CHECK_FALSE(heads[i].signature);
  }
  EventTimeline every_instant({}, {0, nullptr});
  for (double t : {1.0, 1.0, 2.0, 3.0}) every_instant.append({t, 1, 0, 0, 0}, "p");
  every_instant.close(3);
  std::vector<std::uint64_t> sizes;
  for (const auto& h : every_instant.take_heads()) sizes.push_back(h.tree_size);
  CHECK(sizes == std::vector<std::uint64_t>{2, 3, 4});
}

TEST_CASE("Signed tree heads verify with the writer's key only, and not once changed", "[integrity]") {
  const SigningKey key = SigningKey::generate();
  const SigningKey other = SigningKey::generate();
  EventTimeline timeline({}, {60, std::make_shared<const SigningKey>(key)});
  for (double t : {1.0, 70.0}) timeline.append({t, 1, 0, 0, 0}, "p");
  timeline.close(100);
  auto heads = timeline.take_heads();
  REQUIRE(heads.size() == 2);
  for (auto& h : heads) {
    CHECK(signature_valid(h, key.public_key()));
    CHECK_FALSE(signature_valid(h, other.public_key()));
    TreeHead changed = h;
    changed.tree_size += 1;
    CHECK_FALSE(signature_valid(changed, key.public_key()));
    changed = h;
    changed.root[31] ^= 1;
    CHECK_FALSE(signature_valid(changed, key.public_key()));
  }
}

TEST_CASE("Key files are written once and refused with a located error when they are not keys", "[integrity]") {
  testing::ScratchDirectory dir("keys");
  const SigningKey key = SigningKey::generate();
  key.write(dir.file("k.key"), dir.file("k.pub"));
  CHECK(SigningKey::read(dir.file("k.key")).public_key().hex() == key.public_key().hex());
  CHECK(PublicKey::read(dir.file("k.pub")).hex() == key.public_key().hex());
  CHECK((std::filesystem::status(dir.file("k.key")).permissions() & std::filesystem::perms::others_read) ==
        std::filesystem::perms::none);
  CHECK_THROWS(key.write(dir.file("k.key"), dir.file("k2.pub")));  // never replaces a key
  std::ofstream(dir.file("bad.pub")) << "# a comment\n  not-a-key\n";
  try {
    PublicKey::read(dir.file("bad.pub"));
    FAIL("a bad key file was accepted");
  } catch (const scenario::InvalidScenario& e) {
    CHECK_THAT(e.what(), Catch::Contains("bad.pub:2:3") && Catch::Contains("expected 64 hex digits"));
  }
  std::ofstream(dir.file("empty.key")) << "# nothing\n";
  CHECK_THROWS_WITH(SigningKey::read(dir.file("empty.key")), Catch::Contains("found no key line"));
}

// yard::retrieve: rehandle counting on hand-built stacks, the moves it returns, invariants after it,
// and where blockers go (same bay first; for the predictive policy, a stack leaving later).
#include <catch2/catch.hpp>

#include <map>

#include "models/yard/retrieval.hpp"
#include "yard_blocks.hpp"

using namespace porttwin::yard;
using porttwin::rng::Stream;

namespace {

constexpr double kHour = 3600;

BlockConfig test_block() { return porttwin::testing::block_config("R1", 5, 4, 5); }

// Container records by id; each expected to leave at `pickup_hour`.
struct Registry {
  std::map<ContainerId, Container> records;

  void add(ContainerId id, double pickup_hour) {
    Container c;
    c.id = id;
    c.expected_pickup = c.actual_pickup = pickup_hour * kHour;
    records[id] = c;
  }
  ContainerLookup lookup() const {
    return [this](ContainerId id) -> const Container& { return records.at(id); };
  }
};

// Stacks `ids` bottom to top on `stack`, each leaving at the hour given with it.
void build(Block& block, Registry& registry, StackRef stack, std::vector<std::pair<ContainerId, double>> ids) {
  for (const auto& [id, hour] : ids) {
    registry.add(id, hour);
    REQUIRE(block.place(stack, id).has_value());
  }
}

StackingConfig policy_named(const std::string& name) {
  StackingConfig c;
  c.policy = name;
  return c;
}

// A block with its container records, a stacking policy named in the scenario way and a stream.
struct PolicyYard {
  Block block{test_block()};
  Registry registry;
  StackingConfig config;
  std::unique_ptr<StackingPolicy> policy;
  Stream stream;
  PolicyYard(const std::string& policy_name, std::uint64_t seed)
      : config(policy_named(policy_name)),
        policy(make_stacking_policy(config, registry.lookup())),
        stream(seed, 0, "test.yard.retrieval") {}
};

}  // namespace

TEST_CASE("yard::retrieve: a buried container costs one rehandle per container above it", "[yard]") {
  PolicyYard yard("random", 1);
  auto& [block, registry, config, policy, stream] = yard;
  const StackRef s{2, 1};
  build(block, registry, s, {{1, 10}, {2, 20}, {3, 30}, {4, 40}});

  SECTION("the bottom of a 4-high stack: 3 rehandles, then the delivery") {
    const Retrieval r = retrieve(block, 1, *policy, config, 0, stream);
    CHECK(r.rehandles == 3);
    REQUIRE(r.moves.size() == 4);
    // Top-down, each from the top of the source stack.
    for (int i = 0; i < 3; ++i) {
      CHECK(r.moves[i].kind == MoveKind::Rehandle);
      CHECK(r.moves[i].container == ContainerId(4 - i));
      CHECK(r.moves[i].from == Slot{2, 1, 3 - i});
      REQUIRE(r.moves[i].to.has_value());
      CHECK(block.find(r.moves[i].container) == r.moves[i].to);
    }
    CHECK(r.moves[3].kind == MoveKind::Deliver);
    CHECK(r.moves[3].container == 1);
    CHECK(r.moves[3].from == Slot{2, 1, 0});
    CHECK_FALSE(r.moves[3].to.has_value());
    CHECK(block.height(s) == 0);
    CHECK(block.occupied() == 3);
    CHECK(block.validate().empty());
  }
  SECTION("the top: no rehandle") {
    const Retrieval r = retrieve(block, 4, *policy, config, 0, stream);
    CHECK(r.rehandles == 0);
    REQUIRE(r.moves.size() == 1);
    CHECK(r.moves[0].kind == MoveKind::Deliver);
    CHECK(block.height(s) == 3);
    CHECK(block.validate().empty());
  }
  SECTION("the second from the bottom: 2 rehandles") {
    CHECK(retrieve(block, 2, *policy, config, 0, stream).rehandles == 2);
    CHECK(block.stack(s) == std::vector<ContainerId>{1});
    CHECK(block.validate().empty());
  }
  SECTION("a container not in the block") {
    CHECK_THROWS_AS(retrieve(block, 99, *policy, config, 0, stream), std::invalid_argument);
  }
}

TEST_CASE("yard::retrieve: blockers go to the same bay first, then the nearest bay with room", "[yard]") {
  PolicyYard yard("random", 2);
  auto& [block, registry, config, policy, stream] = yard;
  build(block, registry, {2, 0}, {{1, 10}, {2, 20}, {3, 30}});

  SECTION("room in the same bay") {
    const Retrieval r = retrieve(block, 1, *policy, config, 0, stream);
    REQUIRE(r.rehandles == 2);
    for (int i = 0; i < 2; ++i) CHECK(r.moves[i].to->bay == 2);
  }
  SECTION("the same bay full: the next bay") {
    ContainerId id = 100;
    for (int row = 1; row < 4; ++row) {
      for (int tier = 0; tier < 5; ++tier) build(block, registry, {2, row}, {{id++, 50}});
    }
    const Retrieval r = retrieve(block, 1, *policy, config, 0, stream);
    REQUIRE(r.rehandles == 2);
    for (int i = 0; i < 2; ++i) CHECK((r.moves[i].to->bay == 1 || r.moves[i].to->bay == 3));
    CHECK(block.validate().empty());
  }
}

TEST_CASE("yard::retrieve: the predictive policy relocates a blocker onto a stack leaving after it", "[yard]") {
  PolicyYard yard("predictive", 3);
  auto& [block, registry, config, policy, stream] = yard;
  // Retrieve 1 (leaves at hour 10) from under 2 (leaves at hour 30).
  build(block, registry, {2, 0}, {{1, 10}, {2, 30}});
  build(block, registry, {2, 1}, {{10, 5}});  // leaves before 2: placing 2 there would block it

  SECTION("the tightest clean fit in the same bay") {
    build(block, registry, {2, 2}, {{11, 100}});  // leaves long after 2
    build(block, registry, {2, 3}, {{12, 40}});   // leaves after 2, the tightest fit
    const Retrieval r = retrieve(block, 1, *policy, config, 0, stream);
    REQUIRE(r.rehandles == 1);
    CHECK(r.moves[0].to == Slot{2, 3, 1});
  }
  SECTION("no clean stack in the same bay") {
    build(block, registry, {2, 2}, {{13, 1}});
    build(block, registry, {2, 3}, {{14, 2}});
    // Every stack of bays 0, 1, 3 and 4 gets a box leaving early, except (0, 0), two bays away.
    build(block, registry, {0, 0}, {{15, 50}});
    ContainerId id = 200;
    for (int bay : {0, 1, 3, 4}) {
      for (int row = 0; row < 4; ++row) {
        if (!(bay == 0 && row == 0)) build(block, registry, {bay, row}, {{id++, 1}});
      }
    }
    SECTION("a clean stack within relocation_bays") {
      config.relocation_bays = 2;
      CHECK(retrieve(block, 1, *policy, config, 0, stream).moves[0].to == Slot{0, 0, 1});
    }
    SECTION("beyond relocation_bays: the same bay, on the stack whose earliest box leaves last") {
      config.relocation_bays = 1;
      CHECK(retrieve(block, 1, *policy, config, 0, stream).moves[0].to == Slot{2, 1, 1});
    }
  }
  CHECK(block.validate().empty());
}

TEST_CASE("yard::retrieve: the category policy relocates onto the same class, else an empty stack", "[yard]") {
  // Default classes: whole days left. The blocker 2 (30 h) is in class 1, as is 4 (31 h); 3 (5 h) in class 0.
  PolicyYard yard("category", 4);
  auto& [block, registry, config, policy, stream] = yard;
  build(block, registry, {1, 0}, {{1, 10}, {2, 30}});
  build(block, registry, {1, 1}, {{3, 5}});
  build(block, registry, {1, 2}, {{4, 31}});

  SECTION("a stack topped by the same class") {
    CHECK(retrieve(block, 1, *policy, config, 0, stream).moves[0].to == Slot{1, 2, 1});
  }
  SECTION("else the empty stack of the bay") {
    registry.records[4].expected_pickup = 20 * kHour;  // class 0: 2 would block it
    CHECK(retrieve(block, 1, *policy, config, 0, stream).moves[0].to == Slot{1, 3, 0});
  }
  CHECK(block.validate().empty());
}

// yard::Block: stacking and unstacking, refusals, positions of slots, and validate() catching the
// violations that ingested data can bring (floating box, duplicate, stale index).
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "models/yard/block.hpp"
#include "yard_blocks.hpp"

using namespace porttwin::yard;

namespace {

BlockConfig small_block() { return porttwin::testing::block_config("T1", 3, 2, 3); }

bool mentions(const std::vector<std::string>& problems, const std::string& words) {
  return std::any_of(problems.begin(), problems.end(),
                     [&](const std::string& p) { return p.find(words) != std::string::npos; });
}

}  // namespace

TEST_CASE("yard::Block: placing and removing keep heights, the index and free slots", "[yard]") {
  Block block(small_block());
  REQUIRE(block.capacity() == 18);
  REQUIRE(block.free_slots() == 18);

  const StackRef s{1, 0};
  REQUIRE(block.place(s, 7) == Slot{1, 0, 0});
  REQUIRE(block.place(s, 8) == Slot{1, 0, 1});
  CHECK(block.height(s) == 2);
  CHECK(block.top(s) == ContainerId{8});
  CHECK(block.find(7) == Slot{1, 0, 0});
  CHECK(block.containers_above(Slot{1, 0, 0}) == 1);
  CHECK(block.free_slots() == 16);
  CHECK(block.validate().empty());

  CHECK(block.remove_top(s) == 8);
  CHECK_FALSE(block.find(8).has_value());
  CHECK(block.height(s) == 1);
  CHECK(block.occupied() == 1);
  CHECK(block.validate().empty());

  SECTION("a full stack refuses another container and stays as it was") {
    REQUIRE(block.place(s, 9).has_value());
    REQUIRE(block.place(s, 10).has_value());
    CHECK_FALSE(block.has_room(s));
    CHECK_FALSE(block.place(s, 11).has_value());
    CHECK(block.height(s) == 3);
    CHECK_FALSE(block.find(11).has_value());
    CHECK(block.validate().empty());
  }
  SECTION("misuse is an error, not a silent change") {
    CHECK_THROWS_AS(block.place({0, 0}, 7), std::logic_error);  // already in the block
    CHECK_THROWS_AS(block.place({0, 0}, kNoContainer), std::invalid_argument);
    CHECK_THROWS_AS(block.remove_top({2, 1}), std::logic_error);  // empty stack
    CHECK_THROWS_AS(block.place({3, 0}, 12), std::out_of_range);
  }
}

TEST_CASE("yard::Block: arrivals stop while only enough room for one retrieval's blockers is left", "[yard]") {
  BlockConfig c = small_block();
  c.bays = 1;
  c.rows = 2;  // 6 slots, 3 tiers: arrivals stop with 2 free slots
  Block block(c);
  ContainerId id = 1;
  for (StackRef s : {StackRef{0, 0}, StackRef{0, 0}, StackRef{0, 0}, StackRef{0, 1}}) {
    CHECK(block.accepts_arrival());
    block.place(s, id++);
  }
  CHECK(block.free_slots() == 2);
  CHECK_FALSE(block.accepts_arrival());
}

TEST_CASE("yard::Block: every slot has a real position, the handover point is beside or before the block", "[yard]") {
  BlockConfig c = small_block();
  c.origin_x = 100;
  c.origin_y = 50;
  Block block(c);
  const Position p = block.position(Slot{2, 1, 2});
  CHECK(p.x == Approx(100 + 2.5 * 6.5));
  CHECK(p.y == Approx(50 + 1.5 * 2.8));
  CHECK(p.z == Approx(2 * 2.59));
  CHECK(block.travel_height() == Approx(3 * 2.59));

  const Position side = block.handover_position({2, 0});
  CHECK(side.x == Approx(p.x));
  CHECK(side.y == Approx(50 + 2 * 2.8 + 4.0 / 2));
  CHECK(side.z == 0);

  c.handover = "end";
  const Position end = Block(c).handover_position({2, 1});
  CHECK(end.x == Approx(100 - 2.0));
  CHECK(end.y == Approx(p.y));
}

TEST_CASE("yard::Block: validate() reports floating containers, duplicates and a stale index", "[yard]") {
  Block block(small_block());
  block.place({0, 0}, 1);
  block.place({0, 0}, 2);
  REQUIRE(block.validate().empty());

  SECTION("a container above an empty slot floats") {
    block.write_slot_unchecked(Slot{1, 1, 1}, 5);
    const auto problems = block.validate();
    INFO(problems.size() << " problems, first: " << (problems.empty() ? "" : problems.front()));
    CHECK(mentions(problems, "container 5 at (bay 1, row 1, tier 1) floats above an empty slot"));
  }
  SECTION("emptying a slot under a container leaves it floating") {
    block.write_slot_unchecked(Slot{0, 0, 0}, kNoContainer);
    const auto problems = block.validate();
    CHECK(mentions(problems, "container 2 at (bay 0, row 0, tier 1) floats"));
    CHECK(mentions(problems, "the index puts container 1 at (bay 0, row 0, tier 0), which holds nothing"));
  }
  SECTION("one container in two slots") {
    block.write_slot_unchecked(Slot{2, 0, 0}, 1);
    const auto problems = block.validate();
    CHECK(mentions(problems, "container 1 is in two slots: (bay 0, row 0, tier 0) and (bay 2, row 0, tier 0)"));
  }
  SECTION("two containers reported in one slot: the one overwritten is still indexed there") {
    block.write_slot_unchecked(Slot{0, 0, 1}, 9);
    const auto problems = block.validate();
    CHECK(mentions(problems, "the index puts container 2 at (bay 0, row 0, tier 1), which holds container 9"));
  }
  SECTION("a consistent snapshot validates clean") {
    block.write_slot_unchecked(Slot{1, 0, 0}, 3);
    block.write_slot_unchecked(Slot{1, 0, 1}, 4);
    CHECK(block.validate().empty());
    CHECK(block.find(4) == Slot{1, 0, 1});
    CHECK(block.occupied() == 4);
  }
}

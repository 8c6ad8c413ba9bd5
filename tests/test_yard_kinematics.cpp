// yard::CraneKinematics: travel and move times against hand-computed geometry, and the defaults of
// each crane type.
#include <catch2/catch.hpp>

#include "models/yard/crane_kinematics.hpp"

using namespace porttwin::yard;

namespace {

// Round numbers so every term below can be checked by hand: 1 m/s gantry, 0.5 m/s trolley,
// hoisting 0.5 m/s loaded and 1 m/s empty, 20 s handling.
CraneKinematicsConfig round_crane(bool gantry_with_trolley) {
  return {60, 30, 30, 60, 20, gantry_with_trolley};
}

}  // namespace

TEST_CASE("yard::CraneKinematics: an RTG gantries 10 bays of 6.5 m at 3 km/h in 78 s", "[yard]") {
  const CraneKinematics rtg(rtg_kinematics());
  Block block(BlockConfig{});  // 6.5 m bays
  const Position from = block.position(Slot{0, 2, 0});
  const Position to = block.position(Slot{10, 2, 0});
  // 65 m at 3000 m / 3600 s.
  CHECK(rtg.travel_time(from, to) == Approx(65 / (3000.0 / 3600)));
  CHECK(rtg.travel_time(from, to) == Approx(78));
  CHECK(rtg.gantry_time(-65) == Approx(78));  // direction does not matter
}

TEST_CASE("yard::CraneKinematics: gantry and trolley add up, or overlap when the crane moves both at once", "[yard]") {
  const Position a{0, 0, 0}, b{13, 6, 0};
  CHECK(CraneKinematics(round_crane(false)).travel_time(a, b) == Approx(13 + 12));
  CHECK(CraneKinematics(round_crane(true)).travel_time(a, b) == Approx(13));
}

TEST_CASE("yard::CraneKinematics: a lift lowers and hoists from travel height at empty and loaded speeds", "[yard]") {
  const CraneKinematics crane(round_crane(false));
  const Position pick{0, 0, 0}, set{13, 6, 2.5};
  // Pick: 10 m down empty (10 s) + 10 m up loaded (20 s); travel 13 + 12 s;
  // set: 7.5 m down loaded (15 s) + 7.5 m up empty (7.5 s); handling 20 s.
  CHECK(crane.lift_time(pick, set, 10) == Approx(30 + 25 + 22.5 + 20));
}

TEST_CASE("yard::CraneKinematics: a retrieval's moves are timed from slot positions, handover included", "[yard]") {
  BlockConfig c;
  c.bays = 4;
  c.rows = 2;
  c.tiers = 2;
  c.bay_length = 6;
  c.row_width = 3;
  c.tier_height = 2.5;
  c.lane_width = 4;  // handover at y = 2 * 3 + 2 = 8
  Block block(c);
  const CraneKinematics crane(round_crane(false));
  // Rehandle from (bay 1, row 0, tier 1) to (bay 1, row 1, tier 0), then deliver (bay 1, row 0, tier 0).
  const std::vector<Move> moves = {Move::rehandle(2, Slot{1, 0, 1}, Slot{1, 1, 0}), Move::deliver(1, Slot{1, 0, 0})};
  const Position start = block.position(Slot{0, 0, 0});  // one bay away: 6 s of gantry
  // Travel height 5 m. Rehandle: pick at 2.5 m (2.5 + 5 s), trolley 3 m (6 s), set at 0 (10 + 5 s), 20 s.
  const double rehandle = 6 + (2.5 + 5) + 6 + (10 + 5) + 20;
  // Back 3 m of trolley (6 s); deliver: pick at 0 (5 + 10 s), trolley from y 1.5 to 8 (13 s),
  // set at 0 (10 + 5 s), 20 s.
  const double deliver = 6 + (5 + 10) + 13 + (10 + 5) + 20;
  CHECK(crane.moves_time(block, moves, start) == Approx(rehandle + deliver));
}

TEST_CASE("yard::CraneKinematics: defaults per crane type and the fleet lookup", "[yard]") {
  CHECK(rtg_kinematics().gantry_speed == Approx(3000.0 / 60));  // 3 km/h in m/min
  CHECK_FALSE(rtg_kinematics().gantry_with_trolley);
  CHECK(armg_kinematics().gantry_speed == Approx(240));
  CHECK(armg_kinematics().gantry_with_trolley);
  const CraneFleetConfig fleet;
  CHECK(kinematics_of(fleet, "rmg").gantry_speed == Approx(140));
  CHECK_THROWS_AS(kinematics_of(fleet, "straddle"), std::invalid_argument);
  CHECK_THROWS_AS(CraneKinematics(CraneKinematicsConfig{0, 70, 28, 56, 30, false}), std::invalid_argument);
}

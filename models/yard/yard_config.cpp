#include "models/yard/yard_config.hpp"

#include <set>
#include <stdexcept>

#include "models/yard/container.hpp"

namespace porttwin::yard {

// RTG: gantry 3 km/h, the travel speed trade press calls typical of an RTG (Hoist Magazine,
// "Overhead cranes on tyres"); data sheets give 25-90 m/min loaded and 90-130 m/min
// empty as top speeds, so 3 km/h stands for travel with acceleration, braking and alignment over
// the short hops between bays. Trolley 70 m/min and hoist 28/56 m/min loaded/empty: RTG data
// sheets (crane-manufacturer.com table of RTG models 1984-1994: trolley 65-70 m/min; karuicrane.com
// RTG table: hoist 28/56). Diesel RTGs travel gantry and trolley one after the other.
CraneKinematicsConfig rtg_kinematics() { return {50, 70, 28, 56, 30, false}; }

// ARMG: Kalmar automatic stacking cranes at ECT Delta, Rotterdam (Cargotec, 2002): gantry
// 240 m/min, trolley 48 m/min, hoist 36/60 m/min loaded/empty, up to 30 moves/h; automated
// drives move gantry and trolley together.
CraneKinematicsConfig armg_kinematics() { return {240, 48, 36, 60, 30, true}; }

// RMG (manned, rail terminals): Gottwald rail-mounted gantries at Busto Arsizio (Cranes Today):
// portal 140 m/min, hoist up to 30 m/min loaded. The empty hoist (60) and trolley (70) speeds are
// assumptions taken from the same ratio and value as the RTG figures.
CraneKinematicsConfig rmg_kinematics() { return {140, 70, 30, 60, 30, false}; }

const CraneKinematicsConfig& kinematics_of(const CraneFleetConfig& fleet, std::string_view crane_type) {
  if (crane_type == "rtg") return fleet.rtg;
  if (crane_type == "armg") return fleet.armg;
  if (crane_type == "rmg") return fleet.rmg;
  throw std::invalid_argument("unknown yard crane type \"" + std::string(crane_type) + "\"");
}

void declare(scenario::Section& s, CraneKinematicsConfig& c) {
  s.real("gantry_speed", c.gantry_speed, "Gantry travel speed along the block, m/min (3 km/h = 50 m/min)")
      .greater_than(0);
  s.real("trolley_speed", c.trolley_speed, "Trolley speed across the block, m/min").greater_than(0);
  s.real("hoist_speed_loaded", c.hoist_speed_loaded, "Hoisting and lowering speed with a container, m/min")
      .greater_than(0);
  s.real("hoist_speed_empty", c.hoist_speed_empty, "Hoisting and lowering speed of the empty spreader, m/min")
      .greater_than(0);
  s.duration("handling_time", c.handling_time,
             "Per move: fine positioning over the pick and set slots, locking and unlocking the twistlocks")
      .min(0);
  s.flag("gantry_with_trolley", c.gantry_with_trolley,
         "Whether gantry and trolley travel at the same time (true) or one after the other (false)");
}

void declare(scenario::Section& s, CraneFleetConfig& c) {
  declare(s.section("rtg", "Rubber-tyred gantry cranes"), c.rtg);
  declare(s.section("armg", "Automated rail-mounted gantry cranes (automatic stacking cranes)"), c.armg);
  declare(s.section("rmg", "Manned rail-mounted gantry cranes"), c.rmg);
}

void declare(scenario::Section& s, BlockConfig& c) {
  s.text("name", c.name, "Block name, unique in the yard").required();
  s.choice("area", c.area, std::vector<std::string>(kCategoryNames.begin(), kCategoryNames.end()),
           "Containers the block holds: import, export, empty or reefer (reefer blocks have power points)");
  s.choice("crane", c.crane, kCraneTypes, "Type of the yard cranes working the block: rtg, armg or rmg");
  s.integer("bays", c.bays, "20-ft bays along the block").range(1, 200);
  s.integer("rows", c.rows, "Rows across the block (an RTG spans 6-7 rows plus a truck lane)").range(1, 20);
  s.integer("tiers", c.tiers, "Containers a stack may hold (an RTG \"1 over 5\" stacks 5 high)").range(1, 10);
  s.real("bay_length", c.bay_length, "Pitch of one bay along the block, m (a 20-ft box is 6.06 m)")
      .greater_than(0);
  s.real("row_width", c.row_width, "Pitch of one row across the block, m (a box is 2.44 m wide)").greater_than(0);
  s.real("tier_height", c.tier_height, "Height of one tier, m (2.59 standard, 2.90 high cube)").greater_than(0);
  s.real("origin_x", c.origin_x, "Terminal x of the block's corner at bay 0, row 0, m (bays run along x)");
  s.real("origin_y", c.origin_y, "Terminal y of the block's corner at bay 0, row 0, m (rows run along y)");
  s.choice("handover", c.handover, kHandoverSides,
           "Where trucks are served: side (a lane alongside the last row, as for RTGs) or end (a transfer "
           "zone before bay 0, as for end-loaded ARMGs)");
  s.real("lane_width", c.lane_width, "Width of the truck lane or transfer zone, m").greater_than(0);
}

void declare(scenario::Section& s, StackingConfig& c) {
  s.choice("policy", c.policy, kStackingPolicies,
           "Where arriving containers go: random (any stack with room), category (stacks keep one dwell "
           "class) or predictive (by expected pickup time, so that no box sits on one leaving earlier)");
  s.integer("classes", c.classes, "Dwell classes of the category policy; the last one is open-ended")
      .range(1, 100);
  s.duration("class_width", c.class_width,
             "Expected dwell spanned by one class (5 classes of 1d cover the 3-4 day import dwell of most "
             "ports)")
      .greater_than(0);
  s.duration("pickup_noise_sd", c.pickup_noise_sd,
             "Standard deviation of the error of the expected pickup time the terminal knows (0s: exact)")
      .min(0);
  s.integer("relocation_bays", c.relocation_bays,
            "During a retrieval, how many bays away from the retrieved box a blocker may be moved to find "
            "a stack where it will not need moving again; beyond, it goes to the nearest bay with room")
      .range(0, 200);
}

void declare(scenario::Section& s, YardConfig& c) {
  s.list("blocks", c.blocks, "Yard blocks", [](scenario::Section& b, BlockConfig& bc) { declare(b, bc); }, 1);
  declare(s.section("stacking", "Stacking policy and relocation of blockers"), c.stacking);
  declare(s.section("cranes", "Kinematics of each yard-crane type"), c.cranes);
}

void check(const YardConfig& c, const std::string& yard_path, scenario::Diagnostics& d) {
  std::set<std::string> names;
  for (std::size_t i = 0; i < c.blocks.size(); ++i) {
    if (!names.insert(c.blocks[i].name).second) {
      const std::string path = yard_path + ".blocks[" + std::to_string(i) + "].name";
      d.error(path, "found \"" + c.blocks[i].name + "\" again, expected a unique block name");
    }
  }
}

}  // namespace porttwin::yard

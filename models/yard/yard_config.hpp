// The yard's scenario parameters: blocks (geometry, area, crane), the stacking policy and the
// kinematics of each yard-crane type. Each struct's initial values are the documented defaults;
// declare() binds them to a `yard:` scenario section so that every number can be set from YAML.
//
// Units: lengths in metres, times in seconds, crane speeds in m/min as crane data sheets give them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/schema.hpp"

namespace porttwin::yard {

inline const std::vector<std::string> kCraneTypes = {"rtg", "armg", "rmg"};
inline const std::vector<std::string> kStackingPolicies = {"random", "category", "predictive"};
inline const std::vector<std::string> kHandoverSides = {"side", "end"};

struct CraneKinematicsConfig {
  double gantry_speed = 50;        // m/min, along the block (bays)
  double trolley_speed = 70;       // m/min, across the block (rows)
  double hoist_speed_loaded = 28;  // m/min
  double hoist_speed_empty = 56;   // m/min
  double handling_time = 30;       // s per move: fine positioning over pick and set, twistlocks
  bool gantry_with_trolley = false;  // whether gantry and trolley travel at the same time
};

// Defaults per crane type; the sources are given in yard_config.cpp.
CraneKinematicsConfig rtg_kinematics();
CraneKinematicsConfig armg_kinematics();
CraneKinematicsConfig rmg_kinematics();

struct CraneFleetConfig {
  CraneKinematicsConfig rtg = rtg_kinematics();
  CraneKinematicsConfig armg = armg_kinematics();
  CraneKinematicsConfig rmg = rmg_kinematics();
};

// The kinematics of `crane_type` (one of kCraneTypes; std::invalid_argument otherwise).
const CraneKinematicsConfig& kinematics_of(const CraneFleetConfig& fleet, std::string_view crane_type);

struct BlockConfig {
  std::string name = "block";
  std::string area = "import";  // one of kCategoryNames (container.hpp)
  std::string crane = "rtg";    // one of kCraneTypes
  int bays = 30;
  int rows = 6;
  int tiers = 5;
  double bay_length = 6.5;    // m, pitch of one 20-ft bay along the block
  double row_width = 2.8;     // m, pitch of one row across the block
  double tier_height = 2.59;  // m, one standard (8 ft 6 in) container
  double origin_x = 0;        // m, corner of bay 0, row 0 in terminal coordinates
  double origin_y = 0;
  std::string handover = "side";  // trucks served alongside the block (RTG) or at its end (ARMG)
  double lane_width = 4.0;        // m, truck lane or transfer zone
};

struct StackingConfig {
  std::string policy = "category";  // one of kStackingPolicies
  int classes = 5;                  // dwell classes of the category policy
  double class_width = 86400;       // s, expected dwell spanned by one class
  double pickup_noise_sd = 0;       // s, error of the expected pickup time (0: exact)
  int relocation_bays = 2;          // how far a rehandle may look for a stack that causes no rehandle
};

struct YardConfig {
  std::vector<BlockConfig> blocks;
  StackingConfig stacking;
  CraneFleetConfig cranes;
};

void declare(scenario::Section& section, CraneKinematicsConfig& config);
void declare(scenario::Section& section, CraneFleetConfig& config);
void declare(scenario::Section& section, BlockConfig& config);
void declare(scenario::Section& section, StackingConfig& config);
void declare(scenario::Section& yard, YardConfig& config);

// Checks across keys that a single declaration cannot express (unique block names).
// `path`: where the yard section sits in the scenario ("terminal.yard"), for located messages.
void check(const YardConfig& config, const std::string& path, scenario::Diagnostics& diagnostics);

}  // namespace porttwin::yard

// The HDF5 row types of the run file's /yard group, shared by YardLog (writing) and
// analysis/yard_state (reading). Layout: docs/run-file.md, "Yard state".
//   /yard/blocks            one row per block: index, name, dimensions
//   /yard/plan              one row per block: its area and where it lies (terminal metres)
//   /yard/terminal          one row: the quay (berths, cranes) and the truck gate's position
//   /yard/moves             every crane move in time order
//   /yard/keyframes/index   one row per keyframe: its time and where its rows are
//   /yard/keyframes/slots   the occupied slots of every keyframe, keyframe after keyframe
//   /yard/crane_track       every change of a yard crane's position or job (terminal runs)
//   /yard/keyframes/cranes  every crane's state at every keyframe
//   /yard/truck_track       every change of an external truck's stage (terminal runs)
//   /yard/keyframes/trucks  every truck in the terminal at every keyframe
// A reader rebuilds the yard at t from the last keyframe at or before t plus the moves after it,
// reading only those row ranges, so a run file larger than memory can still be browsed.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/record/h5_file.hpp"
#include "sim/record/h5_types.hpp"

namespace porttwin {

// A slot coordinate (bay, row or tier) that does not exist: the handover point of a move.
inline constexpr std::int32_t kNoSlotCoordinate = -1;

struct YardBlockRow {
  std::uint32_t index = 0;  // what YardMoveRow::block and YardSlotRow::block refer to
  char name[60] = {};
  std::int32_t bays = 0;
  std::int32_t rows = 0;
  std::int32_t tiers = 0;
};

// Where a block lies, for drawing the yard from the run file alone (/yard/plan, /yard/blocks order).
struct YardPlanRow {
  std::uint32_t index = 0;
  char area[16] = {};       // the block's category: import, export, empty, reefer
  double origin_x = 0;      // m: the corner of bay 0, row 0 in terminal coordinates
  double origin_y = 0;
  double bay_length = 6.5;  // m: pitch of a bay along x
  double row_width = 2.8;   // m: pitch of a row along y
};

// The terminal around the yard (/yard/terminal, one row): the quay along y = 0 and the truck gate.
struct TerminalPlanRow {
  std::int32_t berths = 0;
  double berth_length = 350;  // m
  std::int32_t cranes_per_berth = 0;
  double gate_x = 0;          // m
  double gate_y = 0;
  std::int32_t gate_in_lanes = 0;
  std::int32_t gate_out_lanes = 0;
};

// The terminal's plan: what /yard/plan and /yard/terminal hold.
struct YardPlan {
  std::vector<YardPlanRow> blocks;  // /yard/blocks order
  TerminalPlanRow terminal;
};

// Writes /yard/plan and /yard/terminal into `yard` (the /yard group).
void write_yard_plan(h5::Group& yard, const YardPlan& plan);
// Reads them from a run file's root; nullopt when the file has none (written before they existed).
std::optional<YardPlan> read_yard_plan(const h5::Group& root);

// Stored values of YardMoveRow::kind, as yard::MoveKind numbers them.
enum class YardMoveKind : std::uint8_t { Receive = 0, Rehandle = 1, Deliver = 2 };

struct YardMoveRow {
  double time = 0;  // s since the scenario start
  std::uint64_t container = 0;
  std::uint32_t block = 0;
  YardMoveKind kind = YardMoveKind::Rehandle;
  std::int32_t from_bay = kNoSlotCoordinate;  // all three -1: from the handover point
  std::int32_t from_row = kNoSlotCoordinate;
  std::int32_t from_tier = kNoSlotCoordinate;
  std::int32_t to_bay = kNoSlotCoordinate;  // all three -1: the box leaves the block
  std::int32_t to_row = kNoSlotCoordinate;
  std::int32_t to_tier = kNoSlotCoordinate;
};

struct YardKeyframeRow {
  double time = 0;                   // s: the yard after every move recorded before this keyframe
  std::uint64_t first_slot_row = 0;  // its first row in /yard/keyframes/slots
  std::uint64_t slot_count = 0;      // how many rows it has there (occupied slots)
  std::uint64_t moves_before = 0;    // rows of /yard/moves recorded before it: replay starts here
  std::uint64_t first_crane_row = 0; // its first row in /yard/keyframes/cranes
  std::uint64_t crane_count = 0;     // how many rows it has there (one per crane)
  std::uint64_t track_before = 0;    // rows of /yard/crane_track recorded before it
  std::uint64_t first_truck_row = 0; // its first row in /yard/keyframes/trucks
  std::uint64_t truck_count = 0;     // trucks in the terminal then
  std::uint64_t trucks_before = 0;   // rows of /yard/truck_track recorded before it
};

// Where an external truck is in the terminal. Stored values of YardTruckRow::stage.
enum class TruckStage : std::uint8_t { Left = 0, InGate = 1, ExceptionDesk = 2, Yard = 3, OutGate = 4 };

// /yard/truck_track: a row whenever a truck enters a stage (in-gate queue or lane, exception desk,
// the yard (driving to or waiting at block `block`), out-gate, left); /yard/keyframes/trucks: every
// truck in the terminal at each keyframe.
struct YardTruckRow {
  double time = 0;
  std::uint64_t truck = 0;
  TruckStage stage = TruckStage::Left;
  std::int32_t block = -1;  // in the yard: the block it drives to or is served at
  bool operator==(const YardTruckRow&) const = default;
};

// A yard crane's state: where its spreader is (terminal coordinates, m) and the box of its current
// job (0: idle). /yard/crane_track has a row whenever it changes (a lift ends, a job starts or
// ends); /yard/keyframes/cranes has every crane's row at each keyframe.
struct YardCraneRow {
  double time = 0;
  std::uint32_t crane = 0;
  std::uint32_t block = 0;
  double x = 0;
  double y = 0;
  double z = 0;
  std::uint64_t container = 0;
  std::int32_t desk = -1;  // remote-operation desk working the crane's job; -1 an operator on board (or idle)
  bool operator==(const YardCraneRow&) const = default;
};

struct YardSlotRow {
  std::uint32_t block = 0;
  std::int32_t bay = 0;
  std::int32_t row = 0;
  std::int32_t tier = 0;
  std::uint64_t container = 0;
};

h5::CompoundType yard_block_row_type();     // /yard/blocks
h5::CompoundType yard_plan_row_type();      // /yard/plan
h5::CompoundType terminal_plan_row_type();  // /yard/terminal
h5::CompoundType yard_move_row_type();      // /yard/moves
h5::CompoundType yard_keyframe_row_type();  // /yard/keyframes/index
h5::CompoundType yard_slot_row_type();      // /yard/keyframes/slots
h5::CompoundType yard_crane_row_type();     // /yard/crane_track, /yard/keyframes/cranes
h5::CompoundType yard_truck_row_type();     // /yard/truck_track, /yard/keyframes/trucks

}  // namespace porttwin

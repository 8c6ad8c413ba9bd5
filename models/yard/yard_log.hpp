// Records the yard so that any moment of a run can be rebuilt (analysis/yard_state.hpp): every
// crane move as it happens, and every `keyframe_interval` seconds a keyframe of every container's
// slot. Rebuilding t then costs one keyframe plus at most one interval of moves, whatever the run
// length. Row layout: models/yard/record/yard_layout.hpp (the format readers share).
//
// Yard cranes' positions and jobs and trucks' stages are further tables beside /yard/moves, with
// keyframe tables indexed by the same keyframe row.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "models/yard/block.hpp"
#include "models/yard/move.hpp"
#include "models/yard/record/yard_layout.hpp"
#include "sim/record/h5_file.hpp"

namespace porttwin {

struct YardLogOptions {
  double keyframe_interval = 4 * 3600.0;  // s; scenario setting record.yard_keyframe_interval
  std::size_t chunk_rows = 4096;          // moves buffered before a write; also the HDF5 chunk size
  int deflate = 1;                        // 0-9
};

class YardLog {
 public:
  // Creates the group `name` in `parent` and writes the block table. std::invalid_argument for a
  // keyframe interval that is not positive.
  YardLog(h5::Group& parent, const std::vector<yard::Block>& blocks, YardLogOptions options,
          const std::string& name = "yard")
      : YardLog(parent, block_rows_of(blocks), options, name) {}
  YardLog(h5::Group& parent, const std::vector<YardBlockRow>& blocks, YardLogOptions options,
          const std::string& name = "yard");

  // Moves come in time order (std::invalid_argument otherwise, or for a block index out of range).
  void record_move(double time, std::uint32_t block, const yard::Move& move);

  // A yard crane's new state, a truck's new stage (time order with the moves, like them).
  void record_crane(const YardCraneRow& row);
  void record_truck(const YardTruckRow& row);

  // The yard after every move recorded so far, as it stands at `time` (not before the last move),
  // with every crane's state when the yard has cranes.
  void keyframe(double time, const std::vector<yard::Block>& blocks, const std::vector<YardCraneRow>& cranes = {},
                const std::vector<YardTruckRow>& trucks = {}) {
    keyframe(time, slot_rows_of(blocks), cranes, trucks);
  }
  void keyframe(double time, const std::vector<YardSlotRow>& occupied_slots,
                const std::vector<YardCraneRow>& cranes = {}, const std::vector<YardTruckRow>& trucks = {});

  // When the next keyframe is due: one interval after the previous one (after t = 0 for the first;
  // the yard before the first keyframe is rebuilt from empty).
  double next_keyframe_time() const { return next_keyframe_time_; }
  double keyframe_interval() const { return options_.keyframe_interval; }

  std::uint64_t move_count() const { return moves_.size() + pending_moves_.size(); }
  std::uint64_t keyframe_count() const { return keyframes_.size() + pending_keyframes_.size(); }

  // Writes the buffered moves and keyframes. The destructor flushes too, but cannot report a failure.
  void flush();
  ~YardLog();
  YardLog(const YardLog&) = delete;
  YardLog& operator=(const YardLog&) = delete;

  static std::vector<YardBlockRow> block_rows_of(const std::vector<yard::Block>& blocks);
  // Occupied slots ordered by block, bay, row, tier.
  static std::vector<YardSlotRow> slot_rows_of(const std::vector<yard::Block>& blocks);

 private:
  template <class Row>
  void append_in_time_order(std::vector<Row>& pending, const Row& row, const char* what);

  YardLogOptions options_;
  std::vector<YardBlockRow> blocks_;
  h5::Group group_;
  h5::Group keyframe_group_;
  h5::Table<YardMoveRow> moves_;
  h5::Table<YardKeyframeRow> keyframes_;
  h5::Table<YardSlotRow> slots_;
  h5::Table<YardCraneRow> track_;
  h5::Table<YardCraneRow> crane_frames_;
  h5::Table<YardTruckRow> truck_track_;
  h5::Table<YardTruckRow> truck_frames_;
  std::vector<YardTruckRow> pending_truck_track_;
  std::vector<YardTruckRow> pending_truck_frames_;
  std::vector<YardMoveRow> pending_moves_;
  std::vector<YardCraneRow> pending_track_;
  std::vector<YardCraneRow> pending_crane_frames_;
  std::vector<YardSlotRow> pending_slots_;
  std::vector<YardKeyframeRow> pending_keyframes_;
  double last_time_;
  double next_keyframe_time_;
};

}  // namespace porttwin

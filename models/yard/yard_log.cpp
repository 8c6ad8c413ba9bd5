#include "models/yard/yard_log.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

namespace porttwin {

namespace {

void write_slot(std::int32_t& bay, std::int32_t& row, std::int32_t& tier, const std::optional<yard::Slot>& slot) {
  if (!slot) return;  // stays kNoSlotCoordinate: the handover point
  bay = slot->bay;
  row = slot->row;
  tier = slot->tier;
}

YardMoveKind stored_kind(yard::MoveKind kind) {
  switch (kind) {
    case yard::MoveKind::Receive: return YardMoveKind::Receive;
    case yard::MoveKind::Rehandle: return YardMoveKind::Rehandle;
    case yard::MoveKind::Deliver: return YardMoveKind::Deliver;
  }
  throw std::invalid_argument("YardLog: unknown move kind");
}

const YardLogOptions& checked(const YardLogOptions& options) {
  if (!(options.keyframe_interval > 0)) throw std::invalid_argument("YardLog: the keyframe interval must be positive");
  return options;
}

}  // namespace

YardLog::YardLog(h5::Group& parent, const std::vector<YardBlockRow>& blocks, YardLogOptions options,
                 const std::string& name)
    : options_(checked(options)),
      blocks_(blocks),
      group_(parent.create_group(name)),
      keyframe_group_(group_.create_group("keyframes")),
      moves_(group_, "moves", yard_move_row_type(), options_.chunk_rows, options_.deflate),
      keyframes_(keyframe_group_, "index", yard_keyframe_row_type(), 256, options_.deflate),
      slots_(keyframe_group_, "slots", yard_slot_row_type(), options_.chunk_rows, options_.deflate),
      track_(group_, "crane_track", yard_crane_row_type(), options_.chunk_rows, options_.deflate),
      crane_frames_(keyframe_group_, "cranes", yard_crane_row_type(), options_.chunk_rows, options_.deflate),
      truck_track_(group_, "truck_track", yard_truck_row_type(), options_.chunk_rows, options_.deflate),
      truck_frames_(keyframe_group_, "trucks", yard_truck_row_type(), options_.chunk_rows, options_.deflate),
      last_time_(-std::numeric_limits<double>::infinity()),
      next_keyframe_time_(options_.keyframe_interval) {
  group_.set_attribute("keyframe_interval", options_.keyframe_interval);
  group_.set_attribute("help", std::string("Yard contents over the run: every crane move, and keyframes of every "
                                           "occupied slot every keyframe_interval seconds (units: s). The yard at t "
                                           "is the last keyframe at or before t plus the moves after it up to t."));
  // Written whole: blocks are few and known from the start.
  h5::Table<YardBlockRow> block_table(group_, "blocks", yard_block_row_type(), std::max<std::size_t>(1, blocks.size()),
                                      0);
  block_table.append(blocks_);
  block_table.set_attribute("units", std::string("1"));
  block_table.set_attribute("help", std::string("The yard blocks: index (as used by moves and slots), name, and "
                                                "bays x rows x tiers"));
  moves_.set_attribute("units", std::string("time: s since the scenario start"));
  moves_.set_attribute("help", std::string("Every crane move in time order: container, block index, kind, the slot "
                                           "it came from and the slot it went to (bay, row, tier; -1 for the "
                                           "handover point, i.e. receive from / deliver to a truck)"));
  keyframes_.set_attribute("units", std::string("time: s since the scenario start"));
  keyframes_.set_attribute("help", std::string("One row per keyframe: its time; its rows in slots "
                                               "[first_slot_row, first_slot_row + slot_count); moves_before, the "
                                               "number of /yard/moves rows already applied to it"));
  track_.set_attribute("units", std::string("time: s since the scenario start; x, y, z: m"));
  track_.set_attribute("help", std::string("Every change of a yard crane's state in time order: crane index, its "
                                           "block, spreader position after its last lift, and the box of its "
                                           "current job (0: idle)"));
  crane_frames_.set_attribute("units", std::string("time: s since the scenario start; x, y, z: m"));
  crane_frames_.set_attribute("help", std::string("Every crane's state at every keyframe, keyframe after keyframe "
                                                  "(rows [first_crane_row, first_crane_row + crane_count))"));
  truck_track_.set_attribute("units", std::string("time: s since the scenario start"));
  truck_track_.set_attribute("help", std::string("Every change of an external truck's stage in time order: in_gate "
                                                 "(queue or lane), exception_desk, yard (with its block), out_gate, "
                                                 "left"));
  truck_frames_.set_attribute("units", std::string("time: s since the scenario start"));
  truck_frames_.set_attribute("help", std::string("Every truck in the terminal at every keyframe, keyframe after "
                                                  "keyframe (rows [first_truck_row, first_truck_row + truck_count))"));
  slots_.set_attribute("units", std::string("1"));
  slots_.set_attribute("help", std::string("Occupied slots of every keyframe (block index, bay, row, tier, container),"
                                           " keyframe after keyframe, each ordered by block, bay, row, tier"));
}

YardLog::~YardLog() {
  try {
    flush();
  } catch (...) {
    // A destructor cannot report; callers who care call flush() themselves.
  }
}

void YardLog::record_move(double time, std::uint32_t block, const yard::Move& move) {
  if (time < last_time_) {
    throw std::invalid_argument("YardLog: move at " + std::to_string(time) + " s recorded after one at " +
                                std::to_string(last_time_) + " s");
  }
  if (block >= blocks_.size()) throw std::invalid_argument("YardLog: no block " + std::to_string(block));
  YardMoveRow row;
  row.time = time;
  row.container = move.container;
  row.block = block;
  row.kind = stored_kind(move.kind);
  write_slot(row.from_bay, row.from_row, row.from_tier, move.from);
  write_slot(row.to_bay, row.to_row, row.to_tier, move.to);
  pending_moves_.push_back(row);
  last_time_ = time;
  if (pending_moves_.size() >= options_.chunk_rows) flush();
}

template <class Row>
void YardLog::append_in_time_order(std::vector<Row>& pending, const Row& row, const char* what) {
  if (row.time < last_time_) {
    throw std::invalid_argument(std::string("YardLog: ") + what + " at " + std::to_string(row.time) +
                                " s recorded after " + std::to_string(last_time_) + " s");
  }
  pending.push_back(row);
  last_time_ = row.time;
  if (pending.size() >= options_.chunk_rows) flush();
}

void YardLog::record_crane(const YardCraneRow& row) { append_in_time_order(pending_track_, row, "crane state"); }

void YardLog::record_truck(const YardTruckRow& row) { append_in_time_order(pending_truck_track_, row, "truck stage"); }

void YardLog::keyframe(double time, const std::vector<YardSlotRow>& occupied_slots,
                       const std::vector<YardCraneRow>& cranes, const std::vector<YardTruckRow>& trucks) {
  if (time < last_time_) {
    throw std::invalid_argument("YardLog: keyframe at " + std::to_string(time) + " s after a move at " +
                                std::to_string(last_time_) + " s");
  }
  YardKeyframeRow row;
  row.time = time;
  row.first_slot_row = slots_.size() + pending_slots_.size();
  row.slot_count = occupied_slots.size();
  row.moves_before = move_count();
  row.first_crane_row = crane_frames_.size() + pending_crane_frames_.size();
  row.crane_count = cranes.size();
  row.track_before = track_.size() + pending_track_.size();
  pending_crane_frames_.insert(pending_crane_frames_.end(), cranes.begin(), cranes.end());
  row.first_truck_row = truck_frames_.size() + pending_truck_frames_.size();
  row.truck_count = trucks.size();
  row.trucks_before = truck_track_.size() + pending_truck_track_.size();
  pending_truck_frames_.insert(pending_truck_frames_.end(), trucks.begin(), trucks.end());
  // Buffered and written a whole chunk at a time: appending part of a compressed chunk makes HDF5
  // read, inflate and deflate the whole chunk again.
  pending_slots_.insert(pending_slots_.end(), occupied_slots.begin(), occupied_slots.end());
  pending_keyframes_.push_back(row);
  if (pending_slots_.size() >= options_.chunk_rows) flush();
  last_time_ = time;
  next_keyframe_time_ = time + options_.keyframe_interval;
}

void YardLog::flush() {
  moves_.append(pending_moves_);
  pending_moves_.clear();
  slots_.append(pending_slots_);
  pending_slots_.clear();
  keyframes_.append(pending_keyframes_);
  pending_keyframes_.clear();
  track_.append(pending_track_);
  pending_track_.clear();
  crane_frames_.append(pending_crane_frames_);
  pending_crane_frames_.clear();
  truck_track_.append(pending_truck_track_);
  pending_truck_track_.clear();
  truck_frames_.append(pending_truck_frames_);
  pending_truck_frames_.clear();
}

std::vector<YardBlockRow> YardLog::block_rows_of(const std::vector<yard::Block>& blocks) {
  std::vector<YardBlockRow> rows;
  rows.reserve(blocks.size());
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    YardBlockRow row;
    row.index = static_cast<std::uint32_t>(i);
    h5::copy_text(row.name, blocks[i].name());
    row.bays = blocks[i].bays();
    row.rows = blocks[i].rows();
    row.tiers = blocks[i].tiers();
    rows.push_back(row);
  }
  return rows;
}

std::vector<YardSlotRow> YardLog::slot_rows_of(const std::vector<yard::Block>& blocks) {
  std::vector<YardSlotRow> rows;
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    const yard::Block& block = blocks[b];
    for (int bay = 0; bay < block.bays(); ++bay) {
      for (int row = 0; row < block.rows(); ++row) {
        const std::vector<yard::ContainerId>& stack = block.stack({bay, row});
        for (std::size_t tier = 0; tier < stack.size(); ++tier) {
          if (stack[tier] == yard::kNoContainer) continue;  // only outside data can leave holes
          rows.push_back({static_cast<std::uint32_t>(b), bay, row, static_cast<std::int32_t>(tier), stack[tier]});
        }
      }
    }
  }
  return rows;
}

}  // namespace porttwin

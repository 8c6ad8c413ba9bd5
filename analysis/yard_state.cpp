#include "analysis/yard_state.hpp"

#include <algorithm>
#include <stdexcept>

#include "sim/record/h5_file.hpp"
#include "sim/record/h5_row_range.hpp"
#include "sim/record/h5_time_table.hpp"

namespace porttwin::analysis {

namespace {

// Moves are read forward from the keyframe in pieces of this many rows, so that a query reads
// little more than the moves it applies.
constexpr std::size_t kMoveReadRows = 4096;

std::optional<yard::Slot> slot_of_row(std::int32_t bay, std::int32_t row, std::int32_t tier) {
  if (bay == kNoSlotCoordinate) return std::nullopt;
  return yard::Slot{bay, row, tier};
}

// Spelled here rather than with yard::to_string: analysis links the engine layer, not the models.
std::string describe(yard::Slot slot) {
  return "(bay " + std::to_string(slot.bay) + ", row " + std::to_string(slot.row) + ", tier " +
         std::to_string(slot.tier) + ")";
}

std::string describe(yard::ContainerId id, const ContainerPlace& place) {
  return "container " + std::to_string(id) + " in block " + std::to_string(place.block) + " " + describe(place.slot);
}

}  // namespace

bool BlockOccupancy::contains(yard::Slot slot) const {
  return slot.bay >= 0 && slot.bay < bays && slot.row >= 0 && slot.row < rows && slot.tier >= 0 && slot.tier < tiers;
}

yard::ContainerId BlockOccupancy::at(yard::Slot slot) const {
  if (!contains(slot)) throw std::out_of_range("block " + name + " has no slot " + describe(slot));
  return slots[(static_cast<std::size_t>(slot.bay) * rows + slot.row) * tiers + slot.tier];
}

YardState::YardState(const std::vector<YardBlockRow>& blocks) {
  for (const YardBlockRow& row : blocks) {
    BlockOccupancy block;
    block.name = std::string(h5::text_of(row.name));
    block.bays = row.bays;
    block.rows = row.rows;
    block.tiers = row.tiers;
    block.slots.assign(static_cast<std::size_t>(row.bays) * row.rows * row.tiers, yard::kNoContainer);
    blocks_.push_back(std::move(block));
  }
}

std::optional<ContainerPlace> YardState::find(yard::ContainerId id) const {
  const auto found = where_.find(id);
  if (found == where_.end()) return std::nullopt;
  return found->second;
}

yard::ContainerId YardState::at(std::uint32_t block, yard::Slot slot) const { return blocks_.at(block).at(slot); }

yard::ContainerId& YardState::slot_of(ContainerPlace place) {
  BlockOccupancy& block = blocks_.at(place.block);
  if (!block.contains(place.slot)) {
    throw std::out_of_range("block " + block.name + " has no slot " + describe(place.slot));
  }
  const yard::Slot s = place.slot;
  return block.slots[(static_cast<std::size_t>(s.bay) * block.rows + s.row) * block.tiers + s.tier];
}

void YardState::place(yard::ContainerId id, ContainerPlace place) {
  yard::ContainerId& slot = slot_of(place);
  if (slot != yard::kNoContainer) throw std::logic_error("cannot place " + describe(id, place) + ": slot taken");
  if (!where_.emplace(id, place).second) {
    throw std::logic_error("cannot place " + describe(id, place) + ": already in the yard");
  }
  slot = id;
}

void YardState::remove(yard::ContainerId id, ContainerPlace expected) {
  yard::ContainerId& slot = slot_of(expected);
  if (slot != id) throw std::logic_error("cannot remove " + describe(id, expected) + ": not there");
  slot = yard::kNoContainer;
  where_.erase(id);
}

void YardState::apply(const YardMoveRow& move) {
  if (const auto from = slot_of_row(move.from_bay, move.from_row, move.from_tier)) {
    remove(move.container, {move.block, *from});
  }
  if (const auto to = slot_of_row(move.to_bay, move.to_row, move.to_tier)) {
    place(move.container, {move.block, *to});
  }
}

void YardState::set_crane(const YardCraneRow& row) {
  if (cranes_.size() <= row.crane) cranes_.resize(row.crane + 1);
  cranes_[row.crane] = row;
}

namespace {
void set_row(YardState& state, const YardCraneRow& row) { state.set_crane(row); }
void set_row(YardState& state, const YardTruckRow& row) { state.set_truck(row); }

// Crane or truck states forward from row `next` until the first after t.
template <class Row>
void replay_track(const h5::TimeOrderedTable<Row>& track, std::uint64_t next, double t, YardState& state) {
  track.scan(
      next,
      [&](const Row& row) {
        if (row.time > t) return false;
        set_row(state, row);
        return true;
      },
      kMoveReadRows);
}
}  // namespace

void YardState::set_truck(const YardTruckRow& row) {
  if (row.stage == TruckStage::Left) {
    trucks_.erase(row.truck);
  } else {
    trucks_[row.truck] = row;
  }
}

struct YardReader::Open {
  h5::File file;
  std::optional<h5::TimeOrderedTable<YardMoveRow>> moves;  // none in a run without a yard (empty at every t)
  std::optional<h5::Object> slots;
  std::optional<h5::TimeOrderedTable<YardCraneRow>> track;  // runs with yard cranes
  std::optional<h5::Object> crane_frames;
  std::optional<h5::TimeOrderedTable<YardTruckRow>> truck_track;  // runs with external trucks
  std::optional<h5::Object> truck_frames;
  h5::CompoundType truck_type = yard_truck_row_type();
  h5::CompoundType crane_type = yard_crane_row_type();
  std::vector<YardBlockRow> blocks;
  std::vector<YardKeyframeRow> keyframes;
  std::uint64_t move_count = 0;
  double keyframe_interval = 0;
  h5::CompoundType move_type = yard_move_row_type();
  h5::CompoundType slot_type = yard_slot_row_type();

  explicit Open(h5::File opened) : file(std::move(opened)) {
    if (!file.root().has("yard")) return;
    const h5::Group yard = file.root().open_group("yard");
    moves.emplace(yard.open_dataset("moves"), move_type);
    slots.emplace(yard.open_dataset("keyframes/slots"));
    blocks = h5::read_table<YardBlockRow>(yard, "blocks", yard_block_row_type());
    keyframes = h5::read_table<YardKeyframeRow>(yard, "keyframes/index", yard_keyframe_row_type());
    move_count = moves->size();
    keyframe_interval = yard.double_attribute("keyframe_interval");
    if (yard.has("crane_track")) {
      track.emplace(yard.open_dataset("crane_track"), crane_type);
      crane_frames.emplace(yard.open_dataset("keyframes/cranes"));
    }
    if (yard.has("truck_track")) {
      truck_track.emplace(yard.open_dataset("truck_track"), truck_type);
      truck_frames.emplace(yard.open_dataset("keyframes/trucks"));
    }
  }
};

YardReader::YardReader(const std::filesystem::path& run_file)
    : open_(std::make_unique<Open>(h5::File::open_read(run_file.string()))) {}
YardReader::~YardReader() = default;
YardReader::YardReader(YardReader&&) noexcept = default;
YardReader& YardReader::operator=(YardReader&&) noexcept = default;

const std::vector<YardBlockRow>& YardReader::blocks() const { return open_->blocks; }
const std::vector<YardKeyframeRow>& YardReader::keyframes() const { return open_->keyframes; }
std::uint64_t YardReader::move_count() const { return open_->move_count; }
double YardReader::keyframe_interval() const { return open_->keyframe_interval; }

YardState YardReader::state_at(double t) const {
  const Open& open = *open_;
  YardState state(open.blocks);
  std::uint64_t next_move = 0, next_track = 0, next_truck = 0;

  // The last keyframe at or before t (keyframe times never decrease).
  const auto after = std::upper_bound(open.keyframes.begin(), open.keyframes.end(), t,
                                      [](double time, const YardKeyframeRow& row) { return time < row.time; });
  if (after != open.keyframes.begin()) {
    const YardKeyframeRow& keyframe = *std::prev(after);
    for (const YardSlotRow& row :
         h5::read_rows<YardSlotRow>(*open.slots, open.slot_type, keyframe.first_slot_row, keyframe.slot_count)) {
      state.place(row.container, {row.block, {row.bay, row.row, row.tier}});
    }
    next_move = keyframe.moves_before;
    if (open.crane_frames && keyframe.crane_count > 0) {
      for (const YardCraneRow& row :
           h5::read_rows<YardCraneRow>(*open.crane_frames, open.crane_type, keyframe.first_crane_row,
                                       keyframe.crane_count)) {
        state.set_crane(row);
      }
    }
    next_track = keyframe.track_before;
    if (open.truck_frames && keyframe.truck_count > 0) {
      for (const YardTruckRow& row : h5::read_rows<YardTruckRow>(*open.truck_frames, open.truck_type,
                                                                  keyframe.first_truck_row, keyframe.truck_count)) {
        state.set_truck(row);
      }
    }
    next_truck = keyframe.trucks_before;
  }
  if (open.track) replay_track(*open.track, next_track, t, state);
  if (open.truck_track) replay_track(*open.truck_track, next_truck, t, state);

  // Forward from the keyframe until the first move after t.
  if (open.moves) {
    open.moves->scan(
        next_move,
        [&](const YardMoveRow& move) {
          if (move.time > t) return false;
          state.apply(move);
          return true;
        },
        kMoveReadRows);
  }
  return state;
}

YardState yard_state_at(const std::filesystem::path& run_file, double t) { return YardReader(run_file).state_at(t); }

}  // namespace porttwin::analysis

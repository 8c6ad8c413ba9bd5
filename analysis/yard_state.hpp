// The yard at any moment of a recorded run, rebuilt from the run file's /yard group
// (models/yard/yard_log.hpp): the last keyframe at or before t, then the moves after it up to and
// including t. Only those rows are read, so a query costs one keyframe and at most one keyframe
// interval of moves however long the run, and a run file larger than memory can be browsed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "models/yard/record/yard_layout.hpp"
#include "models/yard/record/yard_slot.hpp"

namespace porttwin::analysis {

struct ContainerPlace {
  std::uint32_t block = 0;
  yard::Slot slot;
  bool operator==(const ContainerPlace&) const = default;
};

// One block's slots; kNoContainer where a slot is empty.
struct BlockOccupancy {
  std::string name;
  int bays = 0;
  int rows = 0;
  int tiers = 0;
  std::vector<yard::ContainerId> slots;  // index (bay * rows + row) * tiers + tier

  bool contains(yard::Slot slot) const;
  yard::ContainerId at(yard::Slot slot) const;  // std::out_of_range outside the block
  bool operator==(const BlockOccupancy&) const = default;
};

class YardState {
 public:
  YardState() = default;
  explicit YardState(const std::vector<YardBlockRow>& blocks);  // every slot empty

  const std::vector<BlockOccupancy>& blocks() const { return blocks_; }
  std::size_t container_count() const { return where_.size(); }
  std::optional<ContainerPlace> find(yard::ContainerId id) const;
  yard::ContainerId at(std::uint32_t block, yard::Slot slot) const;

  // std::logic_error when the slot is taken or the container is already in the yard.
  void place(yard::ContainerId id, ContainerPlace place);
  // std::logic_error when the container is not where the record says it is.
  void remove(yard::ContainerId id, ContainerPlace expected);
  // Replays one recorded move (a receive places, a delivery removes, a rehandle does both).
  void apply(const YardMoveRow& move);

  // Yard cranes (terminal runs): each crane's last recorded state, by crane index.
  const std::vector<YardCraneRow>& cranes() const { return cranes_; }
  void set_crane(const YardCraneRow& row);
  // External trucks in the terminal (terminal runs), by truck id; a truck that left is dropped.
  const std::map<std::uint64_t, YardTruckRow>& trucks() const { return trucks_; }
  void set_truck(const YardTruckRow& row);

  bool operator==(const YardState&) const = default;

 private:
  yard::ContainerId& slot_of(ContainerPlace place);

  std::vector<BlockOccupancy> blocks_;
  std::unordered_map<yard::ContainerId, ContainerPlace> where_;
  std::vector<YardCraneRow> cranes_;
  std::map<std::uint64_t, YardTruckRow> trucks_;
};

// Keeps the run file open and its small tables (blocks, keyframe index) in memory for repeated
// queries: what the viewer does as its cursor moves.
class YardReader {
 public:
  // h5::Error when the file cannot be read; a run without /yard reads as an empty yard at every t.
  explicit YardReader(const std::filesystem::path& run_file);
  ~YardReader();
  YardReader(YardReader&&) noexcept;
  YardReader& operator=(YardReader&&) noexcept;

  // The yard after every move with time <= t, and the cranes' states then. Before the first
  // keyframe: from the empty yard.
  YardState state_at(double t) const;

  const std::vector<YardBlockRow>& blocks() const;
  const std::vector<YardKeyframeRow>& keyframes() const;
  std::uint64_t move_count() const;
  double keyframe_interval() const;

 private:
  struct Open;  // the HDF5 file and datasets
  std::unique_ptr<Open> open_;
};

// One query; opens and closes the file. Use YardReader for many.
YardState yard_state_at(const std::filesystem::path& run_file, double t);

}  // namespace porttwin::analysis

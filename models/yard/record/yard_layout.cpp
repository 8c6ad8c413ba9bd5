#include "models/yard/record/yard_layout.hpp"

namespace porttwin {

h5::CompoundType yard_block_row_type() {
  return h5::CompoundType::of<YardBlockRow>()
      .field("index", &YardBlockRow::index)
      .text("name", &YardBlockRow::name)
      .field("bays", &YardBlockRow::bays)
      .field("rows", &YardBlockRow::rows)
      .field("tiers", &YardBlockRow::tiers);
}

h5::CompoundType yard_move_row_type() {
  return h5::CompoundType::of<YardMoveRow>()
      .field("time", &YardMoveRow::time)
      .field("container", &YardMoveRow::container)
      .field("block", &YardMoveRow::block)
      .enumeration("kind", &YardMoveRow::kind, {{"receive", 0}, {"rehandle", 1}, {"deliver", 2}})
      .field("from_bay", &YardMoveRow::from_bay)
      .field("from_row", &YardMoveRow::from_row)
      .field("from_tier", &YardMoveRow::from_tier)
      .field("to_bay", &YardMoveRow::to_bay)
      .field("to_row", &YardMoveRow::to_row)
      .field("to_tier", &YardMoveRow::to_tier);
}

h5::CompoundType yard_keyframe_row_type() {
  return h5::CompoundType::of<YardKeyframeRow>()
      .field("time", &YardKeyframeRow::time)
      .field("first_slot_row", &YardKeyframeRow::first_slot_row)
      .field("slot_count", &YardKeyframeRow::slot_count)
      .field("moves_before", &YardKeyframeRow::moves_before)
      .field("first_crane_row", &YardKeyframeRow::first_crane_row)
      .field("crane_count", &YardKeyframeRow::crane_count)
      .field("track_before", &YardKeyframeRow::track_before)
      .field("first_truck_row", &YardKeyframeRow::first_truck_row)
      .field("truck_count", &YardKeyframeRow::truck_count)
      .field("trucks_before", &YardKeyframeRow::trucks_before);
}

h5::CompoundType yard_truck_row_type() {
  return h5::CompoundType::of<YardTruckRow>()
      .field("time", &YardTruckRow::time)
      .field("truck", &YardTruckRow::truck)
      .enumeration("stage", &YardTruckRow::stage,
                   {{"left", 0}, {"in_gate", 1}, {"exception_desk", 2}, {"yard", 3}, {"out_gate", 4}})
      .field("block", &YardTruckRow::block);
}

h5::CompoundType yard_crane_row_type() {
  return h5::CompoundType::of<YardCraneRow>()
      .field("time", &YardCraneRow::time)
      .field("crane", &YardCraneRow::crane)
      .field("block", &YardCraneRow::block)
      .field("x", &YardCraneRow::x)
      .field("y", &YardCraneRow::y)
      .field("z", &YardCraneRow::z)
      .field("container", &YardCraneRow::container)
      .field("desk", &YardCraneRow::desk);
}

h5::CompoundType yard_slot_row_type() {
  return h5::CompoundType::of<YardSlotRow>()
      .field("block", &YardSlotRow::block)
      .field("bay", &YardSlotRow::bay)
      .field("row", &YardSlotRow::row)
      .field("tier", &YardSlotRow::tier)
      .field("container", &YardSlotRow::container);
}

}  // namespace porttwin

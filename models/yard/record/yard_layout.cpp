#include "models/yard/record/yard_layout.hpp"

#include <algorithm>
#include <span>
#include <string>

namespace porttwin {

h5::CompoundType yard_block_row_type() {
  return h5::CompoundType::of<YardBlockRow>()
      .field("index", &YardBlockRow::index)
      .text("name", &YardBlockRow::name)
      .field("bays", &YardBlockRow::bays)
      .field("rows", &YardBlockRow::rows)
      .field("tiers", &YardBlockRow::tiers);
}

h5::CompoundType yard_plan_row_type() {
  return h5::CompoundType::of<YardPlanRow>()
      .field("index", &YardPlanRow::index)
      .text("area", &YardPlanRow::area)
      .field("origin_x", &YardPlanRow::origin_x)
      .field("origin_y", &YardPlanRow::origin_y)
      .field("bay_length", &YardPlanRow::bay_length)
      .field("row_width", &YardPlanRow::row_width);
}

h5::CompoundType terminal_plan_row_type() {
  return h5::CompoundType::of<TerminalPlanRow>()
      .field("berths", &TerminalPlanRow::berths)
      .field("berth_length", &TerminalPlanRow::berth_length)
      .field("cranes_per_berth", &TerminalPlanRow::cranes_per_berth)
      .field("gate_x", &TerminalPlanRow::gate_x)
      .field("gate_y", &TerminalPlanRow::gate_y)
      .field("gate_in_lanes", &TerminalPlanRow::gate_in_lanes)
      .field("gate_out_lanes", &TerminalPlanRow::gate_out_lanes);
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

void write_yard_plan(h5::Group& yard, const YardPlan& plan) {
  h5::Table<YardPlanRow> blocks(yard, "plan", yard_plan_row_type(), std::max<std::size_t>(1, plan.blocks.size()), 0);
  blocks.append(std::span<const YardPlanRow>(plan.blocks));
  blocks.set_attribute("help", std::string("Where each block of /yard/blocks lies: area, the corner of bay 0 row 0, "
                                           "bay and row pitch (m, terminal coordinates)"));
  h5::Table<TerminalPlanRow> terminal(yard, "terminal", terminal_plan_row_type(), 1, 0);
  terminal.append(plan.terminal);
  terminal.set_attribute("help", std::string("The quay (berths along y = 0, their length in m, quay cranes per "
                                             "berth) and the truck gate (position in m, lanes)"));
}

std::optional<YardPlan> read_yard_plan(const h5::Group& root) {
  if (!root.has("yard/plan") || !root.has("yard/terminal")) return std::nullopt;
  const h5::Group yard = root.open_group("yard");
  YardPlan plan;
  plan.blocks = h5::read_table<YardPlanRow>(yard, "plan", yard_plan_row_type());
  const auto terminal = h5::read_table<TerminalPlanRow>(yard, "terminal", terminal_plan_row_type());
  if (terminal.size() != 1) throw h5::Error("/yard/terminal: found " + std::to_string(terminal.size()) + " rows, expected 1");
  plan.terminal = terminal.front();
  return plan;
}

}  // namespace porttwin

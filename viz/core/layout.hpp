// Where things are drawn: the terminal's geometry in metres and the pure functions that map it to
// pixels. The yard plan draws with these and the screenshot tests sample pixels where they say, so
// a drawing and its test cannot disagree about positions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/yard/record/yard_layout.hpp"

namespace porttwin::viz {

struct Vec2 {
  float x = 0;
  float y = 0;
};

struct Rect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  float width() const { return x1 - x0; }
  float height() const { return y1 - y0; }
  Vec2 centre() const { return {(x0 + x1) / 2, (y0 + y1) / 2}; }
  bool contains(Vec2 p) const { return p.x >= x0 && p.x < x1 && p.y >= y0 && p.y < y1; }
};

// One block in terminal coordinates (m): bay 0, row 0 at the origin, bays along x, rows along y.
struct BlockGeometry {
  std::string name;
  std::string area;  // import, export, reefer, empty (the block's category)
  int bays = 0, rows = 0, tiers = 0;
  double origin_x = 0, origin_y = 0;
  double bay_length = 6.5, row_width = 2.8;
  double width() const { return bays * bay_length; }
  double depth() const { return rows * row_width; }
};

struct YardGeometry {
  std::vector<BlockGeometry> blocks;  // in /yard/blocks order
  int berths = 0;
  double berth_length = 350;
  int cranes_per_berth = 0;
  double gate_x = 0, gate_y = 0;
  int gate_in_lanes = 0, gate_out_lanes = 0;
  bool has_gate = false;
  bool from_scenario = false;  // false: the blocks were laid out by the viewer (the run file has no plan)
  // Quay crane positions (m) along the quay, as the terminal model places them.
  double quay_crane_x(int crane) const;
  // Extent of everything drawn, with a margin (m).
  Rect world_bounds() const;
};

// From the run file's plan, or a grid of the recorded blocks when there is none (or it does not
// match them).
YardGeometry yard_geometry(const YardPlan* plan, const std::vector<YardBlockRow>& blocks);

// Terminal metres to pixels: uniform scale, y down the screen as in the terminal's plan.
class PlanTransform {
 public:
  PlanTransform() = default;
  // Fits `world` into `canvas`, centred.
  PlanTransform(Rect world, Rect canvas);
  Vec2 to_screen(double x, double y) const;
  Vec2 to_world(Vec2 screen) const;
  float scale() const { return scale_; }  // px per m
  void zoom_at(Vec2 screen, float factor);
  void pan(float dx, float dy);

 private:
  float scale_ = 1;
  float offset_x_ = 0, offset_y_ = 0;  // screen = world * scale + offset
};

// The yard panel in a window of width x height: the plan's canvas above a legend strip.
inline constexpr float kLegendHeight = 26;
Rect yard_panel_canvas(float x0, float y0, float width, float height);

// The footprint of stack (bay, row) on screen, drawn inset by a gap when there is room.
Rect stack_rect(const PlanTransform& t, const BlockGeometry& block, int bay, int row);
Rect block_rect(const PlanTransform& t, const BlockGeometry& block);

// The disc drawn at a yard crane's spreader.
float crane_radius(const PlanTransform& t);

struct StackHit {
  int block = 0, bay = 0, row = 0;
  bool operator==(const StackHit&) const = default;
};
std::optional<StackHit> stack_at(const PlanTransform& t, const YardGeometry& geometry, Vec2 screen);

// The side view of one bay: rows left to right, tier 0 at the bottom.
Rect tier_rect(Rect canvas, int rows, int tiers, int row, int tier);

}  // namespace porttwin::viz

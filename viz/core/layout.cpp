#include "viz/core/layout.hpp"

#include <algorithm>
#include <cmath>

#include "sim/record/h5_types.hpp"

namespace porttwin::viz {

double YardGeometry::quay_crane_x(int crane) const {
  const int per = std::max(1, cranes_per_berth);
  const int berth = crane / per;
  const double spacing = berth_length / per;
  return berth * berth_length + (crane % per + 0.5) * spacing;
}

Rect YardGeometry::world_bounds() const {
  double x0 = 0, y0 = 0, x1 = 1, y1 = 1;
  bool first = true;
  auto add = [&](double ax0, double ay0, double ax1, double ay1) {
    if (first) {
      x0 = ax0, y0 = ay0, x1 = ax1, y1 = ay1;
      first = false;
    }
    x0 = std::min(x0, ax0), y0 = std::min(y0, ay0), x1 = std::max(x1, ax1), y1 = std::max(y1, ay1);
  };
  for (const BlockGeometry& b : blocks) add(b.origin_x, b.origin_y, b.origin_x + b.width(), b.origin_y + b.depth() + 6);
  if (berths > 0) add(0, -45, berths * berth_length, 0);
  if (has_gate) add(gate_x - 25, gate_y - 10, gate_x + 25, gate_y + 20);
  const double margin = 0.04 * std::max(x1 - x0, y1 - y0) + 5;
  return {static_cast<float>(x0 - margin), static_cast<float>(y0 - margin - 10), static_cast<float>(x1 + margin),
          static_cast<float>(y1 + margin)};
}

YardGeometry yard_geometry(const YardPlan* plan, const std::vector<YardBlockRow>& blocks) {
  YardGeometry g;
  const bool use_scenario = plan && plan->blocks.size() == blocks.size();
  g.from_scenario = use_scenario;
  double next_y = 0;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    BlockGeometry b;
    b.name = std::string(h5::text_of(blocks[i].name));
    b.bays = blocks[i].bays, b.rows = blocks[i].rows, b.tiers = blocks[i].tiers;
    if (use_scenario) {
      const YardPlanRow& c = plan->blocks[i];
      b.area = std::string(h5::text_of(c.area));
      b.origin_x = c.origin_x, b.origin_y = c.origin_y;
      b.bay_length = c.bay_length, b.row_width = c.row_width;
    } else {
      b.origin_x = 0, b.origin_y = next_y;
      next_y += b.depth() + 12;
    }
    g.blocks.push_back(std::move(b));
  }
  if (use_scenario) {
    const TerminalPlanRow& t = plan->terminal;
    g.berths = t.berths;
    g.berth_length = t.berth_length;
    g.cranes_per_berth = t.cranes_per_berth;
    g.has_gate = true;
    g.gate_x = t.gate_x, g.gate_y = t.gate_y;
    g.gate_in_lanes = t.gate_in_lanes, g.gate_out_lanes = t.gate_out_lanes;
  }
  return g;
}

PlanTransform::PlanTransform(Rect world, Rect canvas) {
  const float sx = canvas.width() / std::max(1e-3f, world.width());
  const float sy = canvas.height() / std::max(1e-3f, world.height());
  scale_ = std::min(sx, sy);
  offset_x_ = canvas.x0 + (canvas.width() - world.width() * scale_) / 2 - world.x0 * scale_;
  offset_y_ = canvas.y0 + (canvas.height() - world.height() * scale_) / 2 - world.y0 * scale_;
}

Vec2 PlanTransform::to_screen(double x, double y) const {
  return {static_cast<float>(x * scale_ + offset_x_), static_cast<float>(y * scale_ + offset_y_)};
}

Vec2 PlanTransform::to_world(Vec2 s) const { return {(s.x - offset_x_) / scale_, (s.y - offset_y_) / scale_}; }

void PlanTransform::zoom_at(Vec2 screen, float factor) {
  const Vec2 w = to_world(screen);
  scale_ = std::clamp(scale_ * factor, 0.05f, 400.0f);
  offset_x_ = screen.x - w.x * scale_;
  offset_y_ = screen.y - w.y * scale_;
}

void PlanTransform::pan(float dx, float dy) {
  offset_x_ += dx;
  offset_y_ += dy;
}

Rect yard_panel_canvas(float x0, float y0, float width, float height) {
  return {x0, y0, x0 + width, y0 + std::max(1.0f, height - kLegendHeight)};
}

Rect stack_rect(const PlanTransform& t, const BlockGeometry& b, int bay, int row) {
  const Vec2 a = t.to_screen(b.origin_x + bay * b.bay_length, b.origin_y + row * b.row_width);
  const Vec2 c = t.to_screen(b.origin_x + (bay + 1) * b.bay_length, b.origin_y + (row + 1) * b.row_width);
  Rect r{a.x, a.y, c.x, c.y};
  // A one-pixel gap between stacks once they are big enough to keep their colour readable.
  if (r.width() >= 5) r.x1 -= 1;
  if (r.height() >= 5) r.y1 -= 1;
  return r;
}

Rect block_rect(const PlanTransform& t, const BlockGeometry& b) {
  const Vec2 a = t.to_screen(b.origin_x, b.origin_y);
  const Vec2 c = t.to_screen(b.origin_x + b.width(), b.origin_y + b.depth());
  return {a.x, a.y, c.x, c.y};
}

float crane_radius(const PlanTransform& t) { return std::max(4.0f, 1.6f * t.scale()); }

std::optional<StackHit> stack_at(const PlanTransform& t, const YardGeometry& g, Vec2 screen) {
  const Vec2 w = t.to_world(screen);
  for (std::size_t i = 0; i < g.blocks.size(); ++i) {
    const BlockGeometry& b = g.blocks[i];
    const int bay = static_cast<int>(std::floor((w.x - b.origin_x) / b.bay_length));
    const int row = static_cast<int>(std::floor((w.y - b.origin_y) / b.row_width));
    if (bay >= 0 && bay < b.bays && row >= 0 && row < b.rows) return StackHit{static_cast<int>(i), bay, row};
  }
  return std::nullopt;
}

Rect tier_rect(Rect canvas, int rows, int tiers, int row, int tier) {
  const float cw = canvas.width() / std::max(1, rows);
  const float ch = canvas.height() / std::max(1, tiers);
  const float size = std::min(cw, ch);
  const float x0 = canvas.x0 + (canvas.width() - size * rows) / 2;
  const float y_bottom = canvas.y1;
  return {x0 + row * size + 1, y_bottom - (tier + 1) * size + 1, x0 + (row + 1) * size - 1, y_bottom - tier * size - 1};
}

}  // namespace porttwin::viz

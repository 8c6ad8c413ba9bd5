// The yard plan: blocks seen from above with each stack coloured (height, category, dwell so far,
// held for inspection), the yard cranes with their jobs, the quay with berthed vessels and quay
// cranes, the gate with its trucks, moves of the last N minutes outlined. Wheel zooms at the
// mouse, dragging with the right or middle button pans, a click selects a stack.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <tuple>
#include <string>

#include "models/yard/record/yard_layout.hpp"
#include "viz/app/panels.hpp"
#include "viz/core/palette.hpp"

namespace porttwin::viz {

namespace {

ImVec2 iv(Vec2 p) { return {p.x, p.y}; }

void draw_quay(Viewer& v, ImDrawList* dl) {
  const YardGeometry& g = v.geometry;
  if (g.berths <= 0) return;
  const PlanTransform& t = v.plan;
  const double t_now = v.time();
  for (int b = 0; b < g.berths; ++b) {
    const Vec2 a = t.to_screen(b * g.berth_length, -10), c = t.to_screen((b + 1) * g.berth_length, 0);
    dl->AddRectFilled(iv(a), iv(c), packed(kQuay));
    char label[32];
    std::snprintf(label, sizeof label, "berth %d", b + 1);
    dl->AddText(ImVec2(a.x + 3, c.y + 2), packed(Rgb{200, 190, 160}), label);
  }
  for (const Interval& visit : v.events.berth_visits()) {
    if (visit.from > t_now || visit.to <= t_now) continue;
    const double x0 = visit.index * g.berth_length + 10, x1 = (visit.index + 1) * g.berth_length - 10;
    const Vec2 a = t.to_screen(x0, -42), c = t.to_screen(x1, -14);
    dl->AddRectFilled(iv(a), iv(c), packed(kVessel), 4);
    char label[48];
    std::snprintf(label, sizeof label, "vessel call %llu", static_cast<unsigned long long>(visit.entity));
    dl->AddText(ImVec2(a.x + 4, a.y + 2), IM_COL32_WHITE, label);
  }
  const int quay_cranes = g.berths * g.cranes_per_berth;
  for (int c = 0; c < quay_cranes; ++c) {
    bool broken = false;
    for (const Interval& down : v.events.crane_breakdowns()) {
      if (down.index == c && down.from <= t_now && down.to > t_now) broken = true;
    }
    const Vec2 p = t.to_screen(g.quay_crane_x(c), -5);
    const float s = std::max(4.0f, 6 * t.scale());
    dl->AddTriangleFilled(ImVec2(p.x - s, p.y + s / 2), ImVec2(p.x + s, p.y + s / 2), ImVec2(p.x, p.y - s),
                          broken ? packed(kAlarm) : packed(Rgb{230, 200, 60}));
  }
}

void draw_gate_and_trucks(Viewer& v, ImDrawList* dl, const analysis::YardState& state) {
  const YardGeometry& g = v.geometry;
  const PlanTransform& t = v.plan;
  int in_gate = 0, desk = 0, out_gate = 0;
  std::vector<int> at_block(g.blocks.size(), 0);
  for (const auto& [id, truck] : state.trucks()) {
    switch (truck.stage) {
      case TruckStage::InGate: ++in_gate; break;
      case TruckStage::ExceptionDesk: ++desk; break;
      case TruckStage::OutGate: ++out_gate; break;
      case TruckStage::Yard:
        if (truck.block >= 0 && truck.block < static_cast<int>(at_block.size())) ++at_block[truck.block];
        break;
      case TruckStage::Left: break;
    }
  }
  // Trucks at a block: small squares along its truck lane.
  const float size = std::max(3.0f, 2.5f * t.scale());
  for (std::size_t b = 0; b < g.blocks.size(); ++b) {
    const BlockGeometry& bl = g.blocks[b];
    const Vec2 lane = t.to_screen(bl.origin_x, bl.origin_y + bl.depth() + 2);
    for (int i = 0; i < at_block[b]; ++i) {
      const float x = lane.x + i * (size + 2);
      if (x > t.to_screen(bl.origin_x + bl.width(), 0).x) break;
      dl->AddRectFilled(ImVec2(x, lane.y), ImVec2(x + size, lane.y + size), packed(kTruck));
    }
  }
  if (!g.has_gate) return;
  // The gate: in-lanes left of its centre, out-lanes right, each lane a box lit when a truck is in
  // it; trucks beyond the lanes queue above (in-gate, exception desk) as a row of squares.
  const int in_lanes = std::max(1, g.gate_in_lanes), out_lanes = std::max(1, g.gate_out_lanes);
  const double lane_w = 4.0;
  auto lane_box = [&](double x, bool busy) {
    const Vec2 a = t.to_screen(x, g.gate_y - 5), c = t.to_screen(x + lane_w - 0.8, g.gate_y + 5);
    dl->AddRectFilled(iv(a), iv(c), busy ? packed(kTruck) : packed(kGate));
  };
  const double x_in = g.gate_x - 2 - in_lanes * lane_w, x_out = g.gate_x + 2;
  for (int l = 0; l < in_lanes; ++l) lane_box(x_in + l * lane_w, l < in_gate);
  for (int l = 0; l < out_lanes; ++l) lane_box(x_out + l * lane_w, l < out_gate);
  const Vec2 queue_at = t.to_screen(x_in, g.gate_y - 7);
  const int queued = std::max(0, in_gate - in_lanes) + desk;
  for (int i = 0; i < std::min(queued, 60); ++i) {
    const float x = queue_at.x + i * (size + 2);
    dl->AddRectFilled(ImVec2(x, queue_at.y - size), ImVec2(x + size, queue_at.y), packed(kTruck));
  }
  char label[128];
  std::snprintf(label, sizeof label, "gate: %d in-gate (%d lanes), %d at the desk, %d out-gate (%d lanes)", in_gate,
                in_lanes, desk, out_gate, out_lanes);
  const Vec2 below = t.to_screen(x_in, g.gate_y + 6);
  dl->AddText(ImVec2(below.x, below.y + 3), IM_COL32_WHITE, label);
}

void draw_legend(Viewer& v, ImDrawList* dl, Rect strip) {
  dl->AddRectFilled(ImVec2(strip.x0, strip.y0), ImVec2(strip.x1, strip.y1), packed(Rgb{36, 38, 44}));
  float x = strip.x0 + 8;
  const float y = strip.y0 + 6, box = 13;
  auto swatch = [&](Rgb c, const char* text) {
    dl->AddRectFilled(ImVec2(x, y), ImVec2(x + box, y + box), packed(c));
    dl->AddText(ImVec2(x + box + 4, y - 1), IM_COL32_WHITE, text);
    x += box + 10 + ImGui::CalcTextSize(text).x;
  };
  dl->AddText(ImVec2(x, y - 1), IM_COL32(200, 200, 200, 255), kColourModeNames[static_cast<int>(v.colour)]);
  x += ImGui::CalcTextSize(kColourModeNames[static_cast<int>(v.colour)]).x + 10;
  swatch(kEmptyStack, "empty");
  int tiers = 1;
  for (const auto& b : v.geometry.blocks) tiers = std::max(tiers, b.tiers);
  switch (v.colour) {
    case ColourMode::Height:
      for (int h = 1; h <= tiers; ++h) swatch(height_colour(h, tiers), std::to_string(h).c_str());
      break;
    case ColourMode::Category:
      for (const char* a : {"import", "export", "reefer", "empty"}) swatch(category_colour(a), a);
      break;
    case ColourMode::Dwell:
      for (int d : {0, 2, 4, 7}) swatch(dwell_colour(d * 86400.0), (std::to_string(d) + (d == 7 ? "+ d" : " d")).c_str());
      break;
    case ColourMode::Inspection: swatch(Rgb{200, 60, 255}, "diverted to inspection"); break;
  }
  x += 10;
  swatch(kCraneIdle, "crane idle");
  swatch(kCraneBusy, "crane on a job");
  char recent[48];
  std::snprintf(recent, sizeof recent, "moved in the last %.0f min", v.recent_minutes);
  swatch(kRecentMove, recent);
  swatch(kTruck, "truck");
}

}  // namespace

void draw_yard_plan(Viewer& v, const PanelArea& where) {
  if (!begin_panel("Yard plan", where)) {
    end_panel(where);
    return;
  }
  if (!v.has_yard()) {
    ImGui::Dummy(ImVec2(0, 8));  // below the title bar, or the window's top edge when it fills
    ImGui::Indent(12);
    ImGui::TextUnformatted("This run has no yard (/yard): it is not a terminal run. See the Corridor panel.");
    ImGui::Unindent(12);
    end_panel(where);
    return;
  }
  if (!where.fill) {
    ImGui::SetNextItemWidth(170);
    int mode = static_cast<int>(v.colour);
    if (ImGui::Combo("colour", &mode, kColourModeNames, IM_ARRAYSIZE(kColourModeNames))) v.colour = static_cast<ColourMode>(mode);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(150);
    ImGui::SliderFloat("recent min", &v.recent_minutes, 0, 240, "%.0f");
    ImGui::SameLine();
    if (ImGui::Button("Fit")) v.plan_fitted = false;
    ImGui::SameLine();
    ImGui::TextDisabled("wheel: zoom, right-drag: pan, click: select");
  }
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const Rect canvas = yard_panel_canvas(origin.x, origin.y, std::max(50.0f, avail.x), std::max(50.0f + kLegendHeight, avail.y));
  static Rect last_canvas;
  if (where.fill || !v.plan_fitted || last_canvas.width() != canvas.width() || last_canvas.height() != canvas.height()) {
    if (where.fill || !v.plan_fitted) v.plan = PlanTransform(v.geometry.world_bounds(), canvas);
    v.plan_fitted = true;
    last_canvas = canvas;
  }

  ImGui::InvisibleButton("plan", ImVec2(canvas.width(), canvas.height()),
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight |
                             ImGuiButtonFlags_MouseButtonMiddle);
  const bool hovered = ImGui::IsItemHovered();
  ImGuiIO& io = ImGui::GetIO();
  const Vec2 mouse{io.MousePos.x, io.MousePos.y};
  if (hovered && io.MouseWheel != 0) v.plan.zoom_at(mouse, std::pow(1.2f, io.MouseWheel));
  if (ImGui::IsItemActive() && (ImGui::IsMouseDragging(ImGuiMouseButton_Right) || ImGui::IsMouseDragging(ImGuiMouseButton_Middle))) {
    v.plan.pan(io.MouseDelta.x, io.MouseDelta.y);
  }
  if (ImGui::IsItemClicked(ImGuiMouseButton_Left)) v.selected_stack = stack_at(v.plan, v.geometry, mouse);

  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(ImVec2(canvas.x0, canvas.y0), ImVec2(canvas.x1, canvas.y1), true);
  // No background fill: the window's (kBackground, see window.cpp) shows; every full-canvas fill
  // costs the software renderer milliseconds.

  const analysis::YardState& state = v.cursor.state();
  const PlanTransform& t = v.plan;
  static std::vector<std::uint32_t> stack_colours;
  std::vector<std::pair<BlockImage, Rect>> images;
  draw_quay(v, dl);
  for (std::size_t bi = 0; bi < v.geometry.blocks.size(); ++bi) {
    const BlockGeometry& b = v.geometry.blocks[bi];
    const analysis::BlockOccupancy& occ = state.blocks()[bi];
    const Rect br = block_rect(t, b);
    dl->AddRectFilled(ImVec2(br.x0 - 1, br.y0 - 1), ImVec2(br.x1 + 1, br.y1 + 1), packed(kGround));
    std::vector<std::uint32_t>& colours = stack_colours;
    colours.assign(static_cast<std::size_t>(b.bays) * b.rows, 0);
    for (int bay = 0; bay < b.bays; ++bay) {
      for (int row = 0; row < b.rows; ++row) {
        int height = 0;
        std::uint64_t top = 0;
        for (int tier = 0; tier < b.tiers; ++tier) {
          const std::uint64_t id = occ.slots[(static_cast<std::size_t>(bay) * b.rows + row) * b.tiers + tier];
          if (id == 0) break;
          ++height;
          top = id;
        }
        colours[static_cast<std::size_t>(bay) * b.rows + row] = v.stack_colour(static_cast<int>(bi), height, top);
      }
    }
    // One textured quad per block; stacks drawn 8 px or larger get a gap to their neighbours.
    const Rect one = stack_rect(t, b, 0, 0);
    const int cell = one.width() >= 7 && one.height() >= 7 ? 8 : 1;
    if (v.textures) {
      // Drawn after every block's ground and label: one texture switch per block, not three (each
      // switch is a draw call, which llvmpipe pays for dearly).
      images.push_back({v.textures->upload(bi, b.bays, b.rows, colours, cell, packed(kGround)), br});
    } else {
      for (int bay = 0; bay < b.bays; ++bay) {
        for (int row = 0; row < b.rows; ++row) {
          const Rect r = stack_rect(t, b, bay, row);
          dl->AddRectFilled(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), colours[static_cast<std::size_t>(bay) * b.rows + row]);
        }
      }
    }
    char label[96];
    std::snprintf(label, sizeof label, "%s (%s)", b.name.c_str(), b.area.empty() ? "block" : b.area.c_str());
    dl->AddText(ImVec2(br.x0, br.y0 - ImGui::GetTextLineHeight() - 1), IM_COL32(220, 220, 220, 255), label);
  }
  for (const auto& [image, br] : images) {
    dl->AddImage(image.texture, ImVec2(br.x0, br.y0), ImVec2(br.x1, br.y1), ImVec2(image.u0, image.v0), ImVec2(image.u1, image.v1));
  }
  // Moves of the last N minutes: the stacks they touched, outlined.
  std::set<std::tuple<std::uint32_t, int, int>> touched;
  for (const YardMoveRow& m : v.cursor.recent(v.recent_minutes * 60.0)) {
    if (m.block >= v.geometry.blocks.size()) continue;
    if (m.to_bay >= 0) touched.insert({m.block, m.to_bay, m.to_row});
    if (m.from_bay >= 0) touched.insert({m.block, m.from_bay, m.from_row});
  }
  // Axis-aligned outlines need no anti-aliasing: 8 triangles each instead of about 24, and a busy
  // half hour of the mainline yard outlines hundreds of stacks.
  const ImDrawListFlags smooth = dl->Flags;
  dl->Flags &= ~(ImDrawListFlags_AntiAliasedLines | ImDrawListFlags_AntiAliasedLinesUseTex);
  for (const auto& [block, bay, row] : touched) {
    const Rect r = stack_rect(t, v.geometry.blocks[block], bay, row);
    dl->AddRect(ImVec2(r.x0 - 1, r.y0 - 1), ImVec2(r.x1 + 1, r.y1 + 1), packed(kRecentMove), 0, 0, 2);
  }
  dl->Flags = smooth;
  if (v.selected_stack && v.selected_stack->block < static_cast<int>(v.geometry.blocks.size())) {
    const Rect r = stack_rect(t, v.geometry.blocks[v.selected_stack->block], v.selected_stack->bay, v.selected_stack->row);
    dl->AddRect(ImVec2(r.x0 - 2, r.y0 - 2), ImVec2(r.x1 + 2, r.y1 + 2), packed(kSelection), 0, 0, 2);
  }
  // Yard cranes: the gantry across the block at the spreader's x, the spreader as a disc.
  for (const YardCraneRow& c : state.cranes()) {
    if (c.block >= v.geometry.blocks.size()) continue;
    const BlockGeometry& b = v.geometry.blocks[c.block];
    const Rgb colour = c.container ? kCraneBusy : kCraneIdle;
    const Vec2 top = t.to_screen(c.x, b.origin_y - 1), bottom = t.to_screen(c.x, b.origin_y + b.depth() + 1);
    dl->AddLine(iv(top), iv(bottom), packed(colour), std::max(1.5f, 0.8f * t.scale()));
    const Vec2 p = t.to_screen(c.x, c.y);
    dl->AddCircleFilled(iv(p), crane_radius(t), packed(colour), crane_radius(t) < 6 ? 10 : 16);  // 132 cranes
    if (t.scale() > 1.2f) {
      char label[48];
      if (c.container) {
        std::snprintf(label, sizeof label, "Y%u: box %llu", c.crane, static_cast<unsigned long long>(c.container));
      } else {
        std::snprintf(label, sizeof label, "Y%u", c.crane);
      }
      // Below the block, so that block names above stay readable.
      dl->AddText(ImVec2(bottom.x + 3, bottom.y + 2 + 3 * t.scale()), packed(colour), label);
    }
  }
  draw_gate_and_trucks(v, dl, state);

  if (hovered) {
    if (const auto hit = stack_at(t, v.geometry, mouse)) {
      const BlockGeometry& b = v.geometry.blocks[hit->block];
      const analysis::BlockOccupancy& occ = state.blocks()[hit->block];
      int height = 0;
      std::uint64_t top = 0;
      for (int tier = 0; tier < b.tiers; ++tier) {
        const std::uint64_t id = occ.slots[(static_cast<std::size_t>(hit->bay) * b.rows + hit->row) * b.tiers + tier];
        if (id == 0) break;
        ++height;
        top = id;
      }
      ImGui::BeginTooltip();
      ImGui::Text("%s bay %d row %d: %d of %d tiers", b.name.c_str(), hit->bay, hit->row, height, b.tiers);
      if (top) ImGui::Text("top box %llu", static_cast<unsigned long long>(top));
      ImGui::EndTooltip();
    }
  }
  dl->PopClipRect();
  draw_legend(v, dl, {canvas.x0, canvas.y1, canvas.x1, canvas.y1 + kLegendHeight});
  end_panel(where);
}

}  // namespace porttwin::viz

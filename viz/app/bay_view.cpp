// The side view of the selected stack's bay: rows left to right, tiers bottom to top, each box in
// the plan's colour with its id; a click on a box opens it in the inspector.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "viz/app/panels.hpp"
#include "viz/core/palette.hpp"

namespace porttwin::viz {

void draw_bay_view(Viewer& v, const PanelArea& where) {
  if (!begin_panel("Bay side view", where)) {
    ImGui::End();
    return;
  }
  if (!v.selected_stack || v.selected_stack->block >= static_cast<int>(v.geometry.blocks.size())) {
    ImGui::TextWrapped("Click a stack in the yard plan (or open a container in the inspector) to see its bay.");
    ImGui::End();
    return;
  }
  const StackHit sel = *v.selected_stack;
  const BlockGeometry& b = v.geometry.blocks[sel.block];
  const analysis::BlockOccupancy& occ = v.cursor.state().blocks()[sel.block];
  ImGui::Text("block %s, bay %d (rows 0-%d, tiers 0-%d)", b.name.c_str(), sel.bay, b.rows - 1, b.tiers - 1);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const Rect canvas{origin.x + 4, origin.y + 4, origin.x + std::max(40.0f, avail.x) - 4,
                    origin.y + std::max(40.0f, avail.y) - 18};
  ImGui::InvisibleButton("bay", ImVec2(std::max(40.0f, avail.x), std::max(40.0f, avail.y)));
  const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (int row = 0; row < b.rows; ++row) {
    int height = 0;
    for (int tier = 0; tier < b.tiers; ++tier) {
      if (occ.slots[(static_cast<std::size_t>(sel.bay) * b.rows + row) * b.tiers + tier] != 0) height = tier + 1;
    }
    for (int tier = 0; tier < b.tiers; ++tier) {
      const Rect r = tier_rect(canvas, b.rows, b.tiers, row, tier);
      const std::uint64_t id = occ.slots[(static_cast<std::size_t>(sel.bay) * b.rows + row) * b.tiers + tier];
      if (id == 0) {
        dl->AddRect(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), packed(kEmptyStack));
        continue;
      }
      const bool chosen = v.container && v.container->id == id;
      dl->AddRectFilled(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), v.stack_colour(sel.block, height, id));
      if (chosen) dl->AddRect(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), packed(kSelection), 0, 0, 3);
      char label[32];
      std::snprintf(label, sizeof label, "%llu", static_cast<unsigned long long>(id));
      if (ImGui::CalcTextSize(label).x < r.width() - 2) {
        // Dark text on pale boxes, white on dark ones.
        const ImU32 fill = v.stack_colour(sel.block, height, id);
        const int luma = static_cast<int>((fill & 0xff) * 3 + ((fill >> 8) & 0xff) * 6 + ((fill >> 16) & 0xff)) / 10;
        dl->AddText(ImVec2(r.x0 + 3, r.y0 + 2), luma > 140 ? IM_COL32(10, 10, 10, 255) : IM_COL32_WHITE, label);
      }
      if (clicked && r.contains({mouse.x, mouse.y})) v.select_container(id);
    }
    const Rect ground = tier_rect(canvas, b.rows, b.tiers, row, 0);
    char label[16];
    std::snprintf(label, sizeof label, "row %d", row);
    dl->AddText(ImVec2(ground.x0, ground.y1 + 2), IM_COL32(200, 200, 200, 255), label);
  }
  ImGui::End();
}

}  // namespace porttwin::viz

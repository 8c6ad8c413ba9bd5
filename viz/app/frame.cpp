#include "viz/app/frame.hpp"

#include <imgui.h>

#include "viz/app/panels.hpp"

namespace porttwin::viz {

namespace {

void keyboard(Viewer& v) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) v.playing = !v.playing;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) {
    const bool moves = io.KeyShift || v.events.event_count() == 0;  // runs without an event log
    const double t = moves ? v.moves.next_after(v.time()) : v.events.next_event_after(v.time());
    if (t >= 0) v.seek(t);
  }
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) {
    const bool moves = io.KeyShift || v.events.event_count() == 0;
    const double t = moves ? v.moves.last_before(v.time()) : v.events.last_event_before(v.time());
    if (t >= 0) v.seek(t);
  }
}

}  // namespace

void draw_frame(Viewer& v, Panel panel, float width, float height, bool headless) {
  if (!headless) keyboard(v);
  if (panel != Panel::All) {
    const PanelArea all{{0, 0, width, height}, true, true};
    switch (panel) {
      case Panel::Yard: draw_yard_plan(v, all); break;
      case Panel::Bay: draw_bay_view(v, all); break;
      case Panel::Kpi: draw_kpi_panel(v, all); break;
      case Panel::Timeline: draw_timeline(v, all); break;
      case Panel::Inspector: draw_inspector(v, all); break;
      case Panel::Corridor: draw_corridor_map(v, all); break;
      case Panel::All: break;
    }
    return;
  }
  const float top = 96, right = width * 0.64f, rest = height - top, kpi = rest * 0.32f;
  auto area = [headless](float x0, float y0, float x1, float y1) { return PanelArea{{x0, y0, x1, y1}, false, headless}; };
  draw_timeline(v, area(0, 0, width, top));
  if (!v.has_yard()) {
    // A corridor run (or a run with neither): the map where the yard would be, the inspector beside it.
    draw_corridor_map(v, area(0, top, right, height - kpi));
    draw_kpi_panel(v, area(0, height - kpi, right, height));
    draw_inspector(v, area(right, top, width, height));
    return;
  }
  if (v.has_both()) {
    // Yard and corridor: one window with a tab each.
    const PanelArea plan = area(0, top, right, height - kpi);
    if (begin_panel("Plan", plan)) {
      PanelArea inside = plan;
      inside.embedded = true;
      if (ImGui::BeginTabBar("plans")) {
        const bool pick = v.select_plan_tab > 0 || headless;
        const auto flag = [&](Viewer::PlanTab tab) {
          return pick && v.plan_tab == tab ? ImGuiTabItemFlags_SetSelected : ImGuiTabItemFlags_None;
        };
        if (ImGui::BeginTabItem("Yard", nullptr, flag(Viewer::PlanTab::Yard))) {
          if (!pick) v.plan_tab = Viewer::PlanTab::Yard;
          draw_yard_plan(v, inside);
          ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem("Corridor", nullptr, flag(Viewer::PlanTab::Corridor))) {
          if (!pick) v.plan_tab = Viewer::PlanTab::Corridor;
          draw_corridor_map(v, inside);
          ImGui::EndTabItem();
        }
        if (v.select_plan_tab > 0) --v.select_plan_tab;
        ImGui::EndTabBar();
      }
    }
    ImGui::End();
  } else {
    draw_yard_plan(v, area(0, top, right, height - kpi));
  }
  draw_kpi_panel(v, area(0, height - kpi, right, height));
  draw_inspector(v, area(right, top, width, top + rest * 0.55f));
  draw_bay_view(v, area(right, top + rest * 0.55f, width, height));
}

}  // namespace porttwin::viz

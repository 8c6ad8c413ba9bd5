// The panels of the viewer, one file each. Each draws into the current ImGui frame: `area` is the
// window's position and size in pixels, `fill` makes it a borderless window filling that area (the
// single-panel screenshots), otherwise a normal movable window whose place persists in imgui.ini.
#pragma once

#include "viz/app/viewer.hpp"
#include "viz/core/layout.hpp"

namespace porttwin::viz {

struct PanelArea {
  Rect area;
  bool fill = false;       // borderless, exactly `area`
  bool place_always = false;  // ignore imgui.ini (headless frames)
  bool embedded = false;      // a child of the current window (a tab of the plan window), `area` unused
};

void draw_timeline(Viewer& v, const PanelArea& where);
void draw_yard_plan(Viewer& v, const PanelArea& where);
void draw_bay_view(Viewer& v, const PanelArea& where);
void draw_inspector(Viewer& v, const PanelArea& where);
void draw_kpi_panel(Viewer& v, const PanelArea& where);
void draw_corridor_map(Viewer& v, const PanelArea& where);

// Opens the panel's window as `where` asks; false when it is collapsed. Either way close it with
// end_panel (ImGui::End, or EndChild when embedded).
bool begin_panel(const char* title, const PanelArea& where);
void end_panel(const PanelArea& where);

}  // namespace porttwin::viz

// The run's /kpi series as step plots (levels over each sampling interval) with the cursor as a
// vertical line and each series' value there; a click in a plot moves the cursor.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "sim/core/quantity.hpp"
#include "viz/app/panels.hpp"

namespace porttwin::viz {

namespace {

void plot(Viewer& v, const std::string& name, const std::vector<double>& time, const std::vector<double>& values,
          float height) {
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = std::max(80.0f, ImGui::GetContentRegionAvail().x);
  ImGui::PushID(name.c_str());
  ImGui::InvisibleButton("plot", ImVec2(width, height));
  ImGui::PopID();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 end(origin.x + width, origin.y + height);
  dl->AddRect(origin, end, IM_COL32(70, 74, 84, 255));  // a frame, not a fill: cheaper for a software renderer
  const std::size_t n = std::min(time.size(), values.size());
  if (n == 0) return;
  double lo = *std::min_element(values.begin(), values.begin() + n);
  double hi = *std::max_element(values.begin(), values.begin() + n);
  if (hi <= lo) hi = lo + 1;
  const double horizon = v.source.horizon();
  const float top = origin.y + 16, bottom = end.y - 2;
  auto sx = [&](double t) { return origin.x + static_cast<float>(t / horizon) * width; };
  auto sy = [&](double y) { return bottom - static_cast<float>((y - lo) / (hi - lo)) * (bottom - top); };
  double value_now = values[0];
  double prev_t = 0;
  for (std::size_t i = 0; i < n; ++i) {
    // Sample i covers (time[i-1], time[i]].
    dl->AddLine(ImVec2(sx(prev_t), sy(values[i])), ImVec2(sx(time[i]), sy(values[i])), IM_COL32(110, 190, 255, 255));
    if (i + 1 < n) dl->AddLine(ImVec2(sx(time[i]), sy(values[i])), ImVec2(sx(time[i]), sy(values[i + 1])), IM_COL32(110, 190, 255, 160));
    if (prev_t < v.time() && v.time() <= time[i]) value_now = values[i];
    prev_t = time[i];
  }
  const float cx = sx(v.time());
  dl->AddLine(ImVec2(cx, origin.y), ImVec2(cx, end.y), IM_COL32(255, 80, 80, 255), 1.5f);
  // The value at the cursor and the axis range in the series' declared unit ("12 trucks", "4 min 10 s").
  const std::string& unit = v.source.kpi_unit(name);
  const std::string label = name + "  now " + units::format_quantity(value_now, unit) + "  (range " +
                            units::format_quantity(lo, unit) + " to " + units::format_quantity(hi, unit) + ")";
  dl->AddText(ImVec2(origin.x + 4, origin.y + 1), IM_COL32(230, 230, 230, 255), label.c_str());
  if (ImGui::IsItemActive() && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    v.seek((ImGui::GetIO().MousePos.x - origin.x) / width * horizon);
  }
}

}  // namespace

void draw_kpi_panel(Viewer& v, const PanelArea& where) {
  if (!begin_panel("KPIs", where)) {
    ImGui::End();
    return;
  }
  const auto& kpis = v.source.kpis();
  const auto time = kpis.find("time");
  if (time == kpis.end()) {
    ImGui::TextDisabled("this run file has no /kpi series");
    ImGui::End();
    return;
  }
  if (!where.fill) {
    if (ImGui::Button("Series...")) ImGui::OpenPopup("series");
    if (ImGui::BeginPopup("series")) {
      for (auto& [name, shown] : v.kpi_shown) ImGui::Checkbox(name.c_str(), &shown);
      ImGui::EndPopup();
    }
  }
  int count = 0;
  for (const auto& [name, shown] : v.kpi_shown) count += shown;
  const float height = std::clamp((ImGui::GetContentRegionAvail().x > 0 ? ImGui::GetContentRegionAvail().y : 300) /
                                      std::max(1, count) - 4,
                                  40.0f, 140.0f);
  for (const auto& [name, shown] : v.kpi_shown) {
    if (shown) plot(v, name, time->second, kpis.at(name), height);
  }
  ImGui::End();
}

}  // namespace porttwin::viz

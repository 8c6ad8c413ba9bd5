// The timeline: play/pause, speed (x1 to x10,000), step to the previous or next event or yard move,
// a typed date-time, and a scrubber over the whole run with night shading, day labels and markers
// for incidents (INCIDENT .. RECOVERED, across the whole bar) and alarms (corridor alarms coloured
// by grade when the run file has the grades); a click on one jumps there. The markers are reduced to
// one tick per pixel column and colour, rebuilt only when more are indexed or the width changes.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <tuple>
#include <vector>

#include "sim/record/event_kind.hpp"

#include "viz/app/panels.hpp"
#include "viz/core/palette.hpp"
#include "models/corridor/record/corridor_events.hpp"

namespace porttwin::viz {

namespace {

constexpr double kSpeeds[] = {1, 10, 60, 600, 3600, 10000};
constexpr const char* kSpeedNames[] = {"x1", "x10", "x60", "x600", "x3,600", "x10,000"};

void step(Viewer& v, double target) {
  if (target >= 0) v.seek(target);
}

struct Tick {
  float x = 0;  // from the scrubber's left edge
  std::uint32_t colour = 0;
  bool incident = false;
  std::size_t marker = 0;  // the first marker in this column and colour
};

struct TickCache {
  std::size_t markers = ~std::size_t{0};
  float width = -1;
  bool grades = false;
  std::vector<Tick> ticks;
};

const std::vector<Tick>& ticks_of(Viewer& v, float width) {
  static TickCache cache;
  const auto& markers = v.events.markers();
  const CorridorMap& map = v.corridor.map();
  const bool grades = v.alarm_by_grade && !map.alarm_kinds.empty();
  if (cache.markers == markers.size() && cache.width == width && cache.grades == grades) return cache.ticks;
  cache.markers = markers.size();
  cache.width = width;
  cache.grades = grades;
  cache.ticks.clear();
  const double horizon = v.source.horizon();
  std::vector<std::tuple<int, std::uint32_t, bool>> seen;
  for (std::size_t i = 0; i < markers.size(); ++i) {
    const Marker& m = markers[i];
    const float x = static_cast<float>(m.time / horizon) * width;
    const bool incident = is_incident_marker(m.kind);
    const Rgb colour = grades && m.kind == static_cast<int>(CorridorEvent::Alarm) ? grade_colour(map.grade(m.detail))
                                                                              : incident_colour(m.kind);
    const auto key = std::make_tuple(static_cast<int>(std::floor(x)), packed(colour), incident);
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
    // Markers come in time order: only the columns just behind can repeat.
    if (!seen.empty() && std::get<0>(seen.front()) < std::get<0>(key) - 1) {
      seen.erase(std::remove_if(seen.begin(), seen.end(), [&](const auto& k) { return std::get<0>(k) < std::get<0>(key) - 1; }),
                 seen.end());
    }
    seen.push_back(key);
    cache.ticks.push_back({x, packed(colour), incident, i});
  }
  return cache.ticks;
}

}  // namespace

void draw_timeline(Viewer& v, const PanelArea& where) {
  if (!begin_panel("Timeline", where)) {
    ImGui::End();
    return;
  }
  const Calendar& cal = v.source.calendar();
  if (ImGui::Button(v.playing ? "Pause" : "Play ", ImVec2(60, 0))) v.playing = !v.playing;
  ImGui::SameLine();
  int speed = 0;
  for (int i = 0; i < IM_ARRAYSIZE(kSpeeds); ++i) {
    if (v.speed >= kSpeeds[i]) speed = i;
  }
  ImGui::SetNextItemWidth(90);
  if (ImGui::Combo("speed", &speed, kSpeedNames, IM_ARRAYSIZE(kSpeedNames))) v.speed = kSpeeds[speed];
  ImGui::SameLine();
  if (ImGui::Button("|< event")) step(v, v.events.last_event_before(v.time()));
  ImGui::SameLine();
  if (ImGui::Button("event >|")) step(v, v.events.next_event_after(v.time()));
  ImGui::SameLine();
  if (v.has_yard()) {
    if (ImGui::Button("|< move")) step(v, v.moves.last_before(v.time()));
    ImGui::SameLine();
    if (ImGui::Button("move >|")) step(v, v.moves.next_after(v.time()));
    ImGui::SameLine();
  }
  ImGui::Text("%s  (t = %.0f s)", cal.format(v.time()).c_str(), v.time());
  ImGui::SameLine();
  static char typed[40] = "";
  ImGui::SetNextItemWidth(150);
  const bool go = ImGui::InputTextWithHint("##goto", "2026-01-07T14:32", typed, sizeof typed,
                                           ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if (ImGui::Button("Go") || go) {
    if (const auto t = cal.parse(typed)) {
      v.seek(*t);
      v.message.clear();
    } else {
      v.message = std::string("not a date-time or duration: ") + typed;
    }
  }
  if (v.events.progress() < 1) {
    ImGui::SameLine();
    ImGui::TextDisabled("indexing %.0f%%", 100 * v.events.progress());
  }
  if (!v.message.empty()) {
    ImGui::SameLine();
    ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s", v.message.c_str());
  }

  // The scrubber.
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = std::max(100.0f, ImGui::GetContentRegionAvail().x);
  const float height = 44;
  ImGui::InvisibleButton("scrubber", ImVec2(width, height));
  const bool active = ImGui::IsItemActive();
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const double horizon = v.source.horizon();
  auto sx = [&](double t) { return origin.x + static_cast<float>(t / horizon) * width; };
  const float bar_top = origin.y + 14, bar_bottom = origin.y + height;
  dl->AddRectFilled(ImVec2(origin.x, bar_top), ImVec2(origin.x + width, bar_bottom), IM_COL32(70, 78, 95, 255));
  // Night (20:00-06:00) shaded, day boundaries labelled.
  const double first_midnight = -cal.time_of_day(0);
  for (double midnight = first_midnight; midnight - 4 * 3600.0 < horizon; midnight += 86400) {  // the last evening too
    const double n0 = std::max(0.0, midnight - 4 * 3600.0), n1 = std::min(horizon, midnight + 6 * 3600.0);
    if (n1 > n0) dl->AddRectFilled(ImVec2(sx(n0), bar_top), ImVec2(sx(n1), bar_bottom), IM_COL32(30, 34, 48, 255));
    if (midnight >= 0 && midnight < horizon) {
      dl->AddLine(ImVec2(sx(midnight), origin.y), ImVec2(sx(midnight), bar_bottom), IM_COL32(150, 150, 150, 120));
      if (86400 / horizon * width > 60) {
        const std::string day = cal.format(midnight).substr(5, 5);
        dl->AddText(ImVec2(sx(midnight) + 2, origin.y), IM_COL32(190, 190, 190, 255), day.c_str());
      }
    }
  }
  // Incident and alarm markers: alarms in the bar's top, incidents across it.
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const Marker* near = nullptr;
  float near_px = 3;
  const std::vector<Tick>& ticks = ticks_of(v, width);
  for (const bool incidents : {false, true}) {  // incidents over the alarms
    for (const Tick& k : ticks) {
      if (k.incident != incidents) continue;
      const float x = origin.x + k.x;
      const float y1 = k.incident ? bar_bottom - 2 : bar_top + 14;
      dl->AddLine(ImVec2(x, bar_top + 2), ImVec2(x, y1), k.colour, 2);
      if (hovered && std::abs(mouse.x - x) < near_px && mouse.y > bar_top - 2 && mouse.y < y1 + 2) {
        near_px = std::abs(mouse.x - x);
        near = &v.events.markers()[k.marker];
      }
    }
  }
  if (near) {
    ImGui::SetTooltip("%s: %s %llu (click to jump)", cal.format(near->time).c_str(), marker_label(near->kind),
                      static_cast<unsigned long long>(near->entity));
  }
  if (active && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    if (near && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
      v.seek(near->time);
    } else if (!near) {
      v.seek((mouse.x - origin.x) / width * horizon);
    }
  }
  const float cx = sx(v.time());
  dl->AddLine(ImVec2(cx, origin.y), ImVec2(cx, bar_bottom), IM_COL32(255, 80, 80, 255), 2);
  dl->AddTriangleFilled(ImVec2(cx - 5, origin.y), ImVec2(cx + 5, origin.y), ImVec2(cx, origin.y + 7), IM_COL32(255, 80, 80, 255));
  ImGui::End();
}

}  // namespace porttwin::viz

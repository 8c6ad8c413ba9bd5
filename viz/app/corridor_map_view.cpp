// The corridor map: route polylines, customs stations by kind, every trip on the road at the cursor
// (interpolated between its track rows) with a trail of its last N minutes, coloured by its last
// alarm's grade (or kind) or else by device type; patrol units as hexagons by state, each driving out
// joined to the vehicle it is after; the truth (attack happened, detour) as rings when asked.
// Wheel zooms at the mouse, right- or middle-drag pans, a click on a device opens its trip in the
// inspector. Geometry: viz/core/corridor_map.hpp; data: viz/core/corridor_source.hpp.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "viz/app/panels.hpp"
#include "models/corridor/record/corridor_names.hpp"
#include "viz/core/palette.hpp"

namespace porttwin::viz {

namespace {

ImVec2 iv(Vec2 p) { return {p.x, p.y}; }

constexpr std::size_t kSmoothDevices = 400;  // more devices than this are drawn without anti-aliasing


void station_marker(ImDrawList* dl, Vec2 p, const std::string& kind) {
  const float s = kStationSize;
  const std::uint32_t c = packed(station_colour(kind)), edge = packed(Rgb{20, 20, 24});
  if (kind == "port") {
    dl->AddRectFilled(ImVec2(p.x - s, p.y - s), ImVec2(p.x + s, p.y + s), c);
    dl->AddRect(ImVec2(p.x - s, p.y - s), ImVec2(p.x + s, p.y + s), edge);
  } else if (kind == "border") {
    dl->AddQuadFilled(ImVec2(p.x, p.y - s - 2), ImVec2(p.x + s + 2, p.y), ImVec2(p.x, p.y + s + 2), ImVec2(p.x - s - 2, p.y), c);
  } else if (kind == "rail") {
    dl->AddTriangleFilled(ImVec2(p.x - s - 1, p.y + s), ImVec2(p.x + s + 1, p.y + s), ImVec2(p.x, p.y - s - 1), c);
  } else {
    dl->AddCircleFilled(iv(p), s, c, 20);
    dl->AddCircle(iv(p), s, edge, 20);
  }
}


void hexagon(ImDrawList* dl, ImVec2 p, float r, std::uint32_t fill, std::uint32_t edge) {
  ImVec2 points[6];
  for (int i = 0; i < 6; ++i) {
    const float a = static_cast<float>(i) * 1.0471976f;
    points[i] = ImVec2(p.x + r * std::cos(a), p.y + r * std::sin(a));
  }
  dl->AddConvexPolyFilled(points, 6, fill);
  dl->AddPolyline(points, 6, edge, ImDrawFlags_Closed, 2);
}

bool by_grade(const Viewer& v) { return v.alarm_by_grade && !v.corridor.map().alarm_kinds.empty(); }

void draw_legend(Viewer& v, ImDrawList* dl, Rect strip) {
  dl->AddRectFilled(ImVec2(strip.x0, strip.y0), ImVec2(strip.x1, strip.y1), packed(Rgb{36, 38, 44}));
  float x = strip.x0 + 8;
  const float y = strip.y0 + 6, box = 13;
  auto text = [&](const char* t, Rgb c) {
    dl->AddText(ImVec2(x, y - 1), packed(c), t);
    x += ImGui::CalcTextSize(t).x + 10;
  };
  auto swatch = [&](Rgb c, const char* t) {
    dl->AddCircleFilled(ImVec2(x + box / 2, y + box / 2), box / 2, packed(c), 12);
    dl->AddText(ImVec2(x + box + 4, y - 1), IM_COL32_WHITE, t);
    x += box + 10 + ImGui::CalcTextSize(t).x;
  };
  for (const MapDeviceType& d : v.corridor.map().device_types) swatch(device_type_colour(d.type), d.name.c_str());
  x += 8;
  if (by_grade(v)) {
    text("last alarm's grade:", {200, 200, 200});
    for (int g = 1; g <= 3; ++g) swatch(grade_colour(g), corridor::kGradeNames[g - 1].data());
  } else {
    text("last alarm:", {200, 200, 200});
    for (int a = 0; a < 6; ++a) swatch(alarm_colour(a), corridor::kAlarmShortLabels[a].data());
  }
  if (v.show_patrols && v.corridor.patrol_units() > 0) {
    x += 8;
    text("patrol:", {200, 200, 200});
    for (int s = 0; s < 4; ++s) {
      hexagon(dl, ImVec2(x + box / 2, y + box / 2), box / 2, packed(patrol_colour(s)), packed(kPatrolEdge));
      dl->AddText(ImVec2(x + box + 4, y - 1), IM_COL32_WHITE, corridor::kPatrolStateLabels[s].data());
      x += box + 10 + ImGui::CalcTextSize(corridor::kPatrolStateLabels[s].data()).x;
    }
  }
}

// A bar of a round number of km, about 120 px long, in the bottom left corner.
void draw_scale_bar(ImDrawList* dl, Rect canvas, const PlanTransform& t) {
  const double per_px = 1.0 / std::max(1e-6f, t.scale());  // km per pixel
  double km = 1;
  for (double step : {1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0}) {
    if (step / per_px <= 160) km = step;
  }
  const float len = static_cast<float>(km / per_px), x = canvas.x0 + 14, y = canvas.y1 - 14;
  const std::uint32_t c = packed(Rgb{200, 200, 200});
  dl->AddLine(ImVec2(x, y), ImVec2(x + len, y), c, 2);
  dl->AddLine(ImVec2(x, y - 5), ImVec2(x, y + 1), c, 2);
  dl->AddLine(ImVec2(x + len, y - 5), ImVec2(x + len, y + 1), c, 2);
  char label[32];
  std::snprintf(label, sizeof label, "%.0f km", km);
  dl->AddText(ImVec2(x + len + 6, y - 8), c, label);
}

void trip_tooltip(Viewer& v, const DeviceAt& d) {
  ImGui::BeginTooltip();
  const auto& types = v.corridor.map().device_types;
  ImGui::Text("trip %llu (%s)", static_cast<unsigned long long>(d.trip),
              d.device_type < types.size() ? types[d.device_type].name.c_str() : "?");
  ImGui::Text("%.4f N %.4f E, %.0f km along, battery %.2f Ah", d.at.lat, d.at.lon, d.last.km, d.battery);
  const auto& kinds = v.corridor.map().alarm_kinds;
  if (d.last.alarm >= 0 && static_cast<std::size_t>(d.last.alarm) < kinds.size()) {
    const int grade = kinds[static_cast<std::size_t>(d.last.alarm)].grade;
    ImGui::Text("last alarm: %s (%s)", kinds[static_cast<std::size_t>(d.last.alarm)].name.c_str(),
                grade >= 1 && grade <= 3 ? corridor::kGradeNames[grade - 1].data() : "?");
  } else if (d.last.alarm >= 0) {
    ImGui::Text("last alarm: %s", corridor::name_of(corridor::kAlarmLabels, d.last.alarm).data());
  }
  ImGui::EndTooltip();
}

void patrol_tooltip(Viewer& v, const PatrolAt& p) {
  ImGui::BeginTooltip();
  ImGui::Text("patrol unit %u: %s", p.unit, corridor::name_of(corridor::kPatrolStateLabels, static_cast<int>(p.state)).data());
  if (p.trip != kNoTrip) ImGui::Text("sent to trip %llu", static_cast<unsigned long long>(p.trip));
  ImGui::Text("since %s", v.source.calendar().format(p.since).c_str());
  ImGui::EndTooltip();
}

}  // namespace

void draw_corridor_map(Viewer& v, const PanelArea& where) {
  if (!begin_panel("Corridor", where)) {
    end_panel(where);
    return;
  }
  if (!v.corridor.available()) {
    ImGui::Dummy(ImVec2(0, 8));  // below the title bar, or the window's top edge when it fills
    ImGui::Indent(12);
    ImGui::PushTextWrapPos(std::max(200.0f, where.area.width() - 32));
    ImGui::TextUnformatted(v.corridor.problem().c_str());
    ImGui::PopTextWrapPos();
    ImGui::Unindent(12);
    end_panel(where);
    return;
  }
  if (!where.fill) {
    ImGui::SetNextItemWidth(150);
    ImGui::SliderFloat("trail min", &v.trail_minutes, 0, 600, "%.0f");
    ImGui::SameLine();
    ImGui::Checkbox("attack truth", &v.show_attacks);
    ImGui::SameLine();
    if (!v.corridor.map().alarm_kinds.empty()) {
      ImGui::Checkbox("alarm grade", &v.alarm_by_grade);
      ImGui::SameLine();
    }
    if (v.corridor.patrol_units() > 0) {
      ImGui::Checkbox("patrols", &v.show_patrols);
      ImGui::SameLine();
    }
    if (ImGui::Button("Fit")) v.map_fitted = false;
    ImGui::SameLine();
    ImGui::TextDisabled("wheel: zoom, right-drag: pan, click a device: its trip");
  }
  const CorridorMap& map = v.corridor.map();
  const MapProjection projection(map);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const Rect canvas =
      corridor_panel_canvas(origin.x, origin.y, std::max(50.0f, avail.x), std::max(50.0f + kLegendHeight, avail.y));
  static Rect last_canvas;
  if (where.fill || !v.map_fitted || last_canvas.width() != canvas.width() || last_canvas.height() != canvas.height()) {
    if (where.fill || !v.map_fitted) v.map = PlanTransform(projection.bounds(), canvas);
    v.map_fitted = true;
    last_canvas = canvas;
  }
  ImGui::InvisibleButton("map", ImVec2(canvas.width(), canvas.height()),
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight |
                             ImGuiButtonFlags_MouseButtonMiddle);
  const bool hovered = ImGui::IsItemHovered();
  ImGuiIO& io = ImGui::GetIO();
  const Vec2 mouse{io.MousePos.x, io.MousePos.y};
  if (hovered && io.MouseWheel != 0) v.map.zoom_at(mouse, std::pow(1.2f, io.MouseWheel));
  if (ImGui::IsItemActive() &&
      (ImGui::IsMouseDragging(ImGuiMouseButton_Right) || ImGui::IsMouseDragging(ImGuiMouseButton_Middle))) {
    v.map.pan(io.MouseDelta.x, io.MouseDelta.y);
  }
  const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);

  const PlanTransform& t = v.map;
  auto screen = [&](double lat, double lon) {
    const Vec2 p = projection.to_plane(lat, lon);
    return t.to_screen(p.x, p.y);
  };
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(ImVec2(canvas.x0, canvas.y0), ImVec2(canvas.x1, canvas.y1), true);
  for (const MapRoute& r : map.routes) {
    std::vector<ImVec2> points;
    for (std::size_t i = 0; i < r.lat.size(); ++i) points.push_back(iv(screen(r.lat[i], r.lon[i])));
    dl->AddPolyline(points.data(), static_cast<int>(points.size()), packed(kRoute), 0, 3);
  }
  const std::vector<DeviceAt>& devices = v.corridor.devices_at(v.time(), v.trail_minutes * 60.0);
  // Thousands of devices: without anti-aliasing, a disc is 12 triangles instead of 36 and a trail
  // segment 2 instead of 6; llvmpipe took 420 ms a frame for 8,000 devices with it.
  const ImDrawListFlags smooth = dl->Flags;
  if (devices.size() > kSmoothDevices) {
    dl->Flags &= ~(ImDrawListFlags_AntiAliasedLines | ImDrawListFlags_AntiAliasedLinesUseTex |
                   ImDrawListFlags_AntiAliasedFill);
  }
  const bool crowded = devices.size() > kSmoothDevices;
  const int segments = crowded ? 6 : 12;
  auto visible = [&](Vec2 p) {
    return p.x > canvas.x0 - 10 && p.x < canvas.x1 + 10 && p.y > canvas.y0 - 10 && p.y < canvas.y1 + 10;
  };
  // Trails under everything else, faint. On a crowded road only those of alarmed and selected trips:
  // thousands of overlapping trails say nothing and cost llvmpipe over 100 ms.
  for (const DeviceAt& d : devices) {
    if (d.trail.size() < 2) continue;
    if (crowded && d.last.alarm < 0 && !(v.selected_trip && *v.selected_trip == d.trip)) continue;
    if (!visible(screen(d.at.lat, d.at.lon)) && !visible(screen(d.trail.front().lat, d.trail.front().lon))) continue;
    std::vector<ImVec2> points;
    for (const LatLonPoint& p : d.trail) points.push_back(iv(screen(p.lat, p.lon)));
    const std::string& type = d.device_type < map.device_types.size() ? map.device_types[d.device_type].type : "";
    dl->AddPolyline(points.data(), static_cast<int>(points.size()),
                    packed(marker_colour(map, d.last.alarm, type, by_grade(v)), 110), 0, 2);
  }
  dl->Flags = smooth;
  // A unit driving out is joined to the vehicle it is after (under the vehicles and units).
  const std::vector<PatrolAt>& patrols = v.corridor.patrols_at(v.time());
  if (v.show_patrols) {
    for (const PatrolAt& p : patrols) {
      if (p.state != PatrolState::Out) continue;
      const auto it = std::lower_bound(devices.begin(), devices.end(), p.trip,
                                       [](const DeviceAt& d, std::uint64_t id) { return d.trip < id; });
      if (it == devices.end() || it->trip != p.trip) continue;
      dl->AddLine(iv(screen(p.at.lat, p.at.lon)), iv(screen(it->at.lat, it->at.lon)), packed(patrol_colour(1), 140), 1.5f);
    }
  }
  for (const MapStation& s : map.stations) station_marker(dl, screen(s.lat, s.lon), s.kind);
  if (devices.size() > kSmoothDevices) {
    dl->Flags &= ~(ImDrawListFlags_AntiAliasedLines | ImDrawListFlags_AntiAliasedLinesUseTex |
                   ImDrawListFlags_AntiAliasedFill);
  }
  const DeviceAt* nearest = nullptr;
  float nearest_px = 3 * kDeviceRadius;
  for (const DeviceAt& d : devices) {
    const Vec2 p = screen(d.at.lat, d.at.lon);
    if (!visible(p)) continue;
    const MapDeviceType* type = d.device_type < map.device_types.size() ? &map.device_types[d.device_type] : nullptr;
    const Rgb colour = marker_colour(map, d.last.alarm, type ? type->type : "", by_grade(v));
    // A real-time device that has gone quiet (bagged, removed) is drawn hollow: customs has lost it.
    if (type && type->real_time && d.last.silenced) {
      dl->AddCircle(iv(p), kDeviceRadius, packed(colour), segments, 2);
    } else {
      dl->AddCircleFilled(iv(p), kDeviceRadius, packed(colour), segments);
    }
    if (v.show_attacks && d.last.attacked) dl->AddCircle(iv(p), kDeviceRadius + 3, packed(kAttackTruth), 16, 2);
    if (v.show_attacks && d.last.off_route) dl->AddCircle(iv(p), kDeviceRadius + 6, packed(kOffRoute), 16, 2);
    if (v.selected_trip && *v.selected_trip == d.trip) dl->AddCircle(iv(p), kDeviceRadius + 4, packed(kSelection), 16, 2);
    const float px = std::hypot(p.x - mouse.x, p.y - mouse.y);
    if (px < nearest_px) {
      nearest_px = px;
      nearest = &d;
    }
  }
  dl->Flags = smooth;
  // Patrol units over the devices; those waiting at a base in a row under its station.
  const PatrolAt* near_patrol = nullptr;
  if (v.show_patrols) {
    float near_px = 2 * kPatrolSize;
    std::vector<std::pair<Vec2, int>> bases;  // a base's position and the units drawn there so far
    for (const PatrolAt& p : patrols) {
      Vec2 q = screen(p.at.lat, p.at.lon);
      if (p.state == PatrolState::Base) {
        auto it = std::find_if(bases.begin(), bases.end(),
                               [&](const auto& b) { return std::abs(b.first.x - q.x) < 1 && std::abs(b.first.y - q.y) < 1; });
        if (it == bases.end()) it = bases.insert(bases.end(), {q, 0});
        q = patrol_at_base(it->first, it->second++);
      }
      if (!visible(q)) continue;
      hexagon(dl, iv(q), kPatrolSize + 1, packed(patrol_colour(static_cast<int>(p.state))), packed(kPatrolEdge));
      const float px = std::hypot(q.x - mouse.x, q.y - mouse.y);
      if (px < near_px) {
        near_px = px;
        near_patrol = &p;
      }
    }
  }
  // Station names over the devices, on a dark plate, so that a busy road does not hide them.
  for (const MapStation& s : map.stations) {
    const Vec2 p = screen(s.lat, s.lon);
    const std::string label = s.name + " (" + s.kind + ")";
    const ImVec2 size = ImGui::CalcTextSize(label.c_str());
    ImVec2 at(p.x + kStationSize + 5, p.y - kStationSize - 16);
    if (at.x + size.x > canvas.x1 - 4) at.x = p.x - kStationSize - 5 - size.x;  // at the right edge: to the left
    dl->AddRectFilled(ImVec2(at.x - 3, at.y - 1), ImVec2(at.x + size.x + 3, at.y + size.y + 1), packed(kBackground, 210), 3);
    dl->AddText(at, packed(station_colour(s.kind)), label.c_str());
  }
  if (hovered && near_patrol) patrol_tooltip(v, *near_patrol);
  else if (hovered && nearest) trip_tooltip(v, *nearest);
  draw_scale_bar(dl, canvas, t);
  const std::string title = v.source.calendar().format(v.time()) + "   " + v.source.scenario_name() + ": " +
                            std::to_string(devices.size()) + " trips on the road" +
                            (crowded && v.trail_minutes > 0 ? " (trails of alarmed trips only)" : "");
  dl->AddText(ImVec2(canvas.x0 + 12, canvas.y0 + 8), IM_COL32_WHITE, title.c_str());
  if (v.show_attacks) {
    // The truth's key beside the title (the legend strip is full).
    float x = canvas.x0 + 12 + ImGui::CalcTextSize(title.c_str()).x + 24;
    const float y = canvas.y0 + 8 + ImGui::GetTextLineHeight() / 2;
    for (const auto& [colour, label] : {std::pair{kAttackTruth, "attacked (truth)"}, std::pair{kOffRoute, "off route (truth)"}}) {
      dl->AddCircle(ImVec2(x + 6, y), 6, packed(colour), 12, 2);
      dl->AddText(ImVec2(x + 16, y - ImGui::GetTextLineHeight() / 2), IM_COL32_WHITE, label);
      x += 16 + ImGui::CalcTextSize(label).x + 16;
    }
  }
  dl->PopClipRect();
  draw_legend(v, dl, {canvas.x0, canvas.y1, canvas.x1, canvas.y1 + kLegendHeight});
  if (clicked && nearest) {
    const std::uint64_t id = nearest->trip;
    v.select_trip(id);  // after drawing: it may read rows, and `devices` stays valid until then
  }
  end_panel(where);
}

}  // namespace porttwin::viz

// The corridor map: route polylines, customs stations by kind, every trip on the road at the cursor
// (interpolated between its track rows) with a trail of its last N minutes, coloured by its last
// alarm's kind or else by device type; the truth (attack happened, detour) as rings when asked.
// Wheel zooms at the mouse, right- or middle-drag pans, a click on a device opens its trip in the
// inspector. Geometry: viz/core/corridor_map.hpp; data: viz/core/corridor_source.hpp.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "viz/app/panels.hpp"
#include "viz/core/palette.hpp"

namespace porttwin::viz {

namespace {

ImVec2 iv(Vec2 p) { return {p.x, p.y}; }

constexpr std::size_t kSmoothDevices = 400;  // more devices than this are drawn without anti-aliasing

const char* const kAlarmNames[] = {"route deviation", "no communication", "illegal opening", "cable cut", "low battery",
                                   "checkpoint finding"};
const char* const kAlarmShort[] = {"deviation", "no comm.", "opening", "cable cut", "battery", "checkpoint"};

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
  text("last alarm:", {200, 200, 200});
  for (int a = 0; a < 6; ++a) swatch(alarm_colour(a), kAlarmShort[a]);
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
  if (d.last.alarm >= 0 && d.last.alarm < 6) ImGui::Text("last alarm: %s", kAlarmNames[d.last.alarm]);
  ImGui::EndTooltip();
}

}  // namespace

void draw_corridor_map(Viewer& v, const PanelArea& where) {
  if (!begin_panel("Corridor", where)) {
    ImGui::End();
    return;
  }
  if (!v.corridor.available()) {
    ImGui::Dummy(ImVec2(0, 8));  // below the title bar, or the window's top edge when it fills
    ImGui::Indent(12);
    ImGui::PushTextWrapPos(std::max(200.0f, where.area.width() - 32));
    ImGui::TextUnformatted(v.corridor.problem().c_str());
    ImGui::PopTextWrapPos();
    ImGui::Unindent(12);
    ImGui::End();
    return;
  }
  if (!where.fill) {
    ImGui::SetNextItemWidth(150);
    ImGui::SliderFloat("trail min", &v.trail_minutes, 0, 600, "%.0f");
    ImGui::SameLine();
    ImGui::Checkbox("attack truth", &v.show_attacks);
    ImGui::SameLine();
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
    dl->AddPolyline(points.data(), static_cast<int>(points.size()), packed(device_colour(d.last.alarm, type), 110), 0, 2);
  }
  dl->Flags = smooth;
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
    const Rgb colour = device_colour(d.last.alarm, type ? type->type : "");
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
  if (hovered && nearest) trip_tooltip(v, *nearest);
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
  ImGui::End();
}

}  // namespace porttwin::viz

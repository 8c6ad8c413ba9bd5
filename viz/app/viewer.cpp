#include "viz/app/viewer.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <string_view>

#include "analysis/run_file.hpp"
#include "viz/app/panels.hpp"
#include "viz/core/palette.hpp"

namespace porttwin::viz {

namespace {
template <class T>
T opened(const std::filesystem::path& file, const char* what) {
  try {
    return T(file);
  } catch (const std::exception& e) {
    throw ViewerError(file.string() + ": cannot read " + what + " (truncated or damaged?): " + e.what());
  }
}
}  // namespace

Viewer::Viewer(const std::filesystem::path& file)
    : source(file),
      moves(opened<MoveLog>(file, "/yard/moves")),
      events(opened<EventIndex>(file, "/events/log")),
      geometry(yard_geometry(source.plan() ? &*source.plan() : nullptr, source.yard().blocks())),
      cursor(source, moves),
      corridor(opened<CorridorSource>(file, "/corridor")) {
  try {
    places = analysis::read_places(file);
  } catch (const std::exception&) {
    places.clear();  // only names in the inspector
  }
  for (const auto& [name, values] : source.kpis()) {
    if (name == "time") continue;
    kpi_shown[name] = name == "terminal.yard.occupancy" || name == "terminal.yard.crane_busy" ||
                      name == "terminal.gate.gate_in" || name == "terminal.quay.berths_busy" ||
                      name == "terminal.containers" || name == "corridor.in_transit";
  }
}

void Viewer::select_container(std::uint64_t id) {
  ContainerDetails d;
  d.id = id;
  try {
    d.lifts = moves.history(id);
    d.events = events.container_events(id);
  } catch (const std::exception& e) {
    message = std::string("history of container ") + std::to_string(id) + ": " + e.what();
  }
  container = std::move(d);
  if (const auto place = cursor.state().find(id)) {
    selected_stack = StackHit{static_cast<int>(place->block), place->slot.bay, place->slot.row};
  }
}

void Viewer::select_trip(std::uint64_t id) {
  selected_trip = id;
  try {
    trip_history = corridor.history(id);
  } catch (const std::exception& e) {
    trip_history.clear();
    message = std::string("track of trip ") + std::to_string(id) + ": " + e.what();
  }
}

std::uint32_t Viewer::stack_colour(int block, int height, std::uint64_t top) {
  if (height <= 0) return packed(kEmptyStack);
  switch (colour) {
    case ColourMode::Height: return packed(height_colour(height, geometry.blocks[block].tiers));
    case ColourMode::Category: return packed(category_colour(geometry.blocks[block].area));
    case ColourMode::Dwell: {
      const double since = events.received(top);
      return since < 0 ? packed(Rgb{120, 120, 120}) : packed(dwell_colour(time() - since));
    }
    case ColourMode::Inspection: {
      const double when = events.inspected(top);
      return when >= 0 && when <= time() ? packed(Rgb{200, 60, 255}) : packed(Rgb{120, 130, 150});
    }
  }
  return packed(kEmptyStack);
}

void Viewer::tick(double wall_seconds) {
  if (playing) {
    const double next = time() + wall_seconds * speed;
    if (next >= source.horizon()) playing = false;
    seek(next);
  }
  try {
    events.advance(1 << 14);
  } catch (const std::exception& e) {
    message = e.what();  // a log that fails its fingerprint: said once, nothing of it drawn
  }
}

namespace {

// The panels' windows (each Begin's title).
constexpr const char* kPanelWindows[] = {"Timeline", "Yard plan", "KPIs", "Inspector", "Bay side view", "Corridor", "Plan"};

// Whether the window `title` overlapped another panel's window in the last frame (or was not drawn
// then). A panel that overlaps none needs no background of its own: the frame is cleared to the same
// opaque colour (window.cpp), and a software renderer blends every background pixel, about a
// window's area per frame.
bool needs_background(const char* title) {
  const ImGuiWindow* self = ImGui::FindWindowByName(title);
  if (!self || !self->WasActive) return true;
  const ImRect a = self->Rect();
  for (const char* other : kPanelWindows) {
    if (std::string_view(other) == title) continue;
    const ImGuiWindow* w = ImGui::FindWindowByName(other);
    if (!w || !w->WasActive) continue;
    const ImRect b = w->Rect();
    if (a.Min.x < b.Max.x - 0.5f && b.Min.x < a.Max.x - 0.5f && a.Min.y < b.Max.y - 0.5f && b.Min.y < a.Max.y - 0.5f) {
      return true;
    }
  }
  return false;
}

}  // namespace

bool begin_panel(const char* title, const PanelArea& where) {
  if (where.embedded) {
    ImGui::BeginChild(title, ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    return true;
  }
  const ImGuiCond cond = where.place_always || where.fill ? ImGuiCond_Always : ImGuiCond_FirstUseEver;
  ImGui::SetNextWindowPos(ImVec2(where.area.x0, where.area.y0), cond);
  ImGui::SetNextWindowSize(ImVec2(where.area.width(), where.area.height()), cond);
  ImGuiWindowFlags flags = needs_background(title) ? 0 : ImGuiWindowFlags_NoBackground;
  if (where.fill) {
    flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
            ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground;  // the clear colour shows
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
  }
  const bool open = ImGui::Begin(title, nullptr, flags);
  if (where.fill) ImGui::PopStyleVar(3);
  return open;
}

void end_panel(const PanelArea& where) {
  if (where.embedded) ImGui::EndChild();
  else ImGui::End();
}

}  // namespace porttwin::viz

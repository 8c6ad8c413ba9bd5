// The viewer's state shared by its panels: the open run, the cursor and playback, what is selected,
// and how the yard plan is coloured and framed. Each panel is a function in its own file (panels.hpp).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "viz/app/block_texture.hpp"
#include "viz/core/corridor_source.hpp"
#include "viz/core/event_index.hpp"
#include "viz/core/layout.hpp"
#include "viz/core/move_log.hpp"
#include "viz/core/run_source.hpp"
#include "viz/core/yard_cursor.hpp"

namespace porttwin::viz {

enum class ColourMode { Height, Category, Dwell, Inspection };
inline const char* const kColourModeNames[] = {"height", "category", "dwell so far", "held for inspection"};

// Which panels a frame draws: all of them (the interactive layout) or one filling the window.
enum class Panel { All, Yard, Bay, Kpi, Timeline, Inspector, Corridor };

struct ContainerDetails {
  std::uint64_t id = 0;
  std::vector<Lift> lifts;
  std::vector<EventRow> events;
};

struct Viewer {
  explicit Viewer(const std::filesystem::path& file);

  RunSource source;
  MoveLog moves;
  EventIndex events;
  YardGeometry geometry;
  YardCursor cursor;
  std::vector<std::string> places;  // /events/places names (for the inspector)
  CorridorSource corridor;          // /corridor: the map and device tracks (available() false without)

  // Playback.
  bool playing = false;
  double speed = 600;  // simulated seconds per wall second
  // Yard plan.
  ColourMode colour = ColourMode::Height;
  float recent_minutes = 30;  // moves this recent are outlined
  bool plan_fitted = false;
  PlanTransform plan;
  // The stacks' textures: made once the OpenGL context exists, dropped before it goes.
  std::unique_ptr<BlockTextures> textures;
  std::optional<StackHit> selected_stack;
  // Corridor map.
  float trail_minutes = 60;   // each device's positions this far back, as a line
  bool show_attacks = false;  // rings around devices whose attack has happened or that are off route (truth)
  bool alarm_by_grade = true;  // alarmed devices coloured by their last alarm's grade (else by its kind)
  bool show_patrols = true;    // patrol units at the cursor
  bool map_fitted = false;
  PlanTransform map;
  std::optional<std::uint64_t> selected_trip;
  // A run with both a yard and a corridor shows them as two tabs in the plan window.
  enum class PlanTab { Yard, Corridor } plan_tab = PlanTab::Yard;
  int select_plan_tab = 0;  // frames left to select plan_tab in (--tab); headless frames always do
  std::vector<CorridorTrackRow> trip_history;  // of the selected trip
  // Inspector.
  std::optional<ContainerDetails> container;
  std::string message;  // last problem shown in the status line
  // KPI panel: the series shown.
  std::map<std::string, bool> kpi_shown;

  double time() const { return cursor.time(); }
  void seek(double t) { cursor.seek(t); }
  void select_container(std::uint64_t id);
  void select_trip(std::uint64_t id);
  // The run has a yard to show (terminal runs); otherwise the corridor map takes the yard's place.
  bool has_yard() const { return source.has_yard(); }
  // Both: the yard plan and the corridor map share the plan window as tabs.
  bool has_both() const { return source.has_yard() && corridor.available(); }
  // The plan's colour for a stack whose top box is `top` in block `block`, of `height` boxes.
  std::uint32_t stack_colour(int block, int height, std::uint64_t top);
  // Advances playback by `wall_seconds` and keeps the background scan going.
  void tick(double wall_seconds);
};

}  // namespace porttwin::viz

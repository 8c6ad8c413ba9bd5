// The viewer's colours as plain RGB, so that tests compare pixels against the same values the
// drawing used. Heights run from pale to deep blue; everything drawn over stacks stands apart.
#pragma once

#include <cstdint>
#include <string>

namespace porttwin::viz {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
  bool operator==(const Rgb&) const = default;
};

// ImGui's packed form (IM_COL32) of an opaque colour.
constexpr std::uint32_t packed(Rgb c, std::uint8_t alpha = 255) {
  return static_cast<std::uint32_t>(alpha) << 24 | static_cast<std::uint32_t>(c.b) << 16 |
         static_cast<std::uint32_t>(c.g) << 8 | c.r;
}

inline constexpr Rgb kBackground{24, 26, 30};
inline constexpr Rgb kGround{58, 62, 70};         // block surface between stacks
inline constexpr Rgb kEmptyStack{88, 92, 100};    // a stack with no box
inline constexpr Rgb kCraneIdle{80, 220, 230};    // a yard crane without a job
inline constexpr Rgb kCraneBusy{255, 150, 30};    // a yard crane on a job
inline constexpr Rgb kRecentMove{255, 60, 200};   // outline of a stack touched in the last N min
inline constexpr Rgb kSelection{255, 255, 255};
inline constexpr Rgb kQuay{110, 100, 80};
inline constexpr Rgb kVessel{70, 110, 160};
inline constexpr Rgb kTruck{240, 220, 80};
inline constexpr Rgb kGate{160, 200, 120};
inline constexpr Rgb kAlarm{230, 50, 50};

// A stack of `height` boxes out of `tiers`: kEmptyStack at 0, then pale to deep blue.
Rgb height_colour(int height, int tiers);
// The category of a block's area (import, export, reefer, empty).
Rgb category_colour(const std::string& area);
// Dwell so far, 0 to 7 days and over: green to red.
Rgb dwell_colour(double seconds);
// For a marker of an incident or alarm of event kind `kind`.
Rgb incident_colour(int kind);

// The corridor map.
inline constexpr Rgb kRoute{95, 110, 135};
inline constexpr Rgb kAttackTruth{255, 60, 200};  // ring around a device whose attack has happened (truth)
inline constexpr Rgb kOffRoute{255, 150, 30};    // ring around a device on a detour (truth)
// A customs station by kind: port, inland, border, rail.
Rgb station_colour(const std::string& kind);
// A device on the road: its last alarm's kind (ALARM detail) when it has had one, else its type's
// colour (passive, semi_active, active, smart_container).
Rgb device_colour(int alarm, const std::string& type);
Rgb alarm_colour(int alarm);
Rgb device_type_colour(const std::string& type);
// An alarm's grade at the supervision centre: 1 info, 2 warning, 3 critical (0: unknown, as kind 5's).
Rgb grade_colour(int grade);
// A device on the road coloured by its last alarm's grade (`grade` 0: no alarm yet, its type's colour).
Rgb device_grade_colour(int grade, const std::string& type);
// A patrol unit by state (PatrolState: 0 base, 1 out, 2 at the vehicle, 3 back); its marker is a
// hexagon with a dark edge.
Rgb patrol_colour(int state);
inline constexpr Rgb kPatrolEdge{10, 10, 14};

}  // namespace porttwin::viz

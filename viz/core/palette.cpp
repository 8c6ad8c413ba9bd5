#include "viz/core/palette.hpp"

#include <algorithm>

#include "sim/record/event_kind.hpp"
#include "models/corridor/record/corridor_events.hpp"
#include "models/incidents/record/incident_events.hpp"
#include "models/nii/record/nii_events.hpp"
#include "models/terminal/record/terminal_events.hpp"

namespace porttwin::viz {

namespace {
Rgb mix(Rgb a, Rgb b, double f) {
  f = std::clamp(f, 0.0, 1.0);
  auto lerp = [f](std::uint8_t x, std::uint8_t y) { return static_cast<std::uint8_t>(x + (y - x) * f + 0.5); };
  return {lerp(a.r, b.r), lerp(a.g, b.g), lerp(a.b, b.b)};
}
}  // namespace

Rgb height_colour(int height, int tiers) {
  if (height <= 0) return kEmptyStack;
  if (tiers <= 1) return {40, 90, 200};
  return mix({190, 215, 245}, {25, 60, 170}, static_cast<double>(height - 1) / (tiers - 1));
}

Rgb category_colour(const std::string& area) {
  if (area == "import") return {70, 150, 230};
  if (area == "export") return {90, 200, 110};
  if (area == "reefer") return {120, 220, 240};
  if (area == "empty") return {190, 190, 190};
  return {170, 140, 220};
}

Rgb dwell_colour(double seconds) {
  const double days = seconds / 86400.0;
  if (days < 3.5) return mix({80, 200, 90}, {240, 220, 60}, days / 3.5);
  return mix({240, 220, 60}, {220, 50, 40}, (days - 3.5) / 3.5);
}

Rgb incident_colour(int kind) {
  switch (kind) {
    case code_of(TerminalEvent::Breakdown): return {255, 160, 40};
    case code_of(CorridorEvent::Alarm): return kAlarm;
    case code_of(NiiEvent::NiiAlarm): return {255, 90, 90};
    case code_of(NiiEvent::CustomsHold): return {200, 60, 255};
    case code_of(IncidentEvent::IncidentStart): return {255, 70, 0};
    case code_of(IncidentEvent::SystemDown): return {190, 0, 0};
    case code_of(IncidentEvent::SystemUp): return {60, 200, 90};
    case code_of(IncidentEvent::IncidentDetected): return {255, 220, 0};
    case code_of(IncidentEvent::StepDone): return {150, 150, 255};
    case code_of(IncidentEvent::IncidentRestored): return {0, 200, 200};
    case code_of(IncidentEvent::IncidentRecovered): return {0, 255, 120};
    default: return {200, 200, 200};
  }
}

Rgb station_colour(const std::string& kind) {
  if (kind == "port") return {90, 160, 255};
  if (kind == "border") return {255, 210, 70};
  if (kind == "rail") return {200, 140, 255};
  return {235, 235, 235};  // inland
}

Rgb alarm_colour(int alarm) {
  switch (alarm) {
    case 0: return {255, 120, 0};    // route deviation
    case 1: return {170, 170, 170};  // no communication
    case 2: return {240, 40, 40};    // illegal opening
    case 3: return {200, 0, 90};     // cable cut
    case 4: return {250, 240, 80};   // low battery
    default: return {255, 80, 160};  // checkpoint finding
  }
}

Rgb device_type_colour(const std::string& type) {
  if (type == "passive") return {215, 185, 125};
  if (type == "semi_active") return {90, 205, 225};
  if (type == "smart_container") return {80, 140, 255};
  return {60, 230, 110};  // active
}

Rgb grade_colour(int grade) {
  switch (grade) {
    case 1: return {250, 240, 90};   // info
    case 2: return {255, 140, 0};    // warning
    case 3: return {235, 25, 35};    // critical
    default: return {255, 80, 160};
  }
}

Rgb device_grade_colour(int grade, const std::string& type) { return grade > 0 ? grade_colour(grade) : device_type_colour(type); }

Rgb patrol_colour(int state) {
  switch (state) {
    case 1: return {0, 255, 255};     // driving out to a vehicle
    case 2: return {255, 255, 255};   // at the vehicle, inspecting
    case 3: return {175, 130, 255};   // driving back
    default: return {150, 150, 165};  // at its base
  }
}

Rgb device_colour(int alarm, const std::string& type) { return alarm >= 0 ? alarm_colour(alarm) : device_type_colour(type); }

}  // namespace porttwin::viz

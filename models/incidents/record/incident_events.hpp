// Event codes of incident drills: an incident's life from its start to its recovery.
#pragma once

#include <array>

#include "sim/record/event_kind.hpp"

namespace porttwin {

enum class IncidentEvent : std::uint16_t {
  IncidentStart = 40,      // an incident begins (entity = incident number, detail = its kind)
  SystemDown = 41,         // an IT/OT host or uplink goes off (entity = incident number, place = it.<host>)
  SystemUp = 42,           // it comes back
  IncidentDetected = 43,   // the incident is detected (detail = 1 by an alert, 0 noticed by users)
  StepDone = 44,           // a playbook step ends (detail = its index in the playbook)
  IncidentRestored = 45,   // the critical functions it took down are back
  IncidentRecovered = 46,  // the playbook is complete and the functions are back: recovered
};

inline constexpr std::array<EventKindName, 7> kIncidentEventNames = {{
    {"INCIDENT", 40}, {"SYSTEM_DOWN", 41}, {"SYSTEM_UP", 42}, {"DETECTED", 43}, {"STEP_DONE", 44},
    {"RESTORED", 45}, {"RECOVERED", 46}}};

}  // namespace porttwin

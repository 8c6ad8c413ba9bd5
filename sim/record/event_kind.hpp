// What happened to an entity, as one small code per event row of /events/log. The engine's own
// codes (what any station or source does) are here; each model declares its domain codes in its
// record folder (models/<model>/record/*_events.hpp), named after DCSA Track & Trace where one fits,
// and models/record/event_catalog lists them all for the run file's enum type.
#pragma once

#include <array>
#include <concepts>
#include <cstdint>
#include <span>
#include <type_traits>

namespace porttwin {

// An event code's name in the run file (the HDF5 enum label) and its number.
struct EventKindName {
  const char* name;
  std::uint16_t code;
};

// A model's scoped enum of event codes: stored over 16 bits.
template <class Code>
concept EventCode = std::is_enum_v<Code> && std::same_as<std::underlying_type_t<Code>, std::uint16_t>;

// The stored number of a code, for switch labels over EventRow::kind.
template <EventCode Code>
constexpr std::uint16_t code_of(Code code) {
  return static_cast<std::uint16_t>(code);
}

enum class EventKind : std::uint16_t {
  Enter = 0,   // an entity is created by a source
  Arrive = 1,  // joins a station's queue
  Start = 2,   // service starts (detail = server index)
  Finish = 3,  // service ends (detail = server index)
  Balk = 4,    // turned away: the queue was full
  Renege = 5,  // left the queue: patience ran out
  Exit = 6,    // leaves the model
};

inline constexpr std::array<EventKindName, 7> kEngineEventNames = {{
    {"ENTER", 0}, {"ARRIVE", 1}, {"START", 2}, {"FINISH", 3}, {"BALK", 4}, {"RENEGE", 5}, {"EXIT", 6}}};

}  // namespace porttwin

// Readable names of the corridor's alarm and attack codes (ALARM and ATTACK details, tracks.alarm,
// trips.attack), for files that do not carry /corridor/alarm_kinds and for the attack truth.
#pragma once

#include <array>
#include <cstddef>

namespace porttwin::viz {

inline constexpr std::array<const char*, 12> kAlarmLabels = {
    "route deviation", "no communication", "illegal opening", "cable cut",       "low battery",        "checkpoint finding",
    "illegal stay",    "overtime stay",    "journey timeout", "abnormal oil volume", "device malfunction", "body destroyed"};
inline constexpr std::array<const char*, 8> kAttackLabels = {
    "none", "door opening", "Faraday bag", "device removal", "route deviation", "cloned device", "GPS jamming",
    "device destruction"};

// The label of `code` in `labels`, or "?" for a code this viewer does not know.
template <std::size_t N>
const char* label_of(const std::array<const char*, N>& labels, int code) {
  return code >= 0 && static_cast<std::size_t>(code) < N ? labels[static_cast<std::size_t>(code)] : "?";
}

}  // namespace porttwin::viz

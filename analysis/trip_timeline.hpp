// One corridor trip's story from a run file (for a transit box of the terminal, from its discharge on:
// the box's id is its trip's id): its record in /corridor/trips (route, device type,
// procedure, vehicle, the attack's truth and when it was detected) and every event of it in
// /events/log in time order (created, sealed, readers, border checks, alarms, triage, patrols,
// unsealed), each with its place and what its detail code means.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "models/corridor/record/corridor_layout.hpp"
#include "models/port/record/port_layout.hpp"
#include "sim/record/recorder.hpp"

namespace porttwin::analysis {

struct TimelineEntry {
  EventRow event;
  std::string kind;    // the event's name (SEAL, BORDER_CHECK, ALARM, ...)
  std::string place;   // /events/places name
  std::string detail;  // what the detail code means for this kind ("" when it means nothing)
};

struct TripTimeline {
  std::optional<CorridorTripRow> record;  // none when the run was recorded without /corridor
  std::optional<PortTransitRow> box;      // the terminal's transit box this trip carries (/port/transit)
  std::string route, device, procedure;   // names, when the record is there
  std::vector<TimelineEntry> entries;
};

// Throws std::runtime_error when the file cannot be read, std::out_of_range when the trip has neither
// a record nor an event in it.
TripTimeline trip_timeline(const std::filesystem::path& run_file, std::uint64_t trip);

// The meaning of `detail` on a corridor event of `kind` (alarm and attack names, read outcomes, border
// and triage decisions); "" for kinds whose detail is not a code.
std::string corridor_detail(std::uint16_t kind, std::uint16_t detail);

}  // namespace porttwin::analysis

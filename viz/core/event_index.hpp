// What the viewer learns from the whole run by reading it in the background, a bounded piece per
// frame: incident (INCIDENT .. RECOVERED) and alarm markers for the timeline, berth visits and quay-crane breakdowns for
// the quay, when each box entered the yard (dwell so far) and which boxes customs diverted to
// inspection. Opening a run never waits for it; what is not scanned yet is simply not shown yet.
// Stepping to the previous or next event is a binary search, not a scan.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <unordered_map>
#include <vector>

#include "sim/record/recorder.hpp"

namespace porttwin::viz {

struct Marker {
  double time = 0;
  int kind = 0;  // EventKind
  std::uint64_t entity = 0;
  int detail = 0;
};

// What a marker of event kind `kind` is, for the timeline's tooltip ("incident detected", ...).
const char* marker_label(int kind);
// Kinds 40-46 (models/incidents): drawn across the whole scrubber.
bool is_incident_marker(int kind);

struct Interval {
  int index = 0;            // berth or quay crane
  std::uint64_t entity = 0;  // the vessel call (berth visits)
  double from = 0;
  double to = 1e300;  // still open at the end of the run
};

class EventIndex {
 public:
  explicit EventIndex(const std::filesystem::path& run_file);  // h5::Error when unreadable
  ~EventIndex();
  EventIndex(EventIndex&&) noexcept;
  EventIndex& operator=(EventIndex&&) noexcept;

  // Reads up to `rows` more rows of /events/log and /yard/moves; false once all are read. When the
  // last row is read, the rows are checked against the run's fingerprint: ViewerError (and what the
  // log gave dropped) when they do not match.
  bool advance(std::size_t rows);
  void finish() {
    while (advance(1 << 16)) {
    }
  }
  double progress() const;  // 0 to 1

  static constexpr std::size_t kMaxMarkers = 20000;
  const std::vector<Marker>& markers() const { return markers_; }
  const std::vector<Interval>& berth_visits() const { return berths_; }
  const std::vector<Interval>& crane_breakdowns() const { return breakdowns_; }
  // When the box was first received into the yard (negative: not seen yet).
  double received(std::uint64_t container) const;
  // When customs diverted the box to inspection (negative: never, or not scanned yet).
  double inspected(std::uint64_t container) const;
  bool has_inspections() const { return !inspections_.empty(); }

  std::uint64_t event_count() const;
  // Time of the first event after t / the last before t; negative when there is none.
  double next_event_after(double t) const;
  double last_event_before(double t) const;
  // Events naming this container (DISC, LOAD, the customs events, and in a run with a port: section
  // its lock wait, out-gate and corridor trip: sealing, readers, border, alarms, unsealing), scanning
  // the log in pieces.
  std::vector<EventRow> container_events(std::uint64_t container) const;

 private:
  void take(const EventRow& row);
  struct Open;
  std::unique_ptr<Open> open_;
  std::vector<Marker> markers_;
  std::vector<Interval> berths_, breakdowns_;
  std::unordered_map<std::uint64_t, double> received_, inspections_;
};

}  // namespace porttwin::viz

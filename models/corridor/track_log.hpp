// Writes the run file's /corridor group (models/corridor/record/corridor_layout.hpp): the static map (stations,
// route polylines, device types) when it is created, track rows as the run goes, buffered and
// appended a whole chunk at a time (one HDF5 call per chunk, never per row), and the trips table at
// the end. Rows come in time order; the writer gives the longest time between two rows of one trip
// (`max_gap` attribute), so a reader knows how far around a moment to read to interpolate every trip,
// and /corridor/track_index holds the time of every kTrackIndexEvery-th row, so that it finds those
// rows without a binary search of single-row reads (each would inflate a whole compressed chunk).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/corridor/record/corridor_layout.hpp"
#include "sim/record/h5_file.hpp"

namespace porttwin {

inline constexpr std::uint64_t kTrackIndexEvery = 1024;

struct TrackLogOptions {
  double track_interval = 1800;    // s; scenario setting corridor.track_interval (an attribute only here)
  std::size_t chunk_rows = 65536;  // rows buffered before a write; also the HDF5 chunk size
  int deflate = 1;                 // 0-9
};

class TrackLog {
 public:
  // Creates the group `name` in `parent` and writes the static tables.
  TrackLog(h5::Group& parent, const std::vector<CorridorStationRow>& stations, const std::vector<CorridorRouteRow>& routes,
           const std::vector<CorridorVertexRow>& vertices, const std::vector<CorridorDeviceTypeRow>& device_types,
           TrackLogOptions options, const std::string& name = "corridor");

  // std::invalid_argument for a row earlier than the last one.
  void record(const CorridorTrackRow& row);
  std::uint64_t row_count() const { return tracks_.size() + pending_.size(); }

  // The alarm kinds and their grades (/corridor/alarm_kinds), once, after the constructor.
  void write_alarm_kinds(const std::vector<CorridorAlarmKindRow>& kinds);
  // Writes the trips table (once, at the end), max_gap (s), the patrol units' rows (in time order;
  // none without patrol units) and whatever is buffered.
  void finish(const std::vector<CorridorTripRow>& trips, double max_gap,
              const std::vector<CorridorPatrolRow>& patrols = {});
  void flush();
  ~TrackLog();
  TrackLog(const TrackLog&) = delete;
  TrackLog& operator=(const TrackLog&) = delete;

 private:
  TrackLogOptions options_;
  h5::Group group_;
  h5::Table<CorridorTrackRow> tracks_;
  std::vector<CorridorTrackRow> pending_;
  std::vector<double> index_;  // time of rows 0, kTrackIndexEvery, 2 kTrackIndexEvery, ...
  double last_time_ = 0;
  bool finished_ = false;
};

}  // namespace porttwin

// The run file's /corridor group as the corridor map needs it, read lazily: opening reads the map
// (stations, routes, device types: a few rows); the trips table is read the first time a moment is
// asked for; a moment reads only the track rows within `max_gap` of it (two binary searches and one
// read), which is where every trip on the road has a row before and after it. A run file without
// /corridor (a terminal run, or a corridor run recorded before tracks existed or with
// corridor.record_tracks: false) opens as unavailable with a sentence saying why.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "models/corridor/record/corridor_layout.hpp"
#include "viz/core/corridor_map.hpp"

namespace porttwin::viz {

// A trip on the road at a moment.
struct DeviceAt {
  std::uint64_t trip = 0;
  std::uint32_t route = 0, device_type = 0;
  LatLonPoint at;              // interpolated between its rows before and after the moment
  double battery = 0;          // Ah, at its row before the moment
  CorridorTrackRow last;       // its row at or before the moment: flags, last alarm, reported
  std::vector<LatLonPoint> trail;  // its positions in (t - trail, t], oldest first, then `at`
};

// A patrol unit at a moment.
struct PatrolAt {
  std::uint32_t unit = 0;
  LatLonPoint at;                    // on a drive: in a straight line between its rows
  PatrolState state = PatrolState::Base;
  std::uint64_t trip = kNoTrip;      // the trip it was sent to
  double since = 0;                  // time of the row it is in
};

// Where a unit whose rows (time order, /corridor/patrols) are `rows` is at t: at its last row at or
// before t, moved towards its next row in proportion to the time when that row says it drives (out,
// back). nullopt before its first row.
std::optional<PatrolAt> patrol_at(const std::vector<CorridorPatrolRow>& rows, double t);

class CorridorSource {
 public:
  // h5::Error only for a damaged file; a file without /corridor is not an error (available() false).
  explicit CorridorSource(const std::filesystem::path& file);
  ~CorridorSource();
  CorridorSource(CorridorSource&&) noexcept;
  CorridorSource& operator=(CorridorSource&&) noexcept;

  bool available() const;
  const std::string& problem() const { return problem_; }  // why not available
  const CorridorMap& map() const { return map_; }
  std::uint64_t row_count() const;
  double track_interval() const;
  double max_gap() const;

  // Every trip between its sealing and unsealing at t, ordered by trip id, with its positions of the
  // last `trail` seconds. Cached: asking again for the same moment and trail reads nothing.
  const std::vector<DeviceAt>& devices_at(double t, double trail);
  // The trip's row of /corridor/trips; nullptr when there is no such trip.
  const CorridorTripRow* trip(std::uint64_t id);
  // Every track row of one trip in time order (reads the rows from its sealing to its completion).
  std::vector<CorridorTrackRow> history(std::uint64_t id);
  // Every patrol unit at t (read whole, a few rows per call, on first use); empty without units or
  // in files written before patrol rows were.
  const std::vector<PatrolAt>& patrols_at(double t);
  std::size_t patrol_units();

 private:
  void load_trips();
  LatLonPoint place(const CorridorTrackRow& row, std::uint32_t route) const;

  struct Open;
  std::unique_ptr<Open> open_;
  std::string problem_;
  CorridorMap map_;
  std::vector<CorridorTripRow> trips_;
  std::unordered_map<std::uint64_t, std::size_t> trip_index_;
  bool trips_loaded_ = false;
  double cached_t_ = -1, cached_trail_ = -1;
  std::vector<DeviceAt> cached_;
  bool patrols_loaded_ = false;
  std::vector<std::vector<CorridorPatrolRow>> patrol_rows_;  // per unit, in time order
  double patrols_t_ = -1;
  std::vector<PatrolAt> patrols_cached_;
};

}  // namespace porttwin::viz

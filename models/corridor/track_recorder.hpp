// Where every trip's device was over time, for the run file's /corridor group (models/corridor/track_log):
// a row at each real-time report and every `track_interval` for every device type (passive devices
// too: the simulator knows the truth even when customs does not), at sealing, at each station, at the
// attack, at each alarm and at unsealing. Periodic rows are thinned per trip: a report or a sample
// writes a row only when the trip's last row is at least track_interval old, so a corridor of
// 10,000 devices reporting every 5 min writes a row per device every 30 min by default. Samples are
// taken at the model's first callback after each multiple of track_interval (no timer of their own),
// so in a quiet corridor they come late; the gap a reader must bridge is written as max_gap.
// Patrol units get a row when they leave their base, meet the vehicle, leave it and are back (the
// last two known, and written, when the unit meets the vehicle), kept in memory and written in time
// order at the end. Recording only reads the trips and the units: the run's events (and its
// fingerprint) are the same without it.
#pragma once

#include <cmath>
#include <cstdint>
#include <memory>
#include <vector>

#include "models/corridor/corridor_config.hpp"
#include "models/corridor/geometry.hpp"
#include "models/corridor/trip_registry.hpp"
#include "sim/record/recorder.hpp"
#include "models/corridor/track_log.hpp"

namespace porttwin::corridor {

class TrackRecorder {
 public:
  explicit TrackRecorder(const CorridorConfig& config) : config_(config) {}

  // Creates /corridor when the run has a file and corridor.record_tracks is on; otherwise stays off.
  // `route_stations[r]`: route r's start and each leg's end (station indexes).
  // `chunk_rows`, `deflate`: the run's record.event_chunk_rows and record.deflate.
  void open(Recorder& recorder, const std::vector<Polyline>& lines, const std::vector<std::vector<int>>& route_stations,
            std::size_t chunk_rows, int deflate);
  bool active() const { return log_ != nullptr; }
  double interval() const { return config_.track_interval; }

  // Whether a periodic row (report or sample) is due: the trip has no row for track_interval.
  bool due(std::size_t index, double now) const {
    return index < last_.size() && now - last_[index] >= config_.track_interval * (1 - 1e-9);
  }
  // A row for trip `index` at `now`: truth position `at`, `km` along its route. A Seal row makes the
  // trip one the sampler visits, an Unseal row ends that. `alarm`: the kind an Alarm row raises.
  void record(const Trip& trip, std::size_t index, TrackCause cause, double now, LatLon at, double km,
              bool reported = false, int alarm = -1);
  // Trips between their Seal and Unseal rows (indexes), for the periodic sampler, which runs at the
  // first model callback in each track_interval (sample_due), then says so (sampled).
  const std::vector<std::uint32_t>& on_the_road() const { return road_; }
  bool sample_due(double now) const { return log_ && now >= next_sample_; }
  void sampled(double now) { next_sample_ = (std::floor(now / config_.track_interval) + 1) * config_.track_interval; }

  // A patrol unit's row: from `time` on it is at `at` doing `state` (models/corridor/record/corridor_layout.hpp);
  // `trip`: the id of the trip it was sent to, kNoTrip none. Rows may come out of time order.
  void patrol(double time, int unit, LatLon at, PatrolState state, std::uint64_t trip = kNoTrip);

  // Writes the trips table, the patrol rows and the rest of the track rows.
  void finish(const TripRegistry& trips);

 private:
  const CorridorConfig& config_;
  std::unique_ptr<TrackLog> log_;
  std::vector<double> last_;           // per trip: time of its last row
  std::vector<std::int8_t> alarm_;     // per trip: last alarm kind, -1 none
  std::vector<std::uint32_t> slot_;    // per trip: its place in road_
  std::vector<std::uint32_t> road_;
  std::vector<CorridorPatrolRow> patrols_;
  double max_gap_ = 0;
  double next_sample_ = 0;
};

}  // namespace porttwin::corridor

#include "viz/core/corridor_source.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "sim/record/h5_file.hpp"
#include "sim/record/h5_row_range.hpp"
#include "sim/record/h5_time_table.hpp"

namespace porttwin::viz {

namespace {
constexpr std::size_t kPiece = 1 << 16;
constexpr std::uint64_t kMaxWindowRows = 8'000'000;  // ~320 MB: beyond this a moment is refused
}  // namespace

struct CorridorSource::Open {
  h5::File file;
  std::optional<h5::Group> group;
  std::optional<h5::Object> tracks;  // for its attributes
  std::optional<h5::TimeOrderedTable<CorridorTrackRow>> table;
  std::uint64_t count = 0;
  double track_interval = 0, max_gap = 0;
  std::vector<double> index;  // time of every `every`-th row (/corridor/track_index), empty without
  std::uint64_t every = 0;
  h5::CompoundType track_type = corridor_track_row_type();

  explicit Open(h5::File opened) : file(std::move(opened)) {}

  // Rows [first, end) holding every row with time in [from, to] (and perhaps a few more): through
  // the index when there is one, else two binary searches of single-row reads.
  std::pair<std::uint64_t, std::uint64_t> rows_between(double from, double to) const {
    if (index.empty() || every == 0) {
      return {table->first_after(from, false), table->first_after(to)};
    }
    const auto k = static_cast<std::uint64_t>(std::lower_bound(index.begin(), index.end(), from) - index.begin());
    const auto j = static_cast<std::uint64_t>(std::upper_bound(index.begin(), index.end(), to) - index.begin());
    return {std::min(count, (k > 0 ? k - 1 : 0) * every), std::min(count, j * every)};
  }
};

CorridorSource::CorridorSource(const std::filesystem::path& file)
    : open_(std::make_unique<Open>(h5::File::open_read(file.string()))) {
  Open& o = *open_;
  const h5::Group root = o.file.root();
  if (!root.has("corridor/tracks")) {
    problem_ = root.has("yard")
                   ? "This run has no corridor (a terminal run)."
                   : "This run file has no device tracks (/corridor): it was recorded before tracks existed or with "
                     "corridor.record_tracks: false. Run the scenario again to see the corridor map.";
    return;
  }
  o.group.emplace(root.open_group("corridor"));
  o.tracks.emplace(o.group->open_dataset("tracks"));
  o.table.emplace(o.group->open_dataset("tracks"), o.track_type);
  o.count = o.table->size();
  o.track_interval = o.group->double_attribute("track_interval");
  // max_gap is written when the run ends; a run cut short has none: the interval's bound then.
  o.max_gap = o.tracks->has_attribute("max_gap") ? o.tracks->double_attribute("max_gap") : 2 * o.track_interval;
  if (o.group->has("track_index")) {
    o.index = o.group->read_vector<double>("track_index");
    o.every = o.group->open_dataset("track_index").uint_attribute("every");
  }
  for (const auto& s : h5::read_table<CorridorStationRow>(*o.group, "stations", corridor_station_row_type())) {
    map_.stations.push_back({std::string(h5::text_of(s.name)), std::string(h5::text_of(s.kind)), s.lat, s.lon});
  }
  const auto vertices = h5::read_table<CorridorVertexRow>(*o.group, "route_vertices", corridor_vertex_row_type());
  for (const auto& r : h5::read_table<CorridorRouteRow>(*o.group, "routes", corridor_route_row_type())) {
    MapRoute route;
    route.name = std::string(h5::text_of(r.name));
    for (std::uint64_t v = r.first_vertex; v < r.first_vertex + r.vertex_count && v < vertices.size(); ++v) {
      route.lat.push_back(vertices[v].lat);
      route.lon.push_back(vertices[v].lon);
      route.km.push_back(vertices[v].km);
    }
    map_.routes.push_back(std::move(route));
  }
  for (const auto& d : h5::read_table<CorridorDeviceTypeRow>(*o.group, "device_types", corridor_device_type_row_type())) {
    map_.device_types.push_back({std::string(h5::text_of(d.name)), std::string(h5::text_of(d.type)), d.real_time != 0,
                                 d.battery_capacity});
  }
  if (o.group->has("alarm_kinds")) {
    for (const auto& k : h5::read_table<CorridorAlarmKindRow>(*o.group, "alarm_kinds", corridor_alarm_kind_row_type())) {
      if (k.index >= map_.alarm_kinds.size()) map_.alarm_kinds.resize(k.index + 1);
      map_.alarm_kinds[k.index] = {std::string(h5::text_of(k.name)), k.grade};
    }
  }
}

std::optional<PatrolAt> patrol_at(const std::vector<CorridorPatrolRow>& rows, double t) {
  const auto after = std::upper_bound(rows.begin(), rows.end(), t,
                                      [](double x, const CorridorPatrolRow& r) { return x < r.time; });
  if (after == rows.begin()) return std::nullopt;
  const CorridorPatrolRow& b = *(after - 1);
  PatrolAt p;
  p.unit = b.unit;
  p.at = {b.lat, b.lon};
  p.state = b.state;
  p.trip = b.trip;
  p.since = b.time;
  if ((b.state == PatrolState::Out || b.state == PatrolState::Back) && after != rows.end() && after->time > b.time) {
    const double f = (t - b.time) / (after->time - b.time);
    p.at = {b.lat + f * (after->lat - b.lat), b.lon + f * (after->lon - b.lon)};
  }
  return p;
}

std::size_t CorridorSource::patrol_units() {
  patrols_at(patrols_t_);
  return patrol_rows_.size();
}

const std::vector<PatrolAt>& CorridorSource::patrols_at(double t) {
  if (!patrols_loaded_) {
    patrols_loaded_ = true;
    if (available() && open_->group->has("patrols")) {
      for (const auto& r : h5::read_table<CorridorPatrolRow>(*open_->group, "patrols", corridor_patrol_row_type())) {
        if (r.unit >= patrol_rows_.size()) patrol_rows_.resize(r.unit + 1);
        patrol_rows_[r.unit].push_back(r);
      }
    }
    patrols_t_ = -1;
    patrols_cached_.clear();
  }
  if (t == patrols_t_) return patrols_cached_;
  patrols_t_ = t;
  patrols_cached_.clear();
  for (const auto& rows : patrol_rows_) {
    if (const auto p = patrol_at(rows, t)) patrols_cached_.push_back(*p);
  }
  return patrols_cached_;
}

CorridorSource::~CorridorSource() = default;
CorridorSource::CorridorSource(CorridorSource&&) noexcept = default;
CorridorSource& CorridorSource::operator=(CorridorSource&&) noexcept = default;

bool CorridorSource::available() const { return open_->tracks.has_value(); }
std::uint64_t CorridorSource::row_count() const { return open_->count; }
double CorridorSource::track_interval() const { return open_->track_interval; }
double CorridorSource::max_gap() const { return open_->max_gap; }

void CorridorSource::load_trips() {
  if (trips_loaded_ || !available()) return;
  trips_loaded_ = true;
  if (!open_->group->has("trips")) return;  // a run cut short: no route per trip (straight lines then)
  trips_ = h5::read_table<CorridorTripRow>(*open_->group, "trips", corridor_trip_row_type());
  trip_index_.reserve(trips_.size());
  for (std::size_t i = 0; i < trips_.size(); ++i) trip_index_.emplace(trips_[i].trip, i);
}

const CorridorTripRow* CorridorSource::trip(std::uint64_t id) {
  load_trips();
  const auto it = trip_index_.find(id);
  return it == trip_index_.end() ? nullptr : &trips_[it->second];
}

LatLonPoint CorridorSource::place(const CorridorTrackRow& row, std::uint32_t route) const {
  if (row.off_route || route >= map_.routes.size()) return {row.lat, row.lon};
  return route_point(map_.routes[route], row.km);
}

const std::vector<DeviceAt>& CorridorSource::devices_at(double t, double trail) {
  if (t == cached_t_ && trail == cached_trail_) return cached_;
  cached_.clear();
  cached_t_ = t;
  cached_trail_ = trail;
  if (!available() || open_->count == 0) return cached_;
  load_trips();
  const Open& o = *open_;
  const double back = std::max(o.max_gap, trail) + 1e-6, ahead = o.max_gap + 1e-6;
  const auto [first, end] = o.rows_between(t - back, t + ahead);
  if (end <= first) return cached_;
  if (end - first > kMaxWindowRows) throw h5::Error("too many track rows around this moment to show");
  const auto rows = o.table->rows(first, static_cast<std::size_t>(end - first));

  struct Seen {
    const CorridorTrackRow* before = nullptr;
    const CorridorTrackRow* after = nullptr;
    std::vector<const CorridorTrackRow*> trail;
  };
  std::map<std::uint64_t, Seen> seen;
  for (const CorridorTrackRow& row : rows) {
    if (row.time < t - back || row.time > t + ahead) continue;
    Seen& s = seen[row.trip];
    if (row.time <= t) {
      s.before = &row;
      if (row.time > t - trail) s.trail.push_back(&row);
    } else if (!s.after) {
      s.after = &row;
    }
  }
  for (const auto& [id, s] : seen) {
    if (!s.before || s.before->cause == TrackCause::Unseal) continue;  // not on the road yet, or arrived
    DeviceAt d;
    d.trip = id;
    if (const auto it = trip_index_.find(id); it != trip_index_.end()) {
      d.route = trips_[it->second].route;
      d.device_type = trips_[it->second].device;
    } else {
      d.route = static_cast<std::uint32_t>(map_.routes.size());  // unknown: straight lines between rows
    }
    const CorridorTrackRow& b = *s.before;
    d.last = b;
    d.battery = b.battery;
    d.at = place(b, d.route);
    if (s.after && s.after->time > b.time) {
      const CorridorTrackRow& a = *s.after;
      const double f = (t - b.time) / (a.time - b.time);
      if (!b.off_route && !a.off_route && d.route < map_.routes.size()) {
        d.at = route_point(map_.routes[d.route], b.km + f * (a.km - b.km));  // legs are driven at a constant speed
      } else {
        const LatLonPoint p = place(b, d.route), q = place(a, d.route);
        d.at = {p.lat + f * (q.lat - p.lat), p.lon + f * (q.lon - p.lon)};
      }
    }
    for (const CorridorTrackRow* r : s.trail) d.trail.push_back(place(*r, d.route));
    d.trail.push_back(d.at);
    cached_.push_back(std::move(d));
  }
  return cached_;
}

std::vector<CorridorTrackRow> CorridorSource::history(std::uint64_t id) {
  std::vector<CorridorTrackRow> found;
  const CorridorTripRow* t = trip(id);
  if (!t || t->sealed < 0 || !available()) return found;
  const Open& o = *open_;
  const auto [first, bounded_end] = o.rows_between(t->sealed, t->completed);
  const std::uint64_t end = t->completed < 0 ? o.count : bounded_end;
  for (std::uint64_t next = first; next < end; next += kPiece) {
    const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(kPiece, end - next));
    for (const CorridorTrackRow& row : o.table->rows(next, n)) {
      if (row.trip == id) found.push_back(row);
    }
  }
  return found;
}

}  // namespace porttwin::viz

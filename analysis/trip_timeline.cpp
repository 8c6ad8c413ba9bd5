#include "analysis/trip_timeline.hpp"

#include <array>
#include <stdexcept>

#include "analysis/run_file.hpp"
#include "sim/record/event_kind.hpp"
#include "sim/record/h5_file.hpp"
#include "sim/record/h5_types.hpp"
#include "models/corridor/record/corridor_events.hpp"
#include "models/corridor/record/corridor_names.hpp"
#include "models/record/event_catalog.hpp"
#include "models/terminal/record/terminal_events.hpp"

namespace porttwin::analysis {

namespace {

// The trip's row of /corridor/trips and the names its indexes stand for.
void read_record(const std::filesystem::path& file, std::uint64_t trip, TripTimeline& out) {
  const h5::File f = h5::File::open_read(file.string());
  if (!f.root().has("corridor")) return;
  const h5::Group g = f.root().open_group("corridor");
  for (const CorridorTripRow& row : h5::read_table<CorridorTripRow>(g, "trips", corridor_trip_row_type())) {
    if (row.trip != trip) continue;
    out.record = row;
    const auto routes = h5::read_table<CorridorRouteRow>(g, "routes", corridor_route_row_type());
    const auto devices = h5::read_table<CorridorDeviceTypeRow>(g, "device_types", corridor_device_type_row_type());
    if (row.route < routes.size()) out.route = h5::text_of(routes[row.route].name);
    if (row.device < devices.size()) out.device = h5::text_of(devices[row.device].name);
    out.procedure = row.procedure < corridor::kProcedureCount ? std::string(corridor::kProcedureNames[row.procedure])
                                                              : "code " + std::to_string(row.procedure);
    return;
  }
}

// A transit box's id is a terminal id: trucks, vessel calls and cranes are numbered apart and may
// share it. Only the box's own events belong to its story: quay moves, customs, the port and the corridor.
bool about_the_box(const EventRow& e, const std::string& place) {
  if (place == "quay") return e.kind == code_of(TerminalEvent::Discharge) || e.kind == code_of(TerminalEvent::Load);
  if (e.kind == code_of(CorridorEvent::PatrolBack)) return false;  // entity = patrol unit
  return place.rfind("corridor.", 0) == 0 || place.rfind("nii", 0) == 0 || place.rfind("port.", 0) == 0;
}

}  // namespace

std::string corridor_detail(std::uint16_t kind, std::uint16_t detail) {
  using corridor::name_of;
  switch (kind) {
    case code_of(CorridorEvent::Alarm): return std::string(name_of(corridor::kAlarmNames, detail));
    case code_of(CorridorEvent::Attack): return std::string(name_of(corridor::kAttackNames, detail));
    case code_of(CorridorEvent::Inspect): return detail == 1 ? "read" : "read failed";
    case code_of(CorridorEvent::Unseal): return detail == 1 ? "manual" : "automatic";
    case code_of(CorridorEvent::BorderCheck): return std::string(name_of(corridor::kBorderDecisionLabels, detail));
    case code_of(CorridorEvent::Triage): return std::string(name_of(corridor::kAlarmActionNames, detail));
    case code_of(CorridorEvent::Intercept): return std::string(name_of(corridor::kInterceptLabels, detail));
    case code_of(CorridorEvent::ArrivalInspect): return detail == 1 ? "attack found" : "nothing found";
    case code_of(CorridorEvent::Relock): return detail == 1 ? "reactivated" : "deactivated";
    case code_of(CorridorEvent::PatrolOut): return "unit " + std::to_string(detail);
    case code_of(CorridorEvent::ScheduledDeparture): return "leg " + std::to_string(detail);
    default: return "";
  }
}

TripTimeline trip_timeline(const std::filesystem::path& file, std::uint64_t trip) {
  TripTimeline out;
  read_record(file, trip, out);
  {
    const h5::File f = h5::File::open_read(file.string());
    for (const PortTransitRow& row : read_port_transit(f.root())) {
      if (row.box == trip) out.box = row;
    }
  }
  const auto places = read_places(file);
  for (const EventRow& e : read_events(file)) {
    if (e.entity != trip) continue;
    if (out.box && !about_the_box(e, e.place < places.size() ? places[e.place] : "")) continue;
    out.entries.push_back({e, event_name(e.kind), e.place < places.size() ? places[e.place] : "?",
                           corridor_detail(e.kind, e.detail)});
  }
  if (!out.record && out.entries.empty()) {
    throw std::out_of_range("no trip " + std::to_string(trip) + " in " + file.string());
  }
  return out;
}

}  // namespace porttwin::analysis

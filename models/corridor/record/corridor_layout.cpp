#include "models/corridor/record/corridor_layout.hpp"

namespace porttwin {

h5::CompoundType corridor_station_row_type() {
  return h5::CompoundType::of<CorridorStationRow>()
      .field("index", &CorridorStationRow::index)
      .text("name", &CorridorStationRow::name)
      .text("kind", &CorridorStationRow::kind)
      .field("lat", &CorridorStationRow::lat)
      .field("lon", &CorridorStationRow::lon);
}

h5::CompoundType corridor_route_row_type() {
  return h5::CompoundType::of<CorridorRouteRow>()
      .field("index", &CorridorRouteRow::index)
      .text("name", &CorridorRouteRow::name)
      .field("from", &CorridorRouteRow::from)
      .field("to", &CorridorRouteRow::to)
      .field("km", &CorridorRouteRow::km)
      .field("first_vertex", &CorridorRouteRow::first_vertex)
      .field("vertex_count", &CorridorRouteRow::vertex_count);
}

h5::CompoundType corridor_vertex_row_type() {
  return h5::CompoundType::of<CorridorVertexRow>()
      .field("route", &CorridorVertexRow::route)
      .field("lat", &CorridorVertexRow::lat)
      .field("lon", &CorridorVertexRow::lon)
      .field("km", &CorridorVertexRow::km);
}

h5::CompoundType corridor_device_type_row_type() {
  return h5::CompoundType::of<CorridorDeviceTypeRow>()
      .field("index", &CorridorDeviceTypeRow::index)
      .text("name", &CorridorDeviceTypeRow::name)
      .text("type", &CorridorDeviceTypeRow::type)
      .field("real_time", &CorridorDeviceTypeRow::real_time)
      .field("report_interval", &CorridorDeviceTypeRow::report_interval)
      .field("battery_capacity", &CorridorDeviceTypeRow::battery_capacity);
}

h5::CompoundType corridor_trip_row_type() {
  return h5::CompoundType::of<CorridorTripRow>()
      .field("trip", &CorridorTripRow::trip)
      .field("route", &CorridorTripRow::route)
      .field("device", &CorridorTripRow::device)
      .field("unit", &CorridorTripRow::unit)
      .field("created", &CorridorTripRow::created)
      .field("sealed", &CorridorTripRow::sealed)
      .field("completed", &CorridorTripRow::completed)
      .enumeration("attack", &CorridorTripRow::attack, corridor::enum_labels(corridor::kAttackNames))
      .field("attack_time", &CorridorTripRow::attack_time)
      .field("detected", &CorridorTripRow::detected)
      .field("alarms", &CorridorTripRow::alarms)
      .field("false_alarms", &CorridorTripRow::false_alarms)
      .field("flow", &CorridorTripRow::flow)
      .enumeration("procedure", &CorridorTripRow::procedure, corridor::enum_labels(corridor::kProcedureNames, 1))
      .field("vehicle", &CorridorTripRow::vehicle)
      .field("driver", &CorridorTripRow::driver)
      .field("risk", &CorridorTripRow::risk);
}

h5::CompoundType corridor_track_row_type() {
  return h5::CompoundType::of<CorridorTrackRow>()
      .field("time", &CorridorTrackRow::time)
      .field("trip", &CorridorTrackRow::trip)
      .field("lat", &CorridorTrackRow::lat)
      .field("lon", &CorridorTrackRow::lon)
      .field("km", &CorridorTrackRow::km)
      .field("battery", &CorridorTrackRow::battery)
      .enumeration("cause", &CorridorTrackRow::cause, corridor::enum_labels(corridor::kTrackCauseNames))
      .field("reported", &CorridorTrackRow::reported)
      .field("attacked", &CorridorTrackRow::attacked)
      .field("silenced", &CorridorTrackRow::silenced)
      .field("off_route", &CorridorTrackRow::off_route)
      .field("alarm", &CorridorTrackRow::alarm);
}

h5::CompoundType corridor_alarm_kind_row_type() {
  return h5::CompoundType::of<CorridorAlarmKindRow>()
      .field("index", &CorridorAlarmKindRow::index)
      .text("name", &CorridorAlarmKindRow::name)
      .field("grade", &CorridorAlarmKindRow::grade);
}

h5::CompoundType corridor_patrol_row_type() {
  return h5::CompoundType::of<CorridorPatrolRow>()
      .field("time", &CorridorPatrolRow::time)
      .field("unit", &CorridorPatrolRow::unit)
      .field("lat", &CorridorPatrolRow::lat)
      .field("lon", &CorridorPatrolRow::lon)
      .enumeration("state", &CorridorPatrolRow::state, corridor::enum_labels(corridor::kPatrolStateNames))
      .field("trip", &CorridorPatrolRow::trip);
}

}  // namespace porttwin

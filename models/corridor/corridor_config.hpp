// The transit corridor's scenario parameters (`corridor:` section): customs stations, routes of legs
// with polylines, transit flows, Smart Security Device types, sealing and unsealing, supervision
// (alarm rules, the cellular link), attacks and false alarms. Initial values are the documented
// defaults (docs/scenario-reference.md); their sources are in docs/calibration.md (the WCO study report on SSDs above all).
#pragma once

#include <string>
#include <vector>

#include "models/corridor/centre_config.hpp"
#include "models/corridor/risk_assessment.hpp"
#include "models/corridor/trip_log.hpp"
#include "models/logistics/logistics_config.hpp"
#include "sim/random/distribution.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/facility_location.hpp"
#include "sim/scenario/schema.hpp"

namespace porttwin::corridor {

inline const std::vector<std::string> kStationKinds = name_list(kStationKindNames);
inline const std::vector<std::string> kLegModes = {"road", "rail", "sea"};
inline const std::vector<std::string> kDeviceTypes = {"passive", "semi_active", "active", "smart_container"};
inline const std::vector<std::string> kSealingModes = {"quick", "manual"};

struct CustomsStationConfig {
  std::string name = "station";
  std::string kind = "inland";
  StationKind type = StationKind::Inland;  // `kind` as the enum the model decides on (set by check)
  double lat = 0, lon = 0;
  int readers = 2;                                        // fixed readers at the lanes
  Distribution read_time = Distribution::lognormal(20, 0.5);  // s: drive past, read, compare with the declaration
  double reader_distance = 1.8;                           // m from the reader's antenna to the seal passing it
  double pass_speed = 20;                                 // km/h a vehicle drives past the reader
  Distribution stop_time = Distribution::lognormal(30, 0.5);  // s added when a device cannot be read at speed
  int sealing_staff = 4;                                  // officers sealing and unsealing
  std::string country;                                    // a border station: the country entered there
  double opens = 0;                                       // s after local midnight
  double hours_open = 86400;                              // s open a day from `opens` (a full day: always)
  int handheld_readers = 0;                               // re-read a device the fixed reader failed to read
  Distribution handheld_read_time = Distribution::lognormal(60, 0.5);
  int inspectors = 2;                                     // officers inspecting at a border (by alarm grade)
  Distribution border_wait = Distribution::constant(0);   // other border formalities (immigration, vehicle)
  bool relock = false;                                    // device deactivated on arrival, reactivated on leaving (SELS)
  scenario::FacilityLocation location;                    // its UN/LOCODE and facility code (DCSA events)
};

// The times of day a station works: arrivals outside them wait for the next opening.
double next_open(const CustomsStationConfig& station, double time_of_day);  // s to wait (0 when open)

struct LegConfig {
  scenario::NameRef to;
  std::string mode = "road";
  std::vector<double> waypoints;  // lat, lon, lat, lon, ... between the two stations
  Distribution speed = Distribution::truncated_normal(60, 10);  // km/h, average over the leg
  double departure_interval = 0;  // s between scheduled departures (trains, vessels); 0: leaves at once
  double first_departure = 0;     // s after the run's start of the first scheduled departure
  int departure_capacity = 0;     // vehicles (containers) per departure; 0: unlimited
};

struct RouteConfig {
  std::string name = "route";
  scenario::NameRef from;
  std::vector<LegConfig> legs;
  double transit_time = 0;  // s, declared transit time; 0: the route's length at supervision.declared_speed
};

// The customs procedure a flow's trips follow (corridor_names.hpp); "auto" derives it from the
// route: multimodal when its legs change mode, cross-border one-way when it crosses a border.
inline const std::vector<std::string> kProcedures = name_list(kProcedureNames);

struct FlowConfig {
  scenario::NameRef route;
  scenario::NameRef device;
  double trips_per_day = 100;
  bool tanker = false;  // liquid cargo: the device's volume sensor reports abnormal oil volume
  bool reefer = false;  // refrigerated cargo: a smart container's temperature/humidity sensor watches it
  std::string procedure = "auto";
  std::string cargo = "general";  // written on each trip's record
  int vehicles = 0;               // fleet the trips' vehicles come from (0: a new vehicle per trip)
  int drivers = 0;                // drivers the trips' drivers come from (0: each vehicle its own driver)
  // Demand profile (the gate's profile machinery): relative weights of the 24 hours of the local day
  // and factors of the 7 weekdays, Monday first; empty: a constant rate. trips_per_day stays the
  // average over a week.
  std::vector<double> hourly_profile;
  std::vector<double> weekday_factors;
  double trusted_share = 0.3;     // trips whose trader is trusted (an AEO), for the risk assessment
  double risk_factor = 1;         // the declared commodity's risk: multiplies the yellow and red shares
  int procedure_index = 0;        // resolved kProcedures index (never "auto" after check)
  // Not a key: set for the flows models/port adds, whose trips are the terminal's transit boxes
  // (trips_per_day is then their expected rate, for the device dispatcher; none are drawn).
  bool from_port = false;
  // Not a key: set by models/port for the corridor's own flows that end at the port's station: their
  // trips carry export boxes to the terminal.
  bool to_port = false;
};

// Crossing a border (WCO report 8: supervision by the countries along the route). With mutual
// recognition, a trip without a known alarm is released without re-inspection; a known alarm of
// inspect_grade or above is inspected, a lower one gets a document check. What is known: with a
// unified platform every alarm so far; without, what the device stores (its own events), read at
// the border in device_read_time, and the centre's warnings reach destinations in its country only.
struct CrossBorderConfig {
  bool mutual_recognition = true;
  bool unified_platform = true;
  int inspect_grade = 2;
  Distribution inspection_time = Distribution::lognormal(1800, 0.5);
  Distribution document_check_time = Distribution::lognormal(300, 0.5);
  Distribution device_read_time = Distribution::lognormal(60, 0.3);
  Distribution seal_check_time = Distribution::lognormal(120, 0.3);  // added to documents for a yellow trip
  Distribution relock_time = Distribution::lognormal(10, 0.3);  // automatic (de)activation at a relock station
};

// One sensor of a smart container (the box's own, not a seal's): the share of the openings (or
// shocks) it senses, how long after them it alarms, and how often it alarms with nothing there.
// No published detection or false-alarm figure exists for container door, light, climate or shock
// sensors: the defaults are illustrative, sweep them.
struct SensorConfig {
  double probability = 0.95;       // of the events it can sense
  double delay = 0;                // s from the event to its alarm
  double false_alarms_per_day = 0; // alarms with no event, per day on the road (Poisson, drawn per report)
};

// A smart container's sensors: the door contact and the light sensor see any opening, a door's or
// one through its hinges; the temperature/humidity probe of a reefer sees the air let in; the
// shock sensor the blows of breaking the device or working the hinge pins.
struct SmartSensorsConfig {
  SensorConfig door{0.98, 0, 0.001};
  SensorConfig light{0.9, 0, 0.002};
  SensorConfig climate{0.8, 900, 0.01};
  SensorConfig shock{0.7, 0, 0.005};
};

// Defaults are those of a passive RFID e-seal (WCO study report on SSDs); the other types set their keys.
struct DeviceTypeConfig {
  std::string name = "device";
  std::string type = "passive";
  double read_range = 2;         // m (passive up to 2 m, semi-active 5-10 m)
  double read_dwell = 0.5;       // s the device must stay in a reader's field to be read
  double drain_per_read = 0;     // Ah a read takes from the battery (semi-active: the battery powers the range)
  double unpowered_range = 2;    // m: a semi-active device's range once its battery is empty (backscatter)
  double clock_drift = 5;        // s/day: how far its event log's clock may drift (ISO 18185-2: +/-5 s/day)
  double read_success = 0.99;    // share of reads at a fixed reader that succeed
  bool real_time = false;        // reports position and status to the supervision centre
  double report_interval = 300;  // s between position reports (real-time devices)
  double battery_capacity = 3.6; // Ah (CSB box tracker: 3.6 Ah)
  double drain_per_report = 0.0005;  // Ah per report (3.6 Ah ~ 80 days at a few reports a day)
  double low_battery = 0.1;      // share of capacity under which the device raises a low-battery alarm
  double solar_per_report = 0;   // Ah gained per report interval (smart containers' solar top-up)
  double unit_cost = 3;          // USD per device (USD 3-116 across one operator's fleet)
  double trip_cost = 0;          // USD per trip (comms, charging, roaming: ~30-52 in East Africa)
  int trips_per_device = 1;      // trips a device lasts (1: one-off, destroyed at destination)
  SmartSensorsConfig sensors;    // a smart container's own sensors (other types have none)
  bool has_sensors = false;      // `sensors` given (only a smart_container type may)
};

struct SealingConfig {
  std::string mode = "quick";
  Distribution quick_time = Distribution::lognormal(10, 0.3);       // s, quick mode (Hangzhou-Ningbo)
  Distribution manual_time = Distribution::lognormal(180, 0.3);     // s, about 3 min manually
  double auto_unseal_success = 0.98;                                // over 98% in the Ningbo case
  Distribution auto_unseal_time = Distribution::lognormal(10, 0.3);
  Distribution manual_unseal_time = Distribution::lognormal(180, 0.3);
};

struct SupervisionConfig {
  std::string host = "supervision";         // platform host of the supervision centre
  std::string vehicle_host = "cellular";    // where the vehicles' reports enter the network
  double cellular_bandwidth = 1.25e6;       // bytes/s of the cellular access link (10 Mbit/s)
  double cellular_latency = 0.1;            // s
  double report_bytes = 200;                // bytes per position/status report
  double send_timeout = 60;                 // s a batch may take before it is dropped
  double geofence_km = 1.0;                 // route-deviation tolerance around the polyline
  double comm_loss = 4 * 3600.0;            // no communication within this time raises an alarm
  std::string outage_mode = "lose";         // platform down: reports are lost, or buffered by the uplink and resent
  double retry_interval = 60;               // s between resends of a buffered batch
  double still_km = 0.1;                    // two consecutive positions closer than this: standing still
  double station_radius_km = 2;             // a vehicle this close to a station of its route is at it
  double illegal_stay = 3600;               // standing away from a station longer than this: illegal stay
  double overtime_stay = 3 * 3600.0;        // standing at a station longer than this: overtime stay
  double declared_speed = 30;               // km/h: declared transit time of routes that do not give one
};

// Rest stops: drivers stop on the road (not an attack); a long one is what the illegal-stay rule sees.
struct StopConfig {
  double probability = 0.1;                                      // per trip
  Distribution duration = Distribution::lognormal(1200, 0.5);    // s
};

// One step of an attack scenario: what is done, `after` the step before it (the first step is at
// the attack place, drawn between earliest and latest).
struct AttackStepConfig {
  std::string kind = "door_opening";
  AttackKind type = AttackKind::DoorOpening;  // `kind` resolved (set by check)
  double after = 0;  // s
};

// An attack in steps (Faraday bag on, detour, doors opened, bag off), on a share of the trips.
struct AttackScenarioConfig {
  std::string name = "attack";
  double share = 0;  // per-trip probability
  std::vector<AttackStepConfig> steps;
};

// What the model draws from: the single attack kinds as one-step scenarios (named by their kind),
// then the scenario's own; a trip suffers at most one, drawn by share in this order.
struct AttackPlan {
  std::string name;
  double share = 0;
  std::vector<AttackStepConfig> steps;
  bool single = false;  // one of the single attack kinds
};

inline constexpr std::size_t kMaxAttackSteps = 8;

struct AttackConfig {
  double door_opening = 0.002;     // per-trip probability: doors opened, cargo swapped
  double faraday_bag = 0.002;      // device wrapped, signal blocked until the destination
  double device_removal = 0.001;   // device removed (cable cut)
  double device_destruction = 0.0005;  // device body destroyed in place
  double route_deviation = 0.002;  // the vehicle leaves the route for a detour
  double earliest = 0.1;           // where on the route: uniform share of its length in [earliest, latest]
  double latest = 0.9;
  double deviation_km = 10;        // how far off the route a detour goes
  double deviation_time = 2 * 3600.0;  // how long it lasts before the vehicle is back on the route
  double cloned_device = 0.001;    // a clone reports a clean track while the real container detours
  double gps_jamming = 0.001;      // a jammer blinds the device's GPS for a while
  double jamming_time = 3600;      // how long the jamming lasts
  double jamming_cellular = 0.5;   // share of jammers that block the cellular link too (no reports)
  double cell_position_error = 3;  // km: a jammed device reports its cell-tower position, this far off
  double hinge_removal = 0;        // per-trip probability: doors opened through the hinges, the seal intact
  std::vector<AttackScenarioConfig> scenarios;  // attacks in steps
  std::vector<AttackPlan> plans;   // not a key: built by check (AttackPlan)
};

struct FalseAlarmConfig {
  double gps_drift = 1e-5;      // per report: a position off the route by drift (false deviation)
  double coverage_gap = 0.001;  // per trip: a coverage gap longer than the comm-loss time
  double battery_fault = 0.0005;  // per trip: a battery fault reported as low battery
  double malfunction = 2e-6;      // per report: the device's self-test fails (for the rest of the trip)
};

// What running the corridor costs besides the devices' price (illustrative defaults: no published
// breakdown; USD). Per completed trip of each device type in the summary (corridor_costs.cpp).
struct CostConfig {
  double reader_per_year = 5000;       // a fixed reader lane's equipment, per year
  double handheld_per_year = 500;      // a handheld reader, per year
  double platform_per_year = 200000;   // the supervision platform, shared by the real-time devices
  double report = 0.002;               // one cellular report (roaming); satellite costs more
  double staff_hour = 25;              // an officer's hour (sealing, reading, unsealing)
  double charge_per_ah = 0.05;         // charging a device: energy and handling per Ah
  double return_per_trip = 1.5;        // carrying a reusable device back to its store after a trip
  double repositioning_per_km = 0.25;  // a smart container: carrying the empty box back its route's length
};

struct CorridorConfig {
  std::string host = "customs";  // platform host of the customs stations' systems
  std::vector<CustomsStationConfig> stations;
  std::vector<RouteConfig> routes;
  std::vector<DeviceTypeConfig> devices;
  std::vector<FlowConfig> flows;
  TripArrivalsConfig trips;  // the flows' own draws, or the trips of a log
  SealingConfig sealing;
  CrossBorderConfig cross_border;
  SupervisionConfig supervision;
  AttackConfig attacks;
  FalseAlarmConfig false_alarms;
  StopConfig stops;
  CentreConfig centre;
  RiskConfig risk;
  CostConfig costs;
  bool record_tracks = true;     // write /corridor (map, trips, device tracks) into the run file
  double track_interval = 1800;  // s: at most one periodic track row per trip this often
  bool has_logistics = false;  // without it, every trip finds a device at its origin
  logistics::LogisticsConfig logistics;
};

void declare(scenario::Section& corridor, CorridorConfig& config);
// Resolves the references (route stations, flow routes and devices) and checks what one key alone
// cannot: unique names, a route with at least one leg, earliest <= latest.
void check(CorridorConfig& config, scenario::Diagnostics& diagnostics);
// Resolves a flow's "auto" procedure from its route and checks that a stated one fits it (errors at `path`).
void check_procedure(const CorridorConfig& config, FlowConfig& flow, const std::string& path,
                     scenario::Diagnostics& diagnostics);

}  // namespace porttwin::corridor

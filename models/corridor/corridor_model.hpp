// The transit corridor: trips generated per flow are sealed by the staff of their origin station,
// travel leg by leg (kernel timers, no actor per trip), are read at the fixed readers of every
// station after the first, and are unsealed at the destination (automatic, or manual when that
// fails). Attacks are injected at a point of the route; devices reveal them at readers or through
// the supervision centre's alarms; every alarm is scored against the truth.
#pragma once

#include <array>
#include <functional>
#include <map>
#include <memory>
#include <unordered_map>
#include <vector>

#include "models/corridor/corridor_config.hpp"
#include "models/corridor/corridor_state.hpp"
#include "models/corridor/device.hpp"
#include "models/corridor/patrols.hpp"
#include "models/corridor/supervision.hpp"
#include "models/corridor/triage.hpp"
#include "models/corridor/track_recorder.hpp"
#include "models/corridor/trip_registry.hpp"
#include "models/logistics/device_logistics.hpp"
#include "models/model.hpp"
#include "sim/engine/arrival_process.hpp"
#include "sim/engine/platform.hpp"
#include "sim/engine/station.hpp"
#include "sim/stats/tally.hpp"

namespace porttwin::corridor {

class CorridorModel : public Model {
 public:
  CorridorModel(Simulation& sim, const CorridorConfig& config, const Platform& platform);

  // Hosts and special access links the corridor needs in the platform.
  static std::vector<std::string> hosts(const CorridorConfig& config);
  static std::map<std::string, AccessLink> access_links(const CorridorConfig& config);
  // The lengths of a route's legs, km (as the model's geometry has them).
  static std::vector<double> leg_lengths_km(const CorridorConfig& config, int route);

  void start() override;
  std::vector<Station*> stations() override;
  void declare_kpis(Recorder& recorder) override;
  void sample_kpis(Recorder& recorder, double now) override;
  void write_summary(Recorder& recorder, double now) const override;
  void finish_recording() override;
  // The twin's state (docs/snapshot.md, "corridor"; corridor_snapshot.cpp).
  void save_state(snapshot::SnapshotWriter& w) const override;
  void restore_state(const snapshot::Snapshot& snapshot) override;

  const TripRegistry& trips() const { return trips_; }

  // The terminal's transit boxes (models/port). Call number_inland_trips() before start() in a run
  // with a terminal: trips of the corridor's own flows are then numbered from 2^40, clear of the
  // box ids the port trips carry.
  void number_inland_trips() { inland_ids_ = std::uint64_t{1} << 40; }
  // A trip for box `box` on port flow `flow`: its device is asked of the port store now, and
  // `granted` runs when the store gives one (or its fallback). Returns the trip's index.
  std::size_t open_port_trip(std::uint64_t box, int flow, std::function<void()> granted);
  // The port station's staff seal it (after any closed hours); `sealed` runs when they are done.
  void seal_port_trip(std::size_t index, std::function<void()> sealed);
  // It leaves the port's gate: its first leg starts.
  void depart_port_trip(std::size_t index);
  // Trips of flows ending at the port (FlowConfig::to_port) carry exports: `box_for` gives each its
  // box's id when it is created, `arrived` hears of it when it is unsealed at the port.
  void set_port_bound(std::function<std::uint64_t()> box_for, std::function<void(std::size_t index)> arrived) {
    bound_box_ = std::move(box_for);
    bound_arrived_ = std::move(arrived);
  }
  // A snapshot of a coupled run names a port trip by its box (models/port restores the box's side).
  struct PortState {
    std::function<std::string(std::uint64_t box)> number;  // the box's ISO 6346 number
    // A transit box on its trip: registered as gone from the terminal; returns its id.
    std::function<std::uint64_t(const std::string& number, int flow, std::size_t trip)> departed;
    std::function<std::uint64_t(const std::string& number)> bound;  // an export on its way to the port
  };
  void set_port_state(PortState hooks) { port_state_ = std::move(hooks); }
  const std::vector<Polyline>& route_lines() const { return lines_; }
  const logistics::DeviceLogistics* logistics() const { return logistics_.get(); }
  LatLon position(const Trip& trip, double now) const;
  LatLon reported_position(const Trip& trip, double now) const;  // differs from position under a clone
  // A device's event report (not a periodic fix) of trip `index` at its position at `now`.
  Report event_report(std::size_t index, AlarmKind alarm, double now) const;
  // Km along its route (during a detour: where it left the route).
  double km_at(const Trip& trip, double now) const;

 private:
  static constexpr std::uint32_t kNoSlot = 0xffffffffu;  // a trip without a reporting slot
  struct Route {
    std::vector<int> stations;       // from, then each leg's end
    std::vector<double> leg_start;   // km from the route's start
    std::vector<double> leg_km;
  };

  void schedule_arrival(std::size_t flow);
  void replay_trips(std::size_t row = 0);  // corridor.trips.process: trace
  void create_trip(std::size_t flow);
  std::size_t new_trip(std::size_t flow, std::uint64_t id);
  void depart(std::size_t index);
  logistics::CorridorLayout layout() const;
  void go_to_sealing(std::size_t index, logistics::Supervision how, logistics::DeviceId unit);
  bool supervised_by_device(const Trip& trip) const;
  void sealed(std::size_t index);
  void start_leg(std::size_t index);
  void travel(std::size_t index);
  // On the road from `from_km` of the current leg, `km` to its end, at `kmh`, from `leg_start`
  // (later than now when a detour under way ends first).
  void drive(std::size_t index, double from_km, double km, double kmh, double leg_start);
  void draw_truth(Trip& trip);  // attack and false-alarm noise, as for a new trip
  void restore_trip(const SavedTrip& saved);
  void restore_steps(const SavedTrip& saved, Trip& trip);
  double departure_wait(const Trip& trip);  // < 0: the leg has no schedule
  // Attacks in steps (corridor_attack_steps.cpp): the trip's next step, made now.
  void inject_step(std::size_t index);
  void next_step_at(std::size_t index, double when);  // schedules the step after the last one made
  bool start_detour(std::size_t index, double now);    // a detour from where the vehicle drives now
  void detect(Trip& trip, double now);                 // an alarm or finding: scores the steps before it
  bool undetected(const Trip& trip) const;             // a step made that nothing has detected yet
  AttackKind findable(const Trip& trip, InspectionType type) const;  // the made step an inspection finds best
  // A smart container's own sensors (corridor_sensors.cpp): what they sense of a step, and their
  // false alarms, drawn per report.
  void sense(std::size_t index, AttackKind kind);
  void sensor_false_alarms(std::size_t index, double interval, ReportBatch& batch);
  void send_event(std::size_t index, AlarmKind alarm);  // now, or kept while it cannot send
  bool cannot_send(const Trip& trip, double now) const;
  void leg_done(std::size_t index);  // the leg's timer: ends it, or waits for a detour added since
  void schedule_pauses(std::size_t index, double km);
  void end_leg(std::size_t index);
  void queue_for_reader(std::size_t index);
  bool read_at_speed(const Trip& trip, const CustomsStationConfig& station) const;
  // Its device comes from a store (device logistics), unless it is a smart container: the box itself.
  bool from_store(const Trip& trip) const {
    return logistics_ && config_.devices[static_cast<std::size_t>(trip.device)].type != "smart_container";
  }
  Job job_for(std::size_t index) const;  // the trip as a job of a station
  bool closed_for(std::size_t index, int station, std::function<void()> then);
  void read(Job& job);
  void hand_read(Job& job);
  void checked(std::size_t index, bool ok);
  void border(std::size_t index, int station);
  void border_done(std::size_t index, int station, int decision);
  // An inspection of `type` on the trip: true when it finds an attack that has happened (counted,
  // and held against its vehicle and driver); false when there was none or it was missed.
  bool inspect(std::size_t index, InspectionType type);
  void assess_risk(std::size_t index);
  void leave(std::size_t index);
  void next_leg(std::size_t index);
  void to_unsealing(std::size_t index, int station);
  void stop_reporting(std::size_t index);
  void resume_reporting(std::size_t index);
  int station_of(const Trip& trip) const;  // the station at the end of the current leg
  void write_border_summary(Recorder& recorder) const;
  void write_step_summary(Recorder& recorder) const;
  void write_cost_summary(Recorder& recorder, double now) const;
  void unsealed(std::size_t index, bool manual);
  void report_tick(std::size_t device);
  void raise(std::size_t index, AlarmKind kind, double now);
  void act(std::uint32_t index, int grade, double raised);
  Patrols::Hooks patrol_hooks();
  double patrol_meets(std::uint32_t index, int unit, bool met);
  void write_centre_summary(Recorder& recorder, double now) const;
  void track(std::size_t index, TrackCause cause, bool reported = false, int alarm = -1);
  void sample_tracks();

  Simulation& sim_;
  const CorridorConfig& config_;
  TripRegistry trips_;
  std::vector<Route> routes_;
  std::vector<Polyline> lines_;
  std::vector<std::unique_ptr<DeviceBehaviour>> devices_;
  std::vector<std::unique_ptr<Station>> staff_, readers_, inspectors_;
  std::vector<std::unique_ptr<Station>> handheld_;     // per station, null without handheld readers
  std::vector<std::int16_t> station_country_;
  std::vector<std::vector<std::map<std::int64_t, int>>> booked_;  // per route and leg: trips per departure
  std::vector<std::vector<std::uint32_t>> reporting_;  // per device type: in-transit trips that report
  std::vector<std::size_t> reporting_slot_;            // per trip: its position in reporting_
  std::vector<RouteFacts> facts_;                      // per route: what the alarm rules know of it
  AlarmRules rules_;
  RiskAssessment risk_;
  Distribution sealing_time_;  // of the sealing mode
  SupervisionCentre supervision_;
  std::unique_ptr<Triage> triage_;
  std::unique_ptr<Patrols> patrols_;
  std::unique_ptr<logistics::DeviceLogistics> logistics_;
  TrackRecorder tracks_;
  std::vector<rng::Stream> flow_streams_;
  std::vector<ArrivalConfig> flow_profiles_;  // per flow: its profile's arrival process (for profiled flows)
  std::vector<bool> profiled_;                // per flow: follows a demand profile (else a constant rate)
  rng::Stream travel_stream_, attack_stream_, read_stream_, unseal_stream_, noise_stream_, centre_stream_;
  rng::Stream stop_stream_, fault_stream_, jam_stream_, border_stream_, vehicle_stream_, risk_stream_, find_stream_;
  rng::Stream sensor_stream_;
  // Per attacked trip (Trip::step_slot): when each step was made and first detected (-1: not).
  struct StepRecord {
    std::array<double, kMaxAttackSteps> time, detected;
    StepRecord() { time.fill(-1); detected.fill(-1); }
  };
  std::vector<StepRecord> step_records_;
  std::array<std::int64_t, kAttackKinds> steps_made_{}, steps_missed_{};  // all trips; missed: not made
  std::vector<std::uint32_t> station_places_;
  std::uint32_t supervision_place_, patrol_place_;
  std::array<std::int64_t, kAlarmKinds> alarms_{};
  std::int64_t false_alarms_ = 0, manual_unseals_ = 0, reads_ = 0, failed_reads_ = 0, last_completed_ = 0;
  std::uint64_t inland_ids_ = 0;
  std::unique_ptr<CorridorState> restored_;  // a run from a snapshot: its trips, until start() restores them  // added to the ids of the flows' own trips
  std::unordered_map<std::size_t, std::function<void()>> port_sealed_;  // trip index -> its terminal's callback
  std::function<std::uint64_t()> bound_box_;
  PortState port_state_;
  std::function<void(std::size_t)> bound_arrived_;
  std::vector<std::int64_t> reads_by_device_, stopped_reads_;  // fixed-reader reads per device type, and those that stopped
  std::vector<std::int64_t> reports_by_device_;                 // reports sent per device type
  std::vector<double> reader_hours_by_device_;                  // officer hours at the readers (expected times)
  std::int64_t handheld_reads_ = 0, handheld_failed_ = 0, closed_waits_ = 0, relocks_ = 0, next_vehicle_ = 0;
  // Borders: passages by decision (released, documents, inspected), findings, dwell from arrival to
  // leaving the station, and the inspection time mutual recognition spared (drawn for every passage).
  std::array<std::int64_t, 4> border_decisions_{};
  std::array<std::int64_t, 3> risk_levels_{};  // trips sealed after warm-up, by RiskLevel
  std::array<std::array<std::int64_t, 2>, kInspectionTypes> inspection_outcomes_{};  // [type][0 missed, 1 found]
  std::int64_t border_findings_ = 0, reinspections_ = 0;
  double dwell_saved_ = 0;
  stats::Tally border_dwell_, closed_wait_, departure_wait_;
  std::size_t kpi_in_transit_ = 0, kpi_completed_ = 0;
  // Supervision centre actions.
  std::array<std::int64_t, 3> actions_{};  // by AlarmAction, as carried out
  std::int64_t after_arrival_ = 0, confirmed_ = 0, cleared_ = 0, arrival_inspections_ = 0, arrival_found_ = 0;
};

}  // namespace porttwin::corridor

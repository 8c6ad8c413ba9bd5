// The container terminal's scenario parameters (`terminal:` section): berths and the weekly vessel
// services, quay cranes, horizontal transport, the yard (blocks, stacking, yard cranes), the truck
// gate process and container dwell. Each struct's initial values are the documented defaults
// (docs/scenario-reference.md); the sources of the figures are in docs/calibration.md and the comments below.
//
// Terminal coordinates (metres): the quay line is y = 0, berth b spans x in
// [b * berth length, (b + 1) * berth length); blocks lie at y > 0 (yard_config.hpp); the gate is at
// (gate.x, gate.y). Horizontal travel is rectilinear (along the yard's lane grid).
#pragma once

#include <string>
#include <vector>

#include "models/gate/gate_identification.hpp"
#include "models/terminal/call_log.hpp"
#include "models/terminal/visit_log.hpp"
#include "models/yard/yard_config.hpp"
#include "sim/random/distribution.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/facility_location.hpp"
#include "sim/scenario/schema.hpp"
#include "models/yard/record/yard_layout.hpp"

namespace porttwin::terminal {

inline const std::vector<std::string> kCranePriorities = {"quay_first", "land_first", "fifo"};

// A share of a service's discharged full boxes (imports and reefers) that leaves the port in customs
// transit on a corridor route (models/port couples the terminal to the corridor).
struct TransitShareConfig {
  scenario::NameRef route;   // a corridor route starting at the port's station
  scenario::NameRef device;  // the device type its trips are sealed with; empty: the corridor's first
  double share = 0;          // of the service's discharged full boxes
  int flow = -1;             // the corridor flow of its trips (set by models/port's check)
  std::string mode = "truck";  // how the boxes leave the port: by truck (the gate) or rail (the rail side)
  std::string category = "any";   // of the boxes it applies to: any full box, import or reefer
  scenario::NameRef commodity;    // declared NII commodity class it applies to; empty: any
};

// One liner service calling every week.
struct ServiceConfig {
  std::string name = "service";
  double arrival = 86400;  // s after the start of each week (the scenario start is a week's start)
  int discharge = 1000;    // containers discharged per call
  int load = 1000;         // containers loaded per call
  int cranes = 2;          // quay cranes the terminal assigns (at most its berth's cranes)
  std::string owner = "PTWU";  // ISO 6346 owner code and category of its boxes (their container numbers)
  std::vector<TransitShareConfig> transit;  // boxes in inland transit, by destination route
  double transshipment = 0;  // share of its discharged full boxes loaded onto a later call here
};

struct VesselConfig {
  std::vector<ServiceConfig> services;
  // s, lateness of an actual arrival against the schedule (negative: early); Liner schedule
  // reliability hovers around 50-60% on time, with delays of hours to days.
  Distribution arrival_delay = Distribution::uniform(-2 * 3600.0, 6 * 3600.0);
  double discharge_reefer_share = 0.08;
  double discharge_empty_share = 0.10;
  double load_reefer_share = 0.08;
  double load_empty_share = 0.10;
  // A transshipment box is filed for the first call of another service scheduled at least this long
  // after its discharge.
  double transshipment_connection = 12 * 3600.0;
  VesselArrivalsConfig arrivals;  // weekly, or the calls of a schedule log
};

struct BerthConfig {
  int count = 1;
  double length = 350;      // m of quay per berth (a post-Panamax berth is 300-400 m)
  int cranes_per_berth = 2;
};

struct QuayCraneConfig {
  // One move (lift) of an STS crane: 112.5 s is 32 gross moves/h, inside the published 30-40.
  Distribution cycle_time = Distribution::lognormal(112.5, 0.35);
  double mtbf = 60 * 3600.0;  // s of operation between breakdowns (exponential)
  Distribution repair = Distribution::lognormal(1.5 * 3600.0, 0.6);
  int load_lookahead = 3;  // export boxes a crane has called from the yard ahead of its current one
  int load_window = 64;    // exports looked at when choosing the next to load (fewest boxes on top)
};

struct TransportConfig {
  int vehicles = 10;         // internal trucks (or straddle carriers) serving the quay
  double speed = 20 / 3.6;   // m/s, 20 km/h average on terminal roads
  double handover_time = 30; // s to position under a crane and lock/unlock
};

struct YardCraneConfig {
  int cranes_per_block = 1;
  std::string priority = "quay_first";  // which jobs a yard crane serves first
  int remote_stations = -1;             // remote-operation desks shared by all cranes; -1: on-board operators
  double queue_weight = 100;            // m of extra travel one job waiting at a block is worth
  double no_room_retry = 60;            // s a crane waits when a full block leaves no room for a box
};

struct GateProcessConfig {
  int in_lanes = 4;
  int out_lanes = 4;
  double x = 0, y = 600;  // m, where the gate stands (trucks drive from there to the blocks)
  // In-gate lane: OCR portal pass with RFID read and barrier (vendor figures: automated < 20 s).
  Distribution in_transaction = Distribution::lognormal(12, 0.3);
  Distribution seal_check = Distribution::lognormal(4, 0.5);  // OCR seal-presence check of a full box
  double pre_cleared = 0.9;  // share of trucks whose documents were pre-cleared (no desk check)
  Distribution document_check = Distribution::lognormal(90, 0.5);  // manual check when not pre-cleared
  Distribution out_transaction = Distribution::lognormal(10, 0.3);
  OcrConfig ocr;
  ExceptionDeskConfig desk;
  double truck_speed = 25 / 3.6;  // m/s on terminal roads
};

struct TruckConfig {
  double appointment_share = 0.6;   // share of truck visits booked in an appointment slot
  double slot_length = 3600;        // s
  int slot_capacity = 120;          // visits per slot
  double dual_share = 0.3;          // drop-off trucks that also pick up an import box (dual transaction)
  double export_planning = 21 * 86400.0;  // s before a call its export deliveries are planned
  double pickup_retry = 600;        // s a truck waits when its import box is not stacked yet
  TruckArrivalsConfig arrivals;     // planned, or the visits of a gate log
};

struct DwellConfig {
  // Import dwell 3-4 days in European and Asian ports (World Bank, Raballand et al. 2012).
  Distribution import_dwell = Distribution::lognormal(3.5 * 86400, 0.6);
  Distribution reefer_dwell = Distribution::lognormal(2.5 * 86400, 0.5);
  Distribution empty_dwell = Distribution::lognormal(6 * 86400, 0.7);
  // Transit boxes: discharge to the planned pickup by the transit truck (customs and seals come on top).
  Distribution transit_dwell = Distribution::lognormal(3.5 * 86400, 0.6);
  // Exports are delivered this long before their vessel's scheduled arrival.
  Distribution export_lead = Distribution::lognormal(3 * 86400, 0.5);
};

// The rail side: trains leave on a schedule with a capacity; their boxes are fetched from the yard
// by the yard cranes (jobs like a truck's) and driven to the rail side, where they are sealed and
// wait for the first train with room whose loading cut-off they make. A barge berth is described
// the same way (its "trains" are barges).
struct RailSideConfig {
  double x = 600, y = 400;           // m, where the wagons are loaded
  double first_departure = 6 * 3600.0;  // s after the start
  double interval = 12 * 3600.0;     // s between departures
  int capacity = 80;                 // boxes per train
  double cutoff = 3600;              // s before departure the last box must be on a wagon
  double speed = 20 / 3.6;           // m/s of the terminal vehicle from the block to the rail side
};

struct TerminalConfig {
  std::string host = "terminal";  // where the terminal's actors run (the equipment, not the TOS: models/incidents)
  scenario::FacilityLocation location;  // its UN/LOCODE and terminal code, for the events it exchanges (DCSA)
  BerthConfig berths;
  VesselConfig vessels;
  QuayCraneConfig quay_cranes;
  TransportConfig transport;
  yard::YardConfig yard;
  YardCraneConfig yard_cranes;
  GateProcessConfig gate;
  TruckConfig trucks;
  DwellConfig dwell;
  bool has_rail = false;
  RailSideConfig rail;
  double keyframe_interval = 4 * 3600.0;
};

// The transit share whose boxes travel on corridor flow `flow` (the first, when services share
// one); nullptr when none does.
const TransitShareConfig* transit_share(const VesselConfig& vessels, int flow);

void declare(scenario::Section& terminal, TerminalConfig& config);
// Reads the logs of trace arrivals, too.
void check(TerminalConfig& config, scenario::Diagnostics& diagnostics);

// The terminal's geometry as the run file records it (/yard/plan, /yard/terminal).
YardPlan yard_plan(const TerminalConfig& config);

}  // namespace porttwin::terminal

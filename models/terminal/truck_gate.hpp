// External trucks: each visit drops off an export box, picks up an import (or empty) box, or both
// (a dual transaction). A visit is booked in an appointment slot or walks in. At the gate it queues
// for an in-gate lane (OCR portal + RFID, seal check of a loaded box, document check unless
// pre-cleared); a truck the OCR fails to identify (accuracy by day and night) pulls over to the
// exception desk. Inside, it drives to the block of its drop-off, waits for the yard crane, drives
// to the block of its pickup, and leaves through an out-gate lane. Its turn time runs from its
// arrival at the gate queue to the out-gate.
//
// Pickups are planned when a box is discharged (dwell by category); export drop-offs a lead time
// before their vessel's scheduled arrival. A box delivered after its vessel has berthed is rolled
// to the same service's next call.
//
// With a gate log (trucks.arrivals.process: trace, visit_log.hpp) the visits are the log's rows
// instead, each arriving at its logged time: nothing is planned. The log names every box, but holds
// no discharge lists, so an import pickup takes the import of its box's line (the owner code of a
// service) discharged first and not yet taken, which takes the log's number; an export drop-off
// brings a new box of that number for its line's next call not yet berthed (any service's when no
// service is of its line). A truck whose pickup finds no such import in the yard, or that brings a
// box the terminal holds already, is refused at the end of its in-gate lane (GATE_REFUSED), as a
// real gate turns it away.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "models/terminal/container_registry.hpp"
#include "models/terminal/record/terminal_layout.hpp"
#include "models/terminal/operating_conditions.hpp"
#include "models/terminal/terminal_yard.hpp"
#include "models/terminal/vessel_schedule.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/engine/station.hpp"
#include "models/yard/yard_log.hpp"
#include "sim/stats/tally.hpp"

namespace porttwin::terminal {

class TruckGate {
 public:
  TruckGate(Simulation& sim, const TerminalConfig& config, ContainerRegistry& registry, TerminalYard& yard,
            std::vector<VesselCall>& calls, simgrid::s4u::Host* host);
  void start();

  // A run from a snapshot (terminal_snapshot.cpp), before start(): the snapshot holds what was
  // planned before now (exports delivered or booked), so start() plans only the calls after it.
  void restore_from_snapshot() { restored_ = true; }
  // A visit the snapshot lists, arriving at `arrival` (>= now).
  void restore_visit(double arrival, bool booked, yard::ContainerId pickup, bool drops, yard::Category category,
                     int call);
  // A box with no visit listed: its truck comes after the dwell of its category, drawn given the
  // time it has been in the terminal already (the residual dwell, not a fresh one).
  void restore_pickup(yard::ContainerId id);
  // A box on a truck at the snapshot: an export (`call` >= 0) is dropped off by a visit arriving
  // now; another leaves through the out-gate now.
  void restore_on_truck(yard::ContainerId id, int call);
  // The visits as a snapshot lists them: not yet at the gate (arrival >= now), or come and to be
  // restarted at the gate (arrival = now; a box already on its truck is the box's own entry).
  struct PlannedVisit {
    double arrival = 0;
    bool booked = false;
    yard::ContainerId pickup = yard::kNoContainer;
    bool drops = false;
    yard::Category drop_category = yard::Category::Export;
    int call = -1;
  };
  std::vector<PlannedVisit> planned_visits() const;
  // The call an export on a truck is for (-1: the box is not an export on a truck).
  int drop_call(yard::ContainerId id) const;
  // Exports of `call` still to be delivered when the snapshot lists no visits: drop-offs at times
  // drawn from the export lead given that they are after now.
  void restore_exports_to_come(int call, int count);
  // Plans the pickup of a box just discharged: its truck's arrival, and the expected pickup the
  // yard knows (yard.stacking.pickup_noise_sd).
  // `tell_customs` false: customs heard of it already (customs_entered).
  void plan_pickup(yard::ContainerId id, bool tell_customs = true);
  int declared_commodity(yard::ContainerId id) const { return customs_.commodity ? customs_.commodity(id) : -1; }

  // Customs holds (NII, models/nii): `entered` hears of every box whose pickup is planned (imports,
  // at discharge) and of every export dropped off by a truck; a pickup truck that comes while
  // `held` says its box is held waits for customs_released, which returns how long it waited (-1: no
  // truck was waiting). Held exports are left off their vessel (Quay::set_customs). Unset: no holds.
  struct CustomsHook {
    std::function<void(yard::ContainerId, yard::Category, bool is_export)> entered;
    std::function<bool(yard::ContainerId)> held;
    std::function<int(yard::ContainerId)> commodity;  // the declared class of a box entered (-1: unknown)
  };
  void set_customs(CustomsHook hook) { customs_ = std::move(hook); }
  double customs_released(yard::ContainerId id);
  bool customs_held(yard::ContainerId id) const { return customs_.held && customs_.held(id); }
  // Boxes in customs transit (models/port): a truck come for one, once customs has released it, asks
  // `want_device` for the box's device at the port store, and waits (or, with `rebook`, leaves and
  // is rebooked `rebook_lead` after the device is ready) until `granted` is called. With the box on
  // board it drives to the gate, where the port station seals it (`seal`, then `sealed`); its
  // out-gate transaction includes the seal check, and at the out-gate the box `departed` on its
  // corridor trip. Unset: no box is in transit.
  struct TransitHook {
    std::function<void(yard::ContainerId, std::function<void()> granted)> want_device;
    std::function<void(yard::ContainerId, std::function<void()> sealed)> seal;
    std::function<void(yard::ContainerId)> departed;
    bool rebook = false;
    double rebook_lead = 0;
  };
  void set_transit(TransitHook hook) { transit_ = std::move(hook); }
  const TransitHook& transit() const { return transit_; }  // the rail side uses it too
  // Tells customs of a box that will leave by the rail side (as plan_pickup does for trucks).
  void customs_entered(yard::ContainerId id, yard::Category category) {
    if (customs_.entered) customs_.entered(id, category, false);
  }
  // The rail side hears of customs releases first: true when the box was one of its own.
  void set_release_listener(std::function<bool(yard::ContainerId, double&)> listener) {
    release_listener_ = std::move(listener);
  }
  std::int64_t rebooked() const { return rebooked_; }           // transit trucks sent away, all run
  std::size_t awaiting_device() const { return awaiting_device_.size(); }  // trucks waiting for one now

  // Exports coming by the corridor (models/port): `box` was registered Inland when its trip began;
  // unsealed at the port station, its truck comes to the gate now with it, for the next call.
  void receive_export(yard::ContainerId box);
  // The call that takes a transshipment box of `service` just discharged: the first of another
  // service scheduled transshipment_connection after now and not berthed (-1: none in the run). Sets
  // the box's expected pickup to its scheduled arrival.
  int plan_transship(yard::ContainerId box, int service);

  // Files an export for `call`, or for the service's next call not yet berthed (rolled); -1: for
  // no call (it stays in the yard).
  void file_export(int call, yard::ContainerId id);

  // A gate log's visits: the numbers they give boxes are told to `name` (the terminal's numbering).
  void set_box_namer(std::function<void(yard::ContainerId, const std::string&)> name) { name_box_ = std::move(name); }
  bool replays_log() const { return config_.trucks.arrivals.visits != nullptr; }
  // Why a logged truck was refused (GATE_REFUSED's detail).
  enum class Refusal : std::uint16_t { NoImport = 1, InTerminal = 2, NotAnImport = 3 };
  std::int64_t refused() const { return refused_; }  // logged trucks refused, after warm-up

  // The platform and the wind (models/incidents); unset: always automated and open.
  void set_conditions(OperatingConditions* conditions) { conditions_ = conditions; }

  // Records every truck's stage changes to `log` (the rewindable yard).
  void record_to(YardLog* log) { log_ = log; }
  std::vector<YardTruckRow> truck_rows(double now) const;  // trucks in the terminal, by id
  const std::vector<TruckVisitRow>& visit_rows() const { return visit_rows_; }  // every gate-in so far
  std::vector<Station*> stations() { return {&in_lanes_, &desk_, &out_lanes_}; }

  // Statistics after warm-up.
  const stats::Tally& turn_time() const { return turn_time_; }
  // Mean turn time of the trucks that left since the previous call (0 when none did).
  double take_interval_turn_time();
  const stats::Tally& transaction() const { return transaction_; }
  std::int64_t trucks_in() const { return trucks_in_; }
  std::int64_t trucks_out() const { return trucks_out_; }
  std::int64_t exceptions() const { return exceptions_; }
  std::int64_t dual() const { return dual_; }
  std::int64_t gate_in_total() const { return gate_in_total_; }
  std::int64_t rolled() const { return rolled_; }
  const Station& in_lanes() const { return in_lanes_; }
  // In-gate lane capacity measured in the run: trucks per busy lane-hour times the lanes.
  double in_gate_capacity(double now) const;

 private:
  struct Visit {
    double arrival = 0;
    bool booked = false;
    bool drops = false;                      // brings an export box
    yard::Category drop_category = yard::Category::Export;
    yard::ContainerId drop = yard::kNoContainer;  // its id, from the gate-in
    yard::ContainerId pickup = yard::kNoContainer;
    int call = -1;  // the vessel call of the drop-off
    double lane_start = 0;  // when its in-gate lane transaction began
    TruckStage stage = TruckStage::Left;  // Left before it arrives, too
    int block = -1;
    // A gate log's visit: its row, and why it is refused (0: it is not).
    int log_row = -1;
    bool log_dual = false;  // takes an import no row names besides its drop-off
    bool resolved = false;  // its boxes looked up at its first arrival
    std::uint16_t refusal = 0;
  };

  void generate_exports(int call);
  void replay_log();  // the gate log's visits, at their times
  void logged_arrival(std::size_t row);
  bool resolve_logged(Visit& visit);  // at the lane: its boxes, or why it is refused
  yard::ContainerId claim_import(const std::string& owner, bool any_line);
  int export_call(const std::string& number) const;
  void name(yard::ContainerId id, const std::string& number);
  std::string owner_of(yard::ContainerId id) const;
  double booked_arrival(double wanted);
  void new_visit(double at, Visit visit);
  void arrive(std::uint64_t truck, double arrived = -1);  // arrived: when it came to a closed gate
  void reopen_loop();
  bool needs_clerk(const Visit& visit);
  void after_in_lane(Job& truck);
  void gate_in(const Job& truck);
  void drop_off(std::uint64_t truck);
  void pick_up(std::uint64_t truck, yard::Position from);
  void visit_block(std::uint64_t truck, yard::Position from, int block, YardJob::Kind kind, yard::ContainerId box,
                   std::function<void(yard::Position)> then);
  void leave(std::uint64_t truck, yard::Position from);
  void gate_out(const Job& truck);
  bool waits_for_device(std::uint64_t truck, yard::ContainerId box);
  bool sealed_here(yard::ContainerId box) const;  // a transit box the port station seals at the gate
  void device_ready(yard::ContainerId box);
  void out_gate(std::uint64_t truck);
  void enter_stage(std::uint64_t truck, TruckStage stage, int block = -1);
  yard::Category load_category();
  double lane_time(const Visit& visit);

  Simulation& sim_;
  const TerminalConfig& config_;
  ContainerRegistry& registry_;
  TerminalYard& yard_;
  std::vector<VesselCall>& calls_;
  Station in_lanes_, desk_, out_lanes_;
  rng::Stream stream_;
  GateIdentification identification_;
  rng::Stream lane_stream_;
  std::uint32_t place_;
  yard::Position gate_;
  YardLog* log_ = nullptr;

  std::unordered_map<std::uint64_t, Visit> visits_;
  std::vector<TruckVisitRow> visit_rows_;  // /terminal/truck_visits
  std::unordered_map<std::int64_t, int> slot_bookings_;
  std::set<std::pair<double, yard::ContainerId>> pending_pickups_;  // by planned arrival
  std::unordered_map<yard::ContainerId, double> pickup_time_;
  std::unordered_set<yard::ContainerId> taken_by_dual_;
  CustomsHook customs_;
  TransitHook transit_;
  std::function<bool(yard::ContainerId, double&)> release_listener_;
  std::unordered_set<yard::ContainerId> device_asked_, device_granted_;
  std::unordered_map<yard::ContainerId, std::pair<std::uint64_t, double>> awaiting_device_;  // box -> truck, since
  std::unordered_set<yard::ContainerId> rebooking_;  // boxes whose truck left for want of a device
  std::int64_t rebooked_ = 0;
  bool restored_ = false;
  void add_pickup_visit(yard::ContainerId id, bool booked, double wanted);
  void schedule_visit(const Visit& visit);
  const Distribution& dwell_of(const ContainerRecord& r) const;  // by transit and category  // its pickup known to the dual-transaction planner; its arrival timed
  OperatingConditions* conditions_ = nullptr;
  std::vector<std::pair<std::uint64_t, double>> at_closed_gate_;  // truck, since
  std::unordered_map<yard::ContainerId, std::pair<std::uint64_t, double>> awaiting_release_;  // box -> truck, since

  std::function<void(yard::ContainerId, const std::string&)> name_box_;
  std::unordered_map<std::string, yard::ContainerId> numbered_;  // a logged number -> its latest box
  std::map<std::string, std::deque<yard::ContainerId>> unnamed_imports_;  // by line, in discharge order
  std::int64_t refused_ = 0;

  stats::Tally turn_time_, transaction_;
  double interval_turn_sum_ = 0;
  std::int64_t interval_turns_ = 0;
  std::int64_t trucks_in_ = 0, trucks_out_ = 0, exceptions_ = 0, dual_ = 0, gate_in_total_ = 0, rolled_ = 0;
};

}  // namespace porttwin::terminal

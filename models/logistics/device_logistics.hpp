// Device logistics at run time: the fleet of physical devices, the stores, what a trip gets at its
// origin (a device, at once or after a wait, or a fallback: escort, mechanical seal, none), what
// happens to a device after its trip (lost, checked in and charged at the destination, carried
// back to its origin on a return vehicle or in a one-way batch), faults, ageing, and the dispatcher
// (one SimGrid actor) that rebalances the stores by the scenario's policy. Chargers are engine
// stations (SimGrid actors); travel and waits are kernel timers; devices are plain data.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string_view>
#include <vector>

#include "models/logistics/corridor_layout.hpp"
#include "models/logistics/device_fleet.hpp"
#include "models/logistics/device_store.hpp"
#include "models/logistics/dispatch_policy.hpp"
#include "models/logistics/logistics_config.hpp"
#include "models/logistics/saved_device.hpp"
#include "sim/snapshot/snapshot.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/random/stream.hpp"

namespace porttwin::logistics {

enum class Supervision : std::uint8_t { Device, Escort, MechanicalSeal, Unsupervised };
inline constexpr std::size_t kSupervisions = 4;
inline constexpr std::array<std::string_view, kSupervisions> kSupervisionNames = {"device", "escort", "mechanical_seal",
                                                                                 "unsupervised"};
inline constexpr DeviceId kNoDevice = 0xffffffffu;

class DeviceLogistics {
 public:
  // How a trip leaves: under a device (its id) or a fallback (kNoDevice).
  using Granted = std::function<void(Supervision, DeviceId)>;

  DeviceLogistics(Simulation& sim, const LogisticsConfig& config, CorridorLayout layout, simgrid::s4u::Host* host);

  void start();
  // A trip on `route` wants a device of `type` at the route's start; `granted` is called now or
  // later (after a wait).
  void request(int route, int type, Granted granted);
  // The trip on `route` was unsealed at its destination; `charge` is what its battery has left.
  void trip_done(int route, DeviceId device, double charge);

  const DeviceFleet& fleet() const { return fleet_; }
  const Device& device(DeviceId id) const { return fleet_.at(id); }
  const std::vector<DeviceStore>& stores() const { return stores_; }
  int store_of(int station, int type) const;
  std::vector<Station*> stations();

  // The twin's state (docs/snapshot.md, corridor.devices): every device in service, and the
  // dispatch vehicles away.
  // `back_in_store[id]`: a device in use saved as ready in its store (its trip is left out).
  void save_state(snapshot::Json& section, const snapshot::SnapshotWriter& w, const std::vector<bool>& back_in_store) const;
  // A snapshot's fleet replaces the scenario's initial stocks (before start(); jobs at the stores,
  // check-in, repair and charging, start again at start()).
  void restore_state(const std::vector<SavedDevice>& devices, const std::vector<double>& vehicles_back);
  // The device numbered `serial` in the snapshot, sealed on a restored trip on `route`.
  DeviceId restore_in_use(std::uint32_t serial, int route);

  void declare_kpis(Recorder& recorder);
  void sample_kpis(Recorder& recorder);
  void write_summary(Recorder& recorder, double now) const;

 private:
  struct Waiter {
    int store = 0;
    int route = 0;
    Granted granted;
    double since = 0;
  };

  void give(int store, const Waiter& waiter);
  void serve_waiters(int store);
  void time_out(std::uint64_t ticket);
  void fall_back(const std::string& action, const Granted& granted);
  void arrive(int store, DeviceId id, DeviceState from);
  void inspect(int store, DeviceId id);
  void charge(int store, DeviceId id);
  void charged(int store, DeviceId id);
  void repair(int store, DeviceId id, double repaired);  // repaired < 0: its repair time drawn now
  void make_ready(int store, DeviceId id, DeviceState from);
  void write_off(int store, DeviceId id, DeviceState from);
  void return_home(int route, DeviceId id);
  void send_batches();

  // Dispatch.
  void dispatcher();
  void review();
  DispatchSnapshot snapshot() const;
  void ship(const std::vector<Shipment>& plan);
  void reorder_check(int store);

  bool counts() const { return Simulation::now() >= sim_.warmup(); }
  double travel_hours(int from_station, int to_station, double speed) const;

  Simulation& sim_;
  const LogisticsConfig& config_;
  CorridorLayout layout_;
  simgrid::s4u::Host* host_;
  DeviceFleet fleet_;
  std::vector<DeviceStore> stores_;
  std::vector<std::vector<int>> store_index_;           // [station][type] -> store or -1
  std::vector<std::string> variant_;                    // per route
  std::vector<double> loss_;                            // per route
  std::vector<std::vector<DeviceId>> awaiting_return_;  // per route: one-way devices at the destination
  std::vector<std::vector<double>> road_km_;            // between stations
  std::vector<std::vector<bool>> crosses_border_;       // between stations
  std::vector<double> inflow_per_day_, demand_per_day_;  // per store, from the flows
  std::map<std::uint64_t, Waiter> waiters_;
  std::uint64_t next_ticket_ = 0;
  int free_vehicles_ = 0;
  std::multiset<double> vehicles_back_;  // dispatch vehicles away: when each is back
  struct Restart {
    int store;
    DeviceId id;
    DeviceState saved;  // awaiting_charge: check-in again; charging: on a charger again; faulty: repair again
  };
  std::vector<Restart> restart_;  // restored devices whose job at a store starts again at start()
  std::map<std::uint32_t, DeviceId> restored_serials_;
  rng::Stream loss_stream_, fault_stream_, return_stream_;

  // Statistics (after warm-up).
  std::array<std::int64_t, kSupervisions> supervised_{};
  std::int64_t trips_ = 0, delayed_ = 0, shipments_ = 0, dispatched_devices_ = 0, vehicles_sent_ = 0;
  std::int64_t batch_vehicles_ = 0, returned_devices_ = 0;
  double empty_device_km_ = 0, dispatch_cost_ = 0, batch_km_ = 0;
  stats::Tally device_waits_;  // of trips that waited, including those that fell back
  std::int64_t min_ready_total_ = -1;
  std::vector<std::size_t> kpi_ready_, kpi_checked_in_, kpi_faulty_, kpi_waiting_, kpi_stockouts_;
  std::vector<std::int64_t> sampled_stockouts_;  // per store: stockouts (all, warm-up included) at the last sample
  std::size_t kpi_in_use_ = 0, kpi_returning_ = 0;
};

}  // namespace porttwin::logistics

// The container terminal as one model: vessels and quay cranes (quay.hpp), the yard and its cranes
// (terminal_yard.hpp), external trucks and the gate (truck_gate.hpp), all sharing one container
// registry, so that every box is accounted for. Writes the terminal's KPIs, its summary, and the
// rewindable yard (/yard) when the run has a file.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "models/model.hpp"
#include "models/terminal/container_registry.hpp"
#include "models/terminal/quay.hpp"
#include "models/terminal/rail_side.hpp"
#include "models/terminal/terminal_config.hpp"
#include "models/terminal/terminal_yard.hpp"
#include "models/terminal/truck_gate.hpp"
#include "models/terminal/vessel_schedule.hpp"
#include "sim/engine/platform.hpp"
#include "models/yard/yard_log.hpp"

namespace porttwin::terminal {

struct TerminalState;

class TerminalModel : public Model {
 public:
  TerminalModel(Simulation& sim, const TerminalConfig& config, const Platform& platform);
  ~TerminalModel() override;

  void start() override;
  std::vector<Station*> stations() override { return gate_.stations(); }
  void declare_kpis(Recorder& recorder) override;
  void sample_kpis(Recorder& recorder, double now) override;
  void write_summary(Recorder& recorder, double now) const override;
  void finish_recording() override;
  void save_state(snapshot::SnapshotWriter& writer) const override;  // terminal_snapshot.cpp
  void restore_state(const snapshot::Snapshot& snapshot) override;

  const ContainerRegistry& registry() const { return registry_; }
  const TerminalYard& yard() const { return yard_; }
  const Quay& quay() const { return quay_; }
  const std::vector<VesselCall>& calls() const { return calls_; }
  const TerminalConfig& config() const { return config_; }
  // An export box on its corridor trip to the port (models/port): registered Inland now, handed to
  // the gate with receive_export when it arrives. Returns its id.
  // `number`: the ISO 6346 number of a box restored from a snapshot (empty: one of its own).
  yard::ContainerId expect_export(const std::string& number = "");
  // A transit box of a snapshot that left on its corridor trip before the snapshot's time: a record
  // of it (gone by truck or rail), so that its trip's id is a box the run knows.
  yard::ContainerId restore_departed(const std::string& number, int flow);
  // A box's ISO 6346 container number: its service's owner code and its id as the serial.
  std::string container_number(yard::ContainerId id) const;
  // The same for a box the terminal's snapshot holds (in the terminal), "" for one it does not.
  std::string number_in_snapshot(yard::ContainerId id) const;
  // Every box with a number of its own (restored from a snapshot): number -> id.
  std::unordered_map<std::string, std::uint64_t> numbered_boxes() const;
  const TruckGate& gate() const { return gate_; }
  TruckGate& gate() { return gate_; }  // for customs holds (NII)
  // What the IT/OT platform and the wind allow (models/incidents), for the gate, yard and quay.
  void set_conditions(OperatingConditions* conditions);

 private:
  Simulation& sim_;
  const TerminalConfig& config_;
  ContainerRegistry registry_;
  std::vector<VesselCall> calls_;
  TerminalYard yard_;
  TruckGate gate_;
  Quay quay_;
  RailSide rail_;
  std::unique_ptr<YardLog> log_;
  rng::Stream transit_stream_;
  bool decide_transit(yard::ContainerId id);  // true when it told customs of the box already
  std::unordered_map<yard::ContainerId, std::string> numbers_;  // of the boxes a snapshot brought
  std::unique_ptr<TerminalState> restored_;  // a run from a snapshot: its state, until start() applies it
  void restore_boxes();

  std::size_t kpi_gate_in_ = 0, kpi_berths_ = 0, kpi_waiting_ = 0, kpi_boxes_ = 0, kpi_yard_ = 0;
  std::size_t kpi_busy_ = 0, kpi_rehandles_ = 0, kpi_quay_moves_ = 0, kpi_turn_ = 0;
  std::int64_t last_rehandles_ = 0, last_quay_moves_ = 0;
  std::vector<std::size_t> kpi_blocks_;
  std::int64_t last_gate_in_ = 0;
};

}  // namespace porttwin::terminal

// The terminal's rail (or barge) side: transit boxes of mode rail leave on scheduled trains with a
// capacity instead of trucks. A box is due a transit dwell after its discharge; once customs has
// released it and the port store has given its device, a yard crane delivers it (a job like a
// truck's) onto a terminal vehicle that drives it to the rail side; there the port station seals it
// and it boards the first train with room whose loading cut-off it makes. At departure every box
// on the train leaves the terminal and starts its corridor trip.
#pragma once

#include <cstdint>
#include <map>
#include <unordered_map>
#include <vector>

#include "models/terminal/container_registry.hpp"
#include "models/terminal/terminal_yard.hpp"
#include "models/terminal/truck_gate.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/stats/tally.hpp"

namespace porttwin::terminal {

class RailSide {
 public:
  RailSide(Simulation& sim, const TerminalConfig& config, ContainerRegistry& registry, TerminalYard& yard,
           TruckGate& gate);
  void start();
  // A transit box of mode rail just discharged: due transit_dwell from now.
  void plan(yard::ContainerId id, bool tell_customs = true);
  // A transit box of a snapshot in the yard: due when the terminal expects it to leave (its transit
  // dwell drawn anew when the snapshot does not say).
  void restore_plan(yard::ContainerId id);
  // A box of a snapshot at the rail side: its seal and its train as for one just brought there.
  void restore_at_rail(yard::ContainerId id) { at_rail(id); }
  // Customs released `id`: true (and how long it had waited) when it was a rail box waiting for that.
  bool customs_released(yard::ContainerId id, double& waited);

  std::int64_t trains() const { return trains_; }  // departed after warm-up
  std::int64_t boxes() const { return boxes_; }    // boxes on them
  double load_factor() const { return trains_ ? static_cast<double>(boxes_) / (trains_ * config_.rail.capacity) : 0; }
  const stats::Tally& wait() const { return wait_; }  // at the rail side, arrival to departure

 private:
  void due(yard::ContainerId id);
  void fetch(yard::ContainerId id);
  void at_rail(yard::ContainerId id);
  void board(yard::ContainerId id);
  void depart(std::int64_t train);
  double departure_time(std::int64_t train) const;

  Simulation& sim_;
  const TerminalConfig& config_;
  ContainerRegistry& registry_;
  TerminalYard& yard_;
  TruckGate& gate_;
  rng::Stream stream_;
  std::uint32_t place_;
  yard::Position rail_;
  std::map<std::int64_t, std::vector<yard::ContainerId>> loaded_;  // train -> its boxes
  std::unordered_map<yard::ContainerId, double> held_since_, at_rail_since_;
  stats::Tally wait_;
  std::int64_t trains_ = 0, boxes_ = 0;
};

}  // namespace porttwin::terminal

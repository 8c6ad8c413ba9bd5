// The port and its corridor as one system: the terminal's transit boxes become corridor trips.
// A box discharged in transit (terminal.vessels.services[].transit) is screened by customs like an
// import; when its truck comes and customs has released it, its device is asked of the port
// station's store; sealed at the gate by the station's staff, it leaves through the out-gate on
// its corridor trip, which carries the box's id. This model wires the terminal's TransitHook to the
// corridor's port trips, times the wait for a device (the extra yard dwell a short store causes),
// and checks at every KPI sample that every transit box is in exactly one place across both
// models: the run fails otherwise.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

#include "models/corridor/corridor_model.hpp"
#include "models/model.hpp"
#include "models/nii/nii_model.hpp"
#include "models/port/port_config.hpp"
#include "models/terminal/terminal_model.hpp"
#include "sim/stats/tally.hpp"

namespace porttwin::port {

class PortModel : public Model {
 public:
  // `nii` (optional): customs screening at the port, for the detection along the whole chain.
  PortModel(Simulation& sim, const PortConfig& config, terminal::TerminalModel& terminal,
            corridor::CorridorModel& corridor, const nii::NiiModel* nii);

  void start() override {}
  std::vector<Station*> stations() override { return {}; }
  void declare_kpis(Recorder& recorder) override;
  void sample_kpis(Recorder& recorder, double now) override;
  void write_summary(Recorder& recorder, double now) const override;
  void finish_recording() override;  // /port/transit

  // An empty string when every transit box is in one place across the terminal and the corridor.
  std::string conservation_error() const;
  const stats::Tally& device_wait() const { return device_wait_; }

 private:
  struct Box {
    std::size_t trip = 0;
    double asked = 0;     // its truck asked the store for a device
    double granted = -1;  // the store gave one (or its fallback)
    double left = -1;     // through the out-gate
    bool waited = false;  // the store had none ready when asked
  };

  void want_device(yard::ContainerId box, std::function<void()> granted);
  void export_arrived(std::size_t trip);
  void write_chain_summary(Recorder& recorder) const;
  void departed(yard::ContainerId box);

  Simulation& sim_;
  terminal::TerminalModel& terminal_;
  corridor::CorridorModel& corridor_;
  const nii::NiiModel* nii_;
  std::uint32_t place_;
  std::unordered_map<yard::ContainerId, Box> boxes_;  // every transit box that asked for a device
  std::int64_t exports_expected_ = 0, exports_arrived_ = 0;  // boxes of port-bound trips, whole run
  std::vector<yard::ContainerId> exports_;                   // their ids
  std::int64_t asked_ = 0, departed_ = 0, waited_ = 0;  // waited_: grants after a wait, after warm-up
  stats::Tally device_wait_, port_dwell_;  // per box after warm-up: device wait; discharge to out-gate
  std::size_t kpi_in_terminal_ = 0, kpi_waiting_ = 0, kpi_on_corridor_ = 0;
};

}  // namespace porttwin::port

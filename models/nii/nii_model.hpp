// Non-intrusive inspection as one model. Boxes come from a standalone arrival stream or, with
// `feed: terminal`, from the terminal's discharged imports (a transfer time later). Each box gets a
// declared class, a trader trust level and a hidden truth; risk selection routes it to release, an
// X-ray scan or physical inspection. Every screened box passes a radiation portal; an RPM alarm
// diverts it to a radiation check at secondary; a scanned box's image is reviewed by an analyst and
// an alarm (unless AI pre-classification clears a false one) diverts it to devanning. Secondary
// inspection holds the box when it finds something, otherwise releases it. In the terminal feed a
// box still in process when its pickup truck comes holds the truck until release (added dwell).
//
// Every box ends released or held (conservation is checked when the summary is written).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

#include "models/model.hpp"
#include "models/nii/alarm_model.hpp"
#include "models/nii/cargo.hpp"
#include "models/nii/nii_state.hpp"
#include "models/nii/nii_config.hpp"
#include "models/nii/primary_lanes.hpp"
#include "models/nii/risk_model.hpp"
#include "models/nii/secondary_inspection.hpp"
#include "sim/engine/arrival_source.hpp"
#include "sim/engine/platform.hpp"
#include "sim/stats/tally.hpp"

namespace porttwin::terminal {
class TruckGate;
}

namespace porttwin::nii {

class NiiModel : public Model {
 public:
  // `gate`: the terminal's truck gate when feed is terminal (nullptr otherwise).
  NiiModel(Simulation& sim, const NiiConfig& config, const Platform& platform, terminal::TruckGate* gate = nullptr);
  // Called as an analyst starts reviewing an image, with what starts the review's time: called
  // at once, or once the review network is up again (models/incidents); the analyst stays taken
  // meanwhile. Unset: always available.
  void set_review_wait(Station::Hold wait);
  // Feed terminal, for snapshots: a terminal box's ISO 6346 number ("" when the terminal's
  // snapshot does not hold it), and every numbered box of a run from a snapshot.
  struct BoxNumbers {
    std::function<std::string(std::uint64_t)> number;
    std::function<std::unordered_map<std::string, std::uint64_t>()> all;
  };
  void set_box_numbers(BoxNumbers numbers) { numbers_ = std::move(numbers); }
  // The twin's state (docs/snapshot.md, "nii"; nii_snapshot.cpp).
  void save_state(snapshot::SnapshotWriter& w) const override;
  void restore_state(const snapshot::Snapshot& snapshot) override;

  void start() override;
  std::vector<Station*> stations() override;
  void declare_kpis(Recorder& recorder) override;
  void sample_kpis(Recorder& recorder, double now) override;
  void write_summary(Recorder& recorder, double now) const override;

  const std::vector<Cargo>& cargo() const { return cargo_; }
  // Terminal feed: what customs made of the terminal's container `id` (nullptr: never presented).
  const Cargo* cargo_of(std::uint64_t id) const {
    const auto it = by_container_.find(id);
    return it == by_container_.end() ? nullptr : &cargo_[it->second];
  }

 private:
  std::uint32_t create(std::uint64_t entity, double now);
  void present(std::uint32_t index);
  void after_rpm(Job& job);
  void after_adjudication(Job& job);
  void send_to_isotope_identification(std::uint32_t index);
  void continue_route(std::uint32_t index);
  void after_xray(Job& job);
  void after_review(Job& job);
  void after_secondary(std::uint32_t index, SecondaryKind kind);
  void divert(std::uint32_t index, SecondaryKind kind, double alarm);  // to secondary inspection
  void release(std::uint32_t index);
  void hold(std::uint32_t index);
  Job job_of(std::uint32_t index) const;

  Simulation& sim_;
  const NiiConfig& config_;
  terminal::TruckGate* gate_;
  RiskModel risk_;
  AlarmModel alarms_;
  PrimaryLanes lanes_;
  std::uint32_t place_;
  SecondaryInspection secondary_;
  std::unique_ptr<ArrivalSource> source_;
  rng::Stream box_stream_, risk_stream_, transfer_stream_;
  std::vector<double> class_cumulative_;

  void restore_boxes();
  BoxNumbers numbers_;
  std::unique_ptr<std::vector<SavedCargo>> restored_;  // a run from a snapshot: until start() restores them
  std::vector<Cargo> cargo_;
  std::unordered_map<std::uint64_t, std::uint32_t> by_container_;  // terminal feed: container id -> cargo
  stats::Tally time_in_nii_, pickup_delay_;
  std::int64_t released_ = 0, held_ = 0, pickups_delayed_ = 0;
  std::size_t kpi_in_process_ = 0, kpi_secondary_queue_ = 0, kpi_secondary_busy_ = 0, kpi_alarms_ = 0;
  std::int64_t alarms_total_ = 0, last_alarms_ = 0;
};

}  // namespace porttwin::nii

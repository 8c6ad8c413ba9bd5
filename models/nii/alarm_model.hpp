// The sensors' response to a box, per commodity class: the RPM alarms on a source with the class's
// detection probability and on a box without one with its nuisance (NORM) probability, and primary
// adjudication clears the alarm with the class's norm_cleared or source_cleared; the X-ray anomaly
// score comes from the clean or the threat distribution (clamped to [0, 1]) and alarms at or above
// the threshold; AI pre-classification scores the box from its own clean or threat distribution,
// coupled to the X-ray score by a Gaussian copula, and clears an alarm scored below its threshold.
// Draws are made when the box arrives. The truth only chooses which law a sensor's output follows;
// a decision reads the outputs alone.
#pragma once

#include "models/nii/cargo.hpp"
#include "models/nii/nii_config.hpp"
#include "sim/random/stream.hpp"

namespace porttwin::nii {

class AlarmModel {
 public:
  AlarmModel(const NiiConfig& config) : config_(config) {}

  // Draws the truth of a box of this class.
  Truth truth(const CommodityConfig& commodity, rng::Stream& stream) const;
  // Draws the uniforms and the anomaly score the lanes will use.
  void draw(Cargo& cargo, rng::Stream& stream) const;

  bool rpm_alarm(const Cargo& cargo) const;
  bool xray_alarm(const Cargo& cargo) const { return cargo.xray_score >= config_.xray.threshold; }
  // Whether primary adjudication clears this RPM alarm.
  bool adjudication_clears(const Cargo& cargo) const;
  // With AI on: whether it clears this X-ray alarm.
  bool ai_clears(const Cargo& cargo) const { return config_.ai.enabled && cargo.ai_score < config_.ai.threshold; }
  bool inspection_finds(const Cargo& cargo) const { return cargo.threat() && cargo.u_find < config_.secondary.find; }

 private:
  const CommodityConfig& commodity(const Cargo& c) const { return config_.commodities[static_cast<std::size_t>(c.commodity)]; }
  const NiiConfig& config_;
};

}  // namespace porttwin::nii

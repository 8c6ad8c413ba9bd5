// Risk selection in the spirit of a customs selectivity engine: a box gets a score from its declared
// class's base risk, scaled down for trusted traders (AEO), raised by a targeting hit that only bad
// boxes can carry, plus noise; rules route it to release (RPM only), an X-ray scan, or straight to
// physical inspection. Low-risk trusted traders thereby get quick release.
#pragma once

#include "models/nii/cargo.hpp"
#include "models/nii/nii_config.hpp"
#include "sim/random/stream.hpp"

namespace porttwin::nii {

class RiskModel {
 public:
  explicit RiskModel(const RiskConfig& config) : config_(config) {}

  // The score of a box whose class, trust and truth are set; draws from `stream`.
  double score(const Cargo& cargo, const CommodityConfig& commodity, rng::Stream& stream) const;
  Route route(double score, rng::Stream& stream) const;

 private:
  const RiskConfig& config_;
};

}  // namespace porttwin::nii

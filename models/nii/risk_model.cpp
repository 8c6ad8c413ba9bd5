#include "models/nii/risk_model.hpp"

#include <algorithm>

namespace porttwin::nii {

double RiskModel::score(const Cargo& cargo, const CommodityConfig& commodity, rng::Stream& stream) const {
  double s = commodity.risk;
  if (cargo.trusted) s *= config_.trusted_factor;
  // Both draws are made for every box, so the stream stays aligned whatever the truth.
  const bool hit = stream.bernoulli(config_.intelligence);
  const double noise = config_.noise_sd > 0 ? stream.normal(0, config_.noise_sd) : 0.0;
  if (cargo.threat() && hit) s += config_.intelligence_boost;
  return std::clamp(s + noise, 0.0, 1.0);
}

Route RiskModel::route(double score, rng::Stream& stream) const {
  const bool random_control = stream.bernoulli(config_.random_scan);
  if (score >= config_.physical_above) return Route::Physical;
  if (score >= config_.scan_above || random_control) return Route::Scan;
  return Route::Release;
}

}  // namespace porttwin::nii

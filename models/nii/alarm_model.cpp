#include "models/nii/alarm_model.hpp"

#include <algorithm>
#include <cmath>

#include <boost/math/distributions/normal.hpp>

namespace porttwin::nii {

Truth AlarmModel::truth(const CommodityConfig& k, rng::Stream& stream) const {
  const double u = stream.uniform01();
  if (u < k.contraband) return Truth::Contraband;
  if (u < k.contraband + k.radiological) return Truth::Radiological;
  if (u < k.contraband + k.radiological + k.misdeclared) return Truth::Misdeclared;
  return Truth::Clean;
}

void AlarmModel::draw(Cargo& c, rng::Stream& stream) const {
  const auto& k = commodity(c);
  c.u_rpm = stream.uniform01();
  const double u_ai = stream.uniform01();
  c.u_find = stream.uniform01();
  const Distribution& xray = c.threat() ? k.threat_score : k.clean_score;
  const double score = xray.sample(stream);
  c.xray_score = std::clamp(score, 0.0, 1.0);
  c.u_adjudication = stream.uniform01();
  // The AI's normal score: the X-ray's (its draw's place in its law) with weight rho, its own with
  // the rest; its score is that normal score's place in the AI's law.
  const boost::math::normal_distribution<> standard;
  auto normal_score = [&standard](double u) { return boost::math::quantile(standard, std::clamp(u, 1e-12, 1 - 1e-12)); };
  const double rho = config_.ai.correlation;
  const double z = rho * normal_score(xray.cdf(score)) + std::sqrt(1 - rho * rho) * normal_score(u_ai);
  const Distribution& ai = c.threat() ? k.ai_threat_score : k.ai_clean_score;
  c.ai_score = std::clamp(ai.quantile(boost::math::cdf(standard, z)), 0.0, 1.0);
}

bool AlarmModel::rpm_alarm(const Cargo& c) const {
  const auto& k = commodity(c);
  return c.u_rpm < (c.truth == Truth::Radiological ? k.source_detection : k.nuisance_alarm);
}

bool AlarmModel::adjudication_clears(const Cargo& c) const {
  const auto& k = commodity(c);
  return c.u_adjudication < (c.truth == Truth::Radiological ? k.source_cleared : k.norm_cleared);
}

}  // namespace porttwin::nii

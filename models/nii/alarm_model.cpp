#include "models/nii/alarm_model.hpp"

#include <algorithm>

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
  c.u_ai = stream.uniform01();
  c.u_find = stream.uniform01();
  const double score = (c.threat() ? k.threat_score : k.clean_score).sample(stream);
  c.xray_score = std::clamp(score, 0.0, 1.0);
}

bool AlarmModel::rpm_alarm(const Cargo& c) const {
  const auto& k = commodity(c);
  return c.u_rpm < (c.truth == Truth::Radiological ? k.source_detection : k.nuisance_alarm);
}

bool AlarmModel::ai_clears(const Cargo& c) const {
  return config_.ai.enabled && !c.threat() && c.u_ai < commodity(c).ai_reduction;
}

}  // namespace porttwin::nii

#include "models/incidents/terminal_conditions.hpp"

#include <algorithm>

namespace porttwin::incidents {

TerminalConditions::TerminalConditions(const IncidentsConfig& config, ItPlatform& platform, int yard_blocks)
    : config_(config),
      platform_(platform),
      gate_server_(platform.host("gate_server")),
      ocr_(platform.host("ocr")),
      sts_control_(platform.host("sts_control")) {
  for (int b = 0; b < yard_blocks; ++b) crane_control_.push_back(platform.host("crane_control." + std::to_string(b)));
}

terminal::GateMode TerminalConditions::gate_mode() const {
  if (!gate_server_->is_on() || !ocr_->is_on()) return terminal::GateMode::Manual;
  if (!platform_.tos_reachable_from("gate")) return terminal::GateMode::WhiteList;
  return terminal::GateMode::Automated;
}

bool TerminalConditions::yard_cranes_work(int block) const {
  return wind_ <= config_.wind_limits.yard_crane && crane_control_[static_cast<std::size_t>(block)]->is_on();
}

bool TerminalConditions::quay_cranes_work() const {
  return wind_ <= config_.wind_limits.quay_crane && sts_control_->is_on();
}

double TerminalConditions::yard_slowdown() const {
  return platform_.tos_reachable_from("ot") ? 1.0 : config_.degraded.crane_slowdown;
}

double TerminalConditions::quay_slowdown() const {
  return platform_.tos_reachable_from("ot") ? 1.0 : config_.degraded.quay_slowdown;
}

void TerminalConditions::set_wind(double speed) {
  wind_ = speed;
  platform_.changed();
}

bool TerminalConditions::calm_enough() const {
  const WindLimits& l = config_.wind_limits;
  return wind_ <= std::min({l.quay_crane, l.yard_crane, l.gate, l.vessel});
}

}  // namespace porttwin::incidents

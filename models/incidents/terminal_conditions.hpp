// The terminal's operating conditions read off the IT/OT platform and the wind: the gate is
// automated while its server and OCR are on and the TOS answers from the gate segment, works from
// the cached white list while only the TOS is out of reach, and falls back to manual processing
// without its server or OCR; yard cranes need their block's crane control host and quay cranes the
// STS control host, both below their wind limits; without the TOS, cranes work from the last plan
// by radio, slower by the degraded factors.
#pragma once

#include "models/incidents/it_platform.hpp"
#include "models/terminal/operating_conditions.hpp"

namespace porttwin::incidents {

class TerminalConditions : public terminal::OperatingConditions {
 public:
  TerminalConditions(const IncidentsConfig& config, ItPlatform& platform, int yard_blocks);

  terminal::GateMode gate_mode() const override;
  bool gate_open() const override { return wind_ <= config_.wind_limits.gate; }
  bool yard_cranes_work(int block) const override;
  bool quay_cranes_work() const override;
  bool vessels_may_berth() const override { return wind_ <= config_.wind_limits.vessel; }
  double yard_slowdown() const override;
  double quay_slowdown() const override;
  const Distribution& manual_transaction() const override { return config_.degraded.manual_transaction; }
  void wait_until(const std::function<bool()>& ok) override { platform_.wait_until(ok); }

  // The wind now (m/s); the storms set it.
  double wind() const { return wind_; }
  void set_wind(double speed);
  // Wind below every limit: the terminal's critical functions are not stopped by weather.
  bool calm_enough() const;

 private:
  const IncidentsConfig& config_;
  ItPlatform& platform_;
  simgrid::s4u::Host* gate_server_;
  simgrid::s4u::Host* ocr_;
  simgrid::s4u::Host* sts_control_;
  std::vector<simgrid::s4u::Host*> crane_control_;  // by block
  double wind_ = 0;
};

}  // namespace porttwin::incidents

// The gate complex: trucks arrive (hourly profile, appointments), queue for N in-gate lanes, and
// are identified by OCR/RFID during the lane transaction. OCR accuracy differs by day and night;
// a truck that fails identification pulls over to the exception desk, where clerks clear it.
// Every truck ends at GTIN (gate in); its gate time runs from arrival to GTIN.
#pragma once

#include <memory>
#include <string>

#include "models/gate/gate_identification.hpp"
#include "models/model.hpp"
#include "sim/engine/arrival_source.hpp"
#include "sim/engine/platform.hpp"
#include "sim/engine/station.hpp"
#include "sim/scenario/schema.hpp"

namespace porttwin {

struct GateConfig {
  std::string host = "gate-server";
  int lanes = 8;
  ArrivalConfig arrivals;
  Distribution transaction = Distribution::lognormal(50, 0.4);
  int queue_capacity = -1;
  OcrConfig ocr;
  ExceptionDeskConfig desk;
};

void declare(scenario::Section& gate, GateConfig& config);
void check(GateConfig& config, scenario::Diagnostics& diagnostics);

class GateModel : public Model {
 public:
  GateModel(Simulation& sim, const GateConfig& config, const Platform& platform);

  void start() override;
  std::vector<Station*> stations() override { return {&lanes_, &desk_}; }
  void declare_kpis(Recorder& recorder) override;
  void sample_kpis(Recorder& recorder, double now) override;
  void write_summary(Recorder& recorder, double now) const override;

 private:
  void after_lane(Job& truck);
  void gate_in(const Job& truck);

  Simulation& sim_;
  const GateConfig& config_;
  Station lanes_;
  Station desk_;
  ArrivalSource source_;
  GateIdentification identification_;
  std::uint32_t place_;
  stats::Tally gate_time_;
  std::int64_t gated_in_ = 0, exceptions_ = 0, gated_in_total_ = 0, last_gated_in_ = 0;
  std::size_t kpi_gate_in_ = 0;
};

}  // namespace porttwin

#include "models/gate/gate_model.hpp"

#include "sim/core/units.hpp"
#include "models/gate/record/gate_events.hpp"
#include "sim/stats/ratio.hpp"

namespace porttwin {

void declare(scenario::Section& g, GateConfig& c) {
  g.text("host", c.host, "Platform host the gate's systems run on");
  g.integer("lanes", c.lanes, "In-gate lanes open").range(1, 500);
  declare(g.section("arrivals", "Trucks arriving at the gate"), c.arrivals);
  g.distribution("transaction", c.transaction, "Lane transaction time (OCR/RFID capture, checks, barrier)");
  g.integer("queue_capacity", c.queue_capacity,
            "Trucks that fit in the approach queue; arrivals finding it full are turned away (-1: unlimited)")
      .min(-1);
  declare(g.section("ocr", "Automatic identification at the lanes"), c.ocr);
  auto& desk = g.section("exception_desk", "Clerks clearing trucks that failed automatic identification");
  desk.integer("clerks", c.desk.clerks, "Clerks on duty").range(1, 500);
  desk.distribution("service", c.desk.service, "Time a clerk needs per truck");
}

void check(GateConfig& c, scenario::Diagnostics& d) {
  check(c.arrivals, "gate.arrivals", d);
  check(c.ocr, "gate.ocr", d);
}

GateModel::GateModel(Simulation& sim, const GateConfig& config, const Platform& platform)
    : sim_(sim),
      config_(config),
      lanes_(sim, {"gate.lanes", config.lanes, config.transaction, false, config.queue_capacity, std::nullopt, "trucks"},
             platform.host(config.host)),
      desk_(sim, exception_desk_station("gate.exception_desk", config.desk),
            platform.host(config.host)),
      source_(sim, "gate.arrivals", config.arrivals, platform.host(config.host),
              [this](Job truck) { lanes_.arrive(truck); }),
      identification_(sim, config.ocr, "gate.ocr"),
      place_(sim.recorder().place("gate")),
      gate_time_(sim.batch_plan(), true) {
  lanes_.on_finish([this](Job& truck) { after_lane(truck); });
  desk_.on_finish([this](Job& truck) { gate_in(truck); });
  lanes_.on_leave([this](Job& truck) { sim_.recorder().event(Simulation::now(), EventKind::Exit, truck.id, place_); });
}

void GateModel::start() {
  lanes_.start();
  desk_.start();
  source_.start();
}

void GateModel::after_lane(Job& truck) {
  const double now = Simulation::now();
  if (identification_.identified(now)) return gate_in(truck);
  if (now >= sim_.warmup()) ++exceptions_;
  sim_.recorder().event(now, GateEvent::GateException, truck.id, place_);
  desk_.arrive(truck);
}

void GateModel::gate_in(const Job& truck) {
  const double now = Simulation::now();
  ++gated_in_total_;
  if (now >= sim_.warmup()) ++gated_in_;
  gate_time_.add(now - truck.created, now);
  sim_.recorder().event(now, GateEvent::GateIn, truck.id, place_);
  sim_.recorder().event(now, EventKind::Exit, truck.id, place_);
}

void GateModel::declare_kpis(Recorder& r) {
  kpi_gate_in_ = r.kpi_series("gate.gate_in", "trucks", "Trucks through the in-gate (GTIN) in the interval");
}

void GateModel::sample_kpis(Recorder& r, double) {
  r.kpi_value(kpi_gate_in_, static_cast<double>(gated_in_total_ - last_gated_in_));
  last_gated_in_ = gated_in_total_;
}

void GateModel::write_summary(Recorder& r, double now) const {
  lanes_.write_summary(r, now);
  desk_.write_summary(r, now);
  const double hours = (now - sim_.warmup()) / 3600.0;
  r.summary("gate.trucks_in", static_cast<double>(gated_in_), "trucks", "Trucks through the in-gate after warm-up");
  r.summary("gate.trucks_per_hour", hours > 0 ? gated_in_ / hours : 0, "trucks/h", "Trucks through the in-gate per hour",
            true);
  r.summary("gate.trucks_per_lane_hour", hours > 0 ? gated_in_ / hours / config_.lanes : 0, "trucks/lane-h",
            "Trucks per lane per hour", true);
  r.summary("gate.exception_rate", stats::ratio(static_cast<double>(exceptions_), gated_in_), "share",
            "Share of trucks sent to the exception desk", true);
  r.summary("gate.time.mean", gate_time_.mean(), "s", "Mean time from arrival to gate-in", true);
  r.summary("gate.time.p95", gate_time_.quantile(0.95), "s",
            "95th percentile of the time from arrival to gate-in", true);
  r.summary("gate.time.max", gate_time_.max(), "s", "Longest time from arrival to gate-in");
}

}  // namespace porttwin

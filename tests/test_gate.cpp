// The gate complex: OCR accuracy by day and night, the exception desk, the hourly profile and
// appointments, read from the recorded events.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>

#include "analysis/run_file.hpp"
#include "sim/engine/arrival_process.hpp"
#include "simulation_support.hpp"
#include "models/gate/record/gate_events.hpp"

using porttwin::EventKind;
using porttwin::GateEvent;
using porttwin::testing::run_replications;

TEST_CASE("gate: OCR failures follow the day and night accuracy and all go through the exception desk", "[gate][slow]") {
  const auto reps = run_replications("scenarios/gate_default.yaml", 2, {{"horizon", "14d"}, {"warmup", "0s"}});
  long day_lanes = 0, day_fail = 0, night_lanes = 0, night_fail = 0;
  for (const auto& file : reps.files) {
    const auto events = porttwin::analysis::read_events(file);
    const auto places = porttwin::analysis::read_places(file);
    const auto lanes = static_cast<std::uint32_t>(std::find(places.begin(), places.end(), "gate.lanes") - places.begin());
    std::map<std::uint64_t, int> gate_ins;
    long exceptions = 0, desk_finishes = 0;
    for (const auto& e : events) {
      const double tod = std::fmod(e.time, 86400.0);  // the scenario starts at local midnight
      const bool day = tod >= 6 * 3600 && tod < 20 * 3600;
      const auto kind = e.kind;
      if (kind == porttwin::code_of(EventKind::Finish) && e.place == lanes) ++(day ? day_lanes : night_lanes);
      if (kind == porttwin::code_of(GateEvent::GateException)) {
        ++(day ? day_fail : night_fail);
        ++exceptions;
      }
      if (kind == porttwin::code_of(EventKind::Finish) && places[e.place] == "gate.exception_desk") ++desk_finishes;
      if (kind == porttwin::code_of(GateEvent::GateIn)) ++gate_ins[e.entity];
    }
    for (const auto& [truck, n] : gate_ins) REQUIRE(n == 1);
    CHECK(desk_finishes <= exceptions);
    CHECK(exceptions - desk_finishes < 10);  // only those still at the desk at the horizon
  }
  // Binomial 99.9% bands around 1 - accuracy.
  auto check_share = [](long fails, long total, double p) {
    const double share = static_cast<double>(fails) / static_cast<double>(total);
    const double band = 3.3 * std::sqrt(p * (1 - p) / static_cast<double>(total));
    INFO(fails << " of " << total << " = " << share << ", expected " << p << " ± " << band);
    CHECK(std::abs(share - p) < band);
  };
  check_share(day_fail, day_lanes, 0.01);
  check_share(night_fail, night_lanes, 0.05);
}

TEST_CASE("gate: arrivals follow the hourly profile, weekday factors and appointments", "[gate][slow]") {
  const auto reps = run_replications("scenarios/gate_default.yaml", 2, {{"warmup", "0s"}});
  const auto& arrivals = reps.scenario.gate.arrivals;
  const double expected_per_replication = porttwin::mean_rate(arrivals) * reps.scenario.run.horizon;
  std::vector<double> hourly(24, 0.0);
  double total = 0;
  for (const auto& file : reps.files) {
    for (const auto& e : porttwin::analysis::read_events(file)) {
      if (e.kind != porttwin::code_of(EventKind::Enter)) continue;
      hourly[static_cast<std::size_t>(std::fmod(e.time, 86400.0) / 3600)] += 1;
      total += 1;
    }
  }
  const double per_replication = total / 2;
  INFO("arrivals per replication " << per_replication << ", expected " << expected_per_replication);
  CHECK(std::abs(per_replication - expected_per_replication) < 4 * std::sqrt(expected_per_replication));
  // Hour 3 (50/h walk-ins, no bookings) against hour 10 (420/h + 30 booked, 8% no-show), over
  // 4 weeks of 5 weekdays + 0.6 + 0.25.
  const double week = 5 + 0.6 + 0.25;
  const double weeks = reps.scenario.run.horizon / (7 * 86400.0) * 2;
  const double h3 = 50 * week * weeks, h10 = (420 * week + 30 * 7 * 0.92) * weeks;
  CHECK(std::abs(hourly[3] - h3) < 4 * std::sqrt(h3));
  CHECK(std::abs(hourly[10] - h10) < 4 * std::sqrt(h10));
}

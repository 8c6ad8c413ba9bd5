// Nothing lost or duplicated, and Little's law, checked on the recorded event log itself.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>

#include "analysis/run_file.hpp"
#include "simulation_support.hpp"

using porttwin::EventKind;
using porttwin::testing::run_replications;

namespace {

struct Ledger {
  std::map<std::uint64_t, int> entered, exited;
  std::map<std::uint16_t, long> count;
};

Ledger ledger_of(const std::vector<porttwin::EventRow>& events) {
  Ledger l;
  for (const auto& e : events) {
    const auto kind = e.kind;
    ++l.count[kind];
    if (kind == porttwin::code_of(EventKind::Enter)) ++l.entered[e.entity];
    if (kind == porttwin::code_of(EventKind::Exit)) ++l.exited[e.entity];
  }
  return l;
}

}  // namespace

TEST_CASE("conservation: every job enters once and leaves at most once, station flows balance", "[conservation]") {
  // Tandem network with feedback, a finite waiting room and impatient jobs: every path is taken.
  const auto reps = run_replications("scenarios/validation/tandem.yaml", 1,
                                     {{"horizon", "20d"},
                                      {"network.stations[1].capacity", "3"},
                                      {"network.stations[0].reneging.patience", "{dist: exponential, mean: 10min}"}});
  const auto events = porttwin::analysis::read_events(reps.files[0]);
  const auto l = ledger_of(events);
  REQUIRE(l.count.at(porttwin::code_of(EventKind::Balk)) > 0);
  REQUIRE(l.count.at(porttwin::code_of(EventKind::Renege)) > 0);
  for (const auto& [id, n] : l.entered) REQUIRE(n == 1);
  for (const auto& [id, n] : l.exited) {
    REQUIRE(n == 1);
    REQUIRE(l.entered.count(id) == 1);
  }
  // ARRIVE = START + BALK + RENEGE + still waiting; START = FINISH + still in service.
  const long waiting_or_serving = l.count.at(porttwin::code_of(EventKind::Arrive)) - l.count.at(porttwin::code_of(EventKind::Balk)) -
                                  l.count.at(porttwin::code_of(EventKind::Renege)) - l.count.at(porttwin::code_of(EventKind::Finish));
  const long in_system = static_cast<long>(l.entered.size() - l.exited.size());
  CHECK(waiting_or_serving == in_system);
  CHECK(in_system >= 0);
  CHECK(in_system < 50);
  // Events are in time order.
  for (std::size_t i = 1; i < events.size(); ++i) REQUIRE(events[i - 1].time <= events[i].time);
}

TEST_CASE("conservation: Little's law L = lambda W holds on the recorded events", "[conservation]") {
  const auto reps = run_replications("scenarios/validation/mmc.yaml", 1, {{"horizon", "20d"}});
  const auto events = porttwin::analysis::read_events(reps.files[0]);
  const double warmup = reps.scenario.run.warmup, horizon = reps.scenario.run.horizon;
  // L: time-average number in the system over [warmup, horizon] from ENTER/EXIT.
  double area = 0, last = 0;
  long n = 0, arrivals = 0;
  std::map<std::uint64_t, double> entered_at;
  double sojourn_sum = 0;
  long sojourns = 0;
  for (const auto& e : events) {
    const auto kind = e.kind;
    if (kind != porttwin::code_of(EventKind::Enter) && kind != porttwin::code_of(EventKind::Exit)) continue;
    if (e.time > warmup) area += n * (e.time - std::max(last, warmup));
    last = e.time;
    if (kind == porttwin::code_of(EventKind::Enter)) {
      ++n;
      entered_at[e.entity] = e.time;
      if (e.time >= warmup) ++arrivals;
    } else {
      --n;
      if (entered_at[e.entity] >= warmup) {
        sojourn_sum += e.time - entered_at[e.entity];
        ++sojourns;
      }
    }
  }
  area += n * (horizon - last);
  const double L = area / (horizon - warmup);
  const double lambda = arrivals / (horizon - warmup);
  const double W = sojourn_sum / sojourns;
  INFO("L = " << L << ", lambda W = " << lambda * W);
  CHECK(std::abs(L - lambda * W) / L < 0.01);
  // The summary's own time-average agrees with the one rebuilt from the events.
  CHECK(reps.runs[0].value("network.in_system.mean") == Approx(L).epsilon(1e-6));
}

// The engine against queueing theory: the validation scenarios (scenarios/validation/) run with
// replications, and every theoretical value must lie inside the simulated confidence interval,
// which must also be narrow enough (< 6% of the value) for the check to mean something.
// Each scenario checks a family of k KPIs at a family-wise 95% level (Bonferroni: each interval at
// 1 - 0.05/k): with 30-odd intervals in the suite, plain 95% intervals would miss about one or two
// times by chance alone (seen: M/M/3 with seed 202, whose arrival count ran 2.6 SD low).
#include <catch2/catch.hpp>

#include <cmath>

#include "analysis/queueing_theory.hpp"
#include "simulation_support.hpp"

using porttwin::testing::Replications;
using porttwin::testing::run_replications;
namespace theory = porttwin::theory;

namespace {

struct Expected {
  std::vector<theory::QueueMetrics> stations;
  double L = 0, W = 0;
};

// Theory for a network scenario: Jackson (traffic equations with Eigen, M/M/c per station) when
// every service is exponential; Pollaczek-Khinchine for a single M/G/1 station.
Expected theory_for(const porttwin::NetworkConfig& net) {
  const auto n = static_cast<Eigen::Index>(net.stations.size());
  theory::JacksonNetwork j;
  j.external_arrivals = Eigen::VectorXd::Zero(n);
  j.routing = Eigen::MatrixXd::Zero(n, n);
  for (const auto& src : net.sources) {
    REQUIRE(src.arrivals.process == "poisson");
    j.external_arrivals(src.to.index) += src.arrivals.rate;
  }
  bool exponential = true;
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto& st = net.stations[static_cast<std::size_t>(i)];
    for (const auto& r : st.routes) j.routing(i, r.to.index) += r.probability;
    j.mean_service.push_back(st.service.mean());
    j.servers.push_back(st.servers);
    exponential = exponential && st.service.kind() == porttwin::Distribution::Kind::Exponential;
  }
  if (exponential) {
    const auto solution = theory::solve_jackson(j);
    return {solution.stations, solution.L, solution.W};
  }
  REQUIRE(n == 1);
  REQUIRE(net.stations[0].servers == 1);
  const auto& s = net.stations[0].service;
  const auto m = theory::mg1(j.external_arrivals(0), s.mean(), s.variance());
  return {{m}, m.L, m.W};
}

void check_inside(const Replications& reps, const std::string& kpi, double expected, int family) {
  const double level = 1 - 0.05 / family;
  const auto ci = reps.interval(kpi, level);
  INFO(kpi << ": theory " << expected << ", simulated " << ci.mean << " ± " << ci.half_width << " (" << level * 100
            << "%, n=" << ci.n << ")");
  CHECK(ci.lower <= expected);
  CHECK(expected <= ci.upper);
  CHECK(ci.half_width < 0.06 * std::abs(expected));
}

// Runs the scenario's own replication count and compares every station and the network totals.
void validate(const std::string& scenario) {
  const Replications reps = run_replications(scenario, porttwin::load_scenario(
      porttwin::testing::source_path(scenario)).run.replications);
  const auto& net = reps.scenario.network;
  const Expected expected = theory_for(net);
  const int family = static_cast<int>(4 * net.stations.size() + 2);
  for (std::size_t i = 0; i < net.stations.size(); ++i) {
    const std::string& name = net.stations[i].name;
    const auto& m = expected.stations[i];
    check_inside(reps, name + ".utilisation", m.utilisation, family);
    check_inside(reps, name + ".wait.mean", m.Wq, family);
    check_inside(reps, name + ".queue.mean", m.Lq, family);
    check_inside(reps, name + ".sojourn.mean", m.W, family);
  }
  check_inside(reps, "network.in_system.mean", expected.L, family);
  check_inside(reps, "network.sojourn.mean", expected.W, family);
}

}  // namespace

TEST_CASE("validation: M/M/1 matches the closed form (Wq = 4 min, Lq = 3.2, rho = 0.8)", "[validation][slow]") {
  validate("scenarios/validation/mm1.yaml");
}

TEST_CASE("validation: M/M/3 matches Erlang C", "[validation][slow]") {
  validate("scenarios/validation/mmc.yaml");
}

TEST_CASE("validation: M/D/1 matches Pollaczek-Khinchine (Wq = 2 min)", "[validation][slow]") {
  validate("scenarios/validation/md1.yaml");
}

TEST_CASE("validation: tandem network with feedback matches Jackson's traffic equations", "[validation][slow]") {
  validate("scenarios/validation/tandem.yaml");
}

TEST_CASE("validation: the gate as an M/M/c (exponential lanes, perfect OCR) matches Erlang C", "[validation][slow]") {
  const Replications reps = run_replications(
      "scenarios/gate_default.yaml", 6,
      {{"gate.arrivals.process", "poisson"}, {"gate.arrivals.rate", "210/h"},
       {"gate.arrivals.appointments.per_hour", "[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]"},
       {"gate.transaction", "{dist: exponential, mean: 1.5min}"}, {"gate.lanes", "7"},
       {"gate.ocr.day_accuracy", "1"}, {"gate.ocr.night_accuracy", "1"}, {"horizon", "100d"}});
  const auto m = theory::mmc(210.0 / 3600, 90, 7);
  check_inside(reps, "gate.lanes.utilisation", m.utilisation, 4);
  check_inside(reps, "gate.lanes.wait.mean", m.Wq, 4);
  check_inside(reps, "gate.lanes.queue.mean", m.Lq, 4);
  check_inside(reps, "gate.time.mean", m.W, 4);
  CHECK(reps.interval("gate.exception_rate").mean == 0);
}

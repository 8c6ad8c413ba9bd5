// Station behaviours beyond FIFO against theory: non-preemptive priority (Cobham), a finite
// waiting room (M/M/1/K blocking), and reneging (Erlang A from its birth-death chain).
// Intervals are family-wise 95% per test (Bonferroni), as in test_validation.cpp.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>

#include <Eigen/Dense>

#include "analysis/run_file.hpp"
#include "simulation_support.hpp"

using porttwin::EventKind;
using porttwin::testing::Replications;
using porttwin::testing::run_replications;

namespace {

void check_inside(const porttwin::stats::Interval& ci, double expected, const std::string& what) {
  INFO(what << ": theory " << expected << ", simulated " << ci.mean << " ± " << ci.half_width);
  CHECK(ci.lower <= expected);
  CHECK(expected <= ci.upper);
  CHECK(ci.half_width < 0.06 * std::abs(expected));
}

// Mean wait per source class, from the event log: ENTER names the source, START - ARRIVE the wait.
std::map<std::string, double> class_waits(const std::filesystem::path& file, double warmup) {
  const auto events = porttwin::analysis::read_events(file);
  const auto places = porttwin::analysis::read_places(file);
  std::map<std::uint64_t, std::uint32_t> source_of;
  std::map<std::uint64_t, double> arrived;
  std::map<std::string, std::pair<double, long>> sums;
  for (const auto& e : events) {
    const auto kind = e.kind;
    if (kind == porttwin::code_of(EventKind::Enter)) source_of[e.entity] = e.place;
    if (kind == porttwin::code_of(EventKind::Arrive)) arrived[e.entity] = e.time;
    if (kind == porttwin::code_of(EventKind::Start) && e.time >= warmup) {
      auto& s = sums[places[source_of[e.entity]]];
      s.first += e.time - arrived[e.entity];
      ++s.second;
    }
  }
  std::map<std::string, double> means;
  for (const auto& [name, s] : sums) means[name] = s.first / static_cast<double>(s.second);
  return means;
}

}  // namespace

TEST_CASE("station: non-preemptive priority gives each class Cobham's mean wait", "[station][slow]") {
  const Replications reps = run_replications("tests/data/scenarios/priority.yaml", 6);
  std::vector<double> high, low;
  for (const auto& f : reps.files) {
    const auto waits = class_waits(f, reps.scenario.run.warmup);
    high.push_back(waits.at("high"));
    low.push_back(waits.at("low"));
  }
  // W0 = sum lambda_i E[S^2] / 2 = 0.7 min; Wq1 = W0 / (1 - s1); Wq2 = W0 / ((1 - s1)(1 - s1 - s2))
  const double w0 = 0.7 * 60;
  check_inside(porttwin::stats::student_t(high, 0.975), w0 / 0.7, "high-priority wait");
  check_inside(porttwin::stats::student_t(low, 0.975), w0 / (0.7 * 0.3), "low-priority wait");
}

TEST_CASE("station: a full waiting room turns arrivals away at the M/M/1/K blocking probability", "[station][slow]") {
  const Replications reps = run_replications("tests/data/scenarios/mm1k.yaml", 6);
  std::vector<double> blocked;
  for (const auto& r : reps.runs) blocked.push_back(r.value("server.balked") / r.value("server.arrivals"));
  const double rho = 0.9;
  check_inside(porttwin::stats::student_t(blocked), (1 - rho) * std::pow(rho, 5) / (1 - std::pow(rho, 6)),
               "blocking probability");
}

TEST_CASE("station: reneging matches Erlang A (abandonment share and queue length)", "[station][slow]") {
  const Replications reps = run_replications("tests/data/scenarios/erlang_a.yaml", 6);
  // Birth-death chain truncated far in the tail: birth lambda, death min(n,c) mu + max(n-c,0) theta.
  const double lambda = 2.0, mu = 1.0, theta = 0.5;
  const int c = 2, top = 200;
  Eigen::VectorXd p(top + 1);
  p(0) = 1;
  for (int n = 1; n <= top; ++n) p(n) = p(n - 1) * lambda / (std::min(n, c) * mu + std::max(n - c, 0) * theta);
  p /= p.sum();
  double queue = 0;
  for (int n = c + 1; n <= top; ++n) queue += (n - c) * p(n);
  std::vector<double> abandoned, queue_means;
  for (const auto& r : reps.runs) {
    abandoned.push_back(r.value("desk.reneged") / r.value("desk.arrivals"));
    queue_means.push_back(r.value("desk.queue.mean"));
  }
  check_inside(porttwin::stats::student_t(abandoned, 0.975), theta * queue / lambda, "abandonment share");
  check_inside(porttwin::stats::student_t(queue_means, 0.975), queue, "mean queue length");
}

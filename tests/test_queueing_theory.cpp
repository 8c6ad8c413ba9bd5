// Closed-form queueing results against textbook numbers.
#include <catch2/catch.hpp>

#include "analysis/queueing_theory.hpp"

using namespace porttwin::theory;

namespace {

void check_same(const QueueMetrics& actual, const QueueMetrics& expected) {
  CHECK(actual.utilisation == Approx(expected.utilisation));
  CHECK(actual.wait_probability == Approx(expected.wait_probability));
  CHECK(actual.Wq == Approx(expected.Wq));
  CHECK(actual.W == Approx(expected.W));
  CHECK(actual.Lq == Approx(expected.Lq));
  CHECK(actual.L == Approx(expected.L));
}

}  // namespace

TEST_CASE("theory::erlang_c: textbook values") {
  CHECK(erlang_c(2, 1) == Approx(1.0 / 3));
  CHECK(erlang_c(3, 2) == Approx(4.0 / 9));  // (8/6 * 3) / (1 + 2 + 2 + 4)
  CHECK(erlang_c(1, 0.7) == Approx(0.7));     // M/M/1: P(wait) = rho
  CHECK(erlang_c(4, 0) == 0);
  CHECK(erlang_c(2, 2) == 1);                 // saturated
}

TEST_CASE("theory::erlang_c: stable for hundreds of servers") {
  const double p = erlang_c(500, 480);
  CHECK(std::isfinite(p));
  CHECK(p > 0);
  CHECK(p < 1);
  CHECK_THROWS_AS(erlang_c(0, 1), std::invalid_argument);
  CHECK_THROWS_AS(erlang_c(2, -1), std::invalid_argument);
}

TEST_CASE("theory::mmc: M/M/1 at rho = 0.8") {
  check_same(mmc(0.8, 1, 1), {.utilisation = 0.8, .wait_probability = 0.8, .Wq = 4, .W = 5, .Lq = 3.2, .L = 4});
}

TEST_CASE("theory::mmc: M/M/2 and Little's law") {
  const QueueMetrics q = mmc(1, 1, 2);
  CHECK(q.utilisation == Approx(0.5));
  CHECK(q.wait_probability == Approx(1.0 / 3));
  CHECK(q.Wq == Approx(1.0 / 3));
  CHECK(q.Lq == Approx(1.0 / 3));
  CHECK(q.L == Approx(4.0 / 3));
  CHECK(q.L == Approx(1 * q.W));
}

TEST_CASE("theory::mmc: rejects unstable or meaningless queues") {
  CHECK_THROWS_AS(mmc(1, 1, 1), std::invalid_argument);
  CHECK_THROWS_AS(mmc(3, 1, 2), std::invalid_argument);
  CHECK_THROWS_AS(mmc(0.5, 0, 1), std::invalid_argument);
  CHECK_THROWS_AS(mmc(0.5, 1, 0), std::invalid_argument);
  CHECK_THROWS_AS(mmc(-0.5, 1, 1), std::invalid_argument);
  CHECK(mmc(0, 2, 1).W == 2);  // no traffic: no wait
}

TEST_CASE("theory::mg1: M/D/1 by Pollaczek-Khinchine") {
  check_same(mg1(0.8, 1, 0), {.utilisation = 0.8, .wait_probability = 0.8, .Wq = 2, .W = 3, .Lq = 1.6, .L = 2.4});
  CHECK_THROWS_AS(mg1(1.25, 1, 0), std::invalid_argument);
  CHECK_THROWS_AS(mg1(0.5, 1, -1), std::invalid_argument);
}

TEST_CASE("theory::mg1: exponential service reproduces M/M/1") {
  check_same(mg1(0.6, 1.5, 1.5 * 1.5), mmc(0.6, 1.5, 1));
}

TEST_CASE("theory::solve_jackson: a tandem equals two M/M/1 queues in series") {
  JacksonNetwork net{Eigen::Vector2d(0.5, 0), Eigen::Matrix2d{{0, 1}, {0, 0}}, {1, 1.5}, {1, 1}};
  const JacksonSolution s = solve_jackson(net);
  CHECK(s.arrival_rates(0) == Approx(0.5));
  CHECK(s.arrival_rates(1) == Approx(0.5));
  check_same(s.stations[0], mmc(0.5, 1, 1));
  check_same(s.stations[1], mmc(0.5, 1.5, 1));
  CHECK(s.W == Approx(2 + 6));  // S/(1-rho) per station
  CHECK(s.L == Approx(1 + 3));
}

TEST_CASE("theory::solve_jackson: feedback solved by hand") {
  // lambda1 = 1 + 0.2 lambda2, lambda2 = lambda1  =>  lambda = (1.25, 1.25)
  JacksonNetwork net{Eigen::Vector2d(1, 0), Eigen::Matrix2d{{0, 1}, {0.2, 0}}, {0.4, 0.5}, {1, 1}};
  const JacksonSolution s = solve_jackson(net);
  CHECK(s.arrival_rates(0) == Approx(1.25));
  CHECK(s.arrival_rates(1) == Approx(1.25));
  CHECK(s.stations[0].utilisation == Approx(0.5));
  CHECK(s.stations[1].utilisation == Approx(0.625));
  CHECK(s.stations[0].L == Approx(1));
  CHECK(s.stations[1].L == Approx(5.0 / 3));
  CHECK(s.L == Approx(8.0 / 3));
  CHECK(s.W == Approx(8.0 / 3));  // external rate 1
}

TEST_CASE("theory::solve_jackson: multi-server station with self-feedback") {
  // One station, 2 servers, half the customers come back: lambda = 1 / (1 - 0.5) = 2.
  JacksonNetwork net{Eigen::VectorXd::Constant(1, 1.0), Eigen::MatrixXd::Constant(1, 1, 0.5), {0.5}, {2}};
  const JacksonSolution s = solve_jackson(net);
  CHECK(s.arrival_rates(0) == Approx(2));
  check_same(s.stations[0], mmc(2, 0.5, 2));
  CHECK(s.W == Approx(s.stations[0].L / 1));
}

TEST_CASE("theory::solve_jackson: rejects invalid networks") {
  JacksonNetwork net{Eigen::Vector2d(1, 0), Eigen::Matrix2d{{0, 1}, {0, 0}}, {0.5, 0.5}, {1, 1}};
  REQUIRE_NOTHROW(solve_jackson(net));

  auto trapped = net;
  trapped.routing = Eigen::Matrix2d{{0, 1}, {1, 0}};
  CHECK_THROWS_AS(solve_jackson(trapped), std::invalid_argument);

  auto saturated = net;
  saturated.mean_service = {0.5, 1.0};
  CHECK_THROWS_WITH(solve_jackson(saturated), Catch::Contains("station 1"));

  auto mismatched = net;
  mismatched.servers = {1};
  CHECK_THROWS_AS(solve_jackson(mismatched), std::invalid_argument);

  auto leaky = net;
  leaky.routing = Eigen::Matrix2d{{0, 1.2}, {0, 0}};
  CHECK_THROWS_AS(solve_jackson(leaky), std::invalid_argument);
}

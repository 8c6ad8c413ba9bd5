// Named random streams: reproducibility and independence (common random numbers).
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "sim/random/stream.hpp"

using porttwin::rng::Stream;

namespace {

std::vector<std::uint64_t> first_draws(Stream& s, int n = 64) {
  std::vector<std::uint64_t> draws;
  for (int i = 0; i < n; ++i) draws.push_back(s.engine()());
  return draws;
}

struct SampleMoments {
  double mean = 0, variance = 0;
};

template <class Draw>
SampleMoments moments(int n, Draw draw) {
  double sum = 0, sum_squares = 0;
  for (int i = 0; i < n; ++i) {
    const double x = draw();
    sum += x;
    sum_squares += x * x;
  }
  const double mean = sum / n;
  return {mean, (sum_squares - n * mean * mean) / (n - 1)};
}

}  // namespace

TEST_CASE("rng::Stream: same seed, name and replication give the same draws") {
  Stream a(42, 3, "arrivals"), b(42, 3, "arrivals");
  CHECK(first_draws(a) == first_draws(b));
  for (int i = 0; i < 100; ++i) CHECK(a.normal(0, 1) == b.normal(0, 1));
}

TEST_CASE("rng::Stream: different names, replications or seeds give different draws") {
  Stream base(42, 0, "arrivals");
  Stream other_name(42, 0, "berth.service");
  Stream other_replication(42, 1, "arrivals");
  Stream other_seed(43, 0, "arrivals");
  const auto reference = first_draws(base);
  CHECK(first_draws(other_name) != reference);
  CHECK(first_draws(other_replication) != reference);
  CHECK(first_draws(other_seed) != reference);
}

TEST_CASE("rng::Stream: seed and replication are not interchangeable") {
  using porttwin::rng::derive_seed;
  CHECK(derive_seed(1, 2, "x") != derive_seed(2, 1, "x"));
  CHECK(derive_seed(0, 0, "") != derive_seed(0, 1, ""));
}

TEST_CASE("rng::Stream: seed derivation is pinned, so recorded runs stay reproducible") {
  CHECK(porttwin::rng::derive_seed(42, 0, "arrivals") == 14677845954926942577ULL);
  Stream s(42, 0, "arrivals");
  CHECK(s.engine()() == 10591268133018348203ULL);  // std::mt19937_64 is fully specified
}

TEST_CASE("rng::Stream: a component's draws do not depend on other streams being used") {
  Stream alone(7, 0, "quay_crane");
  const auto expected = first_draws(alone);

  Stream crane(7, 0, "quay_crane"), truck(7, 0, "truck");
  std::vector<std::uint64_t> interleaved;
  for (int i = 0; i < 64; ++i) {
    truck.exponential(3);
    truck.normal(0, 1);
    interleaved.push_back(crane.engine()());
  }
  CHECK(interleaved == expected);
}

TEST_CASE("rng::Stream: name() returns the stream's name") { CHECK(Stream(1, 0, "gate").name() == "gate"); }

TEST_CASE("rng::Stream: uniform01 stays inside the open interval (0,1)") {
  Stream s(1, 0, "u");
  double lowest = 1, highest = 0;
  for (int i = 0; i < 100000; ++i) {
    const double u = s.uniform01();
    lowest = std::min(lowest, u);
    highest = std::max(highest, u);
  }
  CHECK(lowest > 0);
  CHECK(highest < 1);
  const auto m = moments(100000, [&] { return s.uniform01(); });
  CHECK(m.mean == Approx(0.5).margin(4 * std::sqrt(1.0 / 12 / 100000)));
}

TEST_CASE("rng::Stream: uniform(lo,hi) stays within its bounds") {
  Stream s(1, 0, "u");
  for (int i = 0; i < 10000; ++i) {
    const double x = s.uniform(-2, 3);
    REQUIRE(x > -2);
    REQUIRE(x < 3);
  }
}

TEST_CASE("rng::Stream: exponential and normal have the requested moments") {
  Stream s(5, 0, "moments");
  const int n = 100000;
  const auto exponential = moments(n, [&] { return s.exponential(2.5); });
  CHECK(exponential.mean == Approx(2.5).margin(4 * 2.5 / std::sqrt(n)));
  CHECK(exponential.variance == Approx(6.25).epsilon(0.05));

  const auto normal = moments(n, [&] { return s.normal(10, 3); });
  CHECK(normal.mean == Approx(10).margin(4 * 3 / std::sqrt(n)));
  CHECK(normal.variance == Approx(9).epsilon(0.03));
}

TEST_CASE("rng::Stream: bernoulli hits with probability p and rejects p outside 0..1") {
  Stream s(5, 0, "coin");
  const int n = 100000;
  int hits = 0;
  for (int i = 0; i < n; ++i) hits += s.bernoulli(0.3);
  CHECK(hits / double(n) == Approx(0.3).margin(4 * std::sqrt(0.3 * 0.7 / n)));
  for (int i = 0; i < 1000; ++i) {
    REQUIRE_FALSE(s.bernoulli(0));
    REQUIRE(s.bernoulli(1));
  }
  CHECK_THROWS_AS(s.bernoulli(1.5), std::invalid_argument);
  CHECK_THROWS_AS(s.bernoulli(-0.1), std::invalid_argument);
}

TEST_CASE("rng::Stream: below(n) is uniform on 0..n-1") {
  Stream s(9, 0, "dice");
  const int n = 60000;
  std::vector<int> counts(6, 0);
  for (int i = 0; i < n; ++i) {
    const auto face = s.below(6);
    REQUIRE(face < 6);
    ++counts[face];
  }
  for (int c : counts) CHECK(c / double(n) == Approx(1.0 / 6).margin(4 * std::sqrt(1.0 / 6 * 5 / 6 / n)));

  CHECK(s.below(1) == 0);
  const std::uint64_t huge = (1ULL << 63) + 12345;
  for (int i = 0; i < 1000; ++i) REQUIRE(s.below(huge) < huge);
  CHECK_THROWS_AS(s.below(0), std::invalid_argument);
}

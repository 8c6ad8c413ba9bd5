// Every scenario distribution: sample moments against the exact mean() and variance().
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <numbers>

#include "sim/random/distribution.hpp"

using porttwin::Distribution;
using porttwin::rng::Stream;

namespace {

struct SampleMoments {
  double mean = 0, variance = 0, fourth_central = 0;
  double lowest = 0;
};

SampleMoments sample_moments(const Distribution& d, int n, std::uint32_t replication = 0) {
  Stream s(2024, replication, "distribution-test");
  std::vector<double> xs(static_cast<std::size_t>(n));
  for (double& x : xs) x = d.sample(s);
  SampleMoments m;
  for (double x : xs) m.mean += x;
  m.mean /= n;
  for (double x : xs) {
    const double d2 = (x - m.mean) * (x - m.mean);
    m.variance += d2;
    m.fourth_central += d2 * d2;
  }
  m.variance /= n - 1;
  m.fourth_central /= n;
  m.lowest = *std::min_element(xs.begin(), xs.end());
  return m;
}

// Sample mean and variance within 4 standard errors of the exact values. The standard error of
// the sample variance is estimated from the sample's fourth central moment.
void check_moments(const Distribution& d, int n = 200000) {
  INFO(d.describe());
  const SampleMoments m = sample_moments(d, n);
  const double mean_se = std::sqrt(d.variance() / n);
  const double variance_se = std::sqrt(std::max(0.0, m.fourth_central - m.variance * m.variance) / n);
  CHECK(m.mean == Approx(d.mean()).margin(4 * mean_se + 1e-12));
  CHECK(m.variance == Approx(d.variance()).margin(4 * variance_se + 1e-12));
}

}  // namespace

TEST_CASE("Distribution: sample mean and variance match the exact moments") {
  check_moments(Distribution::exponential(3));
  check_moments(Distribution::uniform(2, 5));
  check_moments(Distribution::triangular(1, 2, 6));
  check_moments(Distribution::triangular(0, 0, 1));  // mode on a bound
  check_moments(Distribution::lognormal(45, 0.5));
  check_moments(Distribution::gamma(10, 0.5));   // shape 4
  check_moments(Distribution::gamma(2, 2));      // shape 0.25: the shape < 1 boost
  check_moments(Distribution::erlang(3, 6));
  check_moments(Distribution::erlang(1, 2));
  check_moments(Distribution::empirical({1, 2, 5}, {1, 1, 2}));
}

TEST_CASE("Distribution: truncated normal moments in both sampling regimes") {
  check_moments(Distribution::truncated_normal(1, 1));     // rejection: mean above 0
  check_moments(Distribution::truncated_normal(-2, 1.5));  // Robert's tail sampler: mean below 0
  check_moments(Distribution::truncated_normal(-8, 1));    // far tail, where rejection would stall
  check_moments(Distribution::truncated_normal(10, 2));    // truncation practically irrelevant
}

TEST_CASE("Distribution: truncated normal mean and variance are the exact truncated ones") {
  // mean 0 truncated at 0 is the half-normal.
  const auto half_normal = Distribution::truncated_normal(0, 2);
  CHECK(half_normal.mean() == Approx(2 * std::sqrt(2 / std::numbers::pi)).epsilon(1e-12));
  CHECK(half_normal.variance() == Approx(4 * (1 - 2 / std::numbers::pi)).epsilon(1e-12));
  const auto far_from_zero = Distribution::truncated_normal(100, 5);
  CHECK(far_from_zero.mean() == Approx(100).epsilon(1e-12));
  CHECK(far_from_zero.variance() == Approx(25).epsilon(1e-12));
  // Deep truncation: the kept tail starts at z = 8; its mean is -8 + the Mills ratio, whose
  // asymptotic series z + 1/z - 2/z^3 + 10/z^5 - 74/z^7 gives 8.121368.
  const auto tail = Distribution::truncated_normal(-8, 1);
  CHECK(tail.mean() == Approx(0.121368).margin(2e-6));
}

TEST_CASE("Distribution: a large Erlang k neither underflows nor loses its moments") {
  check_moments(Distribution::erlang(2000, 5), 2000);
}

TEST_CASE("Distribution: samples respect the support") {
  Stream s(3, 0, "support");
  const auto truncated = Distribution::truncated_normal(-1, 2);
  const auto triangle = Distribution::triangular(1, 4, 5);
  const auto table = Distribution::empirical({20, 40, 45}, {0.5, 0.3, 0.2});
  std::map<double, int> counts;
  const int n = 50000;
  for (int i = 0; i < n; ++i) {
    REQUIRE(truncated.sample(s) >= 0);
    const double t = triangle.sample(s);
    REQUIRE(t >= 1);
    REQUIRE(t <= 5);
    ++counts[table.sample(s)];
  }
  REQUIRE(counts.size() == 3);
  CHECK(counts[20] / double(n) == Approx(0.5).margin(4 * std::sqrt(0.25 / n)));
  CHECK(counts[40] / double(n) == Approx(0.3).margin(4 * std::sqrt(0.21 / n)));
  CHECK(counts[45] / double(n) == Approx(0.2).margin(4 * std::sqrt(0.16 / n)));
}

TEST_CASE("Distribution: degenerate parameters give constants") {
  Stream s(3, 0, "degenerate");
  CHECK(Distribution::constant(7.5).sample(s) == 7.5);
  CHECK(Distribution::uniform(2, 2).sample(s) == 2);
  CHECK(Distribution::triangular(3, 3, 3).sample(s) == 3);
  CHECK(Distribution::gamma(4, 0).sample(s) == 4);
  CHECK(Distribution::lognormal(4, 0).sample(s) == Approx(4));
  CHECK(Distribution::truncated_normal(2, 0).sample(s) == 2);
  CHECK(Distribution::empirical({9}, {3}).sample(s) == 9);
  CHECK(Distribution::constant(7.5).variance() == 0);
}

TEST_CASE("Distribution: draws depend only on the stream, so one distribution can be shared") {
  // The normal-based samplers must not keep a cached normal of one stream for another.
  for (const auto& d : {Distribution::gamma(5, 0.7), Distribution::truncated_normal(1, 2),
                        Distribution::lognormal(3, 1)}) {
    Stream alone(11, 0, "a");
    std::vector<double> expected;
    for (int i = 0; i < 101; ++i) expected.push_back(d.sample(alone));

    Stream a(11, 0, "a"), b(11, 0, "b");
    std::vector<double> shared;
    for (int i = 0; i < 101; ++i) {
      shared.push_back(d.sample(a));
      d.sample(b);
    }
    CHECK(shared == expected);
  }
}

TEST_CASE("Distribution: kind() names the factory") {
  using Kind = Distribution::Kind;
  CHECK(Distribution::constant(1).kind() == Kind::Constant);
  CHECK(Distribution::exponential(1).kind() == Kind::Exponential);
  CHECK(Distribution::uniform(0, 1).kind() == Kind::Uniform);
  CHECK(Distribution::triangular(0, 1, 2).kind() == Kind::Triangular);
  CHECK(Distribution::truncated_normal(1, 1).kind() == Kind::TruncatedNormal);
  CHECK(Distribution::lognormal(1, 1).kind() == Kind::Lognormal);
  CHECK(Distribution::gamma(1, 1).kind() == Kind::Gamma);
  CHECK(Distribution::erlang(2, 1).kind() == Kind::Erlang);
  CHECK(Distribution::empirical({1}, {1}).kind() == Kind::Empirical);
}

TEST_CASE("Distribution: describe() shows the kind and the scenario's parameters") {
  CHECK(Distribution::lognormal(45, 0.5).describe() == "lognormal(mean=45, cv=0.5)");
  CHECK(Distribution::constant(2.25).describe() == "constant(value=2.25)");
  CHECK(Distribution::exponential(0.1).describe() == "exponential(mean=0.1)");
  CHECK(Distribution::uniform(1, 2).describe() == "uniform(lo=1, hi=2)");
  CHECK(Distribution::triangular(1, 2, 6).describe() == "triangular(lo=1, mode=2, hi=6)");
  CHECK(Distribution::truncated_normal(3, 1.5).describe() == "truncated_normal(mean=3, sd=1.5)");
  CHECK(Distribution::gamma(10, 0.25).describe() == "gamma(mean=10, cv=0.25)");
  CHECK(Distribution::erlang(3, 6).describe() == "erlang(k=3, mean=6)");
  CHECK(Distribution::empirical({1, 2, 5}, {1, 1, 2}).describe() ==
        "empirical(values=[1, 2, 5], weights=[0.25, 0.25, 0.5])");
}

TEST_CASE("Distribution: invalid parameters throw std::invalid_argument") {
  const std::vector<std::function<Distribution()>> invalid = {
      [] { return Distribution::constant(NAN); },
      [] { return Distribution::exponential(-1); },
      [] { return Distribution::exponential(0); },
      [] { return Distribution::uniform(3, 2); },
      [] { return Distribution::triangular(1, 0, 2); },
      [] { return Distribution::triangular(1, 3, 2); },
      [] { return Distribution::truncated_normal(1, -1); },
      [] { return Distribution::truncated_normal(-1, 0); },
      [] { return Distribution::truncated_normal(-100, 1); },
      [] { return Distribution::lognormal(-5, 0.5); },
      [] { return Distribution::lognormal(5, -0.5); },
      [] { return Distribution::gamma(0, 1); },
      [] { return Distribution::gamma(5, -1); },
      [] { return Distribution::erlang(0, 1); },
      [] { return Distribution::erlang(2, -1); },
      [] { return Distribution::empirical({}, {}); },
      [] { return Distribution::empirical({1, 2}, {1}); },
      [] { return Distribution::empirical({1, 2}, {1, 0}); },
      [] { return Distribution::empirical({1, 2}, {1, -1}); },
  };
  for (std::size_t i = 0; i < invalid.size(); ++i) {
    INFO("case " << i);
    CHECK_THROWS_AS(invalid[i](), std::invalid_argument);
  }
  CHECK_THROWS_WITH(Distribution::uniform(3, 2), Catch::Contains("uniform") && Catch::Contains("lo"));
  CHECK_THROWS_WITH(Distribution::erlang(0, 1), Catch::Contains("k must be at least 1"));
}

TEST_CASE("Distribution: cdf is the law the draws follow (Kolmogorov-Smirnov) and quantile is its inverse") {
  const std::vector<Distribution> laws = {
      Distribution::exponential(45),         Distribution::uniform(25, 55),
      Distribution::triangular(1, 2, 6),     Distribution::truncated_normal(0.3, 0.12),
      Distribution::truncated_normal(-1, 2), Distribution::lognormal(600, 0.4),
      Distribution::gamma(30, 0.7),          Distribution::erlang(3, 90),
      Distribution::empirical({3, 1, 2}, {1, 2, 1})};
  const int n = 20000;
  for (const Distribution& d : laws) {
    INFO(d.describe());
    Stream s(2024, 0, "cdf-test");
    std::vector<double> xs(static_cast<std::size_t>(n));
    for (double& x : xs) x = d.sample(s);
    std::sort(xs.begin(), xs.end());
    // Largest gap between the empirical and the exact distribution function, on both sides of each
    // jump; 1.95 / sqrt(n) is the 99.9% point of the Kolmogorov distribution.
    double gap = 0;
    for (std::size_t i = 0; i < xs.size(); ++i) {
      const double f = d.cdf(xs[i]);
      if (i + 1 < xs.size() && xs[i + 1] == xs[i]) continue;  // a table's atom: compare after its last copy
      gap = std::max(gap, std::abs(f - static_cast<double>(i + 1) / n));
      const auto first = std::lower_bound(xs.begin(), xs.end(), xs[i]) - xs.begin();
      gap = std::max(gap, std::abs(d.cdf(std::nextafter(xs[i], -1e300)) - static_cast<double>(first) / n));
    }
    CHECK(gap < 1.95 / std::sqrt(static_cast<double>(n)));
    // The quantile inverts it, and the mean of the quantile over (0, 1) is the law's mean.
    double mean = 0;
    const int grid = 200000;
    for (int k = 0; k < grid; ++k) mean += d.quantile((k + 0.5) / grid);
    mean /= grid;
    CHECK(mean == Approx(d.mean()).epsilon(0.01));
    if (d.kind() != Distribution::Kind::Empirical) {
      for (double p : {0.01, 0.25, 0.5, 0.9, 0.999}) CHECK(d.cdf(d.quantile(p)) == Approx(p).margin(1e-9));
    }
  }
  CHECK(Distribution::constant(7).quantile(0.3) == 7);
  CHECK(Distribution::constant(7).cdf(6.9) == 0);
  CHECK(Distribution::constant(7).cdf(7) == 1);
  CHECK(Distribution::exponential(1).cdf(-1) == 0);
  CHECK(std::isfinite(Distribution::exponential(1).quantile(1)));
  CHECK(Distribution::empirical({3, 1, 2}, {1, 2, 1}).quantile(0.5) == 1);
  CHECK(Distribution::empirical({3, 1, 2}, {1, 2, 1}).quantile(0.51) == 2);
}

// A queue that builds up (an overloaded station) against one that fluctuates about its level
// (analysis/queue_growth.hpp): the test behind a sweep's "unstable" flag.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

#include "analysis/queue_growth.hpp"

using porttwin::analysis::queue_growth;

namespace {

std::vector<double> hours(int n) {
  std::vector<double> t;
  for (int i = 1; i <= n; ++i) t.push_back(i * 3600.0);
  return t;
}

}  // namespace

TEST_CASE("queue growth: a linear build-up grows, a stationary queue does not", "[analysis][stability]") {
  const auto t = hours(48);
  std::mt19937_64 rng(7);
  std::exponential_distribution<double> noise(1.0 / 3.0);  // a queue about 3 long, sampled hourly
  std::vector<double> stable, building, after_warmup;
  for (std::size_t i = 0; i < t.size(); ++i) {
    stable.push_back(noise(rng));
    building.push_back(15.0 * i + noise(rng));  // rho 1.25 at 60/h service: +15 an hour
    after_warmup.push_back(i < 12 ? 2.0 * i : 24 + noise(rng));  // fills during the warm-up, then steady
  }
  CHECK(queue_growth(t, building, 0).growing);
  CHECK(queue_growth(t, building, 0).rise == Approx(15.0 * 47).epsilon(0.05));
  CHECK_FALSE(queue_growth(t, stable, 0).growing);
  CHECK(queue_growth(t, after_warmup, 0).second_half > queue_growth(t, after_warmup, 0).first_half);
  CHECK_FALSE(queue_growth(t, after_warmup, 12 * 3600.0).growing);  // the warm-up is left out
  CHECK_FALSE(queue_growth(hours(5), building, 0).growing);         // too few samples to say
  CHECK_FALSE(queue_growth(t, std::vector<double>(t.size(), 0.0), 0).growing);
}

// Statistics collectors against hand-computed values, including warm-up and batch borders.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>
#include <numeric>

#include "sim/stats/confidence.hpp"
#include "sim/stats/tally.hpp"
#include "sim/stats/time_weighted.hpp"

using namespace porttwin::stats;

TEST_CASE("stats::Tally: count, mean, sample variance, min and max") {
  Tally tally;
  for (double x : {2, 4, 4, 4, 5, 5, 7, 9}) tally.add(x, 0);
  CHECK(tally.count() == 8);
  CHECK(tally.mean() == Approx(5));
  CHECK(tally.variance() == Approx(32.0 / 7));
  CHECK(tally.stddev() == Approx(std::sqrt(32.0 / 7)));
  CHECK(tally.min() == 2);
  CHECK(tally.max() == 9);
}

TEST_CASE("stats::Tally: Welford keeps precision on large offsets") {
  Tally tally;
  for (double x : {4, 7, 13, 16}) tally.add(1e9 + x, 0);
  CHECK(tally.mean() == Approx(1e9 + 10));
  CHECK(tally.variance() == Approx(30).epsilon(1e-9));
}

TEST_CASE("stats::Tally: empty or single observation gives NaN, not a made-up number") {
  Tally tally;
  CHECK(tally.count() == 0);
  CHECK(std::isnan(tally.mean()));
  CHECK(std::isnan(tally.min()));
  tally.add(3, 0);
  CHECK(tally.mean() == 3);
  CHECK(std::isnan(tally.variance()));
}

TEST_CASE("stats::Tally: observations during warm-up are ignored") {
  Tally tally(BatchPlan{10, 0, 0});
  tally.add(100, 5);
  tally.add(1, 10);  // at the warm-up end: counted
  tally.add(3, 12);
  CHECK(tally.count() == 2);
  CHECK(tally.mean() == Approx(2));
  CHECK(tally.max() == 3);
}

TEST_CASE("stats::Tally: batch means bin observations by time, skipping empty batches") {
  Tally tally(BatchPlan{10, 5, 3});  // batches [10,15) [15,20) [20,25)
  tally.add(50, 9);    // warm-up
  tally.add(1, 11);
  tally.add(3, 14.9);
  tally.add(10, 15);   // a border belongs to the later batch
  tally.add(99, 25);   // after the last batch: counted overall, in no batch
  CHECK(tally.batch_means() == std::vector<double>{2, 10});
  CHECK(tally.count() == 4);
}

TEST_CASE("stats::Tally: type-7 quantiles need kept samples") {
  Tally without_samples;
  without_samples.add(1, 0);
  CHECK_THROWS_AS(without_samples.quantile(0.5), std::logic_error);

  Tally tally({}, true);
  CHECK(std::isnan(tally.quantile(0.5)));
  for (double x : {5, 1, 4, 2, 3}) tally.add(x, 0);
  CHECK(tally.quantile(0) == 1);
  CHECK(tally.quantile(1) == 5);
  CHECK(tally.quantile(0.5) == 3);
  CHECK(tally.quantile(0.1) == Approx(1.4));  // R: quantile(1:5, 0.1, type = 7)
  CHECK(tally.quantile(0.9) == Approx(4.6));
  tally.add(0, 0);  // added after sorting: the next quantile must still see it
  CHECK(tally.quantile(0) == 0);
  CHECK_THROWS_AS(tally.quantile(1.5), std::invalid_argument);
}

TEST_CASE("stats::Tally: reset forgets observations and batches") {
  Tally tally(BatchPlan{0, 10, 2}, true);
  tally.add(4, 1);
  tally.reset();
  CHECK(tally.count() == 0);
  CHECK(tally.batch_means().empty());
  tally.add(6, 2);
  CHECK(tally.mean() == 6);
  CHECK(tally.quantile(0.5) == 6);
}

TEST_CASE("stats::TimeWeighted: time average and max of a step function") {
  TimeWeighted queue;
  queue.set(2, 1);
  queue.set(5, 3);
  queue.set(1, 4);
  // area 0*1 + 2*2 + 5*1 + 1*2 = 11 over [0,6]
  CHECK(queue.mean(6) == Approx(11.0 / 6));
  CHECK(queue.max() == 5);
  CHECK(queue.level() == 1);
  queue.add(2, 6);
  CHECK(queue.level() == 3);
}

TEST_CASE("stats::TimeWeighted: warm-up is cut but its level carries over") {
  TimeWeighted queue(BatchPlan{2, 0, 0});
  queue.set(7, 0.5);  // held only during warm-up: not part of max()
  queue.set(2, 1);
  queue.set(5, 3);
  queue.set(1, 4);
  // area from t=2: 2*1 + 5*1 + 1*2 = 9 over [2,6]
  CHECK(queue.mean(6) == Approx(9.0 / 4));
  CHECK(queue.max() == 5);

  TimeWeighted still_warming(BatchPlan{2, 0, 0}, 3);
  CHECK(still_warming.mean(2) == 3);  // empty measured period: the current level
}

TEST_CASE("stats::TimeWeighted: areas straddling batch borders are split") {
  TimeWeighted level(BatchPlan{0, 10, 3});  // [0,10) [10,20) [20,30)
  level.set(4, 5);
  level.set(2, 15);
  level.set(0, 25);
  // batch 0: 0*5 + 4*5 = 20; batch 1: 4*5 + 2*5 = 30; batch 2: 2*5 + 0*5 = 10
  CHECK(level.batch_means(27) == std::vector<double>{2, 3});  // batch 2 not complete yet
  const auto means = level.batch_means(30);
  REQUIRE(means.size() == 3);
  CHECK(means[0] == Approx(2));
  CHECK(means[1] == Approx(3));
  CHECK(means[2] == Approx(1));
}

TEST_CASE("stats::TimeWeighted: one level spanning warm-up and several batches") {
  TimeWeighted level(BatchPlan{5, 2, 4}, 1);  // batches [5,7) [7,9) [9,11) [11,13)
  level.set(3, 6);                            // then unchanged until the query
  const auto means = level.batch_means(20);
  REQUIRE(means.size() == 4);
  CHECK(means[0] == Approx(2));  // (1*1 + 3*1) / 2
  CHECK(means[1] == Approx(3));
  CHECK(means[2] == Approx(3));
  CHECK(means[3] == Approx(3));
  CHECK(level.mean(13) == Approx(22.0 / 8));
  // Integrating the pending area (a no-change set) gives the same answers.
  level.set(3, 12);
  CHECK(level.batch_means(20) == means);
  CHECK(level.mean(13) == Approx(22.0 / 8));
}

TEST_CASE("stats::TimeWeighted: batch means average to the overall mean over whole batches") {
  TimeWeighted level(BatchPlan{3, 1.5, 4});
  double t = 0;
  for (int i = 0; i < 38; ++i) {  // changes until t = 8.74
    t += 0.23;
    level.set(i % 7, t);
  }
  const auto means = level.batch_means(9);
  REQUIRE(means.size() == 4);
  CHECK(std::accumulate(means.begin(), means.end(), 0.0) / 4 == Approx(level.mean(9)));
}

TEST_CASE("stats::TimeWeighted: random step function matches a direct integration") {
  const BatchPlan plan{2.5, 3, 5};  // batches cover [2.5, 17.5)
  TimeWeighted level(plan, 1);
  std::vector<std::pair<double, double>> steps{{0, 1}};  // (time, level from then on)
  double t = 0;
  for (int i = 0; i < 200; ++i) {
    t += 0.05 + 0.17 * ((i * 7919) % 13) / 13.0;  // irregular but deterministic gaps
    const double value = (i * 31) % 9;
    level.set(value, t);
    steps.emplace_back(t, value);
  }
  const double now = t + 1;
  // The integral of the step function over [a,b], segment by segment.
  auto integral = [&](double a, double b) {
    double area = 0;
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const double segment_end = i + 1 < steps.size() ? steps[i + 1].first : now;
      const double overlap = std::min(b, segment_end) - std::max(a, steps[i].first);
      if (overlap > 0) area += steps[i].second * overlap;
    }
    return area;
  };
  REQUIRE(now > 17.5);
  const auto means = level.batch_means(now);
  REQUIRE(means.size() == 5);
  for (int b = 0; b < 5; ++b) {
    const double from = plan.start + b * plan.length;
    CHECK(means[b] == Approx(integral(from, from + plan.length) / plan.length));
  }
  CHECK(level.mean(now) == Approx(integral(plan.start, now) / (now - plan.start)));
}

TEST_CASE("stats::TimeWeighted: interval means restart at each call and include warm-up") {
  TimeWeighted queue(BatchPlan{100, 0, 0});
  queue.set(2, 1);
  CHECK(queue.take_interval_mean(4) == Approx(1.5));  // (0*1 + 2*3) / 4
  queue.set(4, 5);
  CHECK(queue.take_interval_mean(6) == Approx(3));    // (2*1 + 4*1) / 2
  CHECK(queue.take_interval_mean(6) == 4);            // empty interval: the level
}

TEST_CASE("stats::TimeWeighted: time must not go backwards") {
  TimeWeighted queue;
  queue.set(1, 5);
  CHECK_THROWS_AS(queue.set(2, 4), std::invalid_argument);
  // A sampler at exactly k * period and SimGrid's clock after a sleep differ by an ulp or so:
  // rounding, taken as no time at all.
  queue.set(1, 201600);
  CHECK_NOTHROW(queue.set(3, std::nextafter(201600.0, 0.0)));
  CHECK(queue.level() == 3);
  CHECK(queue.mean(201601) > 0);
}

TEST_CASE("stats::student_t_quantile: textbook two-sided critical values") {
  CHECK(student_t_quantile(0.95, 9) == Approx(2.262157).epsilon(1e-6));
  CHECK(student_t_quantile(0.95, 1) == Approx(12.706205).epsilon(1e-6));
  CHECK(student_t_quantile(0.99, 20) == Approx(2.845340).epsilon(1e-6));
  CHECK(student_t_quantile(0.90, 5) == Approx(2.015048).epsilon(1e-6));
  CHECK_THROWS_AS(student_t_quantile(1.0, 5), std::invalid_argument);
  CHECK_THROWS_AS(student_t_quantile(0.95, 0), std::invalid_argument);
}

TEST_CASE("stats::student_t: confidence interval over replications") {
  const Interval ci = student_t({1, 2, 3, 4, 5});
  // s = sqrt(2.5), se = s/sqrt(5), t_{0.975,4} = 2.776445
  CHECK(ci.n == 5);
  CHECK(ci.mean == Approx(3));
  CHECK(ci.half_width == Approx(2.776445 * std::sqrt(2.5 / 5)).epsilon(1e-6));
  CHECK(ci.lower == Approx(3 - ci.half_width));
  CHECK(ci.upper == Approx(3 + ci.half_width));
  CHECK(student_t({7, 7, 7}).half_width == 0);
}

TEST_CASE("stats::student_t: fewer than two values give an unbounded, NaN-free interval") {
  const Interval one = student_t({4.5});
  CHECK(one.mean == 4.5);
  CHECK(one.n == 1);
  CHECK(std::isinf(one.half_width));
  CHECK(one.lower == -INFINITY);
  CHECK(one.upper == INFINITY);
  const Interval none = student_t({});
  CHECK(none.mean == 0);
  CHECK(none.n == 0);
  CHECK(std::isinf(none.half_width));
  CHECK_THROWS_AS(student_t({1, 2}, 0), std::invalid_argument);
}

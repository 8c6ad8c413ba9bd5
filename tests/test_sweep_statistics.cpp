// The statistics behind sweeps, against textbook cases: the paired-t interval (Student's sleep data),
// the sequential rule for the number of replications (Law), MSER-5 warm-up detection, and the
// run-time column tables of the sweep file.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "analysis/paired_difference.hpp"
#include "analysis/sequential_rule.hpp"
#include "analysis/warmup_mser.hpp"
#include "scratch_directory.hpp"
#include "sim/record/h5_columns.hpp"

using namespace porttwin;

TEST_CASE("analysis::paired_difference: Student's sleep data give the textbook paired-t interval", "[sweep][stats]") {
  // Cushny and Peebles (1905) as analysed by Student (1908), R's `sleep` data set: extra hours of
  // sleep of 10 patients under two drugs. R: t.test(extra ~ group, data = sleep, paired = TRUE) gives
  // a mean difference of -1.58, t = -4.0621 on 9 degrees of freedom and the 95% interval
  // [-2.4598858, -0.7001142].
  const std::vector<double> drug1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
  const std::vector<double> drug2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};
  const auto d = analysis::paired_difference(drug1, drug2);
  CHECK(d.n == 10);
  CHECK(d.mean == Approx(-1.58).margin(1e-12));
  CHECK(d.lower == Approx(-2.4598858).margin(1e-6));
  CHECK(d.upper == Approx(-0.7001142).margin(1e-6));
  CHECK(d.mean / (d.half_width / stats::student_t_quantile(0.95, 9)) == Approx(-4.0621).margin(1e-4));

  SECTION("pairing is what narrows the interval: the unpaired (Welch) 95% interval covers 0") {
    const auto a = stats::student_t(drug1), b = stats::student_t(drug2);
    CHECK(d.half_width < 0.5 * std::hypot(a.half_width, b.half_width));
  }
  SECTION("unequal lengths are refused") {
    CHECK_THROWS_AS(analysis::paired_difference({1, 2}, {1}), std::invalid_argument);
  }
}

TEST_CASE("analysis::replications_needed: the sequential rule on a pilot of known mean and spread", "[sweep][stats]") {
  // Ten pilot values with mean 100 and sample standard deviation 10 (exactly): 100 +- 10 * c.
  std::vector<double> pilot;
  const double c = std::sqrt(9.0 / 10.0);
  for (int i = 0; i < 5; ++i) {
    pilot.push_back(100 + 10 * c);
    pilot.push_back(100 - 10 * c);
  }
  // gamma = 0.05: the adjusted target is 0.05 / 1.05 = 0.047619, so the half-width t_{i-1} * 10 /
  // sqrt(i) must be <= 4.7619: i = 19 gives 2.1009 * 10 / 4.3589 = 4.820 (too wide), i = 20 gives
  // 2.0930 * 10 / 4.4721 = 4.680.
  CHECK(analysis::replications_needed(pilot, 0.05) == 20);
  // gamma = 0.5 is met already: the rule never asks for fewer than the replications made.
  CHECK(analysis::replications_needed(pilot, 0.5) == 10);
  CHECK(analysis::replications_needed(pilot, 1e-6, 0.95, 500) == 500);

  const auto interval = stats::student_t(pilot);  // half-width 2.2622 * 10 / sqrt(10) = 7.15
  CHECK_FALSE(analysis::precise_enough(interval, 0.05));
  CHECK(analysis::precise_enough(interval, 0.08));  // 0.08 / 1.08 * 100 = 7.41
  CHECK_FALSE(analysis::precise_enough(stats::student_t({5.0}), 0.5));
  CHECK_THROWS_AS(analysis::replications_needed({1.0}, 0.1), std::invalid_argument);
  CHECK_THROWS_AS(analysis::replications_needed(pilot, 0), std::invalid_argument);
}

TEST_CASE("analysis::mser: MSER-5 finds an initial transient and leaves a stationary series alone", "[sweep][stats]") {
  SECTION("a step of 50 observations at 5 above an alternating +-1 tail: exactly 10 batches dropped") {
    std::vector<double> series(50, 5.0);
    for (int i = 0; i < 450; ++i) series.push_back(i % 2 ? 1.0 : -1.0);
    const auto m = analysis::mser(series);
    CHECK(m.batches == 100);
    CHECK(m.truncated_batches == 10);
    CHECK(m.truncated_observations == 50);
    CHECK_FALSE(m.at_limit);
  }
  SECTION("an exponential approach to steady state in noise: truncated near where the transient fades") {
    // Y_t = 20 exp(-t / 40) + N(0, 1): the bias falls below the noise's standard error of a batch
    // (1 / sqrt(5) = 0.45) around t = 40 ln(20 / 0.45) = 150.
    std::mt19937_64 engine(12345);
    std::normal_distribution<double> noise(0, 1);
    std::vector<double> series;
    for (int t = 0; t < 2000; ++t) series.push_back(20 * std::exp(-t / 40.0) + noise(engine));
    const auto m = analysis::mser(series);
    CHECK(m.truncated_observations >= 90);
    CHECK(m.truncated_observations <= 250);
  }
  SECTION("white noise around a constant: little or nothing is dropped") {
    std::mt19937_64 engine(7);
    std::normal_distribution<double> noise(10, 1);
    std::vector<double> series;
    for (int t = 0; t < 1000; ++t) series.push_back(noise(engine));
    CHECK(analysis::mser(series).truncated_observations <= 100);
  }
  SECTION("a series still trending at its end: the minimum sits at the half-way limit") {
    std::vector<double> series;
    for (int t = 0; t < 100; ++t) series.push_back(t);
    const auto m = analysis::mser(series);
    CHECK(m.at_limit);
    CHECK(m.truncated_batches == 10);
  }
  CHECK_THROWS_AS(analysis::mser(std::vector<double>(9, 1.0)), std::invalid_argument);
}

TEST_CASE("h5::ColumnTable: columns chosen at run time are written as one compound table and read back by name",
          "[sweep][h5]") {
  testing::ScratchDirectory scratch("columns");
  const std::string path = scratch.file("t.h5");
  {
    h5::ColumnTable t;
    const auto point = t.integer("point");
    const auto status = t.enumeration("status", {"ok", "failed"});
    const auto label = t.text("label", 12);
    const auto value = t.real("gate.time.mean");
    for (int i = 0; i < 3; ++i) {
      t.add_row();
      t.set(point, std::int64_t{i});
      t.set(status, std::int64_t{i == 1 ? 1 : 0});
      t.set(label, "lanes=" + std::to_string(i + 2) + (i == 2 ? " and much more" : ""));
      t.set(value, 10.5 * i);
    }
    CHECK_THROWS_AS(t.real("late"), std::logic_error);
    h5::File file = h5::File::create(path);
    auto root = file.root();
    t.write(root, "points");
  }
  const h5::File file = h5::File::open_read(path);
  const auto root = file.root();
  CHECK(h5::column_names(root, "points") == std::vector<std::string>{"point", "status", "label", "gate.time.mean"});
  CHECK(h5::read_integer_column(root, "points", "point") == std::vector<std::int64_t>{0, 1, 2});
  CHECK(h5::read_integer_column(root, "points", "status") == std::vector<std::int64_t>{0, 1, 0});
  CHECK(h5::read_real_column(root, "points", "gate.time.mean") == std::vector<double>{0, 10.5, 21});
  CHECK(h5::read_text_column(root, "points", "label") ==
        std::vector<std::string>{"lanes=2", "lanes=3", "lanes=4 and "});
  CHECK_THROWS_AS(h5::read_real_column(root, "points", "nope"), h5::Error);
}

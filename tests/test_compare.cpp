// porttwin compare and what it stands on: Welch's interval (Welch-Satterthwaite degrees of freedom,
// Boost.Math's t quantile), grouping run files into configurations, and the command on short M/M/1
// runs: paired when the seeds match, Welch when they do not, located errors for bad input.
#include <catch2/catch.hpp>

#include <boost/math/distributions/students_t.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "analysis/comparison.hpp"
#include "analysis/paired_difference.hpp"
#include "analysis/replications.hpp"
#include "analysis/welch_difference.hpp"
#include "porttwin_command.hpp"
#include "scratch_directory.hpp"
#include "sim/core/quantity.hpp"

namespace fs = std::filesystem;
using namespace porttwin;
using testing::ScratchDirectory;

namespace {

const std::string kMm1 = (testing::kSourceDir / "scenarios" / "validation" / "mm1.yaml").string();

// Three replications of one day of M/M/1 (or M/M/2), written as <dir>/<name>-r<R>.h5.
void make_runs(const ScratchDirectory& scratch, const std::string& name, const std::string& servers,
               const std::string& seed) {
  const auto r = testing::run_porttwin({"run", kMm1, "--replications", "3", "--seed", seed, "--set", "horizon=1d",
                                        "--set", "warmup=2h", "--set", "network.stations[0].servers=" + servers, "--out",
                                        (scratch.path() / name / (name + ".h5")).string(), "-q", "-j", "2"},
                                       scratch.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
}

std::vector<double> wait_means(const fs::path& folder) {
  std::vector<double> out;
  for (const auto& set : analysis::gather_run_sets({folder})) {
    for (const auto& run : set.runs) out.push_back(run.value("server.wait.mean"));
  }
  return out;
}

}  // namespace

TEST_CASE("analysis::welch_difference: Welch-Satterthwaite degrees of freedom and the t interval", "[compare]") {
  const std::vector<double> a = {1, 2, 3, 4, 5}, b = {2, 4, 6, 8, 10, 12};
  const auto w = analysis::welch_difference(a, b);
  // var a = 2.5 (n 5), var b = 14 (n 6): q = 0.5 and 2.3333.
  const double qa = 0.5, qb = 14.0 / 6;
  const double dof = (qa + qb) * (qa + qb) / (qa * qa / 4 + qb * qb / 5);
  CHECK(w.dof == Approx(dof));
  CHECK(w.dof == Approx(6.9724).epsilon(1e-4));
  CHECK(w.interval.mean == Approx(-4));
  const double t = boost::math::quantile(boost::math::students_t(dof), 0.975);
  CHECK(w.interval.half_width == Approx(t * std::sqrt(qa + qb)));
  CHECK(w.interval.lower == Approx(-4 - w.interval.half_width));

  SECTION("fewer than two values: an unbounded interval") {
    CHECK(std::isinf(analysis::welch_difference({1}, b).interval.half_width));
  }
  SECTION("no spread in either sample: a zero half-width") {
    const auto z = analysis::welch_difference({3, 3, 3}, {1, 1});
    CHECK(z.interval.mean == 2);
    CHECK(z.interval.half_width == 0);
  }
}

TEST_CASE("porttwin compare: shared seeds give paired differences, other seeds Welch's", "[compare][slow]") {
  ScratchDirectory scratch("compare");
  make_runs(scratch, "one", "1", "11");
  make_runs(scratch, "two", "2", "11");
  make_runs(scratch, "other", "2", "12");

  SECTION("paired on common random numbers, equal to the paired-t interval of the run files") {
    const auto r = testing::run_porttwin({"compare", (scratch.path() / "one").string(), (scratch.path() / "two").string(),
                                          "--kpi", "server.wait.mean"},
                                         scratch.path());
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("B - A (paired)") != std::string::npos);
    const auto a = wait_means(scratch.path() / "one"), b = wait_means(scratch.path() / "two");
    const auto d = analysis::paired_difference(b, a);
    CHECK(r.out.find(porttwin::units::format_quantity_cell(d.mean, d.half_width, "s")) != std::string::npos);
    const auto sets = analysis::gather_run_sets({scratch.path() / "one", scratch.path() / "two"});
    REQUIRE(sets.size() == 2);
    CHECK(sets[0].replications == std::vector<std::uint32_t>{0, 1, 2});
    CHECK(analysis::paired(sets[1], sets[0]));
  }
  SECTION("Welch when the seeds differ") {
    const auto r = testing::run_porttwin({"compare", (scratch.path() / "one").string(),
                                          (scratch.path() / "other").string()},
                                         scratch.path());
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("B - A (Welch)") != std::string::npos);
    CHECK(r.out.find("server.wait.mean") != std::string::npos);
  }
  SECTION("run files given one by one are grouped by configuration") {
    std::vector<std::string> args = {"compare"};
    for (const auto* name : {"one", "two"}) {
      for (int i = 0; i < 3; ++i) {
        args.push_back((scratch.path() / name / (std::string(name) + "-r" + std::to_string(i) + ".h5")).string());
      }
    }
    const auto r = testing::run_porttwin(args, scratch.path());
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("3 replications") != std::string::npos);
    CHECK(r.out.find("(paired)") != std::string::npos);
  }
  SECTION("bad input: exit code 2 and a message naming it") {
    auto r = testing::run_porttwin({"compare", (scratch.path() / "one").string()}, scratch.path());
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("expected at least 2") != std::string::npos);
    r = testing::run_porttwin({"compare", (scratch.path() / "one").string(), "missing.h5"}, scratch.path());
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("missing.h5: error: no such file or folder") != std::string::npos);
    r = testing::run_porttwin({"compare", (scratch.path() / "one").string(), (scratch.path() / "two").string(), "--kpi",
                               "server.wait.maen"},
                              scratch.path());
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("did you mean \"server.wait.mean\"") != std::string::npos);
    const fs::path junk = scratch.path() / "junk.h5";
    std::ofstream(junk) << "not hdf5";
    r = testing::run_porttwin({"compare", (scratch.path() / "one").string(), junk.string()}, scratch.path());
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("junk.h5: error: not a complete porttwin run file") != std::string::npos);
    CHECK(r.out.empty());
  }
}

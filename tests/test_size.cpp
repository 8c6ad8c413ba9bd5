// porttwin size: the decision at one value (one-sided Student-t bounds, replications added until it
// decides), the search (bracketing then bisection) on a known monotone function, size-file errors
// at their line and column, and the command on M/M/c against Erlang C.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "analysis/queueing_theory.hpp"
#include "porttwin_command.hpp"
#include "scratch_directory.hpp"
#include "shipped_files.hpp"
#include "sim/app/sweep/size_file.hpp"
#include "sim/app/sweep/size_search.hpp"

namespace fs = std::filesystem;
using namespace porttwin;
using sweep::Verdict;
using testing::ScratchDirectory;

namespace {

// KPI = 100 / value with a small spread that shrinks with more replications: a monotone resource.
std::vector<double> noisy(long value, int n) {
  std::vector<double> out;
  for (int r = 0; r < n; ++r) out.push_back(100.0 / static_cast<double>(value) + 0.5 * std::sin(r * 1.7 + value));
  return out;
}

fs::path write_file(const ScratchDirectory& dir, const std::string& name, const std::string& text) {
  const fs::path path = dir.path() / name;
  std::ofstream(path) << text;
  return path;
}

const std::string kMmc = (testing::kSourceDir / "scenarios" / "validation" / "mmc.yaml").string();

}  // namespace

TEST_CASE("sweep::judge: one-sided bounds decide a target either way, or not yet", "[size]") {
  sweep::Target below{"k", true, 10, 0.95};
  CHECK(sweep::judge({5, 5.5, 6}, below).verdict == Verdict::meets);
  CHECK(sweep::judge({14, 15, 16}, below).verdict == Verdict::fails);
  CHECK(sweep::judge({5, 15, 9}, below).verdict == Verdict::undecided);
  CHECK(sweep::judge({5}, below).verdict == Verdict::undecided);
  sweep::Target above{"k", false, 10, 0.95};
  CHECK(sweep::judge({14, 15, 16}, above).verdict == Verdict::meets);
  CHECK(sweep::judge({5, 5.5, 6}, above).verdict == Verdict::fails);
  // The one-sided 95% bound uses t_{0.95, n-1}: mean 9, s = 1, n = 4: 9 + 2.353 * 0.5 = 10.18 > 10.
  CHECK(sweep::judge({8, 8.5, 9.5, 10}, below).verdict == Verdict::undecided);
  CHECK(sweep::judge({8, 8.5, 9.5, 10}, below).bound == Approx(9 + 2.3534 * std::sqrt(0.8333 / 4)).epsilon(1e-3));
}

TEST_CASE("sweep::search_smallest: bracketing then bisection finds the smallest value meeting the target", "[size]") {
  sweep::Target target{"k", true, 100.0 / 13.5, 0.95};  // 100/v < 7.41: v >= 14
  sweep::ReplicationPlan plan{3, 2, 30};
  std::vector<long> tried;
  const auto answer = sweep::search_smallest(1, 100, target, plan, noisy,
                                             [&](const sweep::Evaluation& e) { tried.push_back(e.value); });
  REQUIRE(answer.smallest);
  CHECK(*answer.smallest == 14);
  // 1, then 2, 3, 5, 9, 17 (bracket), then bisection in (9, 17): 13, 15, 14.
  CHECK(tried == std::vector<long>{1, 2, 3, 5, 9, 17, 13, 15, 14});
  CHECK(answer.reason.find("13 does not meet the target and 14 does") != std::string::npos);
  CHECK(answer.runs() >= 27);

  SECTION("nothing in range meets it") {
    const auto none = sweep::search_smallest(1, 10, target, plan, noisy);
    CHECK_FALSE(none.smallest);
    CHECK(none.reason.find("even the largest value searched, 10") != std::string::npos);
  }
  SECTION("the smallest value already meets it") {
    const auto first = sweep::search_smallest(20, 30, target, plan, noisy);
    CHECK(*first.smallest == 20);
    CHECK(first.steps.size() == 1);
  }
  SECTION("replications are added until the interval decides") {
    // 100/14 = 7.14 against 7.41: a spread of 0.5 needs more than 3 replications.
    const auto e = sweep::evaluate(14, target, plan, noisy);
    CHECK(e.judgement.verdict == Verdict::meets);
    CHECK(e.replications > 3);
    const auto capped = sweep::evaluate(14, target, {3, 2, 3}, noisy);
    CHECK(capped.replications == 3);
  }
}

TEST_CASE("sweep::parse_target: KPI, comparison and a value in its units, a duration or a percentage", "[size]") {
  sweep::Target t;
  std::string error;
  REQUIRE(sweep::parse_target("gate.time.p95 < 45min", t, error));
  CHECK(t.kpi == "gate.time.p95");
  CHECK(t.below);
  CHECK(t.threshold == 2700);
  REQUIRE(sweep::parse_target("corridor.no_device > 1%", t, error));
  CHECK_FALSE(t.below);
  CHECK(t.threshold == Approx(0.01));
  REQUIRE(sweep::parse_target("x<0.5", t, error));
  CHECK(t.threshold == 0.5);
  CHECK_FALSE(sweep::parse_target("gate.time.p95 = 3", t, error));
  CHECK_FALSE(sweep::parse_target("gate.time.p95 < fast", t, error));
  CHECK(error.find("expected a number in the KPI's units") != std::string::npos);
}

// `name`: a size file on the M/M/c base sizing station 0's servers from `from` to `to`, then `rest`
// (target on line 6); runs porttwin size on it.
testing::CommandResult size_servers(const ScratchDirectory& scratch, const std::string& name, int from, int to,
                                    const std::string& rest, const std::vector<std::string>& options = {}) {
  write_file(scratch, name,
             "base: " + kMmc + "\nresource:\n  key: network.stations[0].servers\n  from: " + std::to_string(from) +
                 "\n  to: " + std::to_string(to) + "\n" + rest);
  std::vector<std::string> args = {"size", name};
  args.insert(args.end(), options.begin(), options.end());
  return testing::run_porttwin(args, scratch.path(), scratch.path());
}

TEST_CASE("porttwin size: errors in the size file are reported at their line and column, exit code 2", "[size]") {
  ScratchDirectory scratch("size-errors");
  const auto r = size_servers(scratch, "bad.size.yaml", 0, 8, R"(target: lanes.wait.mean = 30s
confidence: 1.5
replications: {initial: 5, max: 3}
)");
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("bad.size.yaml:6:9: error: target: found \"lanes.wait.mean = 30s\"") != std::string::npos);
  CHECK(r.err.find("bad.size.yaml:7:13: error: confidence:") != std::string::npos);
  CHECK(r.err.find("bad.size.yaml:8:15: error: replications.max: found 3, expected at least replications.initial") ==
        std::string::npos);  // cross-key checks wait until every key has bound
  const auto cross = size_servers(scratch, "cross.size.yaml", 3, 2, R"(target: lanes.wait.mean < 30s
replications: {initial: 5, max: 3}
)");
  CHECK(cross.exit_code == 2);
  CHECK(cross.err.find("cross.size.yaml:5:7: error: resource.to: found 2, expected a value >= resource.from (3)") !=
        std::string::npos);
  CHECK(cross.err.find("cross.size.yaml:7:33: error: replications.max: found 3, expected at least replications.initial (5)") !=
        std::string::npos);
  CHECK_FALSE(fs::exists(scratch.path() / "sizes"));

  SECTION("a resource value the base scenario rejects, at the end of the range") {
    const auto e = size_servers(scratch, "range.size.yaml", 0, 8, R"(target: lanes.wait.mean < 30s
)");
    CHECK(e.exit_code == 2);
    CHECK(e.err.find("range.size.yaml:4:9: error: resource.from: the base scenario rejects network.stations[0].servers=0: found \"0\", expected an integer in [1, 100000]") !=
          std::string::npos);
  }
  SECTION("an unknown KPI is caught on the first run, with a did-you-mean") {
    const auto e = size_servers(scratch, "kpi.size.yaml", 3, 4, R"(target: lanes.wait.maen < 30s
replications: {initial: 2}
set: {horizon: 6h, warmup: 1h}
)", {"-j", "2"});
    CHECK(e.exit_code == 2);
    CHECK(e.err.find("kpi.size.yaml:6:9: error: target: found the KPI \"lanes.wait.maen\"") != std::string::npos);
    CHECK(e.err.find("did you mean \"lanes.wait.mean\"") != std::string::npos);
  }
}

TEST_CASE("porttwin size: on an M/M/c case it finds the c that Erlang C gives", "[size][slow]") {
  // mmc.yaml: Poisson arrivals at 144/h, exponential service of mean 1 min (2.4 erlang). Target: mean
  // wait in queue under 30 s. Erlang C: Wq(3) = 64.7 s, Wq(4) = 10.8 s, so c = 4.
  constexpr double kTarget = 30;
  int expected = 1;
  for (;; ++expected) {
    if (expected > 2.4 && theory::mmc(144.0 / 3600, 60, expected).Wq < kTarget) break;
  }
  REQUIRE(expected == 4);
  ScratchDirectory scratch("size-mmc");
  write_file(scratch, "mmc.size.yaml", "name: mmc\nbase: " + kMmc + R"(
resource:
  key: network.stations[0].servers
  from: 1
  to: 12
target: lanes.wait.mean < 30s
confidence: 0.95
replications: {initial: 3, step: 2, max: 15}
set: {horizon: 2d, warmup: 6h}
)");
  const auto r = testing::run_porttwin({"size", "mmc.size.yaml", "-j", "2"}, scratch.path(), scratch.path());
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("answer: network.stations[0].servers = " + std::to_string(expected) + "\n") != std::string::npos);
  CHECK(r.out.find("stopped: 3 does not meet the target and 4 does") != std::string::npos);
  CHECK(fs::exists(scratch.path() / "sizes" / "mmc" / "network.stations[0].servers=4" / "runs" / "p0-r0.h5"));

  SECTION("started again, it reuses every run") {
    const auto again = testing::run_porttwin({"size", "mmc.size.yaml", "-j", "2"}, scratch.path(), scratch.path());
    CHECK(again.exit_code == 0);
    CHECK(again.out == r.out);
  }
}

TEST_CASE("porttwin size: the shipped size files load and name a resource, a target and a confidence", "[size]") {
  const auto files = testing::shipped_size_files();
  REQUIRE_FALSE(files.empty());
  for (const auto& f : files) {
    INFO(f);
    const auto s = sweep::load_size_file(f);
    CHECK_FALSE(s.key.empty());
    CHECK_FALSE(s.target.kpi.empty());
    CHECK(s.from <= s.to);
  }
}

// A rate over zero cases is undefined, not 0: models write NaN (stats::ratio, an empty Tally), the
// statistics across replications are taken over the replications that define it and say how many,
// an interval of a KPI that never goes below 0 says when it reaches below 0, and no table prints
// "nan". The border KPIs of a corridor without a border are not written at all.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "analysis/comparison.hpp"
#include "analysis/replications.hpp"
#include "porttwin_command.hpp"
#include "scratch_directory.hpp"
#include "sim/core/quantity.hpp"
#include "sim/stats/ratio.hpp"

using namespace porttwin;

namespace {

analysis::RunSummary summary_of(double rate, double count) {
  analysis::RunSummary r;
  r.items.push_back({"corridor.detection.removal.rate", rate, "1", "Share detected", true});
  r.items.push_back({"corridor.border.findings", count, "1", "Findings", true});
  return r;
}

}  // namespace

TEST_CASE("stats::ratio: a ratio over zero cases is undefined", "[statistics][undefined]") {
  CHECK(stats::ratio(3, 4) == 0.75);
  CHECK(std::isnan(stats::ratio(0, 0)));
  CHECK(std::isnan(stats::ratio(5, 0)));
  CHECK(stats::defined_values({1, stats::kUndefined, 3}) == std::vector<double>{1, 3});
}

TEST_CASE("KPIs across replications: the mean over the replications that define it, said in the table",
          "[statistics][undefined]") {
  const std::vector<analysis::RunSummary> runs = {summary_of(0.5, 0), summary_of(stats::kUndefined, 0),
                                                  summary_of(1.0, 2), summary_of(0.75, 0)};
  const auto kpis = analysis::across_replications(runs);
  REQUIRE(kpis.size() == 2);
  CHECK(kpis[0].interval.n == 3);
  CHECK(kpis[0].replications == 4);
  CHECK(kpis[0].interval.mean == Approx(0.75));
  const std::string table = analysis::format_kpi_table(kpis, true);
  INFO(table);
  CHECK(table.find("(3 of 4 replications; undefined in the others)") != std::string::npos);
  CHECK(table.find("nan") == std::string::npos);
  // 0, 0, 2, 0: mean 0.5, half-width 1.59, an interval reaching below 0 for a count.
  CHECK(table.find("interval extends below 0") != std::string::npos);

  const std::vector<analysis::RunSummary> none = {summary_of(stats::kUndefined, 1), summary_of(stats::kUndefined, 1)};
  const std::string undefined = analysis::format_kpi_table(analysis::across_replications(none), true);
  INFO(undefined);
  CHECK(undefined.find("corridor.detection.removal.rate  undefined (no case in any replication)") != std::string::npos);
  CHECK(undefined.find("interval extends below 0") == std::string::npos);  // 1 ± 0: nothing to say
  CHECK(units::format_quantity(stats::kUndefined, 0.1, "s") == "undefined");
}

TEST_CASE("compare: replications without a case are left out, a KPI no set defines reads undefined",
          "[statistics][undefined][compare]") {
  analysis::RunSet a, b;
  a.label = "a";
  b.label = "b";
  a.seed = b.seed = 1;
  for (std::uint32_t r = 0; r < 3; ++r) {
    a.replications.push_back(r);
    b.replications.push_back(r);
  }
  a.runs = {summary_of(0.5, 1), summary_of(stats::kUndefined, 1), summary_of(0.7, 1)};
  b.runs = {summary_of(stats::kUndefined, 1), summary_of(0.9, 1), summary_of(0.8, 1)};
  const auto rows = analysis::compare_sets({a, b}, {"corridor.detection.removal.rate"}, 0.95);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].sets[0].n == 2);
  CHECK(rows[0].sets[0].mean == Approx(0.6));
  CHECK(rows[0].sets[1].mean == Approx(0.85));
  CHECK(rows[0].differences[0].interval.n == 1);  // one replication where both have a case
  CHECK(rows[0].differences[0].interval.mean == Approx(0.1));
  b.runs = {summary_of(stats::kUndefined, 1), summary_of(stats::kUndefined, 1), summary_of(stats::kUndefined, 1)};
  const std::string text = analysis::format_comparison({a, b}, analysis::compare_sets({a, b}, {"corridor.detection.removal.rate"}, 0.95));
  INFO(text);
  CHECK(text.find("undefined") != std::string::npos);
  CHECK(text.find("nan") == std::string::npos);
}

TEST_CASE("a corridor without a border writes no border KPIs; an attack that did not happen has no detection rate",
          "[statistics][undefined][corridor]") {
  testing::ScratchDirectory scratch("undefined-kpis");
  // Ningbo's corridor: inland stations only; in 3 days some attack kinds do not happen.
  const std::string scenario = (testing::kSourceDir / "scenarios" / "corridor_ningbo.yaml").string();
  const auto r = testing::run_porttwin({"run", scenario, "--run", "0", "--set", "horizon=3d", "--out",
                                        (scratch.path() / "run.h5").string(), "-q", "--all"},
                                       scratch.path());
  INFO(r.out + r.err);
  REQUIRE(r.exit_code == 0);
  const auto summary = analysis::read_summary(scratch.path() / "run.h5");
  int border = 0, undefined = 0;
  for (const auto& item : summary.items) {
    if (item.name.rfind("corridor.border.", 0) == 0) ++border;
    if (item.name.rfind("corridor.detection.", 0) == 0 && item.name.ends_with(".rate")) {
      // Undefined exactly where no completed trip had this attack (or, per step kind, this step).
      const bool step = item.name.find(".step.") != std::string::npos;
      const std::string attacks = item.name.substr(0, item.name.size() - 4) + (step ? "steps" : "attacks");
      INFO(item.name);
      CHECK(std::isnan(item.value) == (summary.value(attacks) == 0));
      undefined += std::isnan(item.value) ? 1 : 0;
    }
  }
  CHECK(border == 0);
  CHECK(undefined > 0);
  CHECK(r.out.find("corridor.border.") == std::string::npos);
  CHECK(r.out.find("undefined (no case)") != std::string::npos);
  CHECK(r.out.find("nan") == std::string::npos);
}

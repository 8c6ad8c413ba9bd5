// Risk-based customs along the corridor (models/corridor/risk_assessment): selection shares per
// level within binomial intervals of the configured ones, intelligence tip-offs, the vehicle's and
// driver's violation history, find probabilities per inspection type within binomial intervals,
// and the baseline without mutual recognition (risk-selected, not every truck).
#include <catch2/catch.hpp>

#include <cmath>

#include "simulation_support.hpp"

using porttwin::testing::run_replications;
using Overrides = std::vector<porttwin::scenario::Override>;

namespace {

const std::string kRules = "tests/data/scenarios/corridor_rules.yaml";

// |observed - n p| within z standard deviations of a binomial(n, p), as a share of n.
bool within_binomial(double share, double n, double p, double z = 3.5) {
  return std::abs(share - p) <= z * std::sqrt(p * (1 - p) / n) + 1e-12;
}

}  // namespace

TEST_CASE("risk: selection shares per level match the configured ones", "[corridor][risk]") {
  // Half the trips trusted (yellow 10%, red 5%), half not (yellow 20%, red 10%): 15% yellow, 7.5% red.
  const Overrides o = {{"horizon", "20d"},
                       {"corridor.risk.trusted.yellow", "0.1"}, {"corridor.risk.trusted.red", "0.05"},
                       {"corridor.risk.untrusted.yellow", "0.2"}, {"corridor.risk.untrusted.red", "0.1"},
                       {"corridor.flows[0].trusted_share", "0.5"}, {"corridor.flows[1].trusted_share", "0.5"}};
  const auto reps = run_replications(kRules, 1, o);
  const auto& run = reps.runs[0];
  const double n = run.value("corridor.trips.created") - run.value("corridor.trips.sealing");
  REQUIRE(n > 1400);
  CHECK(within_binomial(run.value("corridor.risk.yellow"), n, 0.15));
  CHECK(within_binomial(run.value("corridor.risk.red"), n, 0.075));
  CHECK(within_binomial(run.value("corridor.risk.green"), n, 0.775));
  SECTION("a commodity's risk factor scales the shares") {
    Overrides doubled = o;
    doubled.push_back({"corridor.flows[0].risk_factor", "2"});
    doubled.push_back({"corridor.flows[1].risk_factor", "2"});
    const auto r2 = run_replications(kRules, 1, doubled);
    CHECK(within_binomial(r2.runs[0].value("corridor.risk.red"), n, 0.15));
    CHECK(within_binomial(r2.runs[0].value("corridor.risk.yellow"), n, 0.30));
  }
}

TEST_CASE("risk: an intelligence tip-off makes an attacked trip red at the configured rate", "[corridor][risk]") {
  const auto reps = run_replications(kRules, 1,
                                     {{"horizon", "20d"}, {"corridor.attacks.door_opening", "1"},
                                      {"corridor.risk.intelligence_hit", "0.4"}});
  const auto& run = reps.runs[0];
  const double n = run.value("corridor.trips.created") - run.value("corridor.trips.sealing");
  CHECK(within_binomial(run.value("corridor.risk.red"), n, 0.4));
}

TEST_CASE("risk: a violation found on a vehicle makes its later trips red", "[corridor][risk]") {
  // Ten vehicles per flow, 5% of trips open the doors; red trips are inspected at the destination
  // (finding every opening): once found, a vehicle's trips are all red.
  const Overrides o = {{"horizon", "20d"}, {"corridor.attacks.door_opening", "0.05"},
                       {"corridor.risk.intelligence_hit", "0.5"},
                       {"corridor.flows[0].vehicles", "10"}, {"corridor.flows[1].vehicles", "10"}};
  Overrides without = o;
  without.push_back({"corridor.risk.history_red", "0"});
  const auto with_history = run_replications(kRules, 1, o);
  const auto no_history = run_replications(kRules, 1, without);
  // Without history only the tip-offs are red: about half of the 5% attacked.
  CHECK(no_history.runs[0].value("corridor.risk.red") < 0.05);
  CHECK(with_history.runs[0].value("corridor.risk.red") > 0.5);
}

TEST_CASE("risk: inspections find attacks at the configured probability per type", "[corridor][risk]") {
  // Every trip detours on the first leg under a passive seal, which tells nobody: without mutual
  // recognition the border selects by level alone: all red (physical, 70%) in one run, all yellow
  // (seal check, 40%) in the other.
  const Overrides base = {{"horizon", "20d"}, {"corridor.attacks.route_deviation", "1"},
                          {"corridor.flows[1].trips_per_day", "0.001"},
                          {"corridor.cross_border.mutual_recognition", "false"},
                          {"corridor.risk.find.route_deviation.physical", "0.7"},
                          {"corridor.risk.find.route_deviation.seal_check", "0.4"}};
  // All trips of one level: the found share of that inspection type against its probability.
  const auto check_type = [&](const std::string& level, const std::string& type, double p, const std::string& count) {
    Overrides o = base;
    o.push_back({"corridor.risk.untrusted." + level, "1"});
    o.push_back({"corridor.risk.trusted." + level, "1"});
    const auto reps = run_replications(kRules, 1, o);
    const auto& run = reps.runs[0];
    const double found = run.value("corridor.inspections." + type + ".found");
    const double missed = run.value("corridor.inspections." + type + ".missed");
    REQUIRE(found + missed > 300);
    CHECK(within_binomial(found / (found + missed), found + missed, p));
    CHECK(run.value("corridor.border." + count) == run.value("corridor.border.passages"));
  };
  SECTION("physical") { check_type("red", "physical", 0.7, "inspections"); }
  SECTION("seal check") { check_type("yellow", "seal_check", 0.4, "seal_checks"); }
}

// The alarm rules added to the supervision centre, each in a constructed case and silent without
// cause: illegal stay (a long rest stop on the road), overtime stay (a long wait at a station),
// journey timeout (a trip longer than its declared transit time), abnormal oil volume (a tanker
// opened) and device malfunction (a failing self-test). The straight test corridor has none of
// these causes unless a test sets one.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "simulation_support.hpp"

using porttwin::testing::run_replications;
using Overrides = std::vector<porttwin::scenario::Override>;

namespace {
const std::string kRules = "tests/data/scenarios/corridor_rules.yaml";
const char* const kNewRules[] = {"illegal_stay", "overtime_stay", "journey_timeout", "abnormal_oil",
                                 "device_malfunction"};

double alarms(const porttwin::analysis::RunSummary& run, const std::string& kind) {
  return run.value("corridor.alarms." + kind);
}
}  // namespace

TEST_CASE("corridor: the new alarm rules stay silent without cause", "[corridor][rules]") {
  const auto reps = run_replications(kRules, 1, {{"horizon", "2d"}});
  for (const char* kind : kNewRules) {
    INFO(kind);
    CHECK(alarms(reps.runs[0], kind) == 0);
  }
}

TEST_CASE("corridor: a long stop off the stations raises illegal stay, a short one does not", "[corridor][rules]") {
  SECTION("2 h stops") {
    // Dismissed: warned destinations would inspect every trip for an hour, and the queue for their
    // staff would be an overtime stay of its own.
    const auto reps = run_replications(kRules, 1,
                                       {{"horizon", "2d"}, {"corridor.stops.probability", "1"}, {"corridor.stops.duration", "2h"},
                                        {"corridor.centre.grades.illegal_stay", "1"}});
    const auto& run = reps.runs[0];
    // Every active trip stops once (passive devices report nothing): about 40 a day.
    CHECK(alarms(run, "illegal_stay") > 40);
    CHECK(alarms(run, "illegal_stay") < run.value("corridor.trips.created"));
    CHECK(alarms(run, "overtime_stay") == 0);
    CHECK(run.value("corridor.false_alarms_per_1000_trips") > 0);
  }
  SECTION("20 min stops") {
    const auto reps = run_replications(
        kRules, 1, {{"horizon", "2d"}, {"corridor.stops.probability", "1"}, {"corridor.stops.duration", "20min"}});
    CHECK(alarms(reps.runs[0], "illegal_stay") == 0);
  }
}

TEST_CASE("corridor: a long wait at a station raises overtime stay", "[corridor][rules]") {
  // Five hours at the border reader b (100 readers: no queue), over the 3 h limit.
  const auto reps = run_replications(kRules, 1,
                                     {{"horizon", "2d"}, {"corridor.stations[1].read_time", "5h"},
                                      {"corridor.stations[1].readers", "100"}});
  const auto& run = reps.runs[0];
  CHECK(alarms(run, "overtime_stay") > 20);
  CHECK(alarms(run, "illegal_stay") == 0);
  SECTION("not with a longer limit") {
    const auto longer = run_replications(kRules, 1,
                                         {{"horizon", "2d"}, {"corridor.stations[1].read_time", "5h"},
                                          {"corridor.stations[1].readers", "100"},
                                          {"corridor.supervision.overtime_stay", "6h"}});
    CHECK(alarms(longer.runs[0], "overtime_stay") == 0);
  }
}

TEST_CASE("corridor: a trip longer than its declared transit time raises journey timeout", "[corridor][rules]") {
  // 578 km at 60 km/h take 9.6 h; 8 h are declared. Active devices: the centre's scan; passive ones:
  // the destination reader compares with the declaration.
  const auto reps = run_replications(kRules, 1, {{"horizon", "2d"}, {"corridor.routes[0].transit_time", "8h"}});
  const auto& run = reps.runs[0];
  CHECK(alarms(run, "journey_timeout") >= run.value("corridor.trips.completed"));
  SECTION("or by the declared speed") {
    const auto fast = run_replications(kRules, 1, {{"horizon", "2d"}, {"corridor.supervision.declared_speed", "70"}});
    CHECK(alarms(fast.runs[0], "journey_timeout") >= fast.runs[0].value("corridor.trips.completed"));
  }
}

TEST_CASE("corridor: an opened tanker raises abnormal oil volume from its active device", "[corridor][rules]") {
  const auto reps = run_replications(kRules, 1,
                                     {{"horizon", "2d"}, {"corridor.attacks.door_opening", "1"},
                                      {"corridor.flows[0].tanker", "true"}, {"corridor.flows[1].tanker", "true"}});
  const auto& run = reps.runs[0];
  CHECK(alarms(run, "abnormal_oil") == alarms(run, "illegal_opening"));  // the active flow only
  CHECK(alarms(run, "abnormal_oil") > 20);
  SECTION("not on a dry cargo") {
    const auto dry = run_replications(kRules, 1, {{"horizon", "2d"}, {"corridor.attacks.door_opening", "1"}});
    CHECK(alarms(dry.runs[0], "abnormal_oil") == 0);
  }
}

TEST_CASE("corridor: a failing self-test raises device malfunction, neither detection nor false alarm",
          "[corridor][rules]") {
  // 1% per report, about 115 reports per trip: most active trips report a malfunction once.
  const auto reps = run_replications(kRules, 1, {{"horizon", "2d"}, {"corridor.false_alarms.malfunction", "0.01"}});
  const auto& run = reps.runs[0];
  CHECK(alarms(run, "device_malfunction") > 20);
  CHECK(run.value("corridor.false_alarms_per_1000_trips") == 0);
}

// The supervision centre's people: operators triaging alarms by grade (against M/M/c where alarms
// arrive as a Poisson stream), patrol drives timed by distance over speed, interceptions confirming
// attacks or clearing alarms, and destinations warned to inspect on arrival.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "analysis/queueing_theory.hpp"
#include "analysis/run_file.hpp"
#include "models/corridor/geometry.hpp"
#include "models/corridor/patrols.hpp"
#include "sim/record/event_kind.hpp"
#include "simulation_support.hpp"
#include "models/corridor/record/corridor_events.hpp"

using namespace porttwin;
using porttwin::corridor::LatLon;
using porttwin::testing::run_replications;
using Overrides = std::vector<scenario::Override>;

namespace {
const std::string kRules = "tests/data/scenarios/corridor_rules.yaml";
const Overrides kPatrolAtB = {{"corridor.centre.patrols", "[{station: b, units: 2}]"}};
const Overrides kManyPatrolsAtB = {{"corridor.centre.patrols", "[{station: b, units: 20}]"}};

Overrides with(Overrides base, const Overrides& more) {
  base.insert(base.end(), more.begin(), more.end());
  return base;
}

template <porttwin::EventCode Kind>
std::uint16_t kind(Kind k) { return static_cast<std::uint16_t>(k); }
}  // namespace

TEST_CASE("corridor::intercept_time: distance over speed to a standing or a fleeing vehicle", "[corridor][centre]") {
  const LatLon base{0, 0};
  SECTION("a standing vehicle is reached in road distance over speed") {
    const LatLon vehicle{0, 1};  // 111.195 km east on the equator
    const double t = corridor::intercept_time(base, 80, 1.3, [&](double) { return vehicle; });
    CHECK(t == Approx(1.3 * 111.195 / 80 * 3600).epsilon(1e-4));
  }
  SECTION("a vehicle driving away at u is caught after f d0 / (v - f u)") {
    const double d0 = 10, u = 60, v = 120, f = 1.2;  // km, km/h, km/h
    auto where = [&](double t) { return corridor::destination({0, 0}, 90, d0 + u * t / 3600); };
    const double t = corridor::intercept_time(base, v, f, where);
    CHECK(t == Approx(f * d0 / (v - f * u) * 3600).margin(2));
  }
}

TEST_CASE("corridor: operators triaging Poisson alarms wait as M/M/2 predicts", "[corridor][centre][statistical]") {
  const auto reps = run_replications("tests/data/scenarios/corridor_centre.yaml", 1);
  const auto& run = reps.runs[0];
  // 240 alarms a day, exponential handling of 9 min, 2 operators: rho = 0.75.
  const auto theory = theory::mmc(240.0 / 86400, 540, 2);
  const double wait = run.value("corridor.centre.operators.wait.mean");
  const double half = run.value("corridor.centre.operators.wait.mean.ci95");
  INFO("wait " << wait << " +- " << half << ", M/M/2 " << theory.Wq);
  CHECK(std::abs(wait - theory.Wq) < half + 0.05 * theory.Wq);
  CHECK(run.value("corridor.centre.operators.utilisation") == Approx(theory.utilisation).epsilon(0.05));
  // Every alarm is triaged, but for those still queued or handled at the horizon.
  CHECK(run.value("corridor.centre.critical.handled") <= run.value("corridor.alarms.illegal_opening"));
  CHECK(run.value("corridor.centre.critical.handled") >= run.value("corridor.alarms.illegal_opening") - 20);
  CHECK(run.value("corridor.centre.actions.dismiss") > 0);
  CHECK(run.value("corridor.patrols.dispatched") == 0);
}

TEST_CASE("corridor: a patrol drives to a detoured vehicle in road distance over speed and confirms the attack",
          "[corridor][centre]") {
  // Detours last 12 h and 20 units wait at b, so every vehicle stands at its detour point until a
  // unit arrives.
  const auto reps = run_replications(
      kRules, 1,
      with(kManyPatrolsAtB, {{"corridor.attacks.route_deviation", "1"}, {"corridor.attacks.deviation_time", "12h"},
                        {"horizon", "2d"}}));
  const auto& run = reps.runs[0];
  CHECK(run.value("corridor.patrols.interceptions") > 10);
  CHECK(run.value("corridor.patrols.confirmed") == run.value("corridor.patrols.interceptions"));
  CHECK(run.value("corridor.patrols.cleared") == 0);
  CHECK(run.value("corridor.patrols.utilisation") > 0);
  CHECK(run.value("corridor.patrols.utilisation") <= 1);
  CHECK(run.value("corridor.patrols.response.mean") > run.value("corridor.patrols.travel.mean"));

  // Rebuild each intercepted vehicle's detour point from its sealing and attack times (60 km/h on
  // the first leg) and check the drive from b against 1.3 x great-circle km / 80 km/h.
  const corridor::Polyline line({{30, 110}, {30, 111.5}, {30, 113}, {30, 116}});
  std::map<std::uint64_t, double> sealed, attacked, out;
  int checked = 0;
  for (const auto& e : analysis::read_events(reps.files[0])) {
    if (e.kind == kind(CorridorEvent::Seal)) sealed[e.entity] = e.time;
    if (e.kind == kind(CorridorEvent::Attack)) attacked[e.entity] = e.time;
    if (e.kind == kind(CorridorEvent::PatrolOut)) out[e.entity] = e.time;
    if (e.kind != kind(CorridorEvent::Intercept) || !out.count(e.entity)) continue;
    const double km = (attacked.at(e.entity) - sealed.at(e.entity)) * 60 / 3600;
    const LatLon on = line.at(km);
    const LatLon point = corridor::destination(on, corridor::bearing_deg(line.at(km - 1), line.at(km + 1)) + 90, 10);
    const double expected = 1.3 * corridor::great_circle_km({30, 113}, point) / 80 * 3600;
    CHECK(e.time - out.at(e.entity) == Approx(expected).margin(2));
    ++checked;
  }
  CHECK(checked == run.value("corridor.patrols.interceptions"));
}

TEST_CASE("corridor: the centre acts by grade and does nothing without cause", "[corridor][centre]") {
  SECTION("no attack and no noise: no alarm, no patrol") {
    const auto reps = run_replications(kRules, 1, with(kPatrolAtB, {{"horizon", "1d"}}));
    const auto& run = reps.runs[0];
    CHECK(run.value("corridor.centre.operators.arrivals") == 0);
    CHECK(run.value("corridor.patrols.dispatched") == 0);
    CHECK(run.value("corridor.patrols.utilisation") == 0);
    CHECK(run.value("corridor.centre.arrival_inspections") == 0);
  }
  SECTION("warned destinations inspect on arrival and find the opened doors") {
    const auto reps = run_replications(kRules, 1,
                                       {{"corridor.attacks.door_opening", "1"}, {"corridor.centre.critical.action", "warn"},
                                        {"horizon", "2d"}});
    const auto& run = reps.runs[0];
    CHECK(run.value("corridor.centre.actions.warn") > 10);
    CHECK(run.value("corridor.centre.arrival_inspections") > 10);
    CHECK(run.value("corridor.centre.arrival_findings") == run.value("corridor.centre.arrival_inspections"));
    CHECK(run.value("corridor.patrols.dispatched") == 0);
  }
  SECTION("low-grade alarms are dismissed") {
    const auto reps = run_replications(kRules, 1,
                                       with(kPatrolAtB, {{"corridor.devices[1].drain_per_report", "0.05"},
                                                         {"horizon", "1d"}}));
    const auto& run = reps.runs[0];
    CHECK(run.value("corridor.alarms.low_battery") > 10);
    // Every low-battery alarm is info, dismissed (one may still be with an operator at the horizon).
    CHECK(run.value("corridor.centre.info.handled") <= run.value("corridor.alarms.low_battery"));
    CHECK(run.value("corridor.centre.info.handled") >= run.value("corridor.alarms.low_battery") - 1);
    CHECK(run.value("corridor.centre.warning.handled") == 0);
    CHECK(run.value("corridor.patrols.dispatched") == 0);
    CHECK(run.value("corridor.centre.arrival_inspections") == 0);
  }
}

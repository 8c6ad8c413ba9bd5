// Attacks in steps and bypasses (corridor.attacks.scenarios), scored per step and per attack
// against the truth: a Faraday bag put on and taken off (reports stop, then resume and bring the
// events the device sensed inside the bag), a passive seal that cannot see a bag at all, doors
// opened through the hinges that no seal sees and a smart container's door sensor does at its
// probability, and the conservation of the steps made.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "analysis/run_file.hpp"
#include "models/corridor/record/corridor_events.hpp"
#include "simulation_support.hpp"

using porttwin::testing::run_replications;
using Overrides = std::vector<porttwin::scenario::Override>;

namespace {
const std::string kSteps = "tests/data/scenarios/corridor_steps.yaml";

Overrides with_scenario(const std::string& steps, Overrides more = {}) {
  more.push_back({"corridor.attacks.scenarios", "[{name: s, share: 1, steps: " + steps + "}]"});
  return more;
}
}  // namespace

TEST_CASE("corridor: a Faraday bag on for 1 h then off: reports stop and resume, the bag's events come after it",
          "[corridor][attacks][steps]") {
  // Bag on 1-3 h into the first 4.8 h leg, doors opened 30 min later, bag off 30 min after that:
  // off well before the border reader b.
  // Customs spend no time on the alarmed trips, so that bagged and clean trips are as long on the road.
  const Overrides instant = {{"corridor.cross_border.inspection_time", "0s"},
                             {"corridor.cross_border.document_check_time", "0s"},
                             {"corridor.cross_border.seal_check_time", "0s"},
                             {"corridor.centre.arrival_inspection", "0s"}};
  const auto clean = run_replications(kSteps, 1, instant);
  const auto bagged = run_replications(
      kSteps, 1,
      with_scenario("[{kind: faraday_bag}, {kind: door_opening, after: 30min}, {kind: bag_off, after: 30min}]", instant));
  const auto& run = bagged.runs[0];
  const double trips = run.value("corridor.active.detection.scenario.s.attacks");
  REQUIRE(trips > 20);
  // A 1 h silence is under the 4 h comm-loss rule: nothing raises no_communication ...
  CHECK(run.value("corridor.alarms.no_communication") == 0);
  // ... but the e-lock logged the opening inside the bag and sends it the moment the bag is off:
  // the opening is detected 30 min after it (plus the cellular link's latency), the bag 1 h after.
  CHECK(run.value("corridor.active.detection.step.door_opening.rate") == 1);
  CHECK(run.value("corridor.active.detection.step.door_opening.latency.mean") == Approx(1800).margin(5));
  CHECK(run.value("corridor.active.detection.step.faraday_bag.rate") == 1);
  CHECK(run.value("corridor.active.detection.step.faraday_bag.latency.mean") == Approx(3600).margin(5));
  // Reports stopped for the hour (12 reports at 5 min) on every bagged real-time trip, then resumed.
  const double every = run.value("corridor.attacks.steps.faraday_bag.made");
  const double missing = clean.runs[0].value("corridor.reports.sent") - run.value("corridor.reports.sent");
  INFO("missing reports " << missing << " over " << every << " bagged trips");
  // Half of the bagged trips report (active, smart): 12 reports each, +-1 by the tick's phase.
  const double reporting = run.value("corridor.active.detection.scenario.s.attacks") +
                           run.value("corridor.smart.detection.scenario.s.attacks");
  CHECK(missing >= 11 * reporting);
  CHECK(missing <= 13 * (every - run.value("corridor.passive.detection.scenario.s.attacks") -
                         run.value("corridor.semi.detection.scenario.s.attacks")) + 12 * 4);
  // A passive or semi-active seal transmits nothing: the bag, off before the reader, is never seen;
  // their logs hold the opening, which the reader at b finds (3-4 h after the opening).
  for (const std::string seal : {"passive", "semi"}) {
    INFO(seal);
    CHECK(run.value("corridor." + seal + ".detection.scenario.s.attacks") > 20);
    CHECK(run.value("corridor." + seal + ".detection.step.door_opening.rate") == 1);
    CHECK(run.value("corridor." + seal + ".detection.step.door_opening.latency.mean") > 1.5 * 3600);
    CHECK(run.value("corridor." + seal + ".detection.step.bag_off.latency.mean") > 0.5 * 3600);
  }
}

TEST_CASE("corridor: a Faraday bag alone, off before the reader, is never seen by a passive or semi-active seal",
          "[corridor][attacks][steps]") {
  const auto reps = run_replications(kSteps, 2, with_scenario("[{kind: faraday_bag}, {kind: bag_off, after: 1h}]"));
  for (const auto& run : reps.runs) {
    for (const std::string seal : {"passive", "semi"}) {
      INFO(seal);
      CHECK(run.value("corridor." + seal + ".detection.scenario.s.attacks") > 20);
      CHECK(run.value("corridor." + seal + ".detection.scenario.s.rate") == 0);
      CHECK(run.value("corridor." + seal + ".detection.step.faraday_bag.rate") == 0);
    }
    CHECK(run.value("corridor.alarms.checkpoint") == 0);  // the reader read an intact, answering seal
  }
  SECTION("left on through the reader, the seal does not answer and the vehicle is inspected") {
    const auto on = run_replications(kSteps, 1, with_scenario("[{kind: faraday_bag}, {kind: bag_off, after: 10h}]"));
    for (const std::string seal : {"passive", "semi"}) {
      INFO(seal);
      CHECK(on.runs[0].value("corridor." + seal + ".detection.step.faraday_bag.rate") == 1);
    }
    // The e-lock too: reader b comes 1.8-3.8 h after the bag, before its silence reaches 4 h.
    CHECK(on.runs[0].value("corridor.active.detection.step.faraday_bag.rate") == 1);
    CHECK(on.runs[0].value("corridor.active.detection.step.faraday_bag.latency.mean") < 4 * 3600);

  }
}

TEST_CASE("corridor: hinge removal leaves every seal intact; a smart container's door sensor sees it at its probability",
          "[corridor][attacks][steps]") {
  const auto reps = run_replications(kSteps, 5, {{"corridor.attacks.hinge_removal", "1"}});
  for (const auto& run : reps.runs) {
    for (const std::string seal : {"passive", "semi", "active"}) {
      INFO(seal);
      CHECK(run.value("corridor." + seal + ".detection.hinge_removal.attacks") > 20);
      CHECK(run.value("corridor." + seal + ".detection.hinge_removal.rate") == 0);
    }
    CHECK(run.value("corridor.smart.detection.hinge_removal.attacks") > 20);
    CHECK(run.value("corridor.alarms.light_inside") == 0);  // its other sensors are off in this scenario
  }
  // The door sensor's probability is 0.7: the replications' 95% interval holds it, and not 0 or 1.
  const auto ci = reps.interval("corridor.smart.detection.hinge_removal.rate");
  INFO("smart container hinge detection " << ci.mean << " +- " << ci.half_width);
  CHECK(std::abs(ci.mean - 0.7) <= ci.half_width + 0.02);
  CHECK(ci.half_width < 0.1);
  CHECK(reps.runs[0].value("corridor.smart.detection.hinge_removal.latency.mean") == Approx(0).margin(5));
}

TEST_CASE("corridor: the steps scored are the steps made, made steps are ATTACK events, late steps are not made",
          "[corridor][attacks][steps][conservation]") {
  // A step 20 h after the first comes after every trip has arrived (about 10 h end to end).
  const auto reps = run_replications(
      kSteps, 1,
      with_scenario("[{kind: gps_jamming}, {kind: route_deviation, after: 30min}, {kind: door_opening, after: 3h}, "
                    "{kind: device_removal, after: 20h}]"));
  const auto& run = reps.runs[0];
  const auto events = porttwin::analysis::read_events(reps.files[0]);
  std::map<std::uint64_t, int> made;
  std::set<std::uint64_t> completed;
  std::map<int, double> by_kind;
  for (const auto& e : events) {
    if (e.kind == porttwin::code_of(porttwin::CorridorEvent::Attack)) {
      ++made[e.entity];
      by_kind[e.detail] += 1;
    }
    if (e.kind == porttwin::code_of(porttwin::CorridorEvent::Unseal)) completed.insert(e.entity);
  }
  double scored_events = 0, made_events = 0;
  for (auto [trip, n] : made) {
    made_events += n;
    if (completed.count(trip)) scored_events += n;
  }
  double scored = 0, made_kpi = 0;
  for (const std::string kind : {"gps_jamming", "route_deviation", "door_opening", "device_removal"}) {
    scored += run.value("corridor.detection.step." + kind + ".steps");
    made_kpi += run.value("corridor.attacks.steps." + kind + ".made");
  }
  REQUIRE(made_events > 50);
  CHECK(scored == scored_events);
  CHECK(made_kpi == made_events);
  using porttwin::corridor::AttackKind;
  CHECK(by_kind[static_cast<int>(AttackKind::GpsJamming)] == run.value("corridor.attacks.steps.gps_jamming.made"));
  CHECK(run.value("corridor.attacks.steps.device_removal.made") == 0);
  // Every trip that arrived had its last step still to come: not made.
  CHECK(run.value("corridor.attacks.steps.device_removal.not_made") == run.value("corridor.detection.step.gps_jamming.steps"));
  // The detour was driven (it is not made only while the vehicle stands at a station).
  CHECK(run.value("corridor.attacks.steps.route_deviation.made") > 0.9 * run.value("corridor.attacks.steps.gps_jamming.made"));
  // The e-lock's track shows the detour: the geofence catches it.
  CHECK(run.value("corridor.active.detection.step.route_deviation.rate") == 1);
}

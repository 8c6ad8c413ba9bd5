// The attacks added for the corridor issue, scored against the truth: a cloned device reports a clean
// track (telemetry sees nothing; a reader's identity and log check finds it, and so does a patrol),
// and GPS jamming (cell-tower positions off the geofence, or silence the comm-loss rule catches only
// when it lasts long enough).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "simulation_support.hpp"

using porttwin::testing::run_replications;
using Overrides = std::vector<porttwin::scenario::Override>;

namespace {
const std::string kRules = "tests/data/scenarios/corridor_rules.yaml";
}

TEST_CASE("corridor: a cloned device is invisible to telemetry and found at the next reader", "[corridor][attacks]") {
  const auto reps = run_replications(kRules, 1, {{"horizon", "2d"}, {"corridor.attacks.cloned_device", "1"}});
  const auto& run = reps.runs[0];
  CHECK(run.value("corridor.active.detection.cloned_device.attacks") > 20);
  CHECK(run.value("corridor.alarms.route_deviation") == 0);  // the clone's track is clean
  CHECK(run.value("corridor.alarms.no_communication") == 0);
  CHECK(run.value("corridor.alarms.illegal_stay") == 0);
  // Attacks 10-30% along the route, on the first leg: found by the border reader b, hours later.
  for (const std::string device : {"active", "passive"}) {
    INFO(device);
    CHECK(run.value("corridor." + device + ".detection.cloned_device.rate") == 1);
    CHECK(run.value("corridor." + device + ".detection.cloned_device.latency.mean") > 3600);
  }
  SECTION("a patrol sent on another alarm finds the clone") {
    // Every vehicle also stops 2 h: the illegal-stay alarm sends a unit, which finds the clone (the
    // clone reports a standing vehicle too: a stop is not hidden).
    const auto patrolled = run_replications(
        kRules, 1,
        {{"horizon", "2d"}, {"corridor.attacks.cloned_device", "1"}, {"corridor.stops.probability", "1"},
         {"corridor.stops.duration", "2h"}, {"corridor.centre.grades.illegal_stay", "3"},
         {"corridor.centre.patrols", "[{station: a, units: 20}, {station: b, units: 20}]"}});
    CHECK(patrolled.runs[0].value("corridor.patrols.confirmed") > 0);
  }
}

TEST_CASE("corridor: GPS jamming shows as cell-tower positions off the route, or as silence", "[corridor][attacks]") {
  const Overrides jam = {{"horizon", "2d"}, {"corridor.attacks.gps_jamming", "1"}};
  SECTION("the device still reports, with cell-tower positions 3 km off: route deviation") {
    Overrides o = jam;
    o.push_back({"corridor.attacks.jamming_cellular", "0"});
    const auto reps = run_replications(kRules, 1, o);
    const auto& run = reps.runs[0];
    CHECK(run.value("corridor.active.detection.gps_jamming.attacks") > 20);
    CHECK(run.value("corridor.active.detection.gps_jamming.rate") > 0.95);
    CHECK(run.value("corridor.active.detection.gps_jamming.latency.mean") < 1200);
    CHECK(run.value("corridor.passive.detection.gps_jamming.rate") == 0);  // nothing to jam, nothing seen
  }
  SECTION("cellular blocked for 1 h: unseen under the 4 h comm-loss rule, seen under a 30 min one") {
    Overrides o = jam;
    o.push_back({"corridor.attacks.jamming_cellular", "1"});
    const auto reps = run_replications(kRules, 1, o);
    CHECK(reps.runs[0].value("corridor.active.detection.gps_jamming.rate") == 0);
    o.push_back({"corridor.supervision.comm_loss", "30min"});
    const auto strict = run_replications(kRules, 1, o);
    CHECK(strict.runs[0].value("corridor.active.detection.gps_jamming.rate") == 1);
    CHECK(strict.runs[0].value("corridor.active.detection.gps_jamming.latency.mean") <= 1800 + 301);
  }
}

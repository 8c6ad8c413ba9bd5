// Non-intrusive inspection: alarm statistics against the configured probabilities (binomial
// intervals), the AI pre-classification's reduction of false alarms with detection unchanged (common
// random numbers), the calibrated scenario's divert-time target and lane rates, conservation of
// boxes (standalone and fed by the terminal), determinism, and bad alarm parameters rejected.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "analysis/run_file.hpp"
#include "models/scenario.hpp"
#include "sim/record/event_kind.hpp"
#include "simulation_support.hpp"
#include "models/nii/record/nii_events.hpp"

using porttwin::testing::run_replications;
using Overrides = std::vector<porttwin::scenario::Override>;

namespace {

const std::string kAlarms = "tests/data/scenarios/nii_alarms.yaml";

// The configured probability p lies within z standard errors of the observed share x / n
// (z = 3.29: a two-sided 99.9% normal interval, so a dozen checks keep a family-wise level near 99%).
void check_binomial(const std::string& what, double share, double n, double p) {
  INFO(what << ": observed " << share << " of " << n << ", configured " << p);
  REQUIRE(n > 100);
  CHECK(std::abs(share - p) <= 3.29 * std::sqrt(p * (1 - p) / n));
}

std::string diagnostics_of(const std::string& text) {
  try {
    porttwin::parse_scenario(text, "bad.yaml");
  } catch (const porttwin::scenario::InvalidScenario& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("nii: RPM and X-ray alarm rates match the configured probabilities", "[nii]") {
  const auto reps = run_replications(kAlarms, 1);
  const auto& run = reps.runs[0];
  // Uniform scores: clean alarms with 1 - 0.85, threats with (1 - 0.85) / 0.6.
  for (const auto& [name, nuisance, source] : {std::tuple{"tiles", 0.2, 0.8}, std::tuple{"textiles", 0.02, 0.95}}) {
    const std::string p = std::string("nii.class.") + name + ".";
    const double boxes = run.value(p + "boxes"), sources = run.value(p + "rpm.sources");
    check_binomial(p + "rpm.nuisance_rate", run.value(p + "rpm.nuisance_rate"), boxes - sources, nuisance);
    check_binomial(p + "rpm.detection_rate", run.value(p + "rpm.detection_rate"), sources, source);
    const double scanned = run.value(p + "xray.scanned"), threats = run.value(p + "xray.threats");
    check_binomial(p + "xray.false_alarm_rate", run.value(p + "xray.false_alarm_rate"), scanned - threats, 0.15);
    check_binomial(p + "xray.detection_rate", run.value(p + "xray.detection_rate"), threats, 0.15 / 0.6);
    CHECK(run.value(p + "ai_cleared") == 0);
  }
  // Truth shares: 15% of the boxes are bad.
  check_binomial("threat share", run.value("nii.threats") / run.value("nii.boxes"), run.value("nii.boxes"), 0.15);
}

TEST_CASE("nii: AI pre-classification cuts false alarms by its configured share and keeps detection", "[nii]") {
  const auto off = run_replications(kAlarms, 1);
  const auto on = run_replications(kAlarms, 1, {{"nii.ai.enabled", "true"}});
  const auto& a = off.runs[0];
  const auto& b = on.runs[0];
  for (const auto& [name, reduction] : {std::pair{"tiles", 0.2}, std::pair{"textiles", 0.4}}) {
    const std::string p = std::string("nii.class.") + name + ".";
    // Same boxes, same raw alarms (common random numbers). Not to the last box: fewer secondary
    // inspections change when radiation-checked boxes reach the scanners, hence which lane service
    // draws they get and which boxes are done by the horizon.
    CHECK(b.value(p + "xray.false_alarm_rate.raw") == Approx(a.value(p + "xray.false_alarm_rate")).epsilon(0.01));
    const double clean = b.value(p + "xray.scanned") - b.value(p + "xray.threats");
    const double raw_alarms = b.value(p + "xray.false_alarm_rate.raw") * clean;
    const double cut = 1 - b.value(p + "xray.false_alarm_rate") / b.value(p + "xray.false_alarm_rate.raw");
    check_binomial(p + "AI reduction", cut, raw_alarms, reduction);
    CHECK(b.value(p + "ai_cleared") == Approx(raw_alarms - b.value(p + "xray.false_alarm_rate") * clean).margin(0.5));
    CHECK(b.value(p + "xray.detection_rate") == Approx(a.value(p + "xray.detection_rate")).epsilon(0.01));
    CHECK(b.value(p + "detection_rate") == Approx(a.value(p + "detection_rate")).epsilon(0.01));
  }
  const double overall = 1 - b.value("nii.xray.false_alarm_rate") / a.value("nii.xray.false_alarm_rate");
  CHECK(overall >= 0.2);
  CHECK(overall <= 0.4);
  CHECK(b.value("nii.false_alarms") < a.value("nii.false_alarms"));
  CHECK(b.value("nii.missed") == Approx(a.value("nii.missed")).margin(5));
}

TEST_CASE("nii: nii_primary diverts within 80 s at 150-200 units per lane-hour, and loses no box", "[nii]") {
  const auto reps = run_replications("scenarios/nii_primary.yaml", 1, {{"horizon", "4d"}, {"warmup", "12h"}});
  const auto& run = reps.runs[0];
  CHECK(run.value("nii.divert.count") > 500);
  CHECK(run.value("nii.divert.p95") <= 80);
  CHECK(run.value("nii.divert.within_target") >= 0.95);
  for (const std::string lane : {"rpm", "xray"}) {
    INFO(lane);
    CHECK(run.value("nii." + lane + ".units_per_lane_hour") >= 150);
    CHECK(run.value("nii." + lane + ".units_per_lane_hour") <= 200);
  }
  // About 200 primary alarms a day, mostly RPM nuisance alarms on NORM cargo (DOMAIN.md).
  CHECK(run.value("nii.alarms_per_day") > 150);
  CHECK(run.value("nii.alarms_per_day") < 400);

  // Conservation: every box presented is released, held or still in process; the event log agrees.
  const double created = run.value("nii.boxes.created"), released = run.value("nii.boxes.released"),
               held = run.value("nii.boxes.held"), in_process = run.value("nii.boxes.in_process");
  CHECK(created == released + held + in_process);
  CHECK(in_process < 0.01 * created);
  std::int64_t selected = 0, releases = 0, holds = 0;
  for (const auto& e : porttwin::analysis::read_events(reps.files[0])) {
    if (e.kind == static_cast<std::uint16_t>(porttwin::NiiEvent::CustomsSelect)) ++selected;
    if (e.kind == static_cast<std::uint16_t>(porttwin::NiiEvent::CustomsRelease)) ++releases;
    if (e.kind == static_cast<std::uint16_t>(porttwin::NiiEvent::CustomsHold)) ++holds;
  }
  CHECK(selected == created);
  CHECK(releases == released);
  CHECK(holds == held);
  const auto kpis = porttwin::analysis::read_kpis(reps.files[0]);
  for (const std::string series : {"nii.in_process", "nii.secondary.queue", "nii.secondary.busy", "nii.alarms",
                                   "nii.rpm.queue", "nii.xray.queue", "nii.analysts.queue"}) {
    INFO(series);
    CHECK(kpis.count(series) == 1);
  }
  CHECK(run.value("nii.missed") + run.value("nii.detection_rate") * run.value("nii.threats") ==
        Approx(run.value("nii.threats")));
}

TEST_CASE("nii: fed by the terminal, held imports delay their pickup and every box is accounted for", "[nii][terminal]") {
  const auto reps = run_replications("tests/data/scenarios/nii_terminal.yaml", 1);
  const auto& run = reps.runs[0];
  // The terminal's own conservation law holds (the run fails otherwise) ...
  CHECK(run.value("terminal.containers.created") > 1000);
  // ... and customs saw the discharged boxes.
  const double created = run.value("nii.boxes.created");
  CHECK(created > 1000);
  CHECK(created == run.value("nii.boxes.released") + run.value("nii.boxes.held") + run.value("nii.boxes.in_process"));
  CHECK(run.value("nii.secondary") > 0);
  CHECK(run.value("nii.terminal.pickups_delayed") > 0);
  CHECK(run.value("nii.terminal.pickup_delay.mean") > 0);
}

TEST_CASE("nii: screened exports not released when their vessel berths are rolled to the next call", "[nii][terminal]") {
  const auto off = run_replications("tests/data/scenarios/nii_terminal.yaml", 1);
  const auto on = run_replications("tests/data/scenarios/nii_terminal.yaml", 1, {{"nii.terminal.exports", "true"}});
  CHECK(off.runs[0].value("terminal.rolled_by_customs") == 0);
  const double rolled = on.runs[0].value("terminal.rolled_by_customs");
  CHECK(rolled > 0);
  CHECK(rolled <= on.runs[0].value("terminal.rolled"));
  // Customs saw the exports too: about as many as the imports (1,000 a call each way).
  CHECK(on.runs[0].value("nii.boxes.created") > 1.6 * off.runs[0].value("nii.boxes.created"));
  const auto& run = on.runs[0];
  CHECK(run.value("nii.boxes.created") ==
        run.value("nii.boxes.released") + run.value("nii.boxes.held") + run.value("nii.boxes.in_process"));
}

TEST_CASE("nii: same seed, same run; another replication, another run", "[nii][determinism]") {
  const Overrides shorter = {{"horizon", "1d"}, {"warmup", "2h"}};
  const auto a = run_replications("scenarios/nii_primary.yaml", 1, shorter);
  const auto b = run_replications("scenarios/nii_primary.yaml", 1, shorter);
  const auto c = run_replications("scenarios/nii_primary.yaml", 1, shorter, 1);
  CHECK(a.runs[0].meta.at("fingerprint") == b.runs[0].meta.at("fingerprint"));
  CHECK(a.runs[0].value("nii.false_alarm_rate") == b.runs[0].value("nii.false_alarm_rate"));
  CHECK(c.runs[0].meta.at("fingerprint") != a.runs[0].meta.at("fingerprint"));
}

TEST_CASE("nii: validate rejects probabilities outside [0, 1] and thresholds outside the score range", "[nii]") {
  const std::string head = "name: bad\nhorizon: 1d\nnii:\n";
  SECTION("a nuisance alarm probability over 1") {
    const auto d = diagnostics_of(head + "  commodities:\n    - {name: tiles, nuisance_alarm: 1.5}\n");
    CHECK(d.find("bad.yaml:5:37: error: nii.commodities[0].nuisance_alarm: found \"1.5\", expected a probability in [0, 1]") !=
          std::string::npos);
  }
  SECTION("a negative detection probability") {
    const auto d = diagnostics_of(head + "  commodities:\n    - {name: tiles, source_detection: -0.1}\n");
    CHECK(d.find("bad.yaml:5:39: error: nii.commodities[0].source_detection:") != std::string::npos);
  }
  SECTION("a threshold above the score range") {
    const auto d = diagnostics_of(head + "  xray: {threshold: 1.2}\n");
    CHECK(d.find("bad.yaml:4:21: error: nii.xray.threshold: found \"1.2\"") != std::string::npos);
  }
  SECTION("a score distribution outside the score range") {
    const auto d = diagnostics_of(head + "  commodities:\n    - {name: a, clean_score: {dist: normal, mean: 3, sd: 1}}\n");
    CHECK(d.find("bad.yaml:5:30: error: nii.commodities[0].clean_score: found a score distribution of mean") !=
          std::string::npos);
  }
  SECTION("truth shares over 1, and physical below scan") {
    const auto d = diagnostics_of(head + "  commodities:\n    - {name: a, contraband: 0.6, misdeclared: 0.6}\n" +
                                  "  risk: {scan_above: 0.5, physical_above: 0.4}\n");
    CHECK(d.find("nii.commodities[0].misdeclared: found contraband + radiological + misdeclared") != std::string::npos);
    CHECK(d.find("nii.risk.physical_above: found a value below scan_above") != std::string::npos);
  }
  SECTION("the terminal feed without a terminal") {
    const auto d = diagnostics_of(head + "  feed: terminal\n");
    CHECK(d.find("bad.yaml:4:9: error: nii.feed: found \"terminal\"") != std::string::npos);
  }
}

// Non-intrusive inspection: alarm statistics against the configured probabilities (binomial
// intervals), the AI pre-classification as a classifier of its own (clearing true alarms too, coupled
// to the X-ray score by its copula), primary adjudication of RPM alarms, the calibrated scenario's divert-time target and lane rates, conservation of
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

TEST_CASE("nii: AI pre-classification clears alarms by its own scores, true ones too, and never reads the truth", "[nii]") {
  const auto off = run_replications(kAlarms, 1);
  const auto on = run_replications(kAlarms, 1, {{"nii.ai.enabled", "true"}});
  const auto& a = off.runs[0];
  const auto& b = on.runs[0];
  // Uniform AI scores uncorrelated with the X-ray's: an alarm is cleared with F(0.3), whatever made it.
  for (const auto& [name, clean_cleared] : {std::pair{"tiles", 0.3}, std::pair{"textiles", 0.4}}) {
    const std::string p = std::string("nii.class.") + name + ".";
    // Same boxes, same raw alarms (common random numbers). Not to the last box: fewer secondary
    // inspections change when radiation-checked boxes reach the scanners, hence which lane service
    // draws they get and which boxes are done by the horizon.
    CHECK(b.value(p + "xray.false_alarm_rate.raw") == Approx(a.value(p + "xray.false_alarm_rate")).epsilon(0.01));
    const double clean = b.value(p + "xray.scanned") - b.value(p + "xray.threats");
    const double raw_alarms = b.value(p + "xray.false_alarm_rate.raw") * clean;
    check_binomial(p + "ai_reduction", b.value(p + "ai_reduction"), raw_alarms, clean_cleared);
    const double cut = 1 - b.value(p + "xray.false_alarm_rate") / b.value(p + "xray.false_alarm_rate.raw");
    CHECK(cut == Approx(b.value(p + "ai_reduction")).margin(1e-9));
    // Bad boxes' AI scores are uniform on [0.2, 1]: 1/8 of their true alarms are cleared.
    const double true_alarms = a.value(p + "xray.detection_rate") * a.value(p + "xray.threats");
    check_binomial(p + "ai.detection_lost", b.value(p + "ai.detection_lost"), true_alarms, 0.125);
    CHECK(b.value(p + "ai.true_alarms_cleared") > 0);
    CHECK(b.value(p + "xray.detection_rate") < a.value(p + "xray.detection_rate"));
    CHECK(b.value(p + "ai_cleared") ==
          Approx(raw_alarms - b.value(p + "xray.false_alarm_rate") * clean + b.value(p + "ai.true_alarms_cleared"))
              .margin(0.5));
  }
  CHECK(b.value("nii.false_alarms") < a.value("nii.false_alarms"));
  CHECK(b.value("nii.missed") > a.value("nii.missed"));
}

TEST_CASE("nii: the AI's score is coupled to the X-ray's by the Gaussian copula its correlation names", "[nii]") {
  // Tiles' clean X-ray scores are uniform on [0, 1] and alarm at 0.85; the AI's are uniform too and
  // clear below 0.3. With normal scores z_x = Phi^-1(u) and z = rho z_x + sqrt(1 - rho^2) e, an
  // alarm is cleared with (1 / 0.15) * integral over u in [0.85, 1] of Phi((Phi^-1(0.3) - rho Phi^-1(u)) / sqrt(1 - rho^2)).
  const double rho = 0.6;
  const auto run = run_replications(kAlarms, 1, {{"nii.ai.enabled", "true"}, {"nii.ai.correlation", "0.6"}}).runs[0];
  auto phi = [](double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); };
  auto phi_inverse = [&phi](double p) {  // bisection: exact enough for a test's reference value
    double lo = -10, hi = 10;
    for (int i = 0; i < 200; ++i) (phi((lo + hi) / 2) < p ? lo : hi) = (lo + hi) / 2;
    return (lo + hi) / 2;
  };
  const int steps = 2000;
  double expected = 0;
  for (int i = 0; i < steps; ++i) {
    const double u = 0.85 + 0.15 * (i + 0.5) / steps;
    expected += phi((phi_inverse(0.3) - rho * phi_inverse(u)) / std::sqrt(1 - rho * rho)) / steps;
  }
  INFO("expected share " << expected);
  REQUIRE(expected < 0.2);  // far below the uncorrelated 0.3: the AI mostly agrees with the scanner
  const std::string p = "nii.class.tiles.";
  const double clean = run.value(p + "xray.scanned") - run.value(p + "xray.threats");
  check_binomial(p + "ai_reduction", run.value(p + "ai_reduction"), run.value(p + "xray.false_alarm_rate.raw") * clean,
                 expected);
}

TEST_CASE("nii: primary adjudication clears RPM alarms by class and sends only the rest to secondary", "[nii]") {
  const auto run = run_replications(kAlarms, 1).runs[0];
  const auto direct = run_replications(kAlarms, 1, {{"nii.rpm.adjudication.enabled", "false"}}).runs[0];
  double sent = 0, sent_direct = 0;
  for (const auto& [name, norm_cleared] : {std::pair{"tiles", 0.9}, std::pair{"textiles", 0.7}}) {
    const std::string p = std::string("nii.class.") + name + ".";
    const double sources = run.value(p + "rpm.sources");
    const double nuisance = run.value(p + "rpm.nuisance_rate") * (run.value(p + "boxes") - sources);
    const double true_alarms = run.value(p + "rpm.detection_rate") * sources;
    check_binomial(p + "rpm.sources_cleared", run.value(p + "rpm.sources_cleared") / true_alarms, true_alarms, 0.1);
    const double cleared = run.value(p + "rpm.cleared_at_primary") * (nuisance + true_alarms);
    check_binomial(p + "nuisance cleared", (cleared - run.value(p + "rpm.sources_cleared")) / nuisance, nuisance,
                   norm_cleared);
    // The rest go on to a secondary bay (2 days; a few may still be with an officer at the horizon).
    const double expected = nuisance * (1 - norm_cleared) + true_alarms * 0.9;
    const double observed = run.value(p + "rpm.secondary_per_day") * 2;
    INFO(p << " sent to secondary: " << observed << ", expected " << expected);
    CHECK(std::abs(observed - expected) <= 4 * std::sqrt(expected) + 2);
    sent += run.value(p + "rpm.secondary_per_day");
    sent_direct += direct.value(p + "rpm.secondary_per_day");
    CHECK(direct.value(p + "rpm.cleared_at_primary") == 0);
  }
  CHECK(sent == Approx(run.value("nii.rpm.secondary_per_day")));
  CHECK(sent_direct == Approx(direct.value("nii.rpm.alarms_per_day")).epsilon(0.01));
  CHECK(sent < 0.5 * sent_direct);
}

TEST_CASE("nii: nii_primary diverts within 80 s at 150-200 units per lane-hour, and loses no box", "[nii]") {
  const auto reps = run_replications("scenarios/nii_primary.yaml", 1, {{"horizon", "4d"}, {"warmup", "12h"}});
  const auto& run = reps.runs[0];
  CHECK(run.value("nii.divert.count") > 150);  // X-ray alarms and direct selections; RPM alarms mostly cleared at primary
  CHECK(run.value("nii.divert.p95") <= 80);
  CHECK(run.value("nii.divert.within_target") >= 0.95);
  for (const std::string lane : {"rpm", "xray"}) {
    INFO(lane);
    CHECK(run.value("nii." + lane + ".units_per_lane_hour") >= 150);
    CHECK(run.value("nii." + lane + ".units_per_lane_hour") <= 200);
  }
  // About 200 primary alarms a day, mostly RPM nuisance alarms on NORM cargo (docs/calibration.md).
  CHECK(run.value("nii.alarms_per_day") > 150);
  CHECK(run.value("nii.alarms_per_day") < 400);
  CHECK(run.value("nii.rpm.alarms_per_day") > 150);
  CHECK(run.value("nii.rpm.alarms_per_day") < 300);
  // Of which 2-3 a day go on to secondary after primary adjudication (about 10 in 3.5 days: Poisson).
  CHECK(run.value("nii.rpm.secondary_per_day") >= 0.5);
  CHECK(run.value("nii.rpm.secondary_per_day") <= 6);

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

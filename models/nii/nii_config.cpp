#include "models/nii/nii_config.hpp"

#include <set>
#include <sstream>

namespace porttwin::nii {

namespace {

std::string number(double x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

void declare_commodity(scenario::Section& s, CommodityConfig& c) {
  s.text("name", c.name, "Commodity class name, unique (used in KPI names)").required();
  s.real("share", c.share, "Weight of the class in the mix of boxes (normalised over the classes)").greater_than(0);
  s.probability("risk", c.risk, "Base risk score of the declared class, before trader trust, targeting and noise");
  s.probability("contraband", c.contraband, "Truth: share of the class's boxes carrying contraband");
  s.probability("radiological", c.radiological, "Truth: share carrying a radiological source");
  s.probability("misdeclared", c.misdeclared, "Truth: share whose cargo differs from the manifest");
  s.probability("nuisance_alarm", c.nuisance_alarm,
                "RPM alarm probability on a box without a source (NORM: tiles, fertiliser: a few % to 1/3)");
  s.probability("source_detection", c.source_detection, "RPM alarm probability on a box carrying a source");
  s.distribution("clean_score", c.clean_score, "X-ray anomaly score of clean cargo, on [0, 1] (draws clamped)")
      .distribution_of(scenario::ValueKind::Real);
  s.distribution("threat_score", c.threat_score,
                 "X-ray anomaly score of contraband, shielded sources and mis-declared cargo, on [0, 1]")
      .distribution_of(scenario::ValueKind::Real);
  s.probability("norm_cleared", c.norm_cleared,
                "Share of RPM alarms on boxes without a source that primary adjudication clears (isotope "
                "estimate and manifest agree on NORM); the rest go to secondary");
  s.probability("source_cleared", c.source_cleared,
                "Share of RPM alarms on boxes with a source that primary adjudication clears (masked by NORM "
                "or shielded: a missed source)");
  s.distribution("ai_clean_score", c.ai_clean_score,
                 "AI pre-classification's score of clean cargo, on [0, 1] (draws clamped); below ai.threshold "
                 "it clears an X-ray alarm")
      .distribution_of(scenario::ValueKind::Real);
  s.distribution("ai_threat_score", c.ai_threat_score,
                 "AI pre-classification's score of contraband, shielded sources and mis-declared cargo, on [0, 1]")
      .distribution_of(scenario::ValueKind::Real);
}

}  // namespace

void declare(scenario::Section& n, NiiConfig& c) {
  n.text("host", c.host, "Platform host of the NII systems (scanners, image review, secondary)");
  n.choice("feed", c.feed, kFeeds,
           "Where boxes come from: standalone (the arrivals below) or terminal (the terminal's discharged "
           "imports; a hold delays their pickup)");
  declare(n.section("arrivals", "Standalone feed: boxes (trucks) arriving at the NII lanes"), c.arrivals);
  n.list("commodities", c.commodities,
         "Declared commodity classes (none: one class `general` with the defaults)", declare_commodity);

  auto& r = n.section("risk", "Risk selection before the scan (selectivity engine)");
  r.probability("trusted_share", c.risk.trusted_share, "Share of boxes from AEO / trusted traders");
  r.probability("trusted_factor", c.risk.trusted_factor, "A trusted trader's risk score is multiplied by this");
  r.probability("intelligence", c.risk.intelligence,
                "Probability that a bad box (contraband, source, mis-declared) carries a targeting hit");
  r.probability("intelligence_boost", c.risk.intelligence_boost, "Score added by a targeting hit");
  r.real("noise_sd", c.risk.noise_sd, "Standard deviation of normal noise on the score").min(0);
  r.probability("scan_above", c.risk.scan_above, "Score at or above which a box is sent to an X-ray scan");
  r.probability("physical_above", c.risk.physical_above,
                "Score at or above which a box goes straight to physical inspection");
  r.probability("random_scan", c.risk.random_scan, "Random control: share of low-score boxes scanned anyway");

  auto& p = n.section("rpm", "Radiation portal monitors (primary, drive-through)");
  p.integer("lanes", c.rpm.lanes, "RPM lanes").range(1, 100);
  p.probability("coverage", c.rpm.coverage, "Share of boxes screened by an RPM (near 100% of the flows named)");
  p.distribution("scan_time", c.rpm.scan_time, "Time a box occupies an RPM lane (150-200 units/h/lane: 18-24 s)");
  auto& j = p.section("adjudication",
                      "Primary adjudication of RPM alarms: officers read the portal's isotope estimate against the "
                      "manifest and clear NORM nuisance alarms; only unresolved alarms go to secondary");
  j.flag("enabled", c.rpm.adjudication.enabled, "Adjudicate at primary (false: every RPM alarm goes to secondary)");
  j.integer("officers", c.rpm.adjudication.officers, "Officers adjudicating alarms at primary").range(1, 500);
  j.distribution("review", c.rpm.adjudication.review, "Time to adjudicate one alarm (the truck waits aside)");

  auto& x = n.section("xray", "X-ray / gamma scanners and image review");
  x.integer("lanes", c.xray.lanes, "Scanner lanes").range(1, 100);
  x.distribution("scan_time", c.xray.scan_time, "Time a box occupies a scanner lane (150-200 units/h/lane)");
  x.real("threshold", c.xray.threshold, "Anomaly score at or above which the image is an alarm (score range [0, 1])")
      .range(0, 1);
  x.integer("analysts", c.xray.analysts, "Image analysts reviewing scans").range(1, 500);
  x.distribution("review", c.xray.review, "Time an analyst needs per image");

  auto& a = n.section("ai", "AI pre-classification: manifest against scan signature");
  a.flag("enabled", c.ai.enabled,
         "Clear X-ray alarms whose AI score (commodities[].ai_clean_score / ai_threat_score) is below the threshold");
  a.probability("threshold", c.ai.threshold,
                "AI score below which an X-ray alarm is cleared (a threat scored below it is let through)");
  a.real("correlation", c.ai.correlation,
         "Correlation of the AI's and the X-ray's normal scores (Gaussian copula): how much the AI sees what the "
         "scanner sees")
      .range(0, 0.99);

  auto& s = n.section("secondary", "Secondary inspection: divert, bays, inspectors");
  s.integer("bays", c.secondary.bays, "Secondary inspection bays").range(1, 500);
  s.integer("inspectors", c.secondary.inspectors, "Inspectors (one per inspection)").range(1, 500);
  s.distribution("divert_travel", c.secondary.divert_travel,
                 "Time from an alarm to the box at the secondary area (notification, escort, drive)");
  s.distribution("radiation_check", c.secondary.radiation_check,
                 "Secondary after an RPM alarm: isotope identification with a handheld");
  s.distribution("devanning", c.secondary.devanning, "Physical inspection: devanning and search");
  s.probability("find", c.secondary.find, "Probability a physical inspection finds what a bad box holds");
  s.duration("target", c.secondary.target, "Divert-time target: alarm to start of secondary (80 s)")
      .greater_than(0);

  auto& t = n.section("terminal", "Terminal feed: which imports are screened, and when");
  t.flag("empties", c.terminal.empties, "Screen empty boxes too");
  t.flag("exports", c.terminal.exports,
         "Screen exports dropped off by trucks too; one not released when its vessel berths is rolled to the "
         "service's next call");
  t.distribution("transfer", c.terminal.transfer, "Time from discharge to presentation at the NII lanes");
}

void check(NiiConfig& c, bool has_terminal, scenario::Diagnostics& d) {
  if (c.feed == "standalone") check(c.arrivals, "nii.arrivals", d);
  if (c.feed == "terminal" && !has_terminal) {
    d.error("nii.feed", "found \"terminal\", expected a scenario with a terminal: section (or feed: standalone)");
  }
  if (c.commodities.empty()) c.commodities.emplace_back();
  std::set<std::string> names;
  for (std::size_t i = 0; i < c.commodities.size(); ++i) {
    const auto& k = c.commodities[i];
    const std::string path = "nii.commodities[" + std::to_string(i) + "]";
    if (!names.insert(k.name).second) d.error(path + ".name", "found \"" + k.name + "\" again, expected a unique name");
    const double bad = k.contraband + k.radiological + k.misdeclared;
    if (bad > 1) {
      d.error(path + ".misdeclared", "found contraband + radiological + misdeclared = " + number(bad) +
                                         ", expected a sum of at most 1");
    }
    for (auto [key, dist] : {std::pair{"clean_score", &k.clean_score}, std::pair{"threat_score", &k.threat_score},
                             std::pair{"ai_clean_score", &k.ai_clean_score},
                             std::pair{"ai_threat_score", &k.ai_threat_score}}) {
      const double m = dist->mean();
      if (m < 0 || m > 1) {
        d.error(path + "." + key, "found a score distribution of mean " + number(m) +
                                      ", expected scores in the score range [0, 1]");
      }
    }
  }
  if (c.risk.physical_above < c.risk.scan_above) {
    d.error("nii.risk.physical_above", "found a value below scan_above, expected physical_above >= scan_above");
  }
}

}  // namespace porttwin::nii

// Non-intrusive inspection's scenario parameters (`nii:` section): where the boxes come from (a
// standalone arrival stream, or the terminal's discharged imports), commodity classes with their
// hidden truth and alarm models, the risk-selection rules, the primary lanes (radiation portal
// monitors, X-ray/gamma scanners, image analysts), optional AI pre-classification and secondary
// inspection. Initial values are the documented defaults (docs/scenario-reference.md); their sources
// are in docs/calibration.md (NII figures).
#pragma once

#include <string>
#include <vector>

#include "sim/engine/arrival_process.hpp"
#include "sim/random/distribution.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/schema.hpp"

namespace porttwin::nii {

inline const std::vector<std::string> kFeeds = {"standalone", "terminal"};

// One declared commodity class: its share of the boxes, what its boxes really hold, and how the
// sensors respond to it. X-ray anomaly scores live on [0, 1] (draws are clamped to it).
struct CommodityConfig {
  std::string name = "general";
  double share = 1;                 // weight in the mix of boxes
  double risk = 0.2;                // base risk score of the declared class, [0, 1]
  double contraband = 0.005;        // truth: share of boxes carrying contraband
  double radiological = 0.0002;     // truth: share carrying a radiological source
  double misdeclared = 0.01;        // truth: share whose cargo is not what the manifest says
  double nuisance_alarm = 0.02;     // RPM alarm probability on a box without a source (NORM)
  double source_detection = 0.9;    // RPM alarm probability on a box with a source
  Distribution clean_score = Distribution::truncated_normal(0.3, 0.12);   // X-ray score, clean cargo
  Distribution threat_score = Distribution::truncated_normal(0.72, 0.15); // contraband, source, mis-declared
  // Primary adjudication of an RPM alarm (the spectroscopic portal's isotope estimate and the
  // manifest): the share of alarms cleared there, of boxes without a source (NORM nuisance) and of
  // boxes with one (masked by NORM or shielded: a miss).
  double norm_cleared = 0.97;
  double source_cleared = 0.05;
  // The AI's own score of the box, on [0, 1] (draws clamped), for clean and for bad cargo.
  Distribution ai_clean_score = Distribution::truncated_normal(0.3, 0.15);
  Distribution ai_threat_score = Distribution::truncated_normal(0.75, 0.15);
};

struct RiskConfig {
  double trusted_share = 0.3;       // boxes of AEO / trusted traders
  double trusted_factor = 0.5;      // their score is multiplied by this
  double intelligence = 0.5;        // probability a bad box carries a targeting hit (manifest, intelligence)
  double intelligence_boost = 0.4;  // added to the score on a hit
  double noise_sd = 0.1;            // normal noise on the score (imperfect profiling)
  double scan_above = 0.3;          // score at or above: X-ray scan
  double physical_above = 0.85;     // score at or above: direct physical inspection
  double random_scan = 0.03;        // random control: share of the others scanned anyway
};

// Officers at primary who adjudicate an RPM alarm before anything is sent to secondary.
struct AdjudicationConfig {
  bool enabled = true;              // false: every RPM alarm goes to secondary isotope identification
  int officers = 2;
  Distribution review = Distribution::lognormal(180, 0.5);  // spectrum, manifest and decision
};

struct RpmConfig {
  int lanes = 2;
  double coverage = 0.99;           // share of boxes screened (near 100% of the flows named)
  Distribution scan_time = Distribution::lognormal(20, 0.2);  // ~180 units/h/lane
  AdjudicationConfig adjudication;
};

struct XrayConfig {
  int lanes = 2;
  Distribution scan_time = Distribution::lognormal(21, 0.2);  // ~170 units/h/lane
  double threshold = 0.55;          // anomaly score at or above: alarm
  int analysts = 2;                 // image analysts reviewing scans
  Distribution review = Distribution::lognormal(60, 0.5);
};

// AI pre-classification: a second classifier with its own scores (per class), correlated with the
// X-ray score through a Gaussian copula; it clears an X-ray alarm whose AI score is below the
// threshold, true alarms included (it never sees the truth).
struct AiConfig {
  bool enabled = false;
  double threshold = 0.42;
  double correlation = 0.5;         // of the two scores' normal scores, in [0, 1)
};

struct SecondaryConfig {
  int bays = 4;
  int inspectors = 6;
  Distribution divert_travel = Distribution::uniform(25, 55);   // alarm to the secondary area
  Distribution radiation_check = Distribution::lognormal(600, 0.4);  // isotope identification
  Distribution devanning = Distribution::lognormal(5400, 0.4);  // physical inspection, devanning
  double find = 0.95;               // a physical inspection finds what a bad box holds
  double target = 80;               // divert-time target
};

struct TerminalFeedConfig {
  bool empties = false;                                          // screen empty boxes too
  bool exports = false;                                          // screen exports dropped off by trucks
  Distribution transfer = Distribution::uniform(1800, 4 * 3600.0);  // discharge to the scanners
};

struct NiiConfig {
  std::string host = "nii";
  std::string feed = "standalone";
  ArrivalConfig arrivals;
  std::vector<CommodityConfig> commodities;
  RiskConfig risk;
  RpmConfig rpm;
  XrayConfig xray;
  AiConfig ai;
  SecondaryConfig secondary;
  TerminalFeedConfig terminal;
};

void declare(scenario::Section& nii, NiiConfig& config);
// What one key alone cannot check: unique class names, truth shares summing to at most 1, score
// distributions inside [0, 1], physical_above >= scan_above, a terminal section for feed: terminal.
void check(NiiConfig& config, bool has_terminal, scenario::Diagnostics& diagnostics);

}  // namespace porttwin::nii

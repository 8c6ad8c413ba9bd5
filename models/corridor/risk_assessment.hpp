// Risk-based customs along the corridor (UNI-PASS-style selectivity; WCO study report, chapters
// 7-9): at sealing, each trip is assessed green (document check only), yellow (documents and a seal
// check) or red (physical inspection), from what customs knows: the trader's trust level (AEO or
// not), the declared commodity (the flow's risk factor), the vehicle's and the driver's violation
// history over the run, and intelligence hits. The level applies at departure, at every border and
// at the destination, together with the trip's alarms. Inspections find an attack with a
// probability per attack kind and inspection type (documentary, seal check, NII scan, physical);
// a missed attack is recorded as missed.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <unordered_map>

#include "models/corridor/record/corridor_names.hpp"
#include "sim/random/stream.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/schema.hpp"

namespace porttwin::corridor {

enum class RiskLevel : std::uint8_t { Green = 0, Yellow = 1, Red = 2 };
inline constexpr std::array<std::string_view, 3> kRiskLevelNames = {"green", "yellow", "red"};

enum class InspectionType : std::uint8_t { Documentary = 0, SealCheck = 1, NiiScan = 2, Physical = 3 };
inline constexpr std::size_t kInspectionTypes = 4;
inline constexpr std::array<std::string_view, kInspectionTypes> kInspectionTypeNames = {"documentary", "seal_check",
                                                                                       "nii_scan", "physical"};

struct SelectivityShares {
  double yellow = 0.1;
  double red = 0.03;
};

// Probability that an inspection of each type finds an attack of one kind that has happened.
struct FindProbabilities {
  double documentary = 0, seal_check = 0.5, nii_scan = 0.5, physical = 0.9;
  double of(InspectionType type) const;
};

struct RiskConfig {
  // Selection shares of trips without history or intelligence: trusted traders (AEO) and the rest.
  SelectivityShares trusted{0.02, 0.005};
  SelectivityShares untrusted{0.15, 0.05};
  int history_red = 1;              // violations of the vehicle or the driver that make a trip red (0: never)
  double intelligence_hit = 0.3;    // an attack planned on the trip is known beforehand (red)
  double intelligence_false = 0.002;  // a trip without one is flagged anyway (red)
  // Per attack kind (AttackKind order, none excluded): what each inspection type finds.
  std::array<FindProbabilities, kAttackKinds> find{};
  RiskConfig();
};

void declare(scenario::Section& risk, RiskConfig& config);
void check(const RiskConfig& config, const std::string& path, scenario::Diagnostics& d);

// The assessment and the violation history it draws on (plain data; the corridor model calls it).
class RiskAssessment {
 public:
  explicit RiskAssessment(const RiskConfig& config) : config_(config) {}
  // The level of a trip at sealing: `trusted` trader, the flow's commodity `factor`, `attacked`
  // (the truth: an intelligence hit is a noisy signal of it, as a real tip-off is), the vehicle's
  // and driver's keys in the history. Draws two numbers from `stream` for every trip.
  RiskLevel assess(bool trusted, double factor, bool attacked, std::uint64_t vehicle, std::uint64_t driver,
                   rng::Stream& stream) const;
  // An inspection of `type` on an attack of `kind` that has happened: found or missed (one draw).
  bool finds(AttackKind kind, InspectionType type, rng::Stream& stream) const;
  // A confirmed finding on the trip of this vehicle and driver.
  void violation(std::uint64_t vehicle, std::uint64_t driver);
  int violations(std::uint64_t key) const;

 private:
  const RiskConfig& config_;
  std::unordered_map<std::uint64_t, int> history_;  // vehicle and driver keys -> violations
};

}  // namespace porttwin::corridor

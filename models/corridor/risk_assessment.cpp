#include "models/corridor/risk_assessment.hpp"

#include <algorithm>

namespace porttwin::corridor {

double FindProbabilities::of(InspectionType type) const {
  switch (type) {
    case InspectionType::Documentary: return documentary;
    case InspectionType::SealCheck: return seal_check;
    case InspectionType::NiiScan: return nii_scan;
    case InspectionType::Physical: return physical;
  }
  return 0;
}

// Defaults (illustrative: no published find rates by inspection type were found; sweep them): a
// seal check reads the device and sees a removed, destroyed or bagged one; a scan sees a swapped
// load; a physical inspection finds most of what was done to the load, least of a jamming episode.
RiskConfig::RiskConfig() {
  auto set = [this](AttackKind k, FindProbabilities p) { find[static_cast<std::size_t>(k)] = p; };
  set(AttackKind::DoorOpening, {0.05, 0.6, 0.7, 0.95});
  set(AttackKind::FaradayBag, {0.0, 0.8, 0.5, 0.95});
  set(AttackKind::DeviceRemoval, {0.0, 0.95, 0.3, 0.99});
  set(AttackKind::RouteDeviation, {0.1, 0.2, 0.5, 0.8});
  set(AttackKind::ClonedDevice, {0.0, 0.5, 0.4, 0.9});
  set(AttackKind::GpsJamming, {0.0, 0.2, 0.3, 0.7});
  set(AttackKind::DeviceDestruction, {0.0, 0.98, 0.3, 0.99});
  set(AttackKind::BagOff, {0.0, 0.0, 0.0, 0.0});  // leaves nothing behind: what the bag hid is another step's
  set(AttackKind::HingeRemoval, {0.05, 0.05, 0.7, 0.9});  // the seal is intact: a seal check sees (almost) nothing
}

namespace {

void declare_shares(scenario::Section& s, SelectivityShares& c) {
  s.probability("yellow", c.yellow, "Share of trips assessed yellow: documents and a seal check");
  s.probability("red", c.red, "Share of trips assessed red: a physical inspection");
}

void declare_find(scenario::Section& s, FindProbabilities& c) {
  s.probability("documentary", c.documentary, "A document check finds it");
  s.probability("seal_check", c.seal_check, "A seal (device) check finds it");
  s.probability("nii_scan", c.nii_scan, "An NII scan finds it");
  s.probability("physical", c.physical, "A physical inspection finds it");
}

}  // namespace

void declare(scenario::Section& s, RiskConfig& c) {
  declare_shares(s.section("trusted", "Selectivity of trusted traders' trips (AEO), without history or intelligence"),
                 c.trusted);
  declare_shares(s.section("untrusted", "Selectivity of the other traders' trips, without history or intelligence"),
                 c.untrusted);
  s.integer("history_red", c.history_red,
            "Violations found on a vehicle's or driver's earlier trips of the run that make its next trips red "
            "(0: history ignored)")
      .min(0);
  s.probability("intelligence_hit", c.intelligence_hit,
                "Share of attacked trips customs has a tip-off on before departure (assessed red)");
  s.probability("intelligence_false", c.intelligence_false,
                "Share of trips without an attack flagged by intelligence anyway (assessed red)");
  auto& find = s.section("find", "Probability that an inspection finds an attack that has happened, per attack "
                                 "kind and inspection type (illustrative defaults: sweep them)");
  for (std::size_t k = 1; k < kAttackKinds; ++k) {
    if (static_cast<AttackKind>(k) == AttackKind::BagOff) continue;  // leaves nothing to find
    declare_find(find.section(std::string(kAttackNames[k]), "Inspections finding " + std::string(kAttackNames[k])),
                 c.find[k]);
  }
}

void check(const RiskConfig& c, const std::string& path, scenario::Diagnostics& d) {
  for (const auto& [name, shares] : {std::pair{"trusted", c.trusted}, std::pair{"untrusted", c.untrusted}}) {
    if (shares.yellow + shares.red > 1) {
      d.error(path + "." + name + ".red", "yellow and red shares add up to more than 1");
    }
  }
}

RiskLevel RiskAssessment::assess(bool trusted, double factor, bool attacked, std::uint64_t vehicle,
                                 std::uint64_t driver, rng::Stream& stream) const {
  const double tip = stream.uniform01(), u = stream.uniform01();  // both drawn: common random numbers
  if (tip < (attacked ? config_.intelligence_hit : config_.intelligence_false)) return RiskLevel::Red;
  if (config_.history_red > 0 &&
      std::max(violations(vehicle), violations(driver)) >= config_.history_red) {
    return RiskLevel::Red;
  }
  const SelectivityShares& s = trusted ? config_.trusted : config_.untrusted;
  if (u < std::min(1.0, s.red * factor)) return RiskLevel::Red;
  if (u < std::min(1.0, (s.red + s.yellow) * factor)) return RiskLevel::Yellow;
  return RiskLevel::Green;
}

bool RiskAssessment::finds(AttackKind kind, InspectionType type, rng::Stream& stream) const {
  return stream.bernoulli(config_.find[static_cast<std::size_t>(kind)].of(type));
}

void RiskAssessment::violation(std::uint64_t vehicle, std::uint64_t driver) {
  ++history_[vehicle];
  if (driver != vehicle) ++history_[driver];
}

int RiskAssessment::violations(std::uint64_t key) const {
  const auto it = history_.find(key);
  return it == history_.end() ? 0 : it->second;
}

}  // namespace porttwin::corridor

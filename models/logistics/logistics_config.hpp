// Device logistics on the corridor (`corridor.logistics:` section): the store of devices each customs
// station holds, what a trip does when its origin has none ready, how devices come back after a trip
// (domestic, cross-border one-way, cross-border two-way), charging, faults, ageing and losses, and
// the dispatch policy that rebalances stores. The WCO study report 2025 (7.2 "D. Return logistics")
// asks for exactly this: dispatching based on business volume and a dynamic security inventory.
// Initial values are the documented defaults (docs/scenario-reference.md).
#pragma once

#include <string>
#include <vector>

#include "sim/random/distribution.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/schema.hpp"

namespace porttwin::logistics {

inline const std::vector<std::string> kReturnVariants = {"domestic", "one_way", "two_way"};
inline const std::vector<std::string> kStockoutActions = {"wait", "escort", "mechanical_seal", "unsupervised"};
inline const std::vector<std::string> kFallbacks = {"escort", "mechanical_seal", "unsupervised"};
inline const std::vector<std::string> kDispatchPolicies = {"none", "periodic", "reorder", "optimised"};

struct StoreConfig {
  scenario::NameRef station;
  scenario::NameRef device;
  int initial = 50;        // devices ready at the start
  int capacity = 10000;    // devices the store can hold in any state (ready, charging, faulty)
  int chargers = 10;       // charging slots
  int level = -1;          // target stock for periodic and optimised dispatch; -1: `initial`
  int reorder_point = 0;   // (s, S): order when ready + charging + on order <= s
  int order_up_to = -1;    // S; -1: `level`
};

inline constexpr double kDefaultLoss = 0.0005;  // per trip: the device is lost (stolen, destroyed, not returned)

struct RouteReturnConfig {
  scenario::NameRef route;
  std::string variant = "domestic";
  double loss = kDefaultLoss;
};

struct StockoutConfig {
  std::string action = "wait";          // what a trip finding no ready device does
  double max_wait = 4 * 3600.0;         // s a waiting trip waits before its fallback
  std::string fallback = "unsupervised";
  double escort_cost = 150;             // USD per escorted trip
  double mechanical_seal_cost = 2;      // USD per mechanical seal
};

struct ChargingConfig {
  double rate = 1.0;         // Ah per hour a charger puts in (charge time = (capacity - charge) / rate)
  double check_in = 600;     // s to check a returned device in (inspection, data download)
};

struct FaultConfig {
  double probability = 0.002;                                   // per trip: found faulty at check-in
  Distribution repair = Distribution::lognormal(3 * 86400.0, 0.5);
  double write_off = 0.2;                                       // share of faulty devices not worth repairing
};

struct AgeingConfig {
  double fade_per_cycle = 0.0005;  // share of nominal capacity lost per charge cycle
  double end_of_life = 0.6;        // written off below this share of nominal capacity
};

struct ReturnsConfig {
  double batch_interval = 86400;   // s between batch returns of one-way devices
  int batch_capacity = 200;        // devices per batch vehicle
  Distribution turnaround = Distribution::lognormal(12 * 3600.0, 0.5);  // two-way: unloading to return departure
  double speed = 60;               // km/h of return vehicles
  Distribution border_handling = Distribution::lognormal(2 * 3600.0, 0.5);  // temporary admission of empty devices
};

struct DispatchConfig {
  std::string policy = "none";
  double review_period = 86400;  // s between dispatch reviews (periodic, optimised; reorder retries)
  int vehicles = 4;              // dispatch vehicles (a shipment takes ceil(devices / capacity) of them)
  int vehicle_capacity = 200;    // devices per vehicle
  double speed = 60;             // km/h
  double road_factor = 1.3;      // road km per great-circle km between stations no route links
  double cost_per_km = 1.5;      // USD per vehicle-km
  double cost_per_vehicle = 50;  // USD per vehicle dispatched
  double safety = 1.645;         // optimised: safety stock in standard deviations of Poisson demand
  double smoothing = 0.3;        // optimised: weight of the last review's observed demand in the forecast
  double max_lead = 2 * 86400.0; // optimised: no shipment that takes longer; also the forecast window's lead part
};

struct LogisticsConfig {
  std::vector<StoreConfig> stores;
  std::vector<RouteReturnConfig> routes;  // routes not listed are domestic with the default loss
  StockoutConfig stockout;
  ChargingConfig charging;
  FaultConfig faults;
  AgeingConfig ageing;
  ReturnsConfig returns;
  DispatchConfig dispatch;
};

void declare(scenario::Section& logistics, LogisticsConfig& config);
// Resolves store and route references against the corridor's names and checks what one key alone
// cannot: one store per (station, device), initial stock within capacity, S >= s.
void check(LogisticsConfig& config, const std::vector<std::string>& stations, const std::vector<std::string>& devices,
           const std::vector<std::string>& routes, scenario::Diagnostics& diagnostics);

}  // namespace porttwin::logistics

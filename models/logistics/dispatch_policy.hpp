// The dispatch policies as plans computed from a snapshot of the stores: which store sends how many
// ready devices to which. Pure functions, so each policy is tested on cases worked by hand; the
// runtime (device_logistics) takes the snapshot, ships what the vehicles can carry and times it.
//   periodic   stock above a store's level goes to the stores below theirs, largest need first, from
//              the nearest store with stock to spare;
//   reorder    (s, S): a store whose position (ready + charging + on order) is at or below s orders
//              S - position from the stores with stock above their level, nearest first;
//   optimised  each store's need over the coming review period and lead time is forecast from the
//              business volume: demand per day (smoothed with what was observed) less the domestic
//              inflow (never below zero), plus a Poisson safety stock and the trips already waiting,
//              less what is charging or on order there. Devices on one-way and two-way loops get no credit: they come back
//              in batches whose timing the store does not know, and the stock must last until then.
//              Surpluses cover needs at least cost (rebalancing.hpp).
#pragma once

#include <vector>

#include "models/logistics/logistics_config.hpp"
#include "models/logistics/rebalancing.hpp"

namespace porttwin::logistics {

struct StoreView {
  int device = 0;          // device type: devices only move between stores of one type
  int ready = 0;
  int pipeline = 0;        // checked in and charging here, plus dispatched towards it
  int waiting = 0;         // trips waiting for a device
  int held = 0;            // devices at the store in any state (capacity applies)
  int capacity = 0;
  int level = 0;
  int reorder_point = 0;
  int order_up_to = 0;
  double demand_per_day = 0;  // devices leaving on trips
  double inflow_per_day = 0;  // devices arriving from domestic trips ending here
};

struct DispatchSnapshot {
  std::vector<StoreView> stores;
  std::vector<std::vector<double>> km;  // between stores, by road
  std::vector<std::vector<double>> hours;  // travel time of a dispatch vehicle, including border handling
};

// Devices to order under (s, S), 0 when position > s.
int reorder_quantity(int position, int reorder_point, int order_up_to);

std::vector<Shipment> periodic_plan(const DispatchSnapshot& snapshot);
// The order of store `store` (empty when it need not order or nobody has stock to spare).
std::vector<Shipment> reorder_plan(const DispatchSnapshot& snapshot, int store);
// `window_days`: the forecast covers this many days (review period plus lead time).
std::vector<Shipment> optimised_plan(const DispatchSnapshot& snapshot, const DispatchConfig& config,
                                     double window_days, int free_vehicles);

}  // namespace porttwin::logistics

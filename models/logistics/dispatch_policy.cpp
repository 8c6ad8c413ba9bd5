#include "models/logistics/dispatch_policy.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace porttwin::logistics {

namespace {

int spare(const StoreView& s) { return std::max(0, s.ready - s.level); }
int room(const StoreView& s) { return std::max(0, s.capacity - s.held); }

// Stores of the same device type as `to` with stock to spare, nearest first.
std::vector<int> suppliers_by_distance(const DispatchSnapshot& snap, int to, const std::vector<int>& left) {
  std::vector<int> out;
  for (std::size_t i = 0; i < snap.stores.size(); ++i) {
    if (static_cast<int>(i) != to && snap.stores[i].device == snap.stores[static_cast<std::size_t>(to)].device &&
        left[i] > 0) {
      out.push_back(static_cast<int>(i));
    }
  }
  std::stable_sort(out.begin(), out.end(), [&](int a, int b) {
    return snap.km[static_cast<std::size_t>(a)][static_cast<std::size_t>(to)] <
           snap.km[static_cast<std::size_t>(b)][static_cast<std::size_t>(to)];
  });
  return out;
}

// Fills `need` at store `to` from the suppliers' `left` stock, nearest first.
void fill(const DispatchSnapshot& snap, int to, int need, std::vector<int>& left, std::vector<Shipment>& plan) {
  for (int from : suppliers_by_distance(snap, to, left)) {
    if (need <= 0) break;
    const int n = std::min(need, left[static_cast<std::size_t>(from)]);
    left[static_cast<std::size_t>(from)] -= n;
    need -= n;
    plan.push_back({from, to, n});
  }
}

}  // namespace

int reorder_quantity(int position, int reorder_point, int order_up_to) {
  return position <= reorder_point ? std::max(0, order_up_to - position) : 0;
}

std::vector<Shipment> periodic_plan(const DispatchSnapshot& snap) {
  const std::size_t n = snap.stores.size();
  std::vector<int> left(n), need(n);
  for (std::size_t i = 0; i < n; ++i) {
    const StoreView& s = snap.stores[i];
    left[i] = spare(s);
    need[i] = std::min(room(s), std::max(0, s.level - s.ready - s.pipeline));
  }
  std::vector<int> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return need[static_cast<std::size_t>(a)] > need[static_cast<std::size_t>(b)]; });
  std::vector<Shipment> plan;
  for (int to : order) {
    if (need[static_cast<std::size_t>(to)] > 0) fill(snap, to, need[static_cast<std::size_t>(to)], left, plan);
  }
  return plan;
}

std::vector<Shipment> reorder_plan(const DispatchSnapshot& snap, int store) {
  const StoreView& s = snap.stores[static_cast<std::size_t>(store)];
  const int q = std::min(room(s), reorder_quantity(s.ready + s.pipeline, s.reorder_point, s.order_up_to));
  std::vector<Shipment> plan;
  if (q <= 0) return plan;
  std::vector<int> left(snap.stores.size());
  for (std::size_t i = 0; i < snap.stores.size(); ++i) left[i] = spare(snap.stores[i]);
  fill(snap, store, q, left, plan);
  return plan;
}

std::vector<Shipment> optimised_plan(const DispatchSnapshot& snap, const DispatchConfig& config, double window_days,
                                     int free_vehicles) {
  const std::size_t n = snap.stores.size();
  RebalanceProblem problem;
  problem.balance.assign(n, 0);
  problem.cost.assign(n, std::vector<double>(n, -1));
  problem.arc_capacity = free_vehicles * config.vehicle_capacity;
  const double max_lead_hours = config.max_lead / 3600.0;
  for (std::size_t i = 0; i < n; ++i) {
    const StoreView& s = snap.stores[i];
    const double demand = s.demand_per_day * window_days;
    // A store whose inflow outpaces its demand still keeps its safety stock: the inflow comes in
    // bursts and through check-in and charging.
    const double need = std::max(0.0, demand - s.inflow_per_day * window_days) + config.safety * std::sqrt(demand) +
                        s.waiting - s.pipeline;
    const double balance = s.ready - need;
    problem.balance[i] = balance > 0 ? std::min(s.ready, static_cast<int>(std::floor(balance)))
                                     : -std::min(room(s), static_cast<int>(std::ceil(-balance)));
    for (std::size_t j = 0; j < n; ++j) {
      if (i == j || snap.stores[j].device != s.device || snap.hours[i][j] > max_lead_hours) continue;
      // A vehicle's fixed cost and both legs' km, shared by a full load.
      problem.cost[i][j] = (config.cost_per_vehicle + 2 * config.cost_per_km * snap.km[i][j]) / config.vehicle_capacity;
    }
  }
  return rebalance(problem);
}

}  // namespace porttwin::logistics

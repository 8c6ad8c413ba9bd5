// Moving devices from stores with a surplus to stores with a deficit at least cost: a
// transportation problem solved as a min-cost flow with LEMON's network simplex. Supplies and
// demands need not balance: what cannot be covered is left uncovered (each uncovered device costs
// `shortage_cost`, far above any transport cost, so as much is covered as the arcs allow), and
// surplus nobody needs stays where it is.
#pragma once

#include <vector>

namespace porttwin::logistics {

struct Shipment {
  int from = 0;
  int to = 0;
  int devices = 0;
  bool operator==(const Shipment&) const = default;
};

struct RebalanceProblem {
  std::vector<int> balance;                 // per store: > 0 devices it can give, < 0 devices it needs
  std::vector<std::vector<double>> cost;    // per device from store i to store j; < 0: no arc
  int arc_capacity = -1;                    // most devices on one arc; -1: unlimited
  double shortage_cost = 1e6;
};

// The shipments of a least-cost plan (std::invalid_argument on inconsistent sizes). Integral:
// network simplex on integer supplies gives an integral optimum.
std::vector<Shipment> rebalance(const RebalanceProblem& problem);

}  // namespace porttwin::logistics

#include "models/logistics/rebalancing.hpp"

#include <cmath>
#include <numeric>
#include <stdexcept>

#include <lemon/list_graph.h>
#include <lemon/network_simplex.h>

namespace porttwin::logistics {

namespace {

using Graph = lemon::ListDigraph;
using Amount = long long;
// Network simplex wants integer costs: costs in thousandths of their unit.
Amount scaled(double cost) { return std::llround(cost * 1000); }

}  // namespace

std::vector<Shipment> rebalance(const RebalanceProblem& p) {
  const std::size_t n = p.balance.size();
  if (p.cost.size() != n) throw std::invalid_argument("rebalance: cost matrix and balances differ in size");
  for (const auto& row : p.cost) {
    if (row.size() != n) throw std::invalid_argument("rebalance: the cost matrix is not square");
  }
  Graph g;
  std::vector<Graph::Node> store;
  for (std::size_t i = 0; i < n; ++i) store.push_back(g.addNode());
  const Graph::Node slack = g.addNode();  // takes unused surplus, supplies uncovered need
  Graph::NodeMap<Amount> supply(g, 0);
  Graph::ArcMap<Amount> upper(g), cost(g);
  Amount total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    supply[store[i]] = p.balance[i];
    total += p.balance[i];
  }
  supply[slack] = -total;
  const Amount unlimited = std::accumulate(p.balance.begin(), p.balance.end(), Amount{0},
                                           [](Amount a, int b) { return a + std::abs(b); });
  struct Real {
    Graph::Arc arc;
    int from, to;
  };
  std::vector<Real> reals;
  for (std::size_t i = 0; i < n; ++i) {
    if (p.balance[i] > 0) {
      const auto stay = g.addArc(store[i], slack);
      upper[stay] = unlimited;
      cost[stay] = 0;
    } else if (p.balance[i] < 0) {
      const auto uncovered = g.addArc(slack, store[i]);
      upper[uncovered] = unlimited;
      cost[uncovered] = scaled(p.shortage_cost);
    }
    for (std::size_t j = 0; j < n; ++j) {
      if (i == j || p.balance[i] <= 0 || p.balance[j] >= 0 || p.cost[i][j] < 0) continue;
      const auto arc = g.addArc(store[i], store[j]);
      upper[arc] = p.arc_capacity < 0 ? unlimited : p.arc_capacity;
      cost[arc] = scaled(p.cost[i][j]);
      reals.push_back({arc, static_cast<int>(i), static_cast<int>(j)});
    }
  }
  lemon::NetworkSimplex<Graph, Amount, Amount> simplex(g);
  simplex.upperMap(upper).costMap(cost).supplyMap(supply);
  if (simplex.run() != lemon::NetworkSimplex<Graph, Amount, Amount>::OPTIMAL) {
    throw std::logic_error("rebalance: the min-cost flow has no optimum (it always should)");
  }
  std::vector<Shipment> out;
  for (const Real& r : reals) {
    const Amount flow = simplex.flow(r.arc);
    if (flow > 0) out.push_back({r.from, r.to, static_cast<int>(flow)});
  }
  return out;
}

}  // namespace porttwin::logistics

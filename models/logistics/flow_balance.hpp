// What the business volume does to device stocks, from the rates at which trips (with their
// returns) carry devices from store to store: the imbalance vector (net inflow per store, devices
// per day: > 0 piles up, < 0 runs dry) and the stationary distribution of a device's location (the
// share of its store visits at each store in the long run), computed with Eigen.
#pragma once

#include <Eigen/Dense>

namespace porttwin::logistics {

// rates(i, j): devices per day leaving store i that next reach store j.
Eigen::VectorXd net_inflow(const Eigen::MatrixXd& rates);

// The stationary distribution of the chain with transition matrix rates / row sums (a store no
// device leaves keeps its devices). Sums to 1; for a chain with several closed classes, the one the
// least-squares solve of pi (P - I) = 0, sum(pi) = 1 returns.
Eigen::VectorXd stationary_distribution(const Eigen::MatrixXd& rates);

}  // namespace porttwin::logistics

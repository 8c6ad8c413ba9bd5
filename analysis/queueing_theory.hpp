#pragma once
// Closed-form queueing results that the validation tests compare the simulator against.

#include <Eigen/Dense>

#include <vector>

namespace porttwin::theory {

// Wq mean wait in queue, W mean sojourn (wait + service), Lq and L the mean numbers waiting / in system.
struct QueueMetrics {
  double utilisation, wait_probability, Wq, W, Lq, L;
};

// P(all busy) for M/G/c/c (Erlang's loss formula, insensitive to the service distribution) with
// offered load a = lambda*E[S], by the recursion B(k) = a B(k-1) / (k + a B(k-1)). servers < 0 or
// a < 0 throws.
double erlang_b(int servers, double offered_load);

// P(wait) for M/M/c with offered load a = lambda*E[S], through the Erlang B recursion (no factorials,
// no overflow). Returns 1 when a >= servers (unstable: everyone waits). servers < 1 or a < 0 throws.
double erlang_c(int servers, double offered_load);

// M/M/c. std::invalid_argument if rho = lambda*E[S]/c >= 1, lambda < 0, E[S] <= 0 or servers < 1.
QueueMetrics mmc(double lambda, double mean_service, int servers);

// M/G/1 by Pollaczek-Khinchine (M/D/1: variance 0); wait_probability = rho (PASTA).
// Same argument checks as mmc, plus service_variance >= 0.
QueueMetrics mg1(double lambda, double mean_service, double service_variance);

// Open Jackson network: Poisson arrivals from outside, Markov routing, exponential service.
struct JacksonNetwork {
  Eigen::VectorXd external_arrivals;
  Eigen::MatrixXd routing;  // routing(i,j) = P(i -> j); 1 - row sum leaves the network
  std::vector<double> mean_service;
  std::vector<int> servers;
};

struct JacksonSolution {
  Eigen::VectorXd arrival_rates;
  std::vector<QueueMetrics> stations;
  double L = 0;
  double W = 0;  // network totals; W = L / total external rate (Little); 0 with no external arrivals
};

// Solves the traffic equations lambda = gamma + R^T lambda, then each station as M/M/c.
// std::invalid_argument on mismatched sizes, negative rates, a routing row that is not
// sub-stochastic, routing from which customers can never leave, or a saturated station.
JacksonSolution solve_jackson(const JacksonNetwork& net);

}  // namespace porttwin::theory

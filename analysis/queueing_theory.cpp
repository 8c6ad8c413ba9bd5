#include "analysis/queueing_theory.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace porttwin::theory {

namespace {

void require(bool condition, const std::string& message) {
  if (!condition) throw std::invalid_argument(message);
}

void require_queue_arguments(const char* model, double lambda, double mean_service, int servers) {
  const std::string name = model;
  require(std::isfinite(lambda) && lambda >= 0, name + ": arrival rate must be finite and >= 0");
  require(std::isfinite(mean_service) && mean_service > 0, name + ": mean service time must be positive");
  require(servers >= 1, name + ": need at least one server");
  const double rho = lambda * mean_service / servers;
  require(rho < 1, name + ": unstable, utilisation " + std::to_string(rho) + " >= 1");
}

// Slack for routing rows written as decimal fractions that add up to 1 only up to rounding.
constexpr double routing_tolerance = 1e-12;

void validate_network(const JacksonNetwork& net) {
  const auto n = net.external_arrivals.size();
  require(n > 0, "jackson: the network has no station");
  require(net.routing.rows() == n && net.routing.cols() == n, "jackson: routing must be n x n for n stations");
  require(static_cast<Eigen::Index>(net.mean_service.size()) == n, "jackson: one mean service time per station");
  require(static_cast<Eigen::Index>(net.servers.size()) == n, "jackson: one server count per station");
  require((net.external_arrivals.array() >= 0).all() && net.external_arrivals.allFinite(),
          "jackson: external arrival rates must be finite and >= 0");
  require((net.routing.array() >= 0).all() && net.routing.allFinite(), "jackson: routing probabilities must be >= 0");
  for (Eigen::Index i = 0; i < n; ++i)
    require(net.routing.row(i).sum() <= 1 + routing_tolerance,
            "jackson: routing row " + std::to_string(i) + " sums to more than 1");
}

Eigen::VectorXd solve_traffic_equations(const JacksonNetwork& net) {
  const auto n = net.external_arrivals.size();
  const Eigen::MatrixXd system = Eigen::MatrixXd::Identity(n, n) - net.routing.transpose();
  const auto decomposition = system.colPivHouseholderQr();
  // Singular when a set of stations routes only among itself: customers entering it never leave.
  require(decomposition.isInvertible(), "jackson: some customers can never leave the network");
  return decomposition.solve(net.external_arrivals);
}

}  // namespace

double erlang_b(int servers, double offered_load) {
  require(servers >= 0, "erlang_b: the number of servers must be >= 0");
  require(std::isfinite(offered_load) && offered_load >= 0, "erlang_b: offered load must be finite and >= 0");
  double blocking = 1;  // with 0 servers
  for (int k = 1; k <= servers; ++k) blocking = offered_load * blocking / (k + offered_load * blocking);
  return blocking;
}

double erlang_c(int servers, double offered_load) {
  require(servers >= 1, "erlang_c: need at least one server");
  require(std::isfinite(offered_load) && offered_load >= 0, "erlang_c: offered load must be finite and >= 0");
  if (offered_load >= servers) return 1;
  const double blocking = erlang_b(servers, offered_load);
  return servers * blocking / (servers - offered_load * (1 - blocking));
}

QueueMetrics mmc(double lambda, double mean_service, int servers) {
  require_queue_arguments("mmc", lambda, mean_service, servers);
  const double load = lambda * mean_service;
  const double rho = load / servers;
  const double wait_probability = erlang_c(servers, load);
  // Wq written without dividing by lambda, so lambda = 0 is fine.
  const double Wq = wait_probability * mean_service / (servers * (1 - rho));
  const double Lq = wait_probability * rho / (1 - rho);
  return QueueMetrics{rho, wait_probability, Wq, Wq + mean_service, Lq, Lq + load};
}

QueueMetrics mg1(double lambda, double mean_service, double service_variance) {
  require_queue_arguments("mg1", lambda, mean_service, 1);
  require(std::isfinite(service_variance) && service_variance >= 0, "mg1: service variance must be >= 0");
  const double rho = lambda * mean_service;
  const double second_moment = service_variance + mean_service * mean_service;
  const double Wq = lambda * second_moment / (2 * (1 - rho));
  const double Lq = lambda * Wq;
  return QueueMetrics{rho, rho, Wq, Wq + mean_service, Lq, Lq + rho};
}

JacksonSolution solve_jackson(const JacksonNetwork& net) {
  validate_network(net);
  JacksonSolution solution;
  solution.arrival_rates = solve_traffic_equations(net);
  for (Eigen::Index i = 0; i < solution.arrival_rates.size(); ++i) {
    const auto station = static_cast<std::size_t>(i);
    // Rounding can leave -1e-17 where a station receives nothing.
    const double lambda = std::max(0.0, solution.arrival_rates(i));
    try {
      solution.stations.push_back(mmc(lambda, net.mean_service[station], net.servers[station]));
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument("jackson: station " + std::to_string(i) + ": " + e.what());
    }
    solution.L += solution.stations.back().L;
  }
  const double external_rate = net.external_arrivals.sum();
  solution.W = external_rate > 0 ? solution.L / external_rate : 0;
  return solution;
}

}  // namespace porttwin::theory

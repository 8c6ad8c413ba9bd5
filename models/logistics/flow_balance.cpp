#include "models/logistics/flow_balance.hpp"

#include <stdexcept>

namespace porttwin::logistics {

Eigen::VectorXd net_inflow(const Eigen::MatrixXd& rates) {
  if (rates.rows() != rates.cols()) throw std::invalid_argument("net_inflow: the rate matrix is not square");
  return rates.colwise().sum().transpose() - rates.rowwise().sum();
}

Eigen::VectorXd stationary_distribution(const Eigen::MatrixXd& rates) {
  const Eigen::Index n = rates.rows();
  if (n == 0 || rates.cols() != n) throw std::invalid_argument("stationary_distribution: the rate matrix is not square");
  Eigen::MatrixXd p = Eigen::MatrixXd::Zero(n, n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double out = rates.row(i).sum();
    if (out > 0) p.row(i) = rates.row(i) / out;
    else p(i, i) = 1;
  }
  // pi (P - I) = 0 and sum(pi) = 1, as an overdetermined system (P - I)^T pi = 0 plus a row of ones.
  Eigen::MatrixXd a(n + 1, n);
  a.topRows(n) = (p - Eigen::MatrixXd::Identity(n, n)).transpose();
  a.row(n).setOnes();
  Eigen::VectorXd b = Eigen::VectorXd::Zero(n + 1);
  b(n) = 1;
  return a.colPivHouseholderQr().solve(b);
}

}  // namespace porttwin::logistics

#include "analysis/paired_difference.hpp"

#include <stdexcept>
#include <string>

namespace porttwin::analysis {

stats::Interval paired_difference(const std::vector<double>& a, const std::vector<double>& b, double level) {
  if (a.size() != b.size()) {
    throw std::invalid_argument("paired_difference: " + std::to_string(a.size()) + " values against " +
                                std::to_string(b.size()) + ", expected pairs");
  }
  std::vector<double> differences(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) differences[i] = a[i] - b[i];
  return stats::student_t(differences, level);
}

}  // namespace porttwin::analysis

#include "analysis/queue_growth.hpp"

#include <algorithm>
#include <cstddef>

namespace porttwin::analysis {

QueueGrowth queue_growth(const std::vector<double>& time, const std::vector<double>& values, double warmup) {
  QueueGrowth g;
  std::vector<double> t, y;
  for (std::size_t i = 0; i < std::min(time.size(), values.size()); ++i) {
    if (time[i] > warmup) {
      t.push_back(time[i]);
      y.push_back(values[i]);
    }
  }
  const std::size_t n = t.size();
  if (n < 8) return g;
  double mt = 0, my = 0;
  for (std::size_t i = 0; i < n; ++i) mt += t[i], my += y[i];
  mt /= n, my /= n;
  double stt = 0, sty = 0;
  for (std::size_t i = 0; i < n; ++i) stt += (t[i] - mt) * (t[i] - mt), sty += (t[i] - mt) * (y[i] - my);
  if (stt <= 0) return g;
  g.rise = sty / stt * (t.back() - t.front());
  for (std::size_t i = 0; i < n; ++i) (i < n / 2 ? g.first_half : g.second_half) += y[i];
  g.first_half /= static_cast<double>(n / 2);
  g.second_half /= static_cast<double>(n - n / 2);
  g.growing = my > 0 && g.rise > my && g.second_half >= 1.5 * g.first_half;
  return g;
}

}  // namespace porttwin::analysis

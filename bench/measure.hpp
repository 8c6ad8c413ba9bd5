// Runs a measurement in a child process (SimGrid's engine is one per process) and returns what
// the child reports: wall seconds and a count.
#pragma once

#include <cstdint>
#include <functional>

namespace porttwin::bench {

struct Measurement {
  double seconds = 0;
  double count = 0;
  double peak_rss_mib = 0;  // the child's resident-set high-water mark
};

Measurement measure_in_child(const std::function<double()>& work);  // work returns the count

}  // namespace porttwin::bench

// Samples station levels into the /kpi time series every `record.kpi_interval`: interval-average
// queue length and busy servers, and services completed in the interval.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/engine/station.hpp"

namespace porttwin {

class KpiSampler {
 public:
  KpiSampler(Recorder& recorder, std::vector<Station*> stations);
  void sample(double now);  // appends one row to every station series

 private:
  struct Series {
    Station* station;
    std::size_t queue, busy, done;
    std::int64_t last_done = 0;
  };
  Recorder& recorder_;
  std::vector<Series> series_;
};

}  // namespace porttwin

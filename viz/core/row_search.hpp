// Binary search by time in a time-ordered table of the run file, reading single rows (each read
// touches one chunk), so that finding a moment costs log2(rows) small reads however long the run.
#pragma once

#include <cstdint>

#include "sim/record/h5_row_range.hpp"

namespace porttwin::viz {

// The first row with time > t (or with time >= t when `inclusive` is false), in [0, count].
template <class Row>
std::uint64_t first_row_after(const h5::Object& table, const h5::CompoundType& type, std::uint64_t count, double t,
                              bool inclusive = true) {
  std::uint64_t lo = 0, hi = count;
  while (lo < hi) {
    const std::uint64_t mid = lo + (hi - lo) / 2;
    const double time = h5::read_rows<Row>(table, type, mid, 1).front().time;
    if (inclusive ? time <= t : time < t) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

}  // namespace porttwin::viz

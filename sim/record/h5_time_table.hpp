// A run-file table whose rows come in time order (a `time` member: events, yard moves, crane and
// truck tracks, device tracks), read in part: rows found by time with a binary search of
// single-row reads, and scanned forward a piece at a time, so that a reader of a file larger than
// memory touches only the chunks it needs. The one reader of such tables (analysis, the viewer).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "sim/record/h5_file.hpp"
#include "sim/record/h5_row_range.hpp"

namespace porttwin::h5 {

template <class Row>
class TimeOrderedTable {
 public:
  TimeOrderedTable(Object dataset, CompoundType type)
      : dataset_(std::move(dataset)), type_(std::move(type)), size_(Group::vector_length(dataset_)) {}

  std::uint64_t size() const { return size_; }

  // The first row with time > t (with time >= t when `inclusive` is false), in [0, size()].
  std::uint64_t first_after(double t, bool inclusive = true) const {
    std::uint64_t lo = 0, hi = size_;
    while (lo < hi) {
      const std::uint64_t mid = lo + (hi - lo) / 2;
      const double time = rows(mid, 1).front().time;
      if (inclusive ? time <= t : time < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  // Rows [first, first + count); std::out_of_range past the end.
  std::vector<Row> rows(std::uint64_t first, std::size_t count) const {
    return read_rows<Row>(dataset_, type_, first, count);
  }

  // The time of the first row after t, of the last row before t; -1 when there is none.
  double next_time_after(double t) const {
    const std::uint64_t i = first_after(t);
    return i < size_ ? rows(i, 1).front().time : -1;
  }
  double last_time_before(double t) const {
    const std::uint64_t i = first_after(t, false);
    return i > 0 ? rows(i - 1, 1).front().time : -1;
  }

  // Calls visit(row) for every row from `first` on, `piece` rows read at a time, until visit
  // returns false.
  template <class Visit>
  void scan(std::uint64_t first, Visit visit, std::size_t piece = 8192) const {
    for (std::uint64_t next = first; next < size_; next += piece) {
      const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(piece, size_ - next));
      for (const Row& row : rows(next, n)) {
        if (!visit(row)) return;
      }
    }
  }

 private:
  Object dataset_;
  CompoundType type_;
  std::uint64_t size_;
};

}  // namespace porttwin::h5

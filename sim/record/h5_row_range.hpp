// Partial reads of a 1-D table: rows [first, first + count) through a hyperslab, so that a reader
// touches only the chunks holding them (read_table reads everything).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/record/h5_file.hpp"

namespace porttwin::h5 {

// std::out_of_range when the range runs past the end of the table.
void read_row_range(const Object& dataset, hid_t memory_type, std::uint64_t first, std::size_t count, void* rows);

template <class Row>
std::vector<Row> read_rows(const Object& dataset, const CompoundType& type, std::uint64_t first, std::size_t count) {
  detail::require_row_type(type.describes<Row>(), dataset);
  std::vector<Row> rows(count);
  read_row_range(dataset, type.id(), first, count, rows.data());
  return rows;
}

}  // namespace porttwin::h5

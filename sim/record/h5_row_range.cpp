#include "sim/record/h5_row_range.hpp"

#include <stdexcept>
#include <string>

namespace porttwin::h5 {

void read_row_range(const Object& dataset, hid_t memory_type, std::uint64_t first, std::size_t count, void* rows) {
  if (count == 0) return;
  const std::string description = dataset.describe();
  const std::uint64_t length = Group::vector_length(dataset);
  if (first > length || count > length - first) {
    throw std::out_of_range("rows " + std::to_string(first) + ".." + std::to_string(first + count) + " of " +
                            description + ", which has " + std::to_string(length));
  }
  const hsize_t start = first;
  const hsize_t size = count;
  const Handle file_space =
      Handle::adopt(Kind::dataspace, H5Dget_space(dataset.id()), "get the dataspace of", description);
  check(H5Sselect_hyperslab(file_space.id(), H5S_SELECT_SET, &start, nullptr, &size, nullptr),
        "select a row range of", description);
  const Handle memory_space =
      Handle::adopt(Kind::dataspace, H5Screate_simple(1, &size, nullptr), "create a dataspace for", description);
  check(H5Dread(dataset.id(), memory_type, memory_space.id(), file_space.id(), H5P_DEFAULT, rows), "read rows of",
        description);
}

}  // namespace porttwin::h5

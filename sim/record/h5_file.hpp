// HDF5 run files: groups with self-describing attributes, 1-D numeric datasets carrying their
// units, and growing compressed tables of row structs. Files are written so that h5py can read
// them without our code (`pd.DataFrame(f["/events/log"][()])`) and so that the same content
// always produces the same bytes (no object timestamps, no uninitialised padding).
#pragma once

#include <algorithm>

#include "sim/record/h5_handle.hpp"
#include "sim/record/h5_types.hpp"

#include <hdf5.h>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

namespace porttwin::h5 {

// An open group or dataset: what both offer is a path and attributes.
class Object {
 public:
  Object(Handle handle, std::string path);

  hid_t id() const noexcept { return handle_.id(); }
  const std::string& path() const noexcept { return path_; }

  bool has_attribute(const std::string& name) const;

  // Strings are stored as variable-length UTF-8 (h5py returns str); numbers as little-endian
  // 64-bit values. Setting an existing attribute replaces it.
  void set_attribute(const std::string& name, const std::string& value);
  void set_attribute(const std::string& name, double value);
  void set_attribute(const std::string& name, std::int64_t value);
  void set_attribute(const std::string& name, std::uint64_t value);
  // Any other integer (int, unsigned, ...), which would otherwise be ambiguous between the above.
  template <std::integral I>
  void set_attribute(const std::string& name, I value) {
    static_assert(!std::is_same_v<I, bool>, "set_attribute: store flags as integers or strings");
    if constexpr (std::is_signed_v<I>) {
      set_attribute(name, static_cast<std::int64_t>(value));
    } else {
      set_attribute(name, static_cast<std::uint64_t>(value));
    }
  }

  // Reading accepts fixed- as well as variable-length strings and converts between numeric types.
  std::string string_attribute(const std::string& name) const;
  double double_attribute(const std::string& name) const;
  std::int64_t int_attribute(const std::string& name) const;
  std::uint64_t uint_attribute(const std::string& name) const;

  // "'/events/log' in run.h5": how error messages name this object or one of its children.
  std::string describe() const;
  std::string describe_child(const std::string& name) const;

 protected:
  std::string child_path(const std::string& name) const;

 private:
  void write_attribute(const std::string& name, hid_t file_type, hid_t memory_type, const void* value);
  void read_numeric_attribute(const std::string& name, hid_t memory_type, void* value) const;

  Handle handle_;
  std::string path_;
};

class Group : public Object {
 public:
  using Object::Object;

  Group create_group(const std::string& name);
  Group open_group(const std::string& name) const;
  Object open_dataset(const std::string& name) const;
  // Accepts nested paths ("a/b"); false as soon as one component is missing.
  bool has(const std::string& name) const;
  // Names of the links in this group, sorted.
  std::vector<std::string> children() const;
  // Reads every dataset and attribute under this group, so that a damaged file fails its checksums
  // here (an Error naming the object) rather than in whichever reader touches the damage later.
  void check_readable() const;

  // A 1-D numeric dataset with "units" and "help" attributes (help may be empty).
  // Vectors longer than one chunk are stored chunked and compressed, shorter ones contiguous.
  template <class T>
  void write_vector(const std::string& name, std::span<const T> values, const std::string& units,
                    const std::string& help = "") {
    write_vector_dataset(name, native_type<T>(), values.data(), values.size(), units, help);
  }
  template <class T>
  void write_vector(const std::string& name, const std::vector<T>& values, const std::string& units,
                    const std::string& help = "") {
    write_vector<T>(name, std::span<const T>(values), units, help);
  }
  // Converts to T whatever numeric type the dataset was stored with.
  template <class T>
  std::vector<T> read_vector(const std::string& name) const {
    const Object dataset = open_dataset(name);
    std::vector<T> values(vector_length(dataset));
    read_whole_dataset(dataset, native_type<T>(), values.data(), values.size());
    return values;
  }

  void write_scalar(const std::string& name, double value, const std::string& units, const std::string& help = "");
  double read_scalar(const std::string& name) const;

  // An attribute of a dataset in this group, e.g. its "units".
  std::string dataset_attribute(const std::string& dataset, const std::string& attribute) const;

  // Building blocks of Table and read_table; the row type is erased here.
  Object create_table_dataset(const std::string& name, const CompoundType& type, std::size_t chunk_rows,
                              int deflate_level);
  static std::uint64_t vector_length(const Object& dataset);
  static void read_whole_dataset(const Object& dataset, hid_t memory_type, void* values, std::size_t count);

 private:
  void write_vector_dataset(const std::string& name, hid_t type, const void* values, std::size_t count,
                            const std::string& units, const std::string& help);
  void describe_with_units(Object& dataset, const std::string& units, const std::string& help);
};

class File {
 public:
  static File create(const std::string& path);  // truncates an existing file
  static File open_read(const std::string& path);

  Group root();
  const Group root() const;

  void flush();
  // Closes the file and every group, dataset and attribute still open in it, so that the file
  // is complete on disk when close() returns. Idempotent; the destructor closes too.
  void close();

  bool is_open() const noexcept { return static_cast<bool>(handle_); }
  const std::string& path() const noexcept { return path_; }

 private:
  File(Handle handle, std::string path);
  Group open_root() const;
  std::string describe() const;

  Handle handle_;
  std::string path_;
};

namespace detail {
void append_rows(const Object& dataset, const CompoundType& type, std::uint64_t first_row, const std::byte* rows,
                 std::size_t count);
void require_row_type(bool matches, const Object& where);
}  // namespace detail

// A chunked, compressed (shuffle + deflate) 1-D dataset of compound rows that grows as rows are
// appended. h5py reads it as a structured array. deflate_level 0 leaves the rows uncompressed.
template <class Row>
class Table {
 public:
  Table(Group& parent, const std::string& name, const CompoundType& type, std::size_t chunk_rows, int deflate_level = 1)
      : type_(type), dataset_(parent.create_table_dataset(name, type, chunk_rows, deflate_level)) {
    detail::require_row_type(type.describes<Row>(), dataset_);
  }

  // Extends the dataset and writes the rows behind the existing ones.
  void append(std::span<const Row> rows) {
    if (rows.empty()) return;
    detail::append_rows(dataset_, type_, size_, std::as_bytes(rows).data(), rows.size());
    size_ += rows.size();
  }
  void append(const Row& row) { append(std::span<const Row>(&row, 1)); }

  std::uint64_t size() const noexcept { return size_; }
  const std::string& path() const noexcept { return dataset_.path(); }

  // Descriptions of the table, e.g. "units" and "help" of its columns.
  template <class Value>
  void set_attribute(const std::string& name, const Value& value) {
    dataset_.set_attribute(name, value);
  }

 private:
  CompoundType type_;
  Object dataset_;
  std::uint64_t size_ = 0;
};

// Writes `rows` as a whole table `name` of `group` at once, with its "units" and "help" attributes.
template <class Row>
void write_table(Group& group, const std::string& name, const CompoundType& type, const std::vector<Row>& rows,
                 const std::string& units, const std::string& help) {
  Table<Row> table(group, name, type, std::max<std::size_t>(1, std::min<std::size_t>(rows.size(), 65536)), 1);
  table.append(std::span<const Row>(rows));
  table.set_attribute("units", units);
  table.set_attribute("help", help);
}

// Reads a whole table written by Table<Row> (or by anyone, as long as member names match).
template <class Row>
std::vector<Row> read_table(const Group& parent, const std::string& name, const CompoundType& type) {
  const Object dataset = parent.open_dataset(name);
  detail::require_row_type(type.describes<Row>(), dataset);
  std::vector<Row> rows(Group::vector_length(dataset));
  Group::read_whole_dataset(dataset, type.id(), rows.data(), rows.size());
  return rows;
}

}  // namespace porttwin::h5

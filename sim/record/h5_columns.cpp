#include "sim/record/h5_columns.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <utility>

namespace porttwin::h5 {

std::size_t ColumnTable::add(std::string name, ColumnKind kind, std::size_t size, std::vector<std::string> labels) {
  if (rows_ > 0) throw std::logic_error("h5::ColumnTable: column " + name + " declared after the first row");
  for (const auto& c : columns_) {
    if (c.name == name) throw std::invalid_argument("h5::ColumnTable: two columns named " + name);
  }
  // Numbers at multiples of 8 in memory (the file layout is packed anyway).
  if (kind == ColumnKind::integer || kind == ColumnKind::real) row_size_ = (row_size_ + 7) / 8 * 8;
  columns_.push_back({std::move(name), kind, row_size_, size, std::move(labels)});
  row_size_ += size;
  return columns_.size() - 1;
}

std::size_t ColumnTable::integer(const std::string& name) { return add(name, ColumnKind::integer, 8); }
std::size_t ColumnTable::real(const std::string& name) { return add(name, ColumnKind::real, 8); }
std::size_t ColumnTable::text(const std::string& name, std::size_t length) {
  if (length == 0) throw std::invalid_argument("h5::ColumnTable: text column " + name + " of length 0");
  return add(name, ColumnKind::text, length);
}
std::size_t ColumnTable::enumeration(const std::string& name, std::vector<std::string> labels) {
  if (labels.empty() || labels.size() > 256) throw std::invalid_argument("h5::ColumnTable: enumeration " + name + " needs 1 to 256 labels");
  return add(name, ColumnKind::enumeration, 1, std::move(labels));
}

void ColumnTable::add_row() {
  ++rows_;
  data_.resize(rows_ * std::max<std::size_t>(row_size_, 1), std::byte{0});
}

std::byte* ColumnTable::cell(std::size_t column, ColumnKind expected) {
  if (rows_ == 0) throw std::logic_error("h5::ColumnTable: set before add_row");
  const Column& c = columns_.at(column);
  const bool integral = expected == ColumnKind::integer && c.kind == ColumnKind::enumeration;
  if (c.kind != expected && !integral) throw std::logic_error("h5::ColumnTable: column " + c.name + " set with the wrong type");
  return data_.data() + (rows_ - 1) * row_size_ + c.offset;
}

void ColumnTable::set(std::size_t column, std::int64_t value) {
  std::byte* at = cell(column, ColumnKind::integer);
  if (columns_[column].kind == ColumnKind::enumeration) {
    if (value < 0 || static_cast<std::size_t>(value) >= columns_[column].labels.size()) {
      throw std::out_of_range("h5::ColumnTable: no label " + std::to_string(value) + " in " + columns_[column].name);
    }
    const auto stored = static_cast<std::uint8_t>(value);
    std::memcpy(at, &stored, 1);
  } else {
    std::memcpy(at, &value, sizeof value);
  }
}

void ColumnTable::set(std::size_t column, double value) { std::memcpy(cell(column, ColumnKind::real), &value, sizeof value); }

void ColumnTable::set(std::size_t column, std::string_view value) {
  std::byte* at = cell(column, ColumnKind::text);
  const std::size_t length = columns_[column].size;
  std::fill(at, at + length, std::byte{0});
  std::memcpy(at, value.data(), std::min(length, value.size()));
}

Object ColumnTable::write(Group& parent, const std::string& name, int deflate_level) const {
  if (columns_.empty()) throw std::logic_error("h5::ColumnTable: " + name + " has no columns");
  CompoundType type = CompoundType::runtime(row_size_);
  for (const auto& c : columns_) {
    switch (c.kind) {
      case ColumnKind::integer: type.number_at(c.name, c.offset, H5T_NATIVE_INT64); break;
      case ColumnKind::real: type.number_at(c.name, c.offset, H5T_NATIVE_DOUBLE); break;
      case ColumnKind::text: type.text_at(c.name, c.offset, c.size); break;
      case ColumnKind::enumeration: type.enumeration_at(c.name, c.offset, c.labels); break;
    }
  }
  const std::size_t chunk = std::clamp<std::size_t>(rows_, 1, 4096);
  Object dataset = parent.create_table_dataset(name, type, chunk, deflate_level);
  if (rows_ > 0) detail::append_rows(dataset, type, 0, data_.data(), rows_);
  return dataset;
}

namespace {

Handle member_type(const Object& dataset, const std::string& column) {
  const Handle stored = Handle::adopt(Kind::datatype, H5Dget_type(dataset.id()), "get the type of", dataset.describe());
  const int index = H5Tget_member_index(stored.id(), column.c_str());
  if (index < 0) throw Error(dataset.describe() + " has no column '" + column + "'");
  return Handle::adopt(Kind::datatype, H5Tget_member_type(stored.id(), static_cast<unsigned>(index)),
                       "get the type of column '" + column + "' of", dataset.describe());
}

// A compound of one member: HDF5 reads just that member of every row, converting it.
template <class T>
std::vector<T> read_numbers(const Group& parent, const std::string& table, const std::string& column, hid_t native) {
  const Object dataset = parent.open_dataset(table);
  member_type(dataset, column);  // a clear error when the column is missing
  const Handle memory = Handle::adopt(Kind::datatype, H5Tcreate(H5T_COMPOUND, sizeof(T)), "create", "a column type");
  check(H5Tinsert(memory.id(), column.c_str(), 0, native), "describe column '" + column + "' of", dataset.describe());
  std::vector<T> values(Group::vector_length(dataset));
  Group::read_whole_dataset(dataset, memory.id(), values.data(), values.size());
  return values;
}

}  // namespace

std::vector<double> read_real_column(const Group& parent, const std::string& table, const std::string& column) {
  return read_numbers<double>(parent, table, column, H5T_NATIVE_DOUBLE);
}

std::vector<std::int64_t> read_integer_column(const Group& parent, const std::string& table, const std::string& column) {
  return read_numbers<std::int64_t>(parent, table, column, H5T_NATIVE_INT64);
}

std::vector<std::string> read_text_column(const Group& parent, const std::string& table, const std::string& column) {
  const Object dataset = parent.open_dataset(table);
  const Handle stored = member_type(dataset, column);
  if (H5Tget_class(stored.id()) != H5T_STRING || H5Tis_variable_str(stored.id()) > 0) {
    throw Error("column '" + column + "' of " + dataset.describe() + " is not fixed-length text");
  }
  const std::size_t length = H5Tget_size(stored.id());
  const Handle memory = Handle::adopt(Kind::datatype, H5Tcreate(H5T_COMPOUND, length), "create", "a column type");
  check(H5Tinsert(memory.id(), column.c_str(), 0, stored.id()), "describe column '" + column + "' of", dataset.describe());
  const std::size_t rows = Group::vector_length(dataset);
  std::vector<char> buffer(rows * length);
  Group::read_whole_dataset(dataset, memory.id(), buffer.data(), rows);
  std::vector<std::string> out;
  for (std::size_t r = 0; r < rows; ++r) {
    const char* begin = buffer.data() + r * length;
    out.emplace_back(begin, std::find(begin, begin + length, '\0'));
  }
  return out;
}

std::vector<std::string> column_names(const Group& parent, const std::string& table) {
  const Object dataset = parent.open_dataset(table);
  const Handle stored = Handle::adopt(Kind::datatype, H5Dget_type(dataset.id()), "get the type of", dataset.describe());
  const int count = check(H5Tget_nmembers(stored.id()), "count the columns of", dataset.describe());
  std::vector<std::string> names;
  for (int i = 0; i < count; ++i) {
    char* name = H5Tget_member_name(stored.id(), static_cast<unsigned>(i));
    names.emplace_back(name ? name : "");
    H5free_memory(name);
  }
  return names;
}

ColumnClass column_class(const Group& parent, const std::string& table, const std::string& column) {
  const Handle stored = member_type(parent.open_dataset(table), column);
  switch (H5Tget_class(stored.id())) {
    case H5T_INTEGER: return ColumnClass::integer;
    case H5T_FLOAT: return ColumnClass::real;
    case H5T_STRING: return H5Tis_variable_str(stored.id()) > 0 ? ColumnClass::other : ColumnClass::text;
    case H5T_ENUM: return ColumnClass::enumeration;
    default: return ColumnClass::other;
  }
}

std::vector<std::string> read_enumeration_column(const Group& parent, const std::string& table, const std::string& column) {
  const Object dataset = parent.open_dataset(table);
  const Handle stored = member_type(dataset, column);
  if (H5Tget_class(stored.id()) != H5T_ENUM) throw Error("column '" + column + "' of " + dataset.describe() + " is not an enumeration");
  const Handle base = Handle::adopt(Kind::datatype, H5Tget_super(stored.id()), "get the base type of column '" + column + "' of",
                                    dataset.describe());
  // The labels by value, then every row's value (HDF5 converts an enumeration to its integers).
  std::vector<std::pair<std::int64_t, std::string>> labels;
  const int count = check(H5Tget_nmembers(stored.id()), "count the labels of column '" + column + "' of", dataset.describe());
  for (int i = 0; i < count; ++i) {
    std::int64_t value = 0;
    std::vector<unsigned char> raw(std::max<std::size_t>(H5Tget_size(stored.id()), sizeof value));
    check(H5Tget_member_value(stored.id(), static_cast<unsigned>(i), raw.data()), "read a label of column '" + column + "' of",
          dataset.describe());
    check(H5Tconvert(base.id(), H5T_NATIVE_INT64, 1, raw.data(), nullptr, H5P_DEFAULT), "convert a label of column '" + column + "' of",
          dataset.describe());
    std::memcpy(&value, raw.data(), sizeof value);
    char* name = H5Tget_member_name(stored.id(), static_cast<unsigned>(i));
    labels.emplace_back(value, name ? name : "");
    H5free_memory(name);
  }
  std::vector<std::string> out;
  for (const std::int64_t value : read_integer_column(parent, table, column)) {
    const auto label = std::find_if(labels.begin(), labels.end(), [&](const auto& l) { return l.first == value; });
    if (label == labels.end()) {
      throw Error("column '" + column + "' of " + dataset.describe() + " holds " + std::to_string(value) + ", which has no label");
    }
    out.push_back(label->second);
  }
  return out;
}

}  // namespace porttwin::h5

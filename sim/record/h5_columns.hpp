// Tables whose columns are known only at run time (one per KPI, one per swept key), built row by
// row in memory and written whole as one compound dataset. h5py reads it as a structured array and
// pandas as a DataFrame (`pd.DataFrame(f["/points"][()])`), like the tables of fixed row structs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/record/h5_file.hpp"

namespace porttwin::h5 {

class ColumnTable {
 public:
  // Declare every column before the first row; each returns the column's index for set().
  std::size_t integer(const std::string& name);                    // i8
  std::size_t real(const std::string& name);                       // f8
  std::size_t text(const std::string& name, std::size_t length);   // fixed-length UTF-8, truncated to fit
  std::size_t enumeration(const std::string& name, std::vector<std::string> labels);  // u1 enum, value = label index

  void add_row();  // all zero (empty text, the first label) until set
  void set(std::size_t column, std::int64_t value);  // integer or enumeration columns (of the last row)
  void set(std::size_t column, double value);
  void set(std::size_t column, std::string_view value);

  std::size_t rows() const { return rows_; }
  std::size_t columns() const { return columns_.size(); }

  // Creates parent/name (chunked, shuffle + deflate) holding every row.
  Object write(Group& parent, const std::string& name, int deflate_level = 1) const;

 private:
  enum class ColumnKind { integer, real, text, enumeration };
  struct Column {
    std::string name;
    ColumnKind kind;
    std::size_t offset;
    std::size_t size;
    std::vector<std::string> labels;
  };
  std::size_t add(std::string name, ColumnKind kind, std::size_t size, std::vector<std::string> labels = {});
  std::byte* cell(std::size_t column, ColumnKind expected);

  std::vector<Column> columns_;
  std::size_t row_size_ = 0;
  std::size_t rows_ = 0;
  std::vector<std::byte> data_;
};

// One column of a compound table, read by member name (HDF5 converts numbers to the type asked for).
std::vector<double> read_real_column(const Group& parent, const std::string& table, const std::string& column);
std::vector<std::int64_t> read_integer_column(const Group& parent, const std::string& table, const std::string& column);
std::vector<std::string> read_text_column(const Group& parent, const std::string& table, const std::string& column);
// Member names of a compound table, in column order.
std::vector<std::string> column_names(const Group& parent, const std::string& table);

// What a column of a compound table holds, to read it with the function that fits: integers and
// reals (read_integer_column, read_real_column), fixed-length text (read_text_column), an enumeration
// (read_enumeration_column), or anything else (other).
enum class ColumnClass { integer, real, text, enumeration, other };
ColumnClass column_class(const Group& parent, const std::string& table, const std::string& column);
// The label of every row of an enumeration column; Error for a value without a label.
std::vector<std::string> read_enumeration_column(const Group& parent, const std::string& table, const std::string& column);

}  // namespace porttwin::h5

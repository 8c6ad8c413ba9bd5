// HDF5 descriptions of C++ values: the native type of each arithmetic type, and compound types
// mirroring a plain row struct so that tables of rows can be written and read in one call.
#pragma once

#include "sim/record/h5_handle.hpp"

#include <hdf5.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <typeinfo>
#include <utility>
#include <vector>

namespace porttwin::h5 {

template <class T>
inline constexpr bool is_storable_number_v = std::is_arithmetic_v<T> && !std::is_same_v<std::remove_cv_t<T>, bool>;

// The predefined HDF5 type for T; selected by size and signedness so that aliases such as
// long long, std::size_t or char map as well as the fixed-width names.
template <class T>
hid_t native_type() {
  using Value = std::remove_cv_t<T>;
  static_assert(is_storable_number_v<Value>, "native_type<T>: T must be a floating-point or integer type");
  if constexpr (std::is_same_v<Value, float>) {
    return H5T_NATIVE_FLOAT;
  } else if constexpr (std::is_same_v<Value, double>) {
    return H5T_NATIVE_DOUBLE;
  } else if constexpr (std::is_floating_point_v<Value>) {
    static_assert(sizeof(Value) == 0, "native_type<T>: long double is not portable in files");
  } else if constexpr (std::is_signed_v<Value>) {
    if constexpr (sizeof(Value) == 1)
      return H5T_NATIVE_INT8;
    else if constexpr (sizeof(Value) == 2)
      return H5T_NATIVE_INT16;
    else if constexpr (sizeof(Value) == 4)
      return H5T_NATIVE_INT32;
    else
      return H5T_NATIVE_INT64;
  } else {
    if constexpr (sizeof(Value) == 1)
      return H5T_NATIVE_UINT8;
    else if constexpr (sizeof(Value) == 2)
      return H5T_NATIVE_UINT16;
    else if constexpr (sizeof(Value) == 4)
      return H5T_NATIVE_UINT32;
    else
      return H5T_NATIVE_UINT64;
  }
}

// Fills a fixed-length text column: truncates to N bytes and zero-fills the rest.
template <std::size_t N>
void copy_text(char (&column)[N], std::string_view value) {
  const std::size_t length = std::min(N, value.size());
  std::copy_n(value.data(), length, column);
  std::fill(column + length, column + N, '\0');
}

// Reads a fixed-length text column back; it is full-length when it holds no terminator.
template <std::size_t N>
std::string_view text_of(const char (&column)[N]) {
  return {column, static_cast<std::size_t>(std::find(column, column + N, '\0') - column)};
}

// An HDF5 compound type describing the memory layout of a row struct, built field by field:
//   auto type = CompoundType::of<EventRow>()
//                   .field("time", &EventRow::time)
//                   .text("berth", &EventRow::berth)
//                   .enumeration("kind", &EventRow::kind, {{"arrival", 0}, {"departure", 1}});
// Rows must be standard-layout, trivially copyable and default-constructible: HDF5 reads and
// writes them as raw bytes, and member offsets are measured on a default-constructed row.
class CompoundType {
 public:
  template <class Row>
  static CompoundType of() {
    assert_row_requirements<Row>();
    return CompoundType(sizeof(Row), typeid(Row));
  }

  template <class Row, class F>
  CompoundType& field(const char* name, F Row::*member) {
    static_assert(is_storable_number_v<F>,
                  "CompoundType::field: use text() for char arrays and enumeration() for enums");
    expect_row<Row>(name);
    insert(name, offset_of(member), native_type<F>());
    return *this;
  }

  template <class Row, std::size_t N>
  CompoundType& text(const char* name, char (Row::*member)[N]) {
    expect_row<Row>(name);
    insert_text(name, offset_of(member), N);
    return *this;
  }

  // The member may be an enum (stored over its underlying integer type) or a plain integer.
  template <class Row, class E>
  CompoundType& enumeration(const char* name, E Row::*member,
                            const std::vector<std::pair<std::string, long long>>& names) {
    using Integer = typename decltype(integer_behind<E>())::type;
    expect_row<Row>(name);
    const Handle type = create_enumeration(name, native_type<Integer>());
    for (const auto& [label, value] : names) {
      if (!std::in_range<Integer>(value)) throw Error(out_of_range_message(name, label, value));
      const auto stored = static_cast<Integer>(value);
      add_enumeration_value(type.id(), name, label, &stored);
    }
    insert(name, offset_of(member), type.id());
    return *this;
  }

  // A row whose members are known only at run time (h5::ColumnTable): a byte buffer of row_size with
  // each member inserted at an offset the caller chose.
  static CompoundType runtime(std::size_t row_size) { return CompoundType(row_size, typeid(std::byte)); }
  CompoundType& number_at(const std::string& name, std::size_t offset, hid_t native_number_type);
  CompoundType& text_at(const std::string& name, std::size_t offset, std::size_t length);
  CompoundType& enumeration_at(const std::string& name, std::size_t offset, const std::vector<std::string>& labels);

  // The in-memory layout of Row: the type to read into and write from.
  hid_t id() const noexcept { return type_.id(); }

  // The on-disk layout: members packed without padding, so the file is compact and uninitialised
  // padding bytes of the rows never reach it (files stay byte-for-byte reproducible).
  Handle file_type() const;

  // HDF5 copies text members verbatim, including whatever a shorter string left behind its
  // terminator. Writers zero those bytes in a copy of the rows first, for reproducible files.
  bool has_text() const noexcept { return !text_columns_.empty(); }
  void zero_after_text_terminators(std::byte* rows, std::size_t count) const noexcept;

  std::size_t row_size() const noexcept { return row_size_; }

  template <class Row>
  bool describes() const noexcept {
    return *row_type_ == typeid(Row);
  }

  CompoundType(const CompoundType& other);
  CompoundType& operator=(const CompoundType& other);
  CompoundType(CompoundType&&) noexcept = default;
  CompoundType& operator=(CompoundType&&) noexcept = default;
  ~CompoundType() = default;

 private:
  CompoundType(std::size_t row_size, const std::type_info& row_type);

  template <class Row>
  static constexpr void assert_row_requirements() {
    static_assert(std::is_standard_layout_v<Row>, "CompoundType: row must be standard-layout");
    static_assert(std::is_trivially_copyable_v<Row>, "CompoundType: row must be trivially copyable");
    static_assert(std::is_default_constructible_v<Row>, "CompoundType: row must be default-constructible");
  }

  // Measured on a real object, which avoids the undefined null-pointer offsetof tricks.
  template <class Row, class Member>
  static std::size_t offset_of(Member Row::*member) {
    assert_row_requirements<Row>();
    const Row probe{};
    return static_cast<std::size_t>(reinterpret_cast<const std::byte*>(std::addressof(probe.*member)) -
                                    reinterpret_cast<const std::byte*>(std::addressof(probe)));
  }

  template <class E>
  static constexpr auto integer_behind() {
    if constexpr (std::is_enum_v<E>) {
      return std::type_identity<std::underlying_type_t<E>>{};
    } else {
      static_assert(std::is_integral_v<E> && !std::is_same_v<E, bool>,
                    "CompoundType::enumeration: member must be an enum or an integer");
      return std::type_identity<E>{};
    }
  }

  template <class Row>
  void expect_row(const char* member_name) const {
    if (!describes<Row>()) throw Error(foreign_member_message(member_name));
  }

  void insert(const char* name, std::size_t offset, hid_t member_type);
  void insert_text(const char* name, std::size_t offset, std::size_t length);
  static Handle create_enumeration(const char* name, hid_t integer_type);
  static void add_enumeration_value(hid_t enumeration, const char* name, const std::string& label, const void* value);
  static std::string out_of_range_message(const char* name, const std::string& label, long long value);
  std::string foreign_member_message(const char* name) const;

  struct TextColumn {
    std::size_t offset;
    std::size_t length;
  };

  Handle type_;
  std::vector<TextColumn> text_columns_;
  std::size_t row_size_ = 0;
  const std::type_info* row_type_ = &typeid(void);
};

}  // namespace porttwin::h5

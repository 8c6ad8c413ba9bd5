#include "sim/record/h5_types.hpp"

namespace porttwin::h5 {

namespace {

std::string member_description(const char* name) { return std::string("compound member '") + name + "'"; }

Handle copy_type(hid_t type, std::string_view description) {
  return Handle::adopt(Kind::datatype, H5Tcopy(type), "copy the datatype of", description);
}

Handle create_fixed_text(std::size_t length, H5T_cset_t character_set, const char* name) {
  const std::string description = member_description(name);
  Handle type = copy_type(H5T_C_S1, description);
  check(H5Tset_size(type.id(), length), "size the text of", description);
  check(H5Tset_strpad(type.id(), H5T_STR_NULLPAD), "set null padding of", description);
  check(H5Tset_cset(type.id(), character_set), "set the character set of", description);
  return type;
}

}  // namespace

CompoundType::CompoundType(std::size_t row_size, const std::type_info& row_type)
    : row_size_(row_size), row_type_(&row_type) {
  silence_automatic_error_printing();
  type_ = Handle::adopt(Kind::datatype, H5Tcreate(H5T_COMPOUND, row_size), "create", "a compound datatype");
}

CompoundType::CompoundType(const CompoundType& other)
    : type_(copy_type(other.type_.id(), "a compound datatype")),
      text_columns_(other.text_columns_),
      row_size_(other.row_size_),
      row_type_(other.row_type_) {}

CompoundType& CompoundType::operator=(const CompoundType& other) {
  if (this != &other) *this = CompoundType(other);
  return *this;
}

Handle CompoundType::file_type() const {
  Handle packed = copy_type(type_.id(), "a compound datatype");
  check(H5Tpack(packed.id()), "pack", "a compound datatype");
  return packed;
}

void CompoundType::zero_after_text_terminators(std::byte* rows, std::size_t count) const noexcept {
  for (std::byte* row = rows; row != rows + count * row_size_; row += row_size_) {
    for (const TextColumn& column : text_columns_) {
      std::byte* const begin = row + column.offset;
      std::byte* const end = begin + column.length;
      std::fill(std::find(begin, end, std::byte{0}), end, std::byte{0});
    }
  }
}

CompoundType& CompoundType::number_at(const std::string& name, std::size_t offset, hid_t native_number_type) {
  insert(name.c_str(), offset, native_number_type);
  return *this;
}

CompoundType& CompoundType::text_at(const std::string& name, std::size_t offset, std::size_t length) {
  insert_text(name.c_str(), offset, length);
  return *this;
}

// Labels are numbered 0, 1, ... and stored over one unsigned byte.
CompoundType& CompoundType::enumeration_at(const std::string& name, std::size_t offset,
                                           const std::vector<std::string>& labels) {
  const Handle type = create_enumeration(name.c_str(), H5T_NATIVE_UINT8);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i > 255) throw Error(out_of_range_message(name.c_str(), labels[i], static_cast<long long>(i)));
    const auto stored = static_cast<std::uint8_t>(i);
    add_enumeration_value(type.id(), name.c_str(), labels[i], &stored);
  }
  insert(name.c_str(), offset, type.id());
  return *this;
}

void CompoundType::insert(const char* name, std::size_t offset, hid_t member_type) {
  check(H5Tinsert(type_.id(), name, offset, member_type), "insert", member_description(name));
}

// Declared UTF-8 so that non-ASCII names are allowed; h5py reads the column as bytes either way.
void CompoundType::insert_text(const char* name, std::size_t offset, std::size_t length) {
  const Handle text = create_fixed_text(length, H5T_CSET_UTF8, name);
  insert(name, offset, text.id());
  text_columns_.push_back({offset, length});
}

Handle CompoundType::create_enumeration(const char* name, hid_t integer_type) {
  return Handle::adopt(Kind::datatype, H5Tenum_create(integer_type), "create the enumeration of",
                       member_description(name));
}

void CompoundType::add_enumeration_value(hid_t enumeration, const char* name, const std::string& label,
                                         const void* value) {
  check(H5Tenum_insert(enumeration, label.c_str(), value), "add label '" + label + "' to", member_description(name));
}

std::string CompoundType::out_of_range_message(const char* name, const std::string& label, long long value) {
  return "enumeration label '" + label + "' of " + member_description(name) + " has value " + std::to_string(value) +
         ", which the member's integer type cannot hold";
}

std::string CompoundType::foreign_member_message(const char* name) const {
  return member_description(name) + " belongs to a different struct than the compound type was made for (" +
         row_type_->name() + ")";
}

}  // namespace porttwin::h5

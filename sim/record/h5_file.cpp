// The HDF5 wrapper (h5_file.hpp), by section: creation and reading helpers (property lists,
// dataspaces, string attributes), Object (attributes), Group (groups, datasets, scalars and vectors),
// File (create, open, close), and the table building blocks behind Table and read_table.
#include "sim/record/h5_file.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace porttwin::h5 {

namespace {

// HDF5 would close, at exit, every file still open; a file whose close failed (a full disk) is
// one, and closing it again there crashes inside HDF5 (H5F__close_cb). Every file here is closed
// by its owner, so HDF5 is told not to, before main() and so before any other HDF5 call.
[[maybe_unused]] const bool no_close_at_exit = H5dont_atexit() >= 0;

// Vectors up to this many elements stay contiguous; longer ones are split into chunks of it.
constexpr hsize_t vector_chunk_elements = 16384;
constexpr int vector_deflate_level = 1;

std::string quoted(const std::string& text) { return "'" + text + "'"; }

std::string file_name_of(hid_t object) {
  const ssize_t length = H5Fget_name(object, nullptr, 0);
  if (length <= 0) return {};
  std::string name(static_cast<std::size_t>(length) + 1, '\0');
  H5Fget_name(object, name.data(), name.size());
  name.resize(static_cast<std::size_t>(length));
  return name;
}

std::string describe_in(hid_t location, const std::string& path) {
  const std::string file = file_name_of(location);
  return file.empty() ? quoted(path) : quoted(path) + " in " + file;
}

Handle create_properties(hid_t property_class, const std::string& description) {
  return Handle::adopt(Kind::property_list, H5Pcreate(property_class), "create the properties of", description);
}

// Object headers would otherwise carry creation and modification times, and two runs with the
// same content would differ in those bytes.
//
// Links and attributes stay in the object header (checksummed) however many there are: HDF5's
// "dense" storage puts them in a fractal heap whose blocks carry no checksum, and 1.10 frees
// uninitialised pointers when a damaged one fails to read (a crash, not an error).
Handle untimed_creation_properties(hid_t property_class, const std::string& description) {
  Handle properties = create_properties(property_class, description);
  check(H5Pset_obj_track_times(properties.id(), 0), "disable time tracking of", description);
  constexpr unsigned most = 65535;  // HDF5's largest count of compact links or attributes
  check(H5Pset_attr_phase_change(properties.id(), most, most), "keep compact the attributes of", description);
  if (property_class == H5P_GROUP_CREATE || property_class == H5P_FILE_CREATE) {
    check(H5Pset_link_phase_change(properties.id(), most, most), "keep compact the links of", description);
  }
  return properties;
}

Handle chunked_compressed_properties(hsize_t chunk_elements, int deflate_level, const std::string& description) {
  Handle properties = untimed_creation_properties(H5P_DATASET_CREATE, description);
  check(H5Pset_chunk(properties.id(), 1, &chunk_elements), "set the chunk size of", description);
  // Level 0 means "do not compress": no filters at all rather than a deflate that stores raw.
  if (deflate_level > 0) {
    // Shuffling bytes first groups the similar high bytes of numbers, which deflate then squeezes.
    check(H5Pset_shuffle(properties.id()), "enable shuffling for", description);
    check(H5Pset_deflate(properties.id(), static_cast<unsigned>(deflate_level)), "enable deflate for", description);
  }
  // Last, so that it sums the bytes as stored: a damaged chunk is a read error, not other numbers.
  check(H5Pset_fletcher32(properties.id()), "enable checksums for", description);
  // The unwritten tail of a partially filled chunk gets the fill value rather than stale memory.
  check(H5Pset_fill_time(properties.id(), H5D_FILL_TIME_ALLOC), "set the fill time of", description);
  return properties;
}

Handle scalar_space(const std::string& description) {
  return Handle::adopt(Kind::dataspace, H5Screate(H5S_SCALAR), "create a scalar dataspace for", description);
}

Handle vector_space(hsize_t length, hsize_t max_length, const std::string& description) {
  return Handle::adopt(Kind::dataspace, H5Screate_simple(1, &length, &max_length), "create a dataspace for",
                       description);
}

// A string attribute is stored as fixed-length UTF-8 inside its object header, which the file
// format checksums. Variable-length strings live in the global heap, which has no checksum, and
// HDF5 reads a damaged heap past its buffers (a crash, not an error).
Handle fixed_length_utf8(std::size_t length, const std::string& description) {
  Handle type = Handle::adopt(Kind::datatype, H5Tcopy(H5T_C_S1), "create a string type for", description);
  check(H5Tset_size(type.id(), std::max<std::size_t>(1, length)), "size the string type of", description);
  check(H5Tset_strpad(type.id(), H5T_STR_NULLPAD), "set the padding of the string type of", description);
  check(H5Tset_cset(type.id(), H5T_CSET_UTF8), "set UTF-8 for the string type of", description);
  return type;
}

// Data small enough to sit in its object header (HDF5 allows 64 KiB there) is checksummed with it.
constexpr std::size_t compact_bytes = 32 * 1024;

Handle compact_properties(const std::string& description) {
  Handle properties = untimed_creation_properties(H5P_DATASET_CREATE, description);
  check(H5Pset_layout(properties.id(), H5D_COMPACT), "make compact", description);
  return properties;
}

Handle variable_length_utf8(const std::string& description) {
  Handle type = Handle::adopt(Kind::datatype, H5Tcopy(H5T_C_S1), "create a string type for", description);
  check(H5Tset_size(type.id(), H5T_VARIABLE), "make variable-length the string type of", description);
  check(H5Tset_cset(type.id(), H5T_CSET_UTF8), "set UTF-8 for the string type of", description);
  return type;
}

Handle create_dataset(const Object& parent, const std::string& name, hid_t type, hid_t space, hid_t properties) {
  return Handle::adopt(Kind::dataset,
                       H5Dcreate2(parent.id(), name.c_str(), type, space, H5P_DEFAULT, properties, H5P_DEFAULT),
                       "create dataset", parent.describe_child(name));
}

Handle open_attribute(hid_t object, const std::string& name, const std::string& description) {
  return Handle::adopt(Kind::attribute, H5Aopen(object, name.c_str(), H5P_DEFAULT), "open attribute",
                       quoted(name) + " of " + description);
}

// Reading a single value from an attribute holding several would overrun the destination.
void require_single_value(hid_t attribute, const std::string& description) {
  const Handle space = Handle::adopt(Kind::dataspace, H5Aget_space(attribute), "get the dataspace of", description);
  const hssize_t points = check(H5Sget_simple_extent_npoints(space.id()), "count the values of", description);
  if (points != 1) throw Error(description + " holds " + std::to_string(points) + " values, not one");
}

std::string read_variable_length_string(hid_t attribute, hid_t stored_type, const std::string& description) {
  Handle memory_type = variable_length_utf8(description);
  check(H5Tset_cset(memory_type.id(), H5Tget_cset(stored_type)), "match the character set of", description);
  char* text = nullptr;
  check(H5Aread(attribute, memory_type.id(), &text), "read", description);
  std::string value = text != nullptr ? text : "";
  H5free_memory(text);
  return value;
}

std::string read_fixed_length_string(hid_t attribute, hid_t stored_type, const std::string& description) {
  std::string value(H5Tget_size(stored_type), '\0');
  check(H5Aread(attribute, stored_type, value.data()), "read", description);
  value.resize(std::min(value.size(), value.find('\0')));
  return value;
}

}  // namespace

// ---- Object ----------------------------------------------------------------------------------

Object::Object(Handle handle, std::string path) : handle_(std::move(handle)), path_(std::move(path)) {}

std::string Object::describe() const { return describe_in(id(), path_); }

std::string Object::describe_child(const std::string& name) const { return describe_in(id(), child_path(name)); }

std::string Object::child_path(const std::string& name) const {
  if (!name.empty() && name.front() == '/') return name;
  return path_ == "/" ? "/" + name : path_ + "/" + name;
}

bool Object::has_attribute(const std::string& name) const {
  return check(H5Aexists(id(), name.c_str()), "look for attribute " + quoted(name) + " of", describe()) > 0;
}

void Object::write_attribute(const std::string& name, hid_t file_type, hid_t memory_type, const void* value) {
  const std::string description = "attribute " + quoted(name) + " of " + describe();
  if (has_attribute(name)) check(H5Adelete(id(), name.c_str()), "replace", description);
  const Handle space = scalar_space(description);
  const Handle attribute =
      Handle::adopt(Kind::attribute, H5Acreate2(id(), name.c_str(), file_type, space.id(), H5P_DEFAULT, H5P_DEFAULT),
                    "create", description);
  check(H5Awrite(attribute.id(), memory_type, value), "write", description);
}

void Object::set_attribute(const std::string& name, const std::string& value) {
  const Handle type = fixed_length_utf8(value.size(), describe());
  std::string padded = value;
  padded.resize(std::max<std::size_t>(1, value.size()), '\0');
  write_attribute(name, type.id(), type.id(), padded.data());
}

void Object::set_attribute(const std::string& name, double value) {
  write_attribute(name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &value);
}

void Object::set_attribute(const std::string& name, std::int64_t value) {
  write_attribute(name, H5T_STD_I64LE, H5T_NATIVE_INT64, &value);
}

void Object::set_attribute(const std::string& name, std::uint64_t value) {
  write_attribute(name, H5T_STD_U64LE, H5T_NATIVE_UINT64, &value);
}

std::string Object::string_attribute(const std::string& name) const {
  const std::string description = "attribute " + quoted(name) + " of " + describe();
  const Handle attribute = open_attribute(id(), name, describe());
  require_single_value(attribute.id(), description);
  const Handle stored_type = Handle::adopt(Kind::datatype, H5Aget_type(attribute.id()), "get the type of", description);
  if (H5Tget_class(stored_type.id()) != H5T_STRING) throw Error(description + " is not a string");
  if (check(H5Tis_variable_str(stored_type.id()), "inspect", description) > 0) {
    return read_variable_length_string(attribute.id(), stored_type.id(), description);
  }
  return read_fixed_length_string(attribute.id(), stored_type.id(), description);
}

void Object::read_numeric_attribute(const std::string& name, hid_t memory_type, void* value) const {
  const std::string description = "attribute " + quoted(name) + " of " + describe();
  const Handle attribute = open_attribute(id(), name, describe());
  require_single_value(attribute.id(), description);
  check(H5Aread(attribute.id(), memory_type, value), "read", description);
}

double Object::double_attribute(const std::string& name) const {
  double value = 0;
  read_numeric_attribute(name, H5T_NATIVE_DOUBLE, &value);
  return value;
}

std::int64_t Object::int_attribute(const std::string& name) const {
  std::int64_t value = 0;
  read_numeric_attribute(name, H5T_NATIVE_INT64, &value);
  return value;
}

std::uint64_t Object::uint_attribute(const std::string& name) const {
  std::uint64_t value = 0;
  read_numeric_attribute(name, H5T_NATIVE_UINT64, &value);
  return value;
}

// ---- Group -----------------------------------------------------------------------------------

Group Group::create_group(const std::string& name) {
  const std::string description = describe_child(name);
  const Handle properties = untimed_creation_properties(H5P_GROUP_CREATE, description);
  return Group(Handle::adopt(Kind::group, H5Gcreate2(id(), name.c_str(), H5P_DEFAULT, properties.id(), H5P_DEFAULT),
                             "create group", description),
               child_path(name));
}

Group Group::open_group(const std::string& name) const {
  return Group(
      Handle::adopt(Kind::group, H5Gopen2(id(), name.c_str(), H5P_DEFAULT), "open group", describe_child(name)),
      child_path(name));
}

Object Group::open_dataset(const std::string& name) const {
  return Object(
      Handle::adopt(Kind::dataset, H5Dopen2(id(), name.c_str(), H5P_DEFAULT), "open dataset", describe_child(name)),
      child_path(name));
}

bool Group::has(const std::string& name) const {
  // H5Lexists fails rather than answering false when an intermediate group is missing.
  std::string prefix = name.starts_with('/') ? "/" : "";
  std::size_t start = 0;
  bool found_any = false;
  while (start <= name.size()) {
    const std::size_t end = std::min(name.find('/', start), name.size());
    if (end > start) {
      if (!prefix.empty() && prefix.back() != '/') prefix += '/';
      prefix += name.substr(start, end - start);
      const htri_t exists = check(H5Lexists(id(), prefix.c_str(), H5P_DEFAULT), "look for", describe_child(prefix));
      if (exists <= 0) return false;
      found_any = true;
    }
    start = end + 1;
  }
  return found_any;
}

// In the storage's own order, then sorted: asked by index, HDF5 first builds a table of a dense
// group's links, and frees uninitialised entries of it when a damaged heap fails to read.
std::vector<std::string> Group::children() const {
  std::vector<std::string> names;
  hsize_t next = 0;
  const auto take = [](hid_t, const char* name, const H5L_info_t*, void* out) -> herr_t {
    static_cast<std::vector<std::string>*>(out)->emplace_back(name);
    return 0;
  };
  check(H5Literate(id(), H5_INDEX_NAME, H5_ITER_NATIVE, &next, take, &names), "list the links of", describe());
  std::sort(names.begin(), names.end());
  return names;
}

namespace {

// Every attribute of `object` read back in its stored type (checksummed with the object's header).
void read_attributes(hid_t object, const std::string& description) {
  const auto read_one = [](hid_t location, const char* name, const H5A_info_t*, void* what) -> herr_t {
    const std::string& description = *static_cast<const std::string*>(what);
    const Handle attribute =
        Handle::adopt(Kind::attribute, H5Aopen(location, name, H5P_DEFAULT), "open attribute", description);
    const Handle type = Handle::adopt(Kind::datatype, H5Aget_type(attribute.id()), "get the type of", description);
    std::vector<unsigned char> bytes(static_cast<std::size_t>(H5Aget_storage_size(attribute.id())) +
                                     H5Tget_size(type.id()));
    check(H5Aread(attribute.id(), type.id(), bytes.data()), "read attribute", description);
    return 0;
  };
  hsize_t next = 0;
  std::string what = description;
  check(H5Aiterate2(object, H5_INDEX_NAME, H5_ITER_NATIVE, &next, read_one, &what), "read the attributes of",
        description);
}

}  // namespace

void Group::check_readable() const {
  read_attributes(id(), describe());
  for (const auto& name : children()) {
    const std::string description = describe_child(name);
    const hid_t object = check(H5Oopen(id(), name.c_str(), H5P_DEFAULT), "open", description);
    const H5I_type_t type = H5Iget_type(object);
    H5Oclose(object);
    if (type == H5I_GROUP) {
      open_group(name).check_readable();
      continue;
    }
    if (type != H5I_DATASET) continue;
    const Object dataset = open_dataset(name);
    read_attributes(dataset.id(), description);
    const Handle stored =
        Handle::adopt(Kind::datatype, H5Dget_type(dataset.id()), "get the type of", description);
    const Handle space = Handle::adopt(Kind::dataspace, H5Dget_space(dataset.id()), "get the dataspace of", description);
    const hssize_t points = check(H5Sget_simple_extent_npoints(space.id()), "count the values of", description);
    if (points <= 0) continue;
    std::vector<unsigned char> bytes(static_cast<std::size_t>(points) * H5Tget_size(stored.id()));
    check(H5Dread(dataset.id(), stored.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data()), "read", description);
  }
}

// "help" is written even when empty, so every dataset of a run file has both attributes and
// readers need not test for them.
void Group::describe_with_units(Object& dataset, const std::string& units, const std::string& help) {
  dataset.set_attribute("units", units);
  dataset.set_attribute("help", help);
}

void Group::write_vector_dataset(const std::string& name, hid_t type, const void* values, std::size_t count,
                                 const std::string& units, const std::string& help) {
  const std::string description = describe_child(name);
  const auto length = static_cast<hsize_t>(count);
  const Handle space = vector_space(length, length, description);
  // Either way the stored bytes are checksummed: in the object header, or chunk by chunk.
  const Handle properties =
      count * H5Tget_size(type) <= compact_bytes
          ? compact_properties(description)
          : chunked_compressed_properties(std::min<hsize_t>(length, vector_chunk_elements), vector_deflate_level,
                                          description);
  Object dataset(create_dataset(*this, name, type, space.id(), properties.id()), child_path(name));
  if (count > 0) check(H5Dwrite(dataset.id(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values), "write", description);
  describe_with_units(dataset, units, help);
}

void Group::write_scalar(const std::string& name, double value, const std::string& units, const std::string& help) {
  const std::string description = describe_child(name);
  const Handle space = scalar_space(description);
  const Handle properties = compact_properties(description);
  Object dataset(create_dataset(*this, name, H5T_IEEE_F64LE, space.id(), properties.id()), child_path(name));
  check(H5Dwrite(dataset.id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, &value), "write", description);
  describe_with_units(dataset, units, help);
}

double Group::read_scalar(const std::string& name) const {
  const Object dataset = open_dataset(name);
  const Handle space =
      Handle::adopt(Kind::dataspace, H5Dget_space(dataset.id()), "get the dataspace of", dataset.describe());
  const hssize_t points = check(H5Sget_simple_extent_npoints(space.id()), "count the values of", dataset.describe());
  if (points != 1) throw Error(dataset.describe() + " holds " + std::to_string(points) + " values, not one scalar");
  double value = 0;
  check(H5Dread(dataset.id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, &value), "read", dataset.describe());
  return value;
}

std::string Group::dataset_attribute(const std::string& dataset, const std::string& attribute) const {
  return open_dataset(dataset).string_attribute(attribute);
}

std::uint64_t Group::vector_length(const Object& dataset) {
  const Handle space =
      Handle::adopt(Kind::dataspace, H5Dget_space(dataset.id()), "get the dataspace of", dataset.describe());
  const int rank = check(H5Sget_simple_extent_ndims(space.id()), "get the rank of", dataset.describe());
  if (rank != 1) throw Error(dataset.describe() + " has " + std::to_string(rank) + " dimensions, not one");
  hsize_t length = 0;
  check(H5Sget_simple_extent_dims(space.id(), &length, nullptr), "get the length of", dataset.describe());
  return length;
}

void Group::read_whole_dataset(const Object& dataset, hid_t memory_type, void* values, std::size_t count) {
  if (count == 0) return;
  check(H5Dread(dataset.id(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values), "read", dataset.describe());
}

Object Group::create_table_dataset(const std::string& name, const CompoundType& type, std::size_t chunk_rows,
                                   int deflate_level) {
  if (chunk_rows == 0) throw std::invalid_argument("h5::Table " + name + ": chunk_rows must be positive");
  if (deflate_level < 0 || deflate_level > 9) {
    throw std::invalid_argument("h5::Table " + name + ": deflate level must be within 0..9");
  }
  const std::string description = describe_child(name);
  const Handle space = vector_space(0, H5S_UNLIMITED, description);
  const Handle properties = chunked_compressed_properties(chunk_rows, deflate_level, description);
  const Handle file_type = type.file_type();
  return Object(create_dataset(*this, name, file_type.id(), space.id(), properties.id()), child_path(name));
}

// ---- Table support ---------------------------------------------------------------------------

namespace detail {

void append_rows(const Object& dataset, const CompoundType& type, std::uint64_t first_row, const std::byte* rows,
                 std::size_t count) {
  const std::string description = dataset.describe();
  std::vector<std::byte> cleaned;
  if (type.has_text()) {
    cleaned.assign(rows, rows + count * type.row_size());
    type.zero_after_text_terminators(cleaned.data(), count);
    rows = cleaned.data();
  }
  const hsize_t start = first_row;
  const hsize_t length = count;
  const hsize_t new_size = start + length;
  check(H5Dset_extent(dataset.id(), &new_size), "extend", description);
  const Handle file_space =
      Handle::adopt(Kind::dataspace, H5Dget_space(dataset.id()), "get the dataspace of", description);
  check(H5Sselect_hyperslab(file_space.id(), H5S_SELECT_SET, &start, nullptr, &length, nullptr),
        "select the appended rows of", description);
  const Handle memory_space = vector_space(length, length, description);
  check(H5Dwrite(dataset.id(), type.id(), memory_space.id(), file_space.id(), H5P_DEFAULT, rows), "append rows to",
        description);
}

void require_row_type(bool matches, const Object& where) {
  if (!matches) throw Error("the compound type given for " + where.describe() + " was made for a different row struct");
}

}  // namespace detail

// ---- File ------------------------------------------------------------------------------------

namespace {

// Closing the file closes every object still open in it: after close() the file is complete on
// disk, even if a Group or Table outlives the File by mistake.
Handle strong_close_access(const std::string& path) {
  Handle access = create_properties(H5P_FILE_ACCESS, quoted(path));
  check(H5Pset_fclose_degree(access.id(), H5F_CLOSE_STRONG), "set the close degree of", quoted(path));
  return access;
}

}  // namespace

File::File(Handle handle, std::string path) : handle_(std::move(handle)), path_(std::move(path)) {}

File File::create(const std::string& path) {
  silence_automatic_error_printing();
  // The root group is created with the file creation properties, so they too drop timestamps.
  const Handle creation = untimed_creation_properties(H5P_FILE_CREATE, quoted(path));
  const Handle access = strong_close_access(path);
  // The 1.10 format checksums the superblock, object headers (attributes and compact data with
  // them), chunk indexes and heaps of names: damage there is refused when read. Both bounds fixed,
  // so that the same content gives the same bytes whatever HDF5 writes it.
  check(H5Pset_libver_bounds(access.id(), H5F_LIBVER_V110, H5F_LIBVER_V110), "set the format of", quoted(path));
  return File(Handle::adopt(Kind::file, H5Fcreate(path.c_str(), H5F_ACC_TRUNC, creation.id(), access.id()),
                            "create file", quoted(path)),
              path);
}

File File::open_read(const std::string& path) {
  silence_automatic_error_printing();
  const Handle access = strong_close_access(path);
  // Readers jump around tables (a keyframe, then the moves after it; binary searches by time): a
  // chunk cache that holds a few whole chunks (65,536 rows are 1-4 MiB) decompresses each once
  // instead of once per partial read, as HDF5's default 1 MiB cache would.
  check(H5Pset_cache(access.id(), 0, 1009, 16 * 1024 * 1024, 0.75), "set the chunk cache of", quoted(path));
  return File(Handle::adopt(Kind::file, H5Fopen(path.c_str(), H5F_ACC_RDONLY, access.id()), "open file", quoted(path)),
              path);
}

std::string File::describe() const { return "file " + quoted(path_); }

Group File::root() { return open_root(); }

const Group File::root() const { return open_root(); }

Group File::open_root() const {
  return Group(
      Handle::adopt(Kind::group, H5Gopen2(handle_.id(), "/", H5P_DEFAULT), "open the root group of", describe()), "/");
}

void File::flush() { check(H5Fflush(handle_.id(), H5F_SCOPE_GLOBAL), "flush", describe()); }

void File::close() { handle_.close(describe()); }

}  // namespace porttwin::h5

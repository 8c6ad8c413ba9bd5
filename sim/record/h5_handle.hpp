// Ownership of HDF5 identifiers and the error policy shared by the whole h5 wrapper:
// every failing HDF5 call becomes a porttwin::h5::Error naming what was attempted and where.
#pragma once

#include <hdf5.h>

#include <concepts>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace porttwin::h5 {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// HDF5 prints its whole error stack to stderr on every failure unless told otherwise; we report
// failures through exceptions instead. The setting is per thread in thread-safe HDF5 builds
// (Debian's is one), hence thread_local rather than a process-wide once-flag.
inline void silence_automatic_error_printing() {
  thread_local const bool silenced = [] {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    return true;
  }();
  (void)silenced;
}

namespace detail {

// The innermost entry of HDF5's error stack says what actually went wrong
// ("unable to open file: ... No such file or directory", "object 'x' doesn't exist").
// A failed system call is described at length ("file write failed: time = ..., errno = 28, error
// message = 'No space left on device', buf = ..."): only the system's message is kept.
inline herr_t remember_innermost_description(unsigned depth, const H5E_error2_t* entry, void* out) {
  if (depth != 0 || entry->desc == nullptr) return 0;
  std::string description = entry->desc;
  constexpr std::string_view system_message = "error message = '";
  if (const auto at = description.find(system_message); at != std::string::npos) {
    const auto begin = at + system_message.size();
    const auto end = description.find('\'', begin);
    const auto head = description.find(':');  // "file write failed"
    description = (head < at ? description.substr(0, head) + ": " : std::string()) +
                  description.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
  }
  *static_cast<std::string*>(out) = std::move(description);
  return 0;
}

inline std::string innermost_error_description() {
  std::string description;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, remember_innermost_description, &description);
  return description;
}

}  // namespace detail

inline std::string failure_message(std::string_view operation, std::string_view object) {
  std::string message = "HDF5 could not ";
  message.append(operation).append(" ").append(object);
  if (const std::string cause = detail::innermost_error_description(); !cause.empty()) {
    message.append(": ").append(cause);
  }
  return message;
}

// Passes a successful result through; a negative one (the HDF5 failure convention for hid_t,
// herr_t and htri_t alike) becomes an Error.
template <std::signed_integral Result>
Result check(Result result, std::string_view operation, std::string_view object) {
  if (result < 0) throw Error(failure_message(operation, object));
  return result;
}

enum class Kind { file, group, dataset, dataspace, datatype, property_list, attribute };

// Move-only owner of one HDF5 identifier, closed with the function matching its kind.
class Handle {
 public:
  Handle() noexcept = default;
  Handle(Kind kind, hid_t id) noexcept : kind_(kind), id_(id) {}

  // Wraps the result of an HDF5 create/open call, throwing if that call failed. Also silences
  // HDF5's printing for threads that did not come in through File or CompoundType.
  static Handle adopt(Kind kind, hid_t id, std::string_view operation, std::string_view object) {
    silence_automatic_error_printing();
    return Handle(kind, check(id, operation, object));
  }

  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& other) noexcept : kind_(other.kind_), id_(std::exchange(other.id_, H5I_INVALID_HID)) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      kind_ = other.kind_;
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
    }
    return *this;
  }
  ~Handle() { reset(); }

  hid_t id() const noexcept { return id_; }
  Kind kind() const noexcept { return kind_; }
  explicit operator bool() const noexcept { return id_ >= 0; }

  // Closes now and reports failure; closing a file is where buffered data reaches the disk.
  void close(std::string_view object) {
    if (id_ < 0) return;
    const hid_t id = std::exchange(id_, H5I_INVALID_HID);
    if (H5Iis_valid(id) > 0) check(close_function(kind_)(id), "close", object);
  }

  // Destructor path: failures cannot be reported. The validity test skips identifiers that
  // HDF5 already invalidated (objects of a file closed with the strong close degree).
  void reset() noexcept {
    const hid_t id = std::exchange(id_, H5I_INVALID_HID);
    if (id >= 0 && H5Iis_valid(id) > 0) close_function(kind_)(id);
  }

 private:
  using CloseFunction = herr_t (*)(hid_t);

  static CloseFunction close_function(Kind kind) noexcept {
    switch (kind) {
      case Kind::file: return H5Fclose;
      case Kind::group: return H5Gclose;
      case Kind::dataset: return H5Dclose;
      case Kind::dataspace: return H5Sclose;
      case Kind::datatype: return H5Tclose;
      case Kind::property_list: return H5Pclose;
      case Kind::attribute: return H5Aclose;
    }
    return H5Oclose;
  }

  Kind kind_ = Kind::file;
  hid_t id_ = H5I_INVALID_HID;
};

}  // namespace porttwin::h5

// A snapshot: the state of the twin at one instant, as one JSON document (docs/snapshot.md). The
// engine knows its frame (format, version, time) and how to read a field with a located error; each
// model owns its section (the scenario key it is built from: "terminal", "corridor", ...).
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/diagnostics.hpp"
#include "sim/snapshot/json_document.hpp"

namespace porttwin::snapshot {

inline constexpr const char* kFormat = "porttwin-snapshot";
inline constexpr int kVersion = 1;

struct Snapshot {
  std::string source;   // the file, as the user named it
  JsonDocument document;
  double time = 0;      // s after the scenario's start
  double start = 0;     // the scenario's calendar start (epoch s), for the date-times inside
};

// Reads and checks the frame of a snapshot for a scenario starting at `start` (epoch s) with
// `horizon` (s): every error of the frame in `d`; nullptr when there is one.
std::shared_ptr<const Snapshot> read_snapshot(const std::filesystem::path& file, double start, double horizon,
                                              scenario::Diagnostics& d);

// Typed access to the members of a section, each refusal located at the value (or, for a missing
// member, at its object) with its JSON pointer. Every getter returns nullopt (or nullptr) on an error
// and on an absent optional member.
class SectionReader {
 public:
  SectionReader(const Snapshot& snapshot, scenario::Diagnostics& d) : snapshot_(snapshot), d_(d) {}

  const Snapshot& snapshot() const { return snapshot_; }
  scenario::Diagnostics& diagnostics() const { return d_; }
  void error(const std::string& pointer, const std::string& message) const;

  // The model's section (nullptr when the snapshot has none).
  const Json* section(const char* key) const;
  // Unknown members of `object` are errors (with a "did you mean" when one is close).
  void only(const Json& object, const std::string& pointer, std::initializer_list<const char*> keys) const;
  bool is_object(const Json& value, const std::string& pointer) const;

  const Json* member(const Json& object, const std::string& pointer, const char* key, bool required) const;
  const Json* array(const Json& object, const std::string& pointer, const char* key, bool required = false) const;
  std::optional<std::string> text(const Json& object, const std::string& pointer, const char* key,
                                  bool required = true) const;
  std::optional<double> number(const Json& object, const std::string& pointer, const char* key, bool required,
                               double min, double max) const;
  std::optional<std::int64_t> integer(const Json& object, const std::string& pointer, const char* key,
                                      bool required, std::int64_t min, std::int64_t max) const;
  std::optional<bool> flag(const Json& object, const std::string& pointer, const char* key, bool required) const;
  // A date-time of the scenario's calendar ("2026-01-05T06:00:00.250"), as s after its start.
  std::optional<double> time(const Json& object, const std::string& pointer, const char* key, bool required) const;
  // A duration ("4min", "1h30min" or seconds as a number).
  std::optional<double> duration(const Json& object, const std::string& pointer, const char* key,
                                 bool required) const;
  // One of `names`: its index.
  std::optional<std::size_t> choice(const Json& object, const std::string& pointer, const char* key, bool required,
                                    const std::vector<std::string>& names) const;
  // Each object of the array `key` of `object` (an error for one that is not), its members checked
  // against `keys`, with its JSON pointer. False when there is no such array.
  bool each_object(const Json& object, const std::string& pointer, const char* key,
                   std::initializer_list<const char*> keys,
                   const std::function<void(const Json& item, const std::string& pointer)>& each) const;
  // The string `key` of every object of the array `list` of another section (a cross-section
  // check: NII's and the corridor's boxes against the terminal's), whatever that section's errors.
  std::set<std::string> texts_of(const char* section, const char* list, const char* key) const;
  // One of the scenario's `names` of a `what` ("yard block", "route"): its index; otherwise "the
  // scenario has no <what> "x"" with a "did you mean".
  std::optional<std::size_t> named(const Json& object, const std::string& pointer, const char* key, bool required,
                                   const std::vector<std::string>& names, const std::string& what) const;

 private:
  std::string found(const Json& value) const;  // "found the string "x"" etc.
  const Snapshot& snapshot_;
  scenario::Diagnostics& d_;
};

// Writing a snapshot: the frame, then each model adds its section.
class SnapshotWriter {
 public:
  SnapshotWriter(double time, double start, std::string scenario_name);
  Json& section(const char* key) { return root_[key]; }
  // The document; objects in arrays one per line, so that a yard of 30,000 boxes reads and diffs
  // line by line.
  std::string text() const;
  std::string time_text(double t) const;  // a date-time of the calendar, to the millisecond

 private:
  double start_;
  Json root_;
};

// Pieces of JSON Schema (draft 2020-12) for the sections' schemas (`porttwin schema --snapshot`).
namespace schema {
Json object(const std::string& description, const std::vector<std::pair<std::string, Json>>& properties,
            const std::vector<std::string>& required);
Json array_of(const Json& items);
Json text(const std::string& description);
Json integer(std::int64_t minimum, const std::string& description);
Json one_of(const std::vector<std::string>& names, const std::string& description);
Json number(double minimum, const std::string& description, std::optional<double> maximum = std::nullopt);
Json flag(const std::string& description);
Json container_number(const std::string& description);  // ISO 6346
Json date_time();
// The whole document: the frame and each model's section.
Json document(const std::vector<std::pair<std::string, Json>>& sections);
}  // namespace schema

// The names of a code table (an enum's names, in order), as the choices of a field.
template <std::size_t N>
std::vector<std::string> choices(const std::array<std::string_view, N>& names) {
  return {names.begin(), names.end()};
}

// Writes `text` to `file` atomically (a temporary, renamed); std::runtime_error naming the file on failure.
void write_file(const std::filesystem::path& file, const std::string& text);

// A date-time of the calendar starting at `start` (epoch s), to the millisecond.
std::string format_time(double t, double start);

}  // namespace porttwin::snapshot

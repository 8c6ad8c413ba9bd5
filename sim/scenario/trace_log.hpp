// A log replayed as arrivals (`process: trace`): a CSV file (csv_file.hpp) with a column of times and
// the columns a source maps to the attributes of its arrivals (a truck visit's type and box, a vessel
// call's service and moves, a trip's route and device). Read when the scenario is; every bad row is
// reported at the scenario's key with the log's file:line, so nothing runs on a bad log.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/schema.hpp"

namespace porttwin::scenario {

// Where a source's log is and which of its columns say what: `columns` pairs an attribute (a key of
// the `columns:` map) with the log's column holding it ("" or none when the log has none).
struct TraceColumns {
  TraceColumns() = default;
  explicit TraceColumns(std::vector<std::pair<std::string, std::string>> defaults) : columns(std::move(defaults)) {}
  std::string file;                  // relative to the scenario file
  std::string time_column = "time";
  std::vector<std::pair<std::string, std::string>> columns;  // attribute -> its column's name (the default)
  // The column of `attribute` ("" when not mapped: "" or none).
  const std::string& column(const std::string& attribute) const;
};

// Declares file, time and a `columns:` map with one key per attribute; `help` says, per attribute in
// `config.columns` order, what the column holds.
void declare_trace(Section& section, TraceColumns& config, const std::string& what, const std::vector<std::string>& help);

struct TraceLog {
  std::string file, sha256;  // the log as read, for the run's provenance (/meta trace.<source>)
  bool calendar = true;      // date-times (Unix s of the scenario's local calendar) or offsets (s)
  std::vector<double> times;  // in the log's order (time order)
  std::vector<int> lines;     // the line of each row
  std::vector<std::vector<std::string>> values;  // per mapped attribute (config.columns order), per row
  // "FILE:LINE: " of row `row`, to start an error about it.
  std::string where(std::size_t row) const { return file + ":" + std::to_string(lines[row]) + ": "; }
  // The time of row `row` in simulated seconds, for a run whose calendar starts at `calendar_start`.
  double sim_time(std::size_t row, double calendar_start) const { return times[row] - (calendar ? calendar_start : 0); }
};

// Reads the log of `config` (errors at `path`.file, .time and .columns.<attribute>); nullptr when
// it could not be read or a row is bad. An attribute whose column is "" gets empty values.
std::shared_ptr<const TraceLog> read_trace_log(const TraceColumns& config, const std::string& path, Diagnostics& d);

// Collects the bad rows of a log: the first ten are reported, then a count of the rest.
class TraceErrors {
 public:
  TraceErrors(Diagnostics& d, std::string path, const TraceLog& log) : d_(d), path_(std::move(path)), log_(log) {}
  void row(std::size_t row, const std::string& message);  // "FILE:LINE: message"
  bool any() const { return count_ > 0; }
  void finish();  // the count beyond ten

 private:
  Diagnostics& d_;
  std::string path_;
  const TraceLog& log_;
  std::size_t count_ = 0;
};

// "found "x" in column c, expected one of a, b or c (did you mean "b"?)".
std::string found_in_column(const std::string& text, const std::string& column, const std::vector<std::string>& allowed);

}  // namespace porttwin::scenario

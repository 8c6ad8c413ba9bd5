// A run's tables, or a sweep's, as CSV files for a spreadsheet or any tool that reads CSV
// (docs/tables.md): names decoded (places, event kinds, enumeration labels), times also as the run's
// calendar date-times, units in the headers or beside the values. RFC 4180: fields with a comma, a
// quote or a line break are quoted, quotes doubled, lines end with CRLF; numbers are written in the
// shortest text that reads back as the same double.
//   a run file:  events.csv (/events/log), kpi.csv (/kpi), summary.csv (/summary)
//   a sweep (its folder or its sweep.h5): kpis.csv, runs.csv, points.csv, differences.csv, warmup.csv
// Every table is read and checked (the event log against the run's fingerprint) before anything is
// written, and each file is written through a hidden temporary renamed into place only once all
// are complete: a damaged input leaves nothing behind.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace porttwin::analysis {

struct CsvFile {
  std::filesystem::path path;
  std::uint64_t rows = 0;  // data rows, the header not counted
};

// Writes the CSV files of `input` into `dir` (created if missing; files of the same names there are
// replaced). Throws InvalidInput (analysis/run_sets.hpp; what() names the file and the problem) when
// `input` is not a readable run file or sweep, and std::runtime_error when a file cannot be written.
std::vector<CsvFile> export_csv(const std::filesystem::path& input, const std::filesystem::path& dir);

// One field of a CSV line as RFC 4180 writes it: quoted when it holds a comma, a quote, CR or LF.
void append_csv_field(std::string& line, std::string_view field);
// The shortest text that reads back as `value` ("0.5", "1e-07"; "nan", "inf", "-inf").
std::string csv_number(double value);

}  // namespace porttwin::analysis

// A CSV file read with libcsv (RFC 4180: quoted fields, doubled quotes, CRLF), as the logs the
// ports' systems export: a header row naming the columns, then one record a line. Every record keeps
// the line it starts on, so a bad value is reported as file:line.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace porttwin::scenario {

struct CsvFile {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> records;
  std::vector<int> lines;  // the line each record starts on (the header is line 1)
  std::string sha256;      // of the file's bytes, hex: what a run that read it records

  // The index of column `name`, or nullopt.
  std::optional<std::size_t> column(const std::string& name) const;
};

// nullopt with `problem` set ("FILE:LINE: what is wrong") when the file cannot be read, is not
// CSV (an unterminated quote, a stray quote), has no header, or a record has another number of
// fields than the header.
std::optional<CsvFile> read_csv(const std::filesystem::path& file, std::string& problem);

}  // namespace porttwin::scenario

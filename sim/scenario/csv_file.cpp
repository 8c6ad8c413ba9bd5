#include "sim/scenario/csv_file.hpp"

#include <csv.h>

#include <memory>

#include "sim/integrity/sha256.hpp"
#include "sim/scenario/input_file.hpp"

namespace porttwin::scenario {

namespace {

struct Reader {
  std::vector<std::string> fields;
  std::vector<std::vector<std::string>> rows;
  std::vector<int> lines;
  int line = 1;        // the line being fed
  int row_start = 1;   // where the record being read began
  bool in_record = false;
};

void on_field(void* data, std::size_t size, void* reader) {
  auto& r = *static_cast<Reader*>(reader);
  if (!r.in_record) r.row_start = r.line;
  r.in_record = true;
  r.fields.emplace_back(static_cast<const char*>(data), size);
}

void on_record(int, void* reader) {
  auto& r = *static_cast<Reader*>(reader);
  if (!r.in_record) r.row_start = r.line;
  r.rows.push_back(std::move(r.fields));
  r.lines.push_back(r.row_start);
  r.fields.clear();
  r.in_record = false;
}

}  // namespace

std::optional<std::size_t> CsvFile::column(const std::string& name) const {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  return std::nullopt;
}

std::optional<CsvFile> read_csv(const std::filesystem::path& file, std::string& problem) {
  const auto text = read_input_file(file, problem);
  if (!text) {
    problem = file.string() + ": " + problem;
    return std::nullopt;
  }
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_APPEND_NULL | CSV_STRICT_FINI) != 0) {
    problem = file.string() + ": cannot start the CSV parser";
    return std::nullopt;
  }
  const std::unique_ptr<csv_parser, void (*)(csv_parser*)> owner(&parser, csv_free);
  Reader reader;
  // Fed line by line so that every record knows the line it starts on.
  std::size_t at = 0;
  while (at < text->size()) {
    std::size_t end = text->find('\n', at);
    end = end == std::string::npos ? text->size() : end + 1;
    if (csv_parse(&parser, text->data() + at, end - at, on_field, on_record, &reader) != end - at) {
      problem = file.string() + ":" + std::to_string(reader.line) + ": " + csv_strerror(csv_error(&parser)) +
                " (a quote inside an unquoted field, or a quoted field not closed)";
      return std::nullopt;
    }
    at = end;
    ++reader.line;
  }
  if (csv_fini(&parser, on_field, on_record, &reader) != 0) {
    problem = file.string() + ":" + std::to_string(reader.row_start) + ": a quoted field is not closed at the end of the file";
    return std::nullopt;
  }
  CsvFile csv;
  csv.sha256 = integrity::hex(integrity::sha256(
      std::span(reinterpret_cast<const std::uint8_t*>(text->data()), text->size())));
  if (reader.rows.empty()) {
    problem = file.string() + ":1: the file is empty, expected a header row naming its columns";
    return std::nullopt;
  }
  csv.header = std::move(reader.rows.front());
  for (std::size_t i = 1; i < reader.rows.size(); ++i) {
    if (reader.rows[i].size() != csv.header.size()) {
      problem = file.string() + ":" + std::to_string(reader.lines[i]) + ": found " +
                std::to_string(reader.rows[i].size()) + " fields, expected " + std::to_string(csv.header.size()) +
                " as in the header";
      return std::nullopt;
    }
    csv.records.push_back(std::move(reader.rows[i]));
    csv.lines.push_back(reader.lines[i]);
  }
  return csv;
}

}  // namespace porttwin::scenario

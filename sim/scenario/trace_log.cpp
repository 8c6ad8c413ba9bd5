#include "sim/scenario/trace_log.hpp"

#include <filesystem>

#include "sim/core/units.hpp"
#include "sim/scenario/csv_file.hpp"

namespace porttwin::scenario {

const std::string& TraceColumns::column(const std::string& attribute) const {
  static const std::string none;
  for (const auto& [name, column] : columns) {
    if (name == attribute) return column == "none" ? none : column;
  }
  return none;
}

void declare_trace(Section& s, TraceColumns& c, const std::string& what, const std::vector<std::string>& help) {
  s.text("file", c.file,
         "trace: CSV log with a header row (RFC 4180), relative to the scenario file; one " + what + " a record");
  s.text("time", c.time_column,
         "trace: the column of " + what + " times, calendar date-times (2026-01-05T06:12:30) or offsets from the "
         "start (6h12min30s), in time order");
  if (c.columns.empty()) return;
  auto& columns = s.section("columns", "trace: the log's column of each attribute of a " + what + " (none: the log has none)");
  for (std::size_t i = 0; i < c.columns.size(); ++i) columns.text(c.columns[i].first, c.columns[i].second, help.at(i));
}

namespace {

// "found "x", expected a column of FILE (a, b) (did you mean "y"?)".
std::string no_column(const std::string& name, const CsvFile& csv, const std::string& file) {
  std::string names;
  for (const auto& h : csv.header) names += (names.empty() ? "" : ", ") + h;
  const std::string match = closest_match(name, csv.header);
  const std::string suggestion = match.empty() ? "" : " (did you mean \"" + match + "\"?)";
  return "found \"" + name + "\", expected a column of " + file + " (" + names + ")" + suggestion;
}

}  // namespace

std::shared_ptr<const TraceLog> read_trace_log(const TraceColumns& c, const std::string& path, Diagnostics& d) {
  if (c.file.empty()) {
    d.error(path + ".process", "found process: trace, expected a file: (the CSV log) beside it");
    return nullptr;
  }
  std::filesystem::path file = c.file;
  if (file.is_relative()) file = std::filesystem::path(d.source()).parent_path() / file;
  std::string problem;
  const auto csv = read_csv(file, problem);
  if (!csv) {
    d.error(path + ".file", problem);
    return nullptr;
  }
  const auto column = csv->column(c.time_column);
  if (!column) {
    d.error(path + ".time", no_column(c.time_column, *csv, file.string()));
    return nullptr;
  }
  std::vector<std::optional<std::size_t>> mapped;
  bool missing = false;
  for (const auto& [attribute, given] : c.columns) {
    const std::string& name = c.column(attribute);
    mapped.push_back(name.empty() ? std::nullopt : csv->column(name));
    if (!name.empty() && !mapped.back()) {
      d.error(path + ".columns." + attribute, no_column(name, *csv, file.string()));
      missing = true;
    }
  }
  if (missing) return nullptr;
  auto trace = std::make_shared<TraceLog>();
  trace->file = file.string();
  trace->sha256 = csv->sha256;
  trace->values.resize(c.columns.size());
  std::size_t bad = 0;
  for (std::size_t i = 0; i < csv->records.size(); ++i) {
    const std::string& text = csv->records[i][*column];
    const std::string where = file.string() + ":" + std::to_string(csv->lines[i]) + ": ";
    const auto when = units::parse_datetime(text);
    const auto offset = when ? std::nullopt : units::parse_duration(text);
    std::string wrong;
    if (!when && !offset) {
      wrong = "found \"" + text + "\" in column " + c.time_column + ", expected " + std::string(units::expected_datetime) +
              " or " + std::string(units::expected_duration);
    } else if (!trace->times.empty() && trace->calendar != when.has_value()) {
      wrong = "found \"" + text + "\", expected " + (trace->calendar ? "a date-time" : "an offset") +
              " like the rows above (one kind of time in a log)";
    } else if (!trace->times.empty() && (when ? *when : *offset) < trace->times.back()) {
      wrong = "found \"" + text + "\" before the row above, expected the log in time order";
    }
    if (!wrong.empty()) {
      if (++bad <= 10) d.error(path + ".file", where + wrong);
      continue;
    }
    trace->calendar = when.has_value();
    trace->times.push_back(when ? *when : *offset);
    trace->lines.push_back(csv->lines[i]);
    for (std::size_t a = 0; a < mapped.size(); ++a) {
      trace->values[a].push_back(mapped[a] ? csv->records[i][*mapped[a]] : std::string());
    }
  }
  if (bad > 10) d.error(path + ".file", file.string() + ": " + std::to_string(bad - 10) + " more bad rows");
  if (bad == 0 && trace->times.empty()) d.error(path + ".file", file.string() + ": no records, expected one arrival a record");
  return bad == 0 ? trace : nullptr;
}

void TraceErrors::row(std::size_t row, const std::string& message) {
  if (++count_ <= 10) d_.error(path_ + ".file", log_.where(row) + message);
}

void TraceErrors::finish() {
  if (count_ > 10) d_.error(path_ + ".file", log_.file + ": " + std::to_string(count_ - 10) + " more bad rows");
}

std::string found_in_column(const std::string& text, const std::string& column, const std::vector<std::string>& allowed) {
  std::string list;
  for (std::size_t i = 0; i < allowed.size(); ++i) {
    list += (i == 0 ? "" : i + 1 == allowed.size() ? " or " : ", ") + allowed[i];
  }
  const std::string match = allowed.size() > 1 ? closest_match(text, allowed) : std::string();
  return "found \"" + text + "\" in column " + column + ", expected " + list +
         (match.empty() ? "" : " (did you mean \"" + match + "\"?)");
}

}  // namespace porttwin::scenario

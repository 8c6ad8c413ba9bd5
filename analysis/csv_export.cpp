#include "analysis/csv_export.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <system_error>

#include "analysis/run_file.hpp"
#include "analysis/run_sets.hpp"
#include "models/record/event_catalog.hpp"
#include "sim/core/units.hpp"
#include "sim/record/atomic_output.hpp"
#include "sim/record/h5_columns.hpp"
#include "sim/record/h5_file.hpp"

namespace porttwin::analysis {

namespace fs = std::filesystem;

void append_csv_field(std::string& line, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    line += field;
    return;
  }
  line += '"';
  for (const char c : field) {
    if (c == '"') line += '"';
    line += c;
  }
  line += '"';
}

std::string csv_number(double value) {
  if (std::isnan(value)) return "";  // undefined (a rate over zero cases): an empty cell, NaN to pandas
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char text[32];
  const auto [end, error] = std::to_chars(text, text + sizeof text, value);
  return error == std::errc() ? std::string(text, end) : std::to_string(value);
}

namespace {

constexpr std::string_view kEnd = "\r\n";

// A table in memory as the text of its cells, header first.
struct TextTable {
  std::string name;  // the file name
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> columns;  // [column][row]
};

// What a run file's CSV files are made of, every table read and checked.
struct RunTables {
  RunSummary summary;
  std::vector<std::string> places;
  std::vector<EventRow> events;
  bool has_events = false;
  std::map<std::string, std::vector<double>> kpis;  // with "time"
  std::map<std::string, std::string> kpi_units;
  std::optional<double> start;  // /meta start, s since 1970
  std::string utc_offset;       // "+03:00"
};

[[noreturn]] void refuse(const fs::path& input, const std::string& why) {
  throw InvalidInput(input.string() + ": error: " + why);
}

RunTables read_run(const fs::path& input) {
  RunTables t;
  {
    const h5::File file = h5::File::open_read(input.string());
    const h5::Group root = file.root();
    if (!root.has("meta") || !root.has("summary") || !root.has("kpi")) {
      refuse(input, "not a porttwin run file or sweep (no /meta, /summary or /kpi)");
    }
    const h5::Group meta = root.open_group("meta");
    if (meta.has_attribute("start")) t.start = units::parse_datetime(meta.string_attribute("start"));
    t.utc_offset = meta.has_attribute("utc_offset") ? meta.string_attribute("utc_offset") : "";
    t.has_events = root.has("events/log");
  }
  t.summary = read_summary(input);
  t.kpis = read_kpis(input);
  t.kpi_units = read_kpi_units(input);
  const auto time = t.kpis.find("time");
  if (time == t.kpis.end()) refuse(input, "/kpi has no time series");
  for (const auto& [name, series] : t.kpis) {
    if (series.size() != time->second.size()) {
      refuse(input, "/kpi/" + name + " has " + std::to_string(series.size()) + " values, /kpi/time " +
                        std::to_string(time->second.size()) + ": the file is damaged");
    }
  }
  if (t.has_events) {
    t.places = read_places(input);
    t.events = read_events(input);  // checked against the fingerprint
    for (std::size_t i = 0; i < t.events.size(); ++i) {
      if (t.events[i].place >= t.places.size()) {
        refuse(input, "row " + std::to_string(i) + " of /events/log names place " + std::to_string(t.events[i].place) +
                          ", /events/places has " + std::to_string(t.places.size()) + ": the file is damaged");
      }
    }
  }
  return t;
}

std::string read_cells(const h5::Group& root, const std::string& table, const std::string& column,
                           std::vector<std::string>& cells) {
  switch (h5::column_class(root, table, column)) {
    case h5::ColumnClass::integer:
      for (const std::int64_t v : h5::read_integer_column(root, table, column)) cells.push_back(std::to_string(v));
      return {};
    case h5::ColumnClass::real:
      for (const double v : h5::read_real_column(root, table, column)) cells.push_back(csv_number(v));
      return {};
    case h5::ColumnClass::text: cells = h5::read_text_column(root, table, column); return {};
    case h5::ColumnClass::enumeration: cells = h5::read_enumeration_column(root, table, column); return {};
    case h5::ColumnClass::other: break;
  }
  return "column '" + column + "' of /" + table + " is of a type CSV export does not know";
}

std::vector<TextTable> read_sweep(const fs::path& input, const fs::path& sweep_file) {
  std::vector<TextTable> tables;
  const h5::File file = h5::File::open_read(sweep_file.string());
  const h5::Group root = file.root();
  for (const char* name : {"kpis", "runs", "points", "differences", "warmup"}) {
    if (!root.has(name)) continue;
    TextTable t{std::string(name) + ".csv", h5::column_names(root, name), {}};
    for (const auto& column : t.header) {
      std::vector<std::string> cells;
      if (const std::string problem = read_cells(root, name, column, cells); !problem.empty()) refuse(input, problem);
      if (!t.columns.empty() && cells.size() != t.columns.front().size()) refuse(input, "/" + std::string(name) + " is damaged");
      t.columns.push_back(std::move(cells));
    }
    tables.push_back(std::move(t));
  }
  if (tables.empty()) refuse(input, "sweep.h5 has none of the sweep tables (/kpis, /runs, /points, ...)");
  return tables;
}

// The run's calendar date-time at t s (to the millisecond, with its offset from UTC); empty when
// the run file has no start.
std::string date_time(const RunTables& t, double time) {
  if (!t.start) return {};
  return units::format_datetime_ms(std::round((*t.start + time) * 1000.0) / 1000.0) + t.utc_offset;
}

void append_line(std::string& text, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) text += ',';
    append_csv_field(text, fields[i]);
  }
  text += kEnd;
}

// The files of one export: written to their temporaries as they come, renamed when all are done.
class Outputs {
 public:
  explicit Outputs(fs::path dir) : dir_(std::move(dir)), existed_(fs::exists(dir_)) {}
  Outputs(const Outputs&) = delete;
  Outputs& operator=(const Outputs&) = delete;
  ~Outputs() {
    if (committed_) return;
    outputs_.clear();  // removes the temporaries
    std::error_code ignored;
    if (!existed_) fs::remove(dir_, ignored);  // only if empty
  }

  // Writes a file whose content `write(buffer, flush)` produces, flushing as the buffer grows.
  template <class Write>
  void add(const std::string& name, std::uint64_t rows, Write write) {
    auto& output = outputs_.emplace_back(std::make_unique<AtomicOutput>(dir_ / name));
    std::ofstream out(output->temp_path(), std::ios::binary);
    if (!out) throw std::runtime_error("cannot write " + output->temp_path().string());
    std::string buffer;
    buffer.reserve(1 << 20);
    const auto flush = [&] {
      out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      buffer.clear();
    };
    write(buffer, [&] {
      if (buffer.size() > (1u << 20) - 4096) flush();
    });
    flush();
    out.close();
    if (!out) throw std::runtime_error("writing " + (dir_ / name).string() + " failed (disk full?); nothing written");
    files_.push_back({dir_ / name, rows});
  }

  std::vector<CsvFile> commit() {
    for (auto& output : outputs_) output->commit();
    committed_ = true;
    return files_;
  }

 private:
  fs::path dir_;
  bool existed_;
  bool committed_ = false;
  std::vector<std::unique_ptr<AtomicOutput>> outputs_;
  std::vector<CsvFile> files_;
};

void write_run(const RunTables& t, Outputs& outputs) {
  if (t.has_events) {
    outputs.add("events.csv", t.events.size(), [&](std::string& text, const auto& flush) {
      append_line(text, {"time", "datetime", "entity", "place", "kind", "detail"});
      std::vector<std::string> kinds;  // by code, filled as codes come
      for (const EventRow& e : t.events) {
        if (e.kind >= kinds.size()) kinds.resize(e.kind + 1u);
        if (kinds[e.kind].empty()) kinds[e.kind] = event_name(e.kind);
        text += csv_number(e.time);
        text += ',';
        text += date_time(t, e.time);
        text += ',';
        text += std::to_string(e.entity);
        text += ',';
        append_csv_field(text, t.places[e.place]);
        text += ',';
        append_csv_field(text, kinds[e.kind]);
        text += ',';
        text += std::to_string(e.detail);
        text += kEnd;
        flush();
      }
    });
  }
  const std::vector<double>& time = t.kpis.at("time");
  outputs.add("kpi.csv", time.size(), [&](std::string& text, const auto& flush) {
    const auto header = [&](const std::string& name) {
      const auto units = t.kpi_units.find(name);
      return units == t.kpi_units.end() || units->second.empty() ? name : name + " [" + units->second + "]";
    };
    std::vector<std::string> fields{header("time"), "datetime"};
    std::vector<const std::vector<double>*> series;
    for (const auto& [name, values] : t.kpis) {
      if (name == "time") continue;
      fields.push_back(header(name));
      series.push_back(&values);
    }
    append_line(text, fields);
    for (std::size_t row = 0; row < time.size(); ++row) {
      text += csv_number(time[row]);
      text += ',';
      text += date_time(t, time[row]);
      for (const auto* values : series) {
        text += ',';
        text += csv_number((*values)[row]);
      }
      text += kEnd;
      flush();
    }
  });
  outputs.add("summary.csv", t.summary.items.size(), [&](std::string& text, const auto& flush) {
    append_line(text, {"name", "value", "units", "help"});
    for (const SummaryItem& item : t.summary.items) {
      append_line(text, {item.name, csv_number(item.value), item.units, item.help});
      flush();
    }
  });
}

void write_tables(const std::vector<TextTable>& tables, Outputs& outputs) {
  for (const TextTable& table : tables) {
    const std::size_t rows = table.columns.empty() ? 0 : table.columns.front().size();
    outputs.add(table.name, rows, [&](std::string& text, const auto& flush) {
      append_line(text, table.header);
      std::vector<std::string> fields(table.columns.size());
      for (std::size_t row = 0; row < rows; ++row) {
        for (std::size_t c = 0; c < fields.size(); ++c) fields[c] = table.columns[c][row];
        append_line(text, fields);
        flush();
      }
    });
  }
}

}  // namespace

std::vector<CsvFile> export_csv(const fs::path& input, const fs::path& dir) {
  std::error_code error;
  const bool folder = fs::is_directory(input, error);
  if (folder && !fs::is_regular_file(input / "sweep.h5")) refuse(input, "a folder without sweep.h5 (export a run file by its name)");
  if (!folder && !fs::is_regular_file(input, error)) refuse(input, "no such file or folder");
  const fs::path file = folder ? input / "sweep.h5" : input;
  // Everything is read before anything is written.
  std::vector<TextTable> sweep_tables;
  RunTables run;
  const bool sweep = folder || is_sweep_results(file);
  try {
    if (sweep) sweep_tables = read_sweep(file, file);
    else run = read_run(file);
  } catch (const InvalidInput&) {
    throw;
  } catch (const std::exception& e) {
    std::string why = e.what();
    for (char& c : why) {  // one line
      if (c == '\n') c = ' ';
    }
    const std::string prefix = file.string() + ": ";  // the readers' own messages may start with the file
    if (why.starts_with(prefix)) why.erase(0, prefix.size());
    refuse(file, why.find("damaged") != std::string::npos ? why : "not a readable porttwin run file or sweep.h5 (" + why + ")");
  }
  Outputs outputs(dir);
  if (sweep) write_tables(sweep_tables, outputs);
  else write_run(run, outputs);
  return outputs.commit();
}

}  // namespace porttwin::analysis

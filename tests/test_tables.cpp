// Tables out, Python in (docs/tables.md): `porttwin export --csv` against the run file's own tables
// (every event row with its names decoded, the summary's values, units and help, the KPI series, a
// sweep's tables), RFC 4180 quoting, damaged and foreign inputs refused with nothing written; and the
// Python examples of docs/run-file.md and docs/tables.md run as written with /usr/bin/python3 and
// analysis/porttwin.py against a short gate run and a small sweep made here.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "analysis/csv_export.hpp"
#include "analysis/run_file.hpp"
#include "models/record/event_catalog.hpp"
#include "porttwin_command.hpp"
#include "scratch_directory.hpp"
#include "simulation_support.hpp"
#include "sim/record/h5_columns.hpp"
#include "sim/record/h5_file.hpp"

namespace fs = std::filesystem;
using porttwin::testing::run_porttwin;
using porttwin::testing::ScratchDirectory;
using porttwin::testing::shell_quoted;
using porttwin::testing::damage_event_row;

namespace {

using Rows = std::vector<std::vector<std::string>>;

// RFC 4180, strictly: CRLF line ends, quoted fields with doubled quotes; FAILs on anything else.
Rows parse_csv(const std::string& text) {
  Rows rows;
  std::vector<std::string> row;
  std::string field;
  std::size_t i = 0;
  bool field_started = false;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '"' && !field_started) {
      ++i;
      while (true) {
        REQUIRE(i < text.size());  // a quoted field closes
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += text[i++];
      }
      field_started = true;
      REQUIRE((i == text.size() || text[i] == ',' || text[i] == '\r'));
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      field_started = false;
      ++i;
    } else if (c == '\r') {
      REQUIRE((i + 1 < text.size() && text[i + 1] == '\n'));
      row.push_back(std::move(field));
      field.clear();
      field_started = false;
      rows.push_back(std::move(row));
      row.clear();
      i += 2;
    } else {
      REQUIRE(c != '\n');  // a bare LF
      REQUIRE(c != '"');   // a quote inside an unquoted field
      field += c;
      field_started = true;
      ++i;
    }
  }
  REQUIRE(row.empty());  // the last line ends with CRLF
  REQUIRE(field.empty());
  return rows;
}

Rows read_csv(const fs::path& file) {
  REQUIRE(fs::is_regular_file(file));
  return parse_csv(porttwin::testing::read_text(file));
}

double number(const std::string& text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  REQUIRE(error == std::errc());
  REQUIRE(end == text.data() + text.size());
  return value;
}

std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> names;
  if (!fs::exists(dir)) return names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  return names;
}

// A short gate run, at the path docs/run-file.md's example reads (relative to `cwd`).
fs::path gate_run(const fs::path& cwd) {
  const auto r = run_porttwin({"run", (porttwin::testing::kSourceDir / "scenarios/gate_default.yaml").string(), "--run", "0",
                               "--set", "horizon=6h", "--set", "warmup=1h", "-q", "--out", "runs/gate_default-s20260105-r0.h5"},
                              cwd, cwd);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const fs::path run = cwd / "runs" / "gate_default-s20260105-r0.h5";
  REQUIRE(fs::is_regular_file(run));
  return run;
}

// A small sweep of the gate, output sweeps/gate_lanes under `cwd` (docs/tables.md's example reads it):
// two keys, so that point labels hold a comma.
fs::path gate_sweep(const fs::path& cwd) {
  std::ofstream(cwd / "gate_lanes.sweep.yaml")
      << "name: gate_lanes\nbase: " << (porttwin::testing::kSourceDir / "scenarios/gate_default.yaml").string()
      << "\nreplications: 2\nparameters:\n  - key: gate.lanes\n    values: [6, 8]\n  - key: horizon\n    values: [6h, 8h]\n"
         "set: {warmup: 1h}\nkpis: [gate.time.mean, gate.trucks_per_hour]\n";
  const auto r = run_porttwin({"sweep", "gate_lanes.sweep.yaml", "-j", "1", "-q"}, cwd, cwd);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE(fs::is_regular_file(cwd / "sweeps/gate_lanes/sweep.h5"));
  return cwd / "sweeps/gate_lanes";
}


// The ```python blocks of a Markdown file (before its first "## " heading when `opening_only`).
std::vector<std::string> python_blocks(const fs::path& markdown, bool opening_only) {
  std::ifstream in(markdown);
  std::vector<std::string> blocks;
  std::string line, block;
  bool inside = false;
  while (std::getline(in, line)) {
    if (!inside && opening_only && line.starts_with("## ")) break;
    if (!inside && line == "```python") {
      inside = true;
      block.clear();
    } else if (inside && line == "```") {
      inside = false;
      blocks.push_back(block);
    } else if (inside) {
      block += line + "\n";
    }
  }
  return blocks;
}

// Runs `code` with Debian's Python and analysis/ on the module path, in `cwd`; its exit code.
int run_python(const std::string& code, const fs::path& cwd, const std::string& name, std::string& errors) {
  const fs::path script = cwd / (name + ".py"), err = cwd / (name + ".err");
  std::ofstream(script) << code;
  const std::string command = "cd " + shell_quoted(cwd.string()) + " && PYTHONPATH=" +
                              shell_quoted((porttwin::testing::kSourceDir / "analysis").string()) + " /usr/bin/python3 " +
                              shell_quoted(script.string()) + " > /dev/null 2> " + shell_quoted(err.string()) + " < /dev/null";
  const int status = std::system(command.c_str());
  errors = porttwin::testing::read_text(err);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("csv: fields are quoted as RFC 4180 asks, numbers read back exactly", "[export][csv]") {
  const auto field = [](std::string_view s) {
    std::string line;
    porttwin::analysis::append_csv_field(line, s);
    return line;
  };
  CHECK(field("gate.lanes") == "gate.lanes");
  CHECK(field("") == "");
  CHECK(field("a, b") == "\"a, b\"");
  CHECK(field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(field("two\nlines") == "\"two\nlines\"");
  CHECK(field("cr\r") == "\"cr\r\"");
  CHECK(parse_csv("a,\"b, \"\"c\"\"\",\"x\r\ny\"\r\n") == Rows{{"a", "b, \"c\"", "x\r\ny"}});
  for (const double v : {0.0, 0.5, 1.0 / 3.0, 16.638921976089478, 1e-300, 123456789012345678.0}) {
    CHECK(number(porttwin::analysis::csv_number(v)) == v);
  }
  CHECK(porttwin::analysis::csv_number(900) == "900");
  CHECK(porttwin::analysis::csv_number(std::numeric_limits<double>::quiet_NaN()).empty());  // undefined: an empty cell
  CHECK(porttwin::analysis::csv_number(-std::numeric_limits<double>::infinity()) == "-inf");
}

TEST_CASE("porttwin export --csv: events, KPI series and summary as the run file holds them", "[export][csv]") {
  const ScratchDirectory scratch("csv");
  const fs::path run = gate_run(scratch.path());
  const auto r = run_porttwin({"export", run.string(), "--csv", "tables"}, scratch.path(), scratch.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const fs::path dir = scratch.path() / "tables";
  std::vector<std::string> files = entries(dir);
  std::sort(files.begin(), files.end());
  CHECK(files == std::vector<std::string>{"events.csv", "kpi.csv", "summary.csv"});

  SECTION("events.csv: one line per /events/log row, in order, names decoded") {
    const auto events = porttwin::analysis::read_events(run);
    const auto places = porttwin::analysis::read_places(run);
    const auto h5 = porttwin::h5::File::open_read(run.string());
    const auto count = h5.root().open_group("meta").uint_attribute("event_count");
    REQUIRE(events.size() == count);
    REQUIRE(events.size() > 1000);
    const Rows rows = read_csv(dir / "events.csv");
    REQUIRE(rows.size() == events.size() + 1);
    CHECK(rows[0] == std::vector<std::string>{"time", "datetime", "entity", "place", "kind", "detail"});
    std::size_t gate_ins = 0;
    for (std::size_t i = 0; i < events.size(); ++i) {
      const auto& row = rows[i + 1];
      REQUIRE(row.size() == 6);
      REQUIRE(number(row[0]) == events[i].time);
      REQUIRE(row[1].starts_with("2026-01-0"));
      REQUIRE(row[1].ends_with("+00:00"));
      REQUIRE(row[2] == std::to_string(events[i].entity));
      REQUIRE(row[3] == places[events[i].place]);
      REQUIRE(row[4] == porttwin::event_name(events[i].kind));
      REQUIRE(row[5] == std::to_string(events[i].detail));
      gate_ins += row[4] == "GTIN";
    }
    CHECK(gate_ins > 100);
    // The calendar: the scenario starts 2026-01-05T00:00, and the date-time is to the millisecond.
    const auto first = std::find_if(rows.begin() + 1, rows.end(), [](const auto& row) { return number(row[0]) >= 3600; });
    REQUIRE(first != rows.end());
    CHECK((*first)[1].size() == std::string("2026-01-05T01:00:00.000+00:00").size());
    CHECK((*first)[1].starts_with("2026-01-05T01:0"));
  }

  SECTION("summary.csv: every /summary KPI with its value, units and help") {
    const auto summary = porttwin::analysis::read_summary(run);
    const Rows rows = read_csv(dir / "summary.csv");
    REQUIRE(rows.size() == summary.items.size() + 1);
    CHECK(rows[0] == std::vector<std::string>{"name", "value", "units", "help"});
    for (std::size_t i = 0; i < summary.items.size(); ++i) {
      const auto& item = summary.items[i];
      REQUIRE(rows[i + 1].size() == 4);
      CHECK(rows[i + 1][0] == item.name);
      CHECK(number(rows[i + 1][1]) == item.value);
      CHECK(rows[i + 1][2] == item.units);
      CHECK(rows[i + 1][3] == item.help);
    }
  }

  SECTION("kpi.csv: the time column, then one column per series, units in the header") {
    const auto kpis = porttwin::analysis::read_kpis(run);
    const Rows rows = read_csv(dir / "kpi.csv");
    const auto& time = kpis.at("time");
    REQUIRE(rows.size() == time.size() + 1);
    REQUIRE(rows[0].size() == kpis.size() + 1);  // time, datetime, every other series
    CHECK(rows[0][0] == "time [s]");
    CHECK(rows[0][1] == "datetime");
    CHECK(rows[1][1] == "2026-01-05T00:15:00.000+00:00");
    for (std::size_t c = 2; c < rows[0].size(); ++c) {
      const std::string header = rows[0][c];
      const std::string name = header.substr(0, header.find(" ["));
      REQUIRE(kpis.count(name) == 1);
      // The gate's series count trucks (waiting, served) or busy servers, as each was declared.
      const std::string unit = name.ends_with(".busy") ? "servers" : "trucks";
      CHECK(header == name + " [" + unit + "]");
      for (std::size_t row = 0; row < time.size(); ++row) REQUIRE(number(rows[row + 1][c]) == kpis.at(name)[row]);
    }
    for (std::size_t row = 0; row < time.size(); ++row) REQUIRE(number(rows[row + 1][0]) == time[row]);
  }
}

TEST_CASE("porttwin export --csv: a damaged or foreign file exits 2 with one line and writes nothing", "[export][csv]") {
  const ScratchDirectory scratch("csv-bad");
  const fs::path run = gate_run(scratch.path());
  const fs::path damaged = scratch.path() / "damaged.h5";
  fs::copy_file(run, damaged);
  damage_event_row(damaged);
  const fs::path garbage = scratch.path() / "garbage.h5";
  std::ofstream(garbage) << "not HDF5 at all\n";
  const fs::path truncated = scratch.path() / "truncated.h5";
  {
    const std::string bytes = porttwin::testing::read_text(run);
    std::ofstream(truncated, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size() / 2));
  }
  const auto one_line = [](const std::string& err) { return std::count(err.begin(), err.end(), '\n') == 1; };

  for (const auto& [file, problem] : std::vector<std::pair<fs::path, std::string>>{
           {damaged, "does not match the run's fingerprint"}, {garbage, "not a readable porttwin run file"},
           {truncated, "not a readable porttwin run file"}}) {
    INFO(file.filename().string());
    SECTION("into a new folder, which is not created: " + file.filename().string()) {
      const auto r = run_porttwin({"export", file.string(), "--csv", "out"}, scratch.path(), scratch.path());
      INFO(r.err);
      CHECK(r.exit_code == 2);
      CHECK(one_line(r.err));
      CHECK_THAT(r.err, Catch::StartsWith(file.string() + ": error: ") && Catch::Contains(problem));
      CHECK_FALSE(fs::exists(scratch.path() / "out"));
    }
    SECTION("into an existing folder, with --dcsa too: nothing left in it: " + file.filename().string()) {
      fs::create_directory(scratch.path() / "existing");
      const auto r = run_porttwin({"export", file.string(), "--csv", "existing", "--dcsa", "existing/events.json"},
                                  scratch.path(), scratch.path());
      INFO(r.err);
      CHECK(r.exit_code == 2);
      CHECK(one_line(r.err));
      CHECK_THAT(r.err, Catch::Contains(file.string()));
      CHECK(entries(scratch.path() / "existing").empty());  // no file, no hidden temporary
    }
  }
  SECTION("a folder that is not a sweep") {
    const auto r = run_porttwin({"export", scratch.path().string(), "--csv", "out"}, scratch.path(), scratch.path());
    CHECK(r.exit_code == 2);
    CHECK(one_line(r.err));
    CHECK_THAT(r.err, Catch::Contains("without sweep.h5"));
    CHECK_FALSE(fs::exists(scratch.path() / "out"));
  }
  SECTION("neither --csv nor --dcsa") {
    const auto r = run_porttwin({"export", run.string()}, scratch.path(), scratch.path());
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("--csv"));
  }
}

TEST_CASE("porttwin export --csv: a sweep's tables, labels quoted, status as its label", "[export][csv][sweep]") {
  const ScratchDirectory scratch("csv-sweep");
  const fs::path folder = gate_sweep(scratch.path());
  const auto r = run_porttwin({"export", folder.string(), "--csv", "tables"}, scratch.path(), scratch.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const fs::path dir = scratch.path() / "tables";
  const auto h5 = porttwin::h5::File::open_read((folder / "sweep.h5").string());
  const auto root = h5.root();
  for (const char* table : {"kpis", "runs", "points", "differences", "warmup"}) {
    INFO(table);
    const Rows rows = read_csv(dir / (std::string(table) + ".csv"));
    REQUIRE(!rows.empty());
    CHECK(rows[0] == porttwin::h5::column_names(root, table));
    CHECK(rows.size() == porttwin::h5::Group::vector_length(root.open_dataset(table)) + 1);
  }
  const Rows runs = read_csv(dir / "runs.csv");
  REQUIRE(runs.size() == 2 * 2 * 2 + 1);
  const auto status = std::find(runs[0].begin(), runs[0].end(), "status") - runs[0].begin();
  const auto mean = std::find(runs[0].begin(), runs[0].end(), "gate.time.mean") - runs[0].begin();
  REQUIRE(mean < static_cast<long>(runs[0].size()));
  const auto means = porttwin::h5::read_real_column(root, "runs", "gate.time.mean");
  for (std::size_t i = 1; i < runs.size(); ++i) {
    CHECK(runs[i][status] == "ok");
    CHECK(number(runs[i][mean]) == means[i - 1]);
  }
  const Rows points = read_csv(dir / "points.csv");
  REQUIRE(points.size() == 5);
  CHECK(points[1][1] == "gate.lanes=6, horizon=6h");  // written quoted: it holds a comma
  CHECK(porttwin::testing::read_text(dir / "points.csv").find("\"gate.lanes=6, horizon=6h\"") != std::string::npos);
}

TEST_CASE("docs: the Python examples of docs/run-file.md and docs/tables.md run as written", "[docs][python]") {
  const ScratchDirectory scratch("docs-python");
  gate_run(scratch.path());
  gate_sweep(scratch.path());
  const auto run_file = python_blocks(porttwin::testing::kSourceDir / "docs/run-file.md", true);
  REQUIRE(run_file.size() >= 2);  // through analysis/porttwin.py, and with h5py alone
  const auto tables = python_blocks(porttwin::testing::kSourceDir / "docs/tables.md", false);
  REQUIRE(tables.size() >= 2);
  std::vector<std::pair<std::string, std::string>> blocks;
  for (std::size_t i = 0; i < run_file.size(); ++i) blocks.emplace_back("run-file-" + std::to_string(i), run_file[i]);
  for (std::size_t i = 0; i < tables.size(); ++i) blocks.emplace_back("tables-" + std::to_string(i), tables[i]);
  for (const auto& [name, code] : blocks) {
    std::string errors;
    INFO(name << ":\n" << code);
    const int status = run_python(code, scratch.path(), name, errors);
    INFO("stderr:\n" << errors);
    CHECK(status == 0);
  }
  {  // analysis/porttwin.py refuses a file that is not a run file, naming it; summary of a sweep
    std::ofstream(scratch.path() / "garbage.h5") << "not HDF5\n";
    std::string errors;
    const int status = run_python(
        "import porttwin\ntry:\n    porttwin.events('garbage.h5')\nexcept porttwin.NotARunFile as e:\n"
        "    assert str(e).startswith('garbage.h5: not a porttwin run file'), e\nelse:\n    raise SystemExit(3)\n"
        "try:\n    porttwin.sweep('runs/gate_default-s20260105-r0.h5')\nexcept porttwin.NotARunFile as e:\n"
        "    assert 'not a porttwin sweep.h5' in str(e), e\nelse:\n    raise SystemExit(4)\n"
        "ev = porttwin.events('runs/gate_default-s20260105-r0.h5')\n"
        "import h5py\nf = h5py.File('runs/gate_default-s20260105-r0.h5', 'r')\n"
        "assert len(ev) == f['/meta'].attrs['event_count'] == len(f['/events/log'])\n"
        "s = porttwin.summary('sweeps/gate_lanes')\nassert len(s) == 8, s.shape\n"
        "assert s.attrs['units']['gate.time.mean'] == 's'\n",
        scratch.path(), "refusals", errors);
    INFO(errors);
    CHECK(status == 0);
  }
  {  // one row changed in place: the fingerprint (python3-xxhash, from install-deps) catches it
    fs::copy_file(scratch.path() / "runs/gate_default-s20260105-r0.h5", scratch.path() / "damaged.h5");
    damage_event_row(scratch.path() / "damaged.h5");
    std::string errors;
    const int status = run_python(
        "import porttwin\ntry:\n    porttwin.events('damaged.h5')\nexcept porttwin.DamagedRunFile as e:\n"
        "    assert 'damaged.h5' in str(e), e\nelse:\n    raise SystemExit(3)\n",
        scratch.path(), "damaged", errors);
    INFO(errors);
    CHECK(status == 0);
  }
}

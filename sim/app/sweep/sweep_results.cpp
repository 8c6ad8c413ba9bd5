#include "sim/app/sweep/sweep_results.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "analysis/paired_difference.hpp"
#include "analysis/queue_growth.hpp"
#include "analysis/replications.hpp"
#include "analysis/run_file.hpp"
#include "analysis/warmup_mser.hpp"
#include "sim/core/quantity.hpp"
#include "sim/core/units.hpp"
#include "sim/record/atomic_output.hpp"
#include "sim/record/h5_columns.hpp"

namespace porttwin::sweep {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

stats::Interval empty_interval() { return {kNaN, kNaN, kNaN, kNaN, 0}; }

// MSER-5 on every KPI series of a run (not the time axis); growth of its queue series.
void check_series(const Sweep& sweep, const Run& run, std::size_t index, Results& results) {
  std::vector<WarmupCheck>& out = results.warmup;
  const auto series = analysis::read_kpis(run.file);
  const auto time = series.find("time");
  if (time == series.end()) return;
  const double warmup = sweep.scenarios[run.point].run.warmup;
  for (const auto& [name, values] : series) {
    if (name == "time" || values.size() < 10 || values.size() != time->second.size()) continue;
    const auto m = analysis::mser(values);
    // The truncation point is the end of the last dropped sampling interval.
    const double t = m.truncated_observations == 0 ? 0 : time->second[m.truncated_observations - 1];
    out.push_back({index, name, t, warmup, m.at_limit});
    if (name.ends_with(".queue") && analysis::queue_growth(time->second, values, warmup).growing) {
      results.growing.push_back({index, name});
    }
  }
}

std::size_t longest(const std::vector<std::string>& texts) {
  std::size_t n = 1;
  for (const auto& t : texts) n = std::max(n, t.size());
  return n;
}

std::string units_list(const std::vector<KpiColumn>& kpis, const std::string& suffix) {
  std::string out;
  for (const auto& k : kpis) out += "; " + k.name + suffix + ": " + k.units;
  return out;
}

void describe(h5::Object&& table, const std::string& units, const std::string& help) {
  table.set_attribute("units", units);
  table.set_attribute("help", help);
}

// Per KPI: <kpi>.n, <kpi>.mean, <kpi>.ci95 from the intervals of each point.
void interval_columns(h5::ColumnTable& table, const std::vector<KpiColumn>& kpis,
                      std::vector<std::array<std::size_t, 3>>& columns) {
  for (const auto& k : kpis) {
    columns.push_back({table.integer(k.name + ".n"), table.real(k.name + ".mean"), table.real(k.name + ".ci95")});
  }
}

void write_intervals(h5::ColumnTable& table, const std::vector<std::array<std::size_t, 3>>& columns,
                     const std::vector<stats::Interval>& intervals) {
  for (std::size_t k = 0; k < columns.size(); ++k) {
    table.set(columns[k][0], static_cast<std::int64_t>(intervals[k].n));
    table.set(columns[k][1], intervals[k].mean);
    table.set(columns[k][2], intervals[k].half_width);
  }
}

}  // namespace

Results summarise(const Sweep& sweep, const std::vector<Run>& runs, double level) {
  Results results;
  std::vector<analysis::RunSummary> summaries(runs.size());
  bool have_columns = false;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (!runs[i].ok()) continue;
    summaries[i] = analysis::read_summary(runs[i].file);
    if (have_columns) continue;
    have_columns = true;
    for (const auto& item : summaries[i].items) {
      const bool wanted = sweep.kpis.empty() || std::any_of(sweep.kpis.begin(), sweep.kpis.end(),
                                                            [&](const auto& k) { return k.text == item.name; });
      if (wanted) results.kpis.push_back({item.name, item.units, item.help, item.headline});
    }
    if (!sweep.kpis.empty()) {  // in the order the sweep file lists them
      std::vector<KpiColumn> ordered;
      for (const auto& k : sweep.kpis) {
        for (const auto& c : results.kpis) {
          if (c.name == k.text) ordered.push_back(c);
        }
      }
      results.kpis = std::move(ordered);
    }
  }
  if (!have_columns) {  // nothing finished: the columns the sweep asked for, without units
    for (const auto& k : sweep.kpis) results.kpis.push_back({k.text, "", "", false});
  }
  const std::size_t nk = results.kpis.size();
  results.values.assign(runs.size(), std::vector<double>(nk, kNaN));
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (!runs[i].ok()) continue;
    for (const auto& item : summaries[i].items) {
      for (std::size_t k = 0; k < nk; ++k) {
        if (results.kpis[k].name == item.name) results.values[i][k] = item.value;
      }
    }
    check_series(sweep, runs[i], i, results);
  }

  // [point][replication] -> run index, for pairing.
  std::vector<std::map<std::uint32_t, std::size_t>> by_point(sweep.points.size());
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (runs[i].ok()) by_point[runs[i].point][runs[i].replication] = i;
  }
  const auto& baseline = by_point[sweep.baseline_point];
  for (std::size_t p = 0; p < sweep.points.size(); ++p) {
    std::vector<stats::Interval> point, difference;
    for (std::size_t k = 0; k < nk; ++k) {
      std::vector<double> xs, a, b;
      for (const auto& [r, i] : by_point[p]) {
        const double x = results.values[i][k];
        if (std::isnan(x)) continue;
        xs.push_back(x);
        const auto base = baseline.find(r);
        if (base != baseline.end() && !std::isnan(results.values[base->second][k])) {
          a.push_back(x);
          b.push_back(results.values[base->second][k]);
        }
      }
      point.push_back(xs.empty() ? empty_interval() : stats::student_t(xs, level));
      difference.push_back(a.empty() ? empty_interval() : analysis::paired_difference(a, b, level));
    }
    results.points.push_back(std::move(point));
    results.differences.push_back(std::move(difference));
  }
  results.unstable.assign(sweep.points.size(), false);
  for (std::size_t p = 0; p < sweep.points.size(); ++p) {
    std::set<std::size_t> growing_runs;
    for (const auto& g : results.growing) {
      if (runs[g.run].point == p) growing_runs.insert(g.run);
    }
    results.unstable[p] = !by_point[p].empty() && 2 * growing_runs.size() > by_point[p].size();
  }
  return results;
}

void write_sweep_file(const std::filesystem::path& file, const Sweep& sweep, const std::vector<Run>& runs,
                      const Results& results, double wall_seconds) {
  AtomicOutput output(file);
  {
    h5::File h5 = h5::File::create(output.temp_path().string());
    h5::Group root = h5.root();
    std::size_t failed = 0;
    for (const auto& r : runs) failed += r.status == RunStatus::failed ? 1 : 0;
    std::string keys;
    for (const auto& p : sweep.parameters) keys += (keys.empty() ? "" : "\n") + p.key;
    std::string set;
    for (const auto& pair : sweep.set) set += (set.empty() ? "" : "\n") + pair.key.text + "=" + pair.value.text;
    root.set_attribute("porttwin_version", std::string(PORTTWIN_VERSION));
    root.set_attribute("sweep_name", sweep.name);
    root.set_attribute("sweep_file", sweep.source.string());
    root.set_attribute("sweep_text", sweep.text);
    root.set_attribute("sweep_sha256", sweep.sha256);
    root.set_attribute("base_scenario", sweep.base_path.string());
    root.set_attribute("base_sha256", sweep.scenarios.front().sha256);
    root.set_attribute("design", sweep.design);
    root.set_attribute("parameters", keys);
    root.set_attribute("set", set);
    root.set_attribute("replications", static_cast<std::int64_t>(sweep.replications));
    root.set_attribute("baseline_point", static_cast<std::int64_t>(sweep.baseline_point));
    root.set_attribute("point_count", static_cast<std::int64_t>(sweep.points.size()));
    root.set_attribute("run_count", static_cast<std::int64_t>(runs.size()));
    root.set_attribute("failed_runs", static_cast<std::int64_t>(failed));
    root.set_attribute("confidence_level", 0.95);
    root.set_attribute("wall_seconds", wall_seconds);

    std::vector<std::string> names, units, helps;
    for (const auto& k : results.kpis) {
      names.push_back(k.name);
      units.push_back(k.units);
      helps.push_back(k.help);
    }
    h5::ColumnTable kpis;
    const auto name_c = kpis.text("name", longest(names)), units_c = kpis.text("units", longest(units)),
               help_c = kpis.text("help", longest(helps));
    for (std::size_t k = 0; k < names.size(); ++k) {
      kpis.add_row();
      kpis.set(name_c, names[k]);
      kpis.set(units_c, units[k]);
      kpis.set(help_c, helps[k]);
    }
    describe(kpis.write(root, "kpis"), "1", "The KPIs collected: name (as in each run file's /summary), units, help");

    std::vector<std::string> files, errors;
    for (const auto& r : runs) {
      files.push_back(run_file_name(r.point, r.replication).string());
      errors.push_back(r.error);
    }
    h5::ColumnTable table;
    const auto point_c = table.integer("point"), rep_c = table.integer("replication");
    const auto status_c = table.enumeration("status", {"ok", "failed", "not_run"});
    const auto reused_c = table.integer("reused");
    const auto file_c = table.text("file", longest(files)), error_c = table.text("error", longest(errors));
    std::vector<std::size_t> kpi_c;
    for (const auto& k : results.kpis) kpi_c.push_back(table.real(k.name));
    for (std::size_t i = 0; i < runs.size(); ++i) {
      table.add_row();
      table.set(point_c, static_cast<std::int64_t>(runs[i].point));
      table.set(rep_c, static_cast<std::int64_t>(runs[i].replication));
      const std::int64_t status = runs[i].ok() ? 0 : runs[i].status == RunStatus::failed ? 1 : 2;
      table.set(status_c, status);
      table.set(reused_c, static_cast<std::int64_t>(runs[i].status == RunStatus::reused ? 1 : 0));
      table.set(file_c, files[i]);
      table.set(error_c, errors[i]);
      for (std::size_t k = 0; k < kpi_c.size(); ++k) table.set(kpi_c[k], results.values[i][k]);
    }
    describe(table.write(root, "runs"), "point, replication, reused: 1" + units_list(results.kpis, ""),
             "One row per run: design point, replication, status (ok, failed, not_run), reused (1: an existing "
             "complete run file was kept), file (relative to the sweep folder), error (why it failed), then each "
             "KPI's summary value (NaN when the run has none)");

    std::vector<std::string> labels;
    for (std::size_t p = 0; p < sweep.points.size(); ++p) labels.push_back(sweep.label(p));
    auto point_rows = [&](h5::ColumnTable& t, const std::vector<std::vector<stats::Interval>>& intervals) {
      const auto p_c = t.integer("point");
      const auto label_c = t.text("label", longest(labels));
      std::vector<std::size_t> key_c;
      for (std::size_t j = 0; j < sweep.parameters.size(); ++j) {
        std::vector<std::string> texts;
        for (const auto& point : sweep.points) texts.push_back(point.values[j].text);
        key_c.push_back(t.text(sweep.parameters[j].key, longest(texts)));
      }
      std::vector<std::array<std::size_t, 3>> columns;
      interval_columns(t, results.kpis, columns);
      for (std::size_t p = 0; p < sweep.points.size(); ++p) {
        t.add_row();
        t.set(p_c, static_cast<std::int64_t>(p));
        t.set(label_c, labels[p]);
        for (std::size_t j = 0; j < key_c.size(); ++j) t.set(key_c[j], sweep.points[p].values[j].text);
        write_intervals(t, columns, intervals[p]);
      }
    };
    h5::ColumnTable points;
    point_rows(points, results.points);
    describe(points.write(root, "points"),
             "point, <kpi>.n: 1" + units_list(results.kpis, ".mean, .ci95"),
             "One row per design point: its index, label, the value of each swept key (text, as given), then per "
             "KPI the number of replications n, the mean over them and the half-width of its 95% Student-t "
             "confidence interval (inf when n < 2)");
    h5::ColumnTable growing;
    const auto gp = growing.integer("point"), gr = growing.integer("replication"),
               gs = growing.text("series", longest([&] {
                 std::vector<std::string> names;
                 for (const auto& g : results.growing) names.push_back(g.series);
                 return names;
               }()));
    for (const auto& g : results.growing) {
      growing.add_row();
      growing.set(gp, static_cast<std::int64_t>(runs[g.run].point));
      growing.set(gr, static_cast<std::int64_t>(runs[g.run].replication));
      growing.set(gs, g.series);
    }
    describe(growing.write(root, "growing_queues"), "point, replication: 1",
             "One row per /kpi queue series that grows over a run after the warm-up (its trend rises by more than "
             "its mean and its second half averages 1.5 times its first): an overloaded station. A point where "
             "most replications have one is unstable: its KPIs describe a build-up that depends on the horizon");
    h5::ColumnTable differences;
    point_rows(differences, results.differences);
    h5::Object d = differences.write(root, "differences");
    d.set_attribute("baseline_point", static_cast<std::int64_t>(sweep.baseline_point));
    describe(std::move(d), "point, <kpi>.n: 1" + units_list(results.kpis, ".mean, .ci95"),
             "One row per design point: per KPI the mean of the paired differences point - baseline point over the "
             "n replications both have (same replication index, so the same random streams), and the half-width of "
             "its 95% paired-t confidence interval; the baseline's own row is 0");

    std::vector<std::string> series;
    for (const auto& w : results.warmup) series.push_back(w.series);
    h5::ColumnTable warmup;
    const auto wp = warmup.integer("point"), wr = warmup.integer("replication"),
               ws = warmup.text("series", longest(series)), wt = warmup.real("truncation"),
               ww = warmup.real("warmup"), wl = warmup.integer("at_limit");
    for (const auto& w : results.warmup) {
      warmup.add_row();
      warmup.set(wp, static_cast<std::int64_t>(runs[w.run].point));
      warmup.set(wr, static_cast<std::int64_t>(runs[w.run].replication));
      warmup.set(ws, w.series);
      warmup.set(wt, w.truncation);
      warmup.set(ww, w.warmup);
      warmup.set(wl, static_cast<std::int64_t>(w.at_limit ? 1 : 0));
    }
    describe(warmup.write(root, "warmup"), "truncation, warmup: s; point, replication, at_limit: 1",
             "MSER-5 on each /kpi series of each finished run: the truncation point it suggests (end of the last "
             "dropped sampling interval) against the scenario's warm-up; at_limit = 1 when the minimum sits at half "
             "the series (too short to judge)");
    h5.close();
  }
  output.commit();
}

std::string format_points_table(const Sweep& sweep, const Results& results, bool differences) {
  std::vector<std::size_t> shown;
  for (std::size_t k = 0; k < results.kpis.size(); ++k) {
    if (!sweep.kpis.empty() || results.kpis[k].headline) shown.push_back(k);
  }
  if (shown.empty()) {
    for (std::size_t k = 0; k < results.kpis.size(); ++k) shown.push_back(k);
  }
  // Column 0 is the point, then one per swept key (left-aligned), then one per KPI (right-aligned).
  std::vector<std::vector<std::string>> cells;
  std::vector<std::string> header = {"point"};
  for (const auto& p : sweep.parameters) header.push_back(p.key);
  for (std::size_t k : shown) {
    const auto& c = results.kpis[k];
    const std::string unit = units::header_unit(c.units);
    header.push_back(c.name + (unit.empty() ? "" : " (" + unit + ")"));
  }
  cells.push_back(header);
  const auto& intervals = differences ? results.differences : results.points;
  for (std::size_t p = 0; p < sweep.points.size(); ++p) {
    std::vector<std::string> row = {std::to_string(p) + (p == sweep.baseline_point ? "*" : "") +
                                    (results.unstable.size() > p && results.unstable[p] ? " unstable" : "")};
    for (const auto& v : sweep.points[p].values) row.push_back(v.text);
    for (std::size_t k : shown) {
      const auto& i = intervals[p][k];
      const bool zero = std::fabs(i.mean) < 1e-12 && i.half_width < 1e-12;  // the baseline against itself
      row.push_back(i.n == 0 ? "-" : zero ? "0" : units::format_quantity_cell(i.mean, i.half_width, results.kpis[k].units));
    }
    cells.push_back(std::move(row));
  }
  // Terminal columns, not bytes: "±" takes two bytes.
  auto columns_of = [](const std::string& text) {
    return text.size() - (text.find("±") != std::string::npos ? 1 : 0);
  };
  const std::size_t fixed = 1 + sweep.parameters.size();
  std::vector<std::size_t> width(header.size(), 0);
  for (const auto& row : cells) {
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], columns_of(row[c]));
  }
  // KPI columns go into as many tables as it takes to keep each within ~150 columns.
  constexpr std::size_t kMaxWidth = 150;
  std::size_t fixed_width = 2;
  for (std::size_t c = 0; c < fixed; ++c) fixed_width += width[c] + 2;
  std::vector<std::vector<std::size_t>> groups;
  std::size_t used = fixed_width;
  for (std::size_t c = fixed; c < header.size(); ++c) {
    if (groups.empty() || (used + width[c] + 2 > kMaxWidth && groups.back().size() > 0)) {
      groups.emplace_back();
      used = fixed_width;
    }
    groups.back().push_back(c);
    used += width[c] + 2;
  }
  if (groups.empty()) groups.emplace_back();
  std::string out;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (g > 0) out += "\n";
    std::vector<std::size_t> columns;
    for (std::size_t c = 0; c < fixed; ++c) columns.push_back(c);
    columns.insert(columns.end(), groups[g].begin(), groups[g].end());
    for (const auto& row : cells) {
      std::string line = " ";
      for (std::size_t c : columns) {
        const std::string pad(width[c] - columns_of(row[c]), ' ');
        line += " " + (c < fixed ? row[c] + pad : pad + row[c]) + " ";
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + "\n";
    }
  }
  return out;
}

std::vector<std::string> stability_warnings(const Sweep& sweep, const std::vector<Run>& runs, const Results& results) {
  std::vector<std::string> lines;
  for (std::size_t p = 0; p < results.unstable.size(); ++p) {
    if (!results.unstable[p]) continue;
    std::map<std::string, std::size_t> by_series;
    std::size_t finished = 0;
    for (const auto& r : runs) finished += r.point == p && r.ok() ? 1 : 0;
    for (const auto& g : results.growing) {
      if (runs[g.run].point == p) ++by_series[g.series];
    }
    std::string what;
    for (const auto& [series, n] : by_series) {
      what += (what.empty() ? "" : ", ") + std::string("/kpi/") + series + " in " + std::to_string(n) + " of " +
              std::to_string(finished);
    }
    std::string values;
    for (std::size_t j = 0; j < sweep.parameters.size(); ++j) {
      values += (values.empty() ? "" : ", ") + sweep.parameters[j].key + "=" + sweep.points[p].values[j].text;
    }
    lines.push_back("warning: point " + std::to_string(p) + " (" + values + ") is unstable: its queue grows over the run (" +
                    what + " replications): arrivals exceed capacity, so its waits and queues describe a build-up "
                    "that depends on the horizon, not a steady state");
  }
  return lines;
}

std::vector<std::string> warmup_warnings(const std::vector<Run>& runs, const Results& results) {
  struct Finding {
    std::size_t runs = 0, checked = 0;
    double longest = 0, warmup = 0;
    std::set<std::size_t> points;
  };
  std::map<std::string, Finding> by_series;
  std::size_t at_limit = 0;
  for (const auto& w : results.warmup) {
    Finding& f = by_series[w.series];
    ++f.checked;
    // A minimum at half the series says no steady tail was found (a daily or weekly profile, or too
    // short a run), not where the warm-up ends: counted apart.
    if (w.at_limit) {
      ++at_limit;
    } else if (w.truncation > w.warmup) {
      ++f.runs;
      f.points.insert(runs[w.run].point);
      if (w.truncation > f.longest) {
        f.longest = w.truncation;
        f.warmup = w.warmup;
      }
    }
  }
  std::vector<std::string> lines;
  for (const auto& [series, f] : by_series) {
    if (f.runs == 0) continue;
    std::string points;
    for (std::size_t p : f.points) points += (points.empty() ? "" : ", ") + std::to_string(p);
    lines.push_back("warning: warm-up: MSER-5 on /kpi/" + series + " truncates up to " +
                    units::format_duration(f.longest) + ", past the scenario's warm-up of " +
                    units::format_duration(f.warmup) + ", in " + std::to_string(f.runs) + " of " +
                    std::to_string(f.checked) + " runs (point" + (f.points.size() > 1 ? "s " : " ") + points +
                    "); consider a longer `warmup`");
  }
  if (at_limit > 0) {
    lines.push_back("note: warm-up: MSER-5 found no steady tail in " + std::to_string(at_limit) + " of " +
                    std::to_string(results.warmup.size()) +
                    " KPI series (minimum at half the run: a daily or weekly profile, or a short run); /warmup in "
                    "the sweep file lists them");
  }
  return lines;
}

}  // namespace porttwin::sweep

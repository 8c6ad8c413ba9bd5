#include "sim/app/sweep/sweep_file.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "sim/core/units.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/input_file.hpp"

namespace porttwin::sweep {

using scenario::Diagnostics;
using scenario::MarkedText;

namespace {

constexpr std::size_t kMaxPoints = 100000;
constexpr std::size_t kMaxRangeValues = 10000;

std::string in_quotes(const std::string& s) { return "\"" + s + "\""; }

std::string joined(const std::vector<MarkedText>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + v.text;
  return out;
}

std::string hint(const std::string& word, const std::vector<std::string>& candidates) {
  const std::string best = scenario::closest_match(word, candidates);
  return best.empty() ? std::string() : " (did you mean " + in_quotes(best) + "?)";
}

std::string parameter_path(std::size_t j) { return "parameters[" + std::to_string(j) + "]"; }

// from, from + step, ... up to `to` (inclusive, within a rounding error), rounded to 12 significant
// digits so that 0.1 steps give 0.3 and not 0.30000000000000004.
void expand_range(Parameter& p, scenario::Mark mark, const std::string& path, Diagnostics& d) {
  const Range& r = p.range;
  if (r.to < r.from) {
    d.error(d.mark(path + ".to"), path + ".to",
            "found " + units::format_number(r.to) + ", expected a value >= from (" + units::format_number(r.from) + ")");
    return;
  }
  const double count = std::floor((r.to - r.from) / r.step * (1 + 1e-12) + 1e-9) + 1;
  if (count > static_cast<double>(kMaxRangeValues)) {
    d.error(mark, path, "found a range of " + units::format_number(count) + " values, expected at most " +
                            std::to_string(kMaxRangeValues));
    return;
  }
  for (int i = 0; i < static_cast<int>(count); ++i) {
    double v = r.from + i * r.step;
    if (v != 0) {
      const double scale = std::pow(10.0, 11 - std::floor(std::log10(std::fabs(v))));
      v = std::round(v * scale) / scale;
    }
    p.values.push_back({units::format_number(v), mark});
  }
}

void check_declared(Sweep& s, Diagnostics& d) {
  std::set<std::string> keys;
  for (std::size_t j = 0; j < s.parameters.size(); ++j) {
    Parameter& p = s.parameters[j];
    const std::string path = parameter_path(j);
    p.key_mark = d.mark(path + ".key");
    const std::string key = scenario::normalize_path(p.key);
    if (!keys.insert(key).second) {
      d.error(p.key_mark, path + ".key", "found " + in_quotes(p.key) + " a second time, expected each key swept once");
    }
    if (p.has_range && !p.values.empty()) {
      d.error(d.mark(path + ".range"), path + ".range", "found both values and range, expected one of them");
    } else if (p.has_range) {
      expand_range(p, d.mark(path + ".range"), path + ".range", d);
    } else if (p.values.empty()) {
      d.error(p.key_mark, path, "missing values, expected values: [...] or range: {from, to, step}");
    }
  }
  for (const auto& pair : s.set) {
    if (keys.count(scenario::normalize_path(pair.key.text))) {
      d.error(pair.key.mark, "set." + pair.key.text, "found a key that is also swept, expected it in one place only");
    }
  }
  std::set<std::string> kpis;
  for (const auto& k : s.kpis) {
    if (!kpis.insert(k.text).second) d.error(k.mark, "kpis", "found " + in_quotes(k.text) + " a second time");
  }
}

// Loads every point's scenario; what the base scenario rejects is reported at the sweep value or key
// it came from (each distinct error once, however many points share it).
void check_points(Sweep& s, Diagnostics& d, std::string& appendix) {
  try {
    load_scenario(s.base_path);
  } catch (const scenario::InvalidScenario& e) {
    const auto& list = e.diagnostics().list();
    const bool unreadable = list.size() == 1 && list[0].path.empty() && list[0].mark.line == 0;
    if (unreadable) {
      d.error(d.mark("base"), "base", "found " + in_quotes(s.base) + ", expected a scenario file (relative to the sweep "
                                                                     "file): cannot read " + s.base_path.string());
    } else {
      d.error(d.mark("base"), "base", "the base scenario " + in_quotes(s.base) + " has errors (below)");
      appendix = e.what();
    }
    return;
  }
  std::set<std::string> reported;
  auto report = [&](scenario::Mark mark, const std::string& path, const std::string& message) {
    if (reported.insert(std::to_string(mark.line) + ":" + std::to_string(mark.column) + path + message).second) {
      d.error(mark, path, message);
    }
  };
  // Errors not tied to one override (a combination the scenario's checks refuse): once per message,
  // with the points it concerns.
  std::map<std::string, std::vector<std::size_t>> combinations;
  // Returns whether the scenario loaded; places each error at the sweep entry it came from.
  auto check = [&](const std::vector<scenario::Override>& overrides, std::size_t point, bool set_only) {
    try {
      Scenario scenario = load_scenario(s.base_path, overrides);
      if (!set_only) s.scenarios.push_back(std::move(scenario));
      return true;
    } catch (const scenario::InvalidScenario& e) {
      for (const auto& diagnostic : e.diagnostics().list()) {
        const bool placed = diagnostic.from_override() && static_cast<std::size_t>(diagnostic.override_index) < overrides.size();
        if (placed) {
          const std::size_t i = static_cast<std::size_t>(diagnostic.override_index);
          const std::string& rest = diagnostic.message;
          const bool key = diagnostic.about_key;
          const std::string what = "the base scenario rejects " +
                                   (key ? "the key " + overrides[i].path : overrides[i].path + "=" + overrides[i].value) +
                                   ": " + rest;
          if (i < s.set.size()) {
            const auto& pair = s.set[i];
            report(key ? pair.key.mark : pair.value.mark, "set." + pair.key.text, what);
          } else {
            const std::size_t j = i - s.set.size();
            if (key) report(s.parameters[j].key_mark, parameter_path(j) + ".key", what);
            else report(s.points[point].values[j].mark, s.points[point].paths[j], what);
          }
        }
        if (placed) continue;
        const std::string line = diagnostic.path.empty() ? diagnostic.message : diagnostic.path + ": " + diagnostic.message;
        if (set_only) report(d.mark("set"), "set", "the base scenario rejects these settings: " + line);
        else combinations[line].push_back(point);
      }
      return false;
    }
  };
  auto settings = s.overrides(0);
  settings.resize(s.set.size());  // `set` alone first: its errors are not repeated for every point
  if (!check(settings, 0, true)) return;
  for (std::size_t p = 0; p < s.points.size(); ++p) check(s.overrides(p), p, false);
  for (const auto& [line, points] : combinations) {
    const std::string others =
        points.size() > 1 ? " and " + std::to_string(points.size() - 1) + " other point" + (points.size() > 2 ? "s" : "")
                          : std::string();
    report(d.mark("parameters"), "parameters",
           "the base scenario rejects point " + std::to_string(points[0]) + " (" + s.label(points[0]) + ")" + others +
               ": " + line);
  }
}

}  // namespace

scenario::Section declare(Sweep& s) {
  scenario::Section root("", "A porttwin sweep file");
  root.text("name", s.name, "Name of the sweep (default: the file name without .sweep.yaml); the output folder is "
                            "sweeps/<name>");
  root.text("base", s.base, "The base scenario file, relative to the sweep file").required();
  root.integer("replications", s.replications,
               "Replications per design point (default: the base scenario's `replications`); replication r uses "
               "the same random streams at every point")
      .range(1, 100000);
  root.choice("design", s.design, {"grid", "one_at_a_time"},
              "grid: every combination of the values; one_at_a_time: the baseline point, then each key varied "
              "alone over its values with the others at their baseline value");
  root.list(
      "parameters", s.parameters, "The keys to vary",
      [](scenario::Section& item, Parameter& p) {
        item.text("key", p.key, "A scenario key path, as for --set: gate.lanes, network.stations[1].servers")
            .required();
        item.text_list("values", p.values, "The values, as they would be written in the scenario: [2, 4, 6], [45s, 1min]");
        scenario::Section& range =
            item.section("range", "Evenly spaced numbers from `from` to `to` (inclusive) by `step`", &p.has_range);
        range.real("from", p.range.from, "First value").required();
        range.real("to", p.range.to, "Last value (included when a whole number of steps away)").required();
        range.real("step", p.range.step, "Step").greater_than(0);
      },
      1);
  root.text_map("baseline", s.baseline,
                "The baseline point as key: value (keys among the swept ones; default: the first value of each); "
                "paired differences are taken against it, and one_at_a_time varies keys around it");
  root.text_map("set", s.set, "Keys set at every point (as --set): a shorter horizon, another seed, ...");
  root.text_list("kpis", s.kpis, "Summary KPIs to collect (default: all); names as in the run file's /summary");
  root.text("output", s.output, "Output folder (default sweeps/<name>), relative to the working directory");
  return root;
}

std::vector<scenario::Override> Sweep::overrides(std::size_t point) const {
  std::vector<scenario::Override> out;
  for (const auto& pair : set) out.push_back({pair.key.text, pair.value.text});
  for (std::size_t j = 0; j < parameters.size(); ++j) out.push_back({parameters[j].key, points.at(point).values[j].text});
  return out;
}

std::string Sweep::label(std::size_t point) const {
  std::string out;
  for (std::size_t j = 0; j < parameters.size(); ++j) {
    out += (j ? ", " : "") + parameters[j].key + "=" + points.at(point).values[j].text;
  }
  return out;
}

void expand_design(Sweep& s, Diagnostics& d) {
  s.points.clear();
  const std::size_t n = s.parameters.size();
  // The baseline's value of each key: given in `baseline`, or the first listed.
  std::vector<MarkedText> base(n);
  std::vector<std::string> base_paths(n);
  for (std::size_t j = 0; j < n; ++j) {
    if (s.parameters[j].values.empty()) return;
    base[j] = s.parameters[j].values.front();
    base_paths[j] = parameter_path(j) + (s.parameters[j].has_range ? ".range" : ".values");
  }
  std::vector<std::string> keys;
  for (const auto& p : s.parameters) keys.push_back(p.key);
  for (const auto& pair : s.baseline) {
    std::size_t j = 0;
    while (j < n && scenario::normalize_path(s.parameters[j].key) != scenario::normalize_path(pair.key.text)) ++j;
    if (j == n) {
      std::string list;
      for (const auto& k : keys) list += (list.empty() ? "" : ", ") + k;
      d.error(pair.key.mark, "baseline." + pair.key.text,
              "found a key that is not swept, expected one of: " + list + hint(pair.key.text, keys));
      continue;
    }
    const auto& values = s.parameters[j].values;
    const bool listed = std::any_of(values.begin(), values.end(), [&](const MarkedText& v) { return v.text == pair.value.text; });
    if (s.design == "grid" && !listed) {
      d.error(pair.value.mark, "baseline." + pair.key.text,
              "found " + in_quotes(pair.value.text) + ", expected one of the values of " + s.parameters[j].key + ": " +
                  joined(values));
      continue;
    }
    base[j] = pair.value;
    base_paths[j] = "baseline." + pair.key.text;
  }
  // A bad baseline entry is reported above and left out: the design still expands (and its points
  // are still checked) around the default baseline.

  if (s.design == "one_at_a_time") {
    s.points.push_back({base, base_paths});
    for (std::size_t j = 0; j < n; ++j) {
      const std::string path = parameter_path(j) + (s.parameters[j].has_range ? ".range" : ".values");
      for (const auto& v : s.parameters[j].values) {
        if (v.text == base[j].text) continue;
        Point point{base, base_paths};
        point.values[j] = v;
        point.paths[j] = path;
        s.points.push_back(std::move(point));
      }
    }
    s.baseline_point = 0;
    return;
  }
  double total = 1;
  for (const auto& p : s.parameters) total *= static_cast<double>(p.values.size());
  if (total > static_cast<double>(kMaxPoints)) {
    d.error(d.mark("parameters"), "parameters",
            "found a grid of " + units::format_number(total) + " points, expected at most " + std::to_string(kMaxPoints));
    return;
  }
  // Odometer over the value indices, the last key turning fastest.
  std::vector<std::size_t> index(n, 0);
  for (std::size_t count = 0; count < static_cast<std::size_t>(total); ++count) {
    Point point;
    bool is_baseline = true;
    for (std::size_t j = 0; j < n; ++j) {
      const auto& v = s.parameters[j].values[index[j]];
      point.values.push_back(v);
      point.paths.push_back(parameter_path(j) + (s.parameters[j].has_range ? ".range" : ".values"));
      is_baseline = is_baseline && v.text == base[j].text;
    }
    if (is_baseline) s.baseline_point = s.points.size();
    s.points.push_back(std::move(point));
    for (std::size_t j = n; j-- > 0;) {
      if (++index[j] < s.parameters[j].values.size()) break;
      index[j] = 0;
    }
  }
}

std::string check_kpis(const Sweep& s, const std::vector<std::string>& summary_names) {
  Diagnostics d(s.source.string());
  for (const auto& k : s.kpis) {
    if (std::find(summary_names.begin(), summary_names.end(), k.text) != summary_names.end()) continue;
    d.error(k.mark, "kpis",
            "found " + in_quotes(k.text) + ", expected a summary KPI of the runs" + hint(k.text, summary_names) +
                " (porttwin run --all lists them)");
  }
  return d.ok() ? std::string() : d.format();
}

Sweep parse_sweep(const std::string& text, const std::filesystem::path& source) {
  Sweep s;
  Diagnostics d(source.string());
  std::string appendix;
  YAML::Node document = scenario::parse_document(text, d);
  if (d.ok()) {
    scenario::Section root = declare(s);
    scenario::bind_section(document, root, "", d);
  }
  if (d.ok()) check_declared(s, d);
  const bool declared = d.ok();
  if (declared) expand_design(s, d);
  if (declared && !s.points.empty()) {
    s.source = source;
    s.base_path = source.parent_path() / s.base;
    check_points(s, d, appendix);
  }
  if (!d.ok()) throw InvalidSweep(d.format() + appendix);
  s.text = text;
  s.sha256 = sha256_hex(text);
  if (s.name.empty()) s.name = default_name(source);
  if (s.replications == 0) s.replications = s.scenarios.front().run.replications;
  s.output_dir = s.output.empty() ? std::filesystem::path("sweeps") / s.name : std::filesystem::path(s.output);
  return s;
}

std::string default_name(const std::filesystem::path& source) {
  std::string stem = source.filename().string();
  for (const std::string suffix : {".yaml", ".yml", ".sweep", ".size"}) {
    if (stem.size() > suffix.size() && stem.ends_with(suffix)) stem.resize(stem.size() - suffix.size());
  }
  return stem;
}

std::string read_experiment_file(const std::filesystem::path& file) {
  std::string problem;
  auto text = scenario::read_input_file(file, problem);
  if (!text) throw InvalidSweep(file.string() + ": error: " + problem + "\n");
  return std::move(*text);
}

Sweep load_sweep(const std::filesystem::path& file) { return parse_sweep(read_experiment_file(file), file); }

}  // namespace porttwin::sweep

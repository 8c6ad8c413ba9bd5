#include "sim/app/sweep/size_file.hpp"

#include <set>
#include <sstream>

#include "sim/core/units.hpp"
#include "sim/scenario/loader.hpp"

namespace porttwin::sweep {

namespace {

std::string trimmed(const std::string& s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

bool parse_threshold(const std::string& text, double& value) {
  if (!text.empty() && text.back() == '%') {
    std::istringstream in(text.substr(0, text.size() - 1));
    if (!(in >> value) || !in.eof()) return false;
    value /= 100;
    return true;
  }
  std::istringstream in(text);
  if (in >> value && in.eof()) return true;
  if (const auto seconds = units::parse_duration(text)) {
    value = *seconds;
    return true;
  }
  return false;
}

// The base scenario must accept the resource at both ends of the range (with `set`); with
// `every_value` (porttwin validate), at every value of a range of at most kMaxCheckedValues values.
void check_range(SizeFile& s, scenario::Diagnostics& d, bool every_value) {
  std::vector<long> values = {static_cast<long>(s.from), static_cast<long>(s.to)};
  if (s.from == s.to) values.pop_back();
  if (every_value && static_cast<long>(s.to) - s.from + 1 <= static_cast<long>(kMaxCheckedValues)) {
    values.clear();
    for (long v = s.from; v <= s.to; ++v) values.push_back(v);
  }
  std::set<std::string> reported;  // a message shared by many values is given once
  for (const long value : values) {
    try {
      load_scenario(s.base_path, s.overrides(value));
    } catch (const scenario::InvalidScenario& e) {
      const char* where = value == s.from ? "resource.from" : value == s.to ? "resource.to" : "resource";
      const std::string setting = s.key + "=" + std::to_string(value);
      for (const auto& diagnostic : e.diagnostics().list()) {
        // An error of the override itself says just what is wrong with the value.
        const std::string line = diagnostic.from_override() ? diagnostic.message
                                 : diagnostic.path.empty() ? diagnostic.message
                                                           : diagnostic.path + ": " + diagnostic.message;
        if (!reported.insert(std::string(where) + line).second) continue;
        d.error(d.mark(where), where, "the base scenario rejects " + setting + ": " + line);
      }
    }
  }
  s.values_checked = values.size();
}

// The target, which binds as plain text whatever it holds: checked with the declarations' errors.
void check_target(SizeFile& s, scenario::Diagnostics& d) {
  s.target_mark = d.mark("target");
  std::string error;
  if (!s.target_text.empty() && !parse_target(s.target_text, s.target, error)) d.error(s.target_mark, "target", error);
  s.target.confidence = s.confidence;
}

// Checks across keys, once each key has bound.
void check_declared(SizeFile& s, scenario::Diagnostics& d) {
  if (!s.has_resource) d.error(scenario::Mark{1, 1}, "resource", "missing, expected resource: {key: ..., from: ..., to: ...}");
  if (s.to < s.from) {
    d.error(d.mark("resource.to"), "resource.to",
            "found " + std::to_string(s.to) + ", expected a value >= resource.from (" + std::to_string(s.from) + ")");
  }
  if (s.plan.max < s.plan.initial) {
    d.error(d.mark("replications.max"), "replications.max",
            "found " + std::to_string(s.plan.max) + ", expected at least replications.initial (" +
                std::to_string(s.plan.initial) + ")");
  }
  for (const auto& pair : s.set) {
    if (scenario::normalize_path(pair.key.text) == scenario::normalize_path(s.key)) {
      d.error(pair.key.mark, "set." + pair.key.text, "found the resource key, expected it in `resource` only");
    }
  }
}

}  // namespace

bool parse_target(const std::string& text, Target& target, std::string& error) {
  const auto op = text.find_first_of("<>");
  const std::string kpi = op == std::string::npos ? "" : trimmed(text.substr(0, op));
  const std::string value = op == std::string::npos ? "" : trimmed(text.substr(op + 1));
  if (op == std::string::npos || kpi.empty() || value.empty() || kpi.find_first_of(" \t<>=") != std::string::npos) {
    error = "found \"" + text + "\", expected \"KPI < value\" or \"KPI > value\", e.g. \"gate.time.p95 < 45min\"";
    return false;
  }
  if (!parse_threshold(value, target.threshold)) {
    error = "found the value \"" + value + "\", expected a number in the KPI's units, a duration (45min) or a percentage (1%)";
    return false;
  }
  target.kpi = kpi;
  target.below = text[op] == '<';
  return true;
}

scenario::Section declare(SizeFile& s) {
  scenario::Section root("", "A porttwin size file");
  root.text("name", s.name, "Name (default: the file name without .size.yaml); the output folder is sizes/<name>");
  root.text("base", s.base, "The base scenario file, relative to the size file").required();
  scenario::Section& resource =
      root.section("resource", "The integer resource to size and the range searched", &s.has_resource);
  resource.text("key", s.key, "A scenario key path holding an integer, as for --set: gate.lanes").required();
  resource.integer("from", s.from, "Smallest value searched").range(0, 1000000000);
  resource.integer("to", s.to, "Largest value searched").range(0, 1000000000).required();
  root.text("target", s.target_text,
            "\"KPI < value\" or \"KPI > value\": a summary KPI of the runs and a number in its units, a duration "
            "(45min) or a percentage (1%)")
      .required();
  root.real("confidence", s.confidence, "Confidence with which the target must hold (one-sided Student-t bound)")
      .range(0.6, 0.9999);
  scenario::Section& replications = root.section("replications", "How many replications at each value tried");
  replications.integer("initial", s.plan.initial, "Replications first run at each value").range(2, 100000);
  replications.integer("step", s.plan.step, "Replications added while the interval does not decide").range(1, 100000);
  replications.integer("max", s.plan.max, "At most this many; still undecided there, the value counts as failing")
      .range(2, 100000);
  root.text_map("set", s.set, "Keys set in every run (as --set): a shorter horizon, another seed, ...");
  root.text("output", s.output, "Output folder (default sizes/<name>), relative to the working directory");
  return root;
}

std::vector<scenario::Override> SizeFile::overrides(long value) const {
  std::vector<scenario::Override> out;
  for (const auto& pair : set) out.push_back({pair.key.text, pair.value.text});
  out.push_back({key, std::to_string(value)});
  return out;
}

Sweep SizeFile::at(long value, int replications) const {
  Sweep s;
  s.name = name;
  s.base = base;
  s.base_path = base_path;
  s.source = source;
  s.replications = replications;
  s.set = set;
  Parameter p;
  p.key = key;
  p.values = {{std::to_string(value), {}}};
  s.parameters = {p};
  s.points = {{p.values, {"resource"}}};
  s.output_dir = output_dir / (key + "=" + std::to_string(value));
  try {
    s.scenarios = {load_scenario(base_path, overrides(value))};
  } catch (const scenario::InvalidScenario& e) {
    throw InvalidSweep(e.what());
  }
  return s;
}

std::string check_target_kpi(const SizeFile& s, const std::vector<std::string>& summary_names) {
  for (const auto& name : summary_names) {
    if (name == s.target.kpi) return "";
  }
  scenario::Diagnostics d(s.source.string());
  const std::string best = scenario::closest_match(s.target.kpi, summary_names);
  d.error(s.target_mark, "target",
          "found the KPI \"" + s.target.kpi + "\", expected a summary KPI of the runs" +
              (best.empty() ? "" : " (did you mean \"" + best + "\"?)") + " (porttwin run --all lists them)");
  return d.format();
}

SizeFile parse_size_file(const std::string& text, const std::filesystem::path& source, bool every_value) {
  SizeFile s;
  scenario::Diagnostics d(source.string());
  YAML::Node document = scenario::parse_document(text, d);
  if (d.ok()) {
    scenario::Section root = declare(s);
    scenario::bind_section(document, root, "", d);
    check_target(s, d);
  }
  if (d.ok()) check_declared(s, d);
  s.source = source;
  s.base_path = source.parent_path() / s.base;
  std::string appendix;
  if (d.ok()) {
    try {
      load_scenario(s.base_path);
      check_range(s, d, every_value);
    } catch (const scenario::InvalidScenario& e) {
      const auto& list = e.diagnostics().list();
      if (list.size() == 1 && list[0].path.empty() && list[0].mark.line == 0) {
        d.error(d.mark("base"), "base", "found \"" + s.base + "\", expected a scenario file (relative to the size file): "
                                        "cannot read " + s.base_path.string());
      } else {
        d.error(d.mark("base"), "base", "the base scenario \"" + s.base + "\" has errors (below)");
        appendix = e.what();
      }
    }
  }
  if (!d.ok()) throw InvalidSweep(d.format() + appendix);
  s.text = text;
  if (s.name.empty()) s.name = default_name(source);
  s.output_dir = s.output.empty() ? std::filesystem::path("sizes") / s.name : std::filesystem::path(s.output);
  return s;
}

SizeFile load_size_file(const std::filesystem::path& file, bool every_value) {
  return parse_size_file(read_experiment_file(file), file, every_value);
}

}  // namespace porttwin::sweep

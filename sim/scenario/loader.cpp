// The scenario loader (loader.hpp), by section: ValueReader (a declared value from a YAML node:
// numbers, units, times, choices, distributions, lists), binding lists and sections with every error
// located, parsing a document, and --set overrides (key paths and their application).
#include "sim/scenario/loader.hpp"

#include <algorithm>
#include <optional>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <type_traits>
#include <utility>
#include <map>
#include <set>
#include <sstream>

#include <yaml-cpp/eventhandler.h>

#include "sim/core/units.hpp"

namespace porttwin::scenario {
namespace {

std::string join(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

std::string found_text(const YAML::Node& node) {
  if (node.IsMap()) return "a map";
  if (node.IsSequence()) return "a list";
  if (node.IsNull()) return "nothing";
  return "\"" + node.Scalar() + "\"";
}

class ValueReader {
 public:
  ValueReader(const Param& param, std::string path, Diagnostics& d) : param_(param), path_(std::move(path)), d_(d) {}

  void read(const YAML::Node& node) {
    switch (param_.kind()) {
      case ValueKind::Distribution: return read_distribution(node);
      case ValueKind::RateProfile:
      case ValueKind::RealList: return read_list(node);
      case ValueKind::TextList: return read_text_list(node);
      case ValueKind::TextMap: return read_text_map(node);
      default: break;
    }
    if (!node.IsScalar()) return fail(node, param_.expectation());
    const std::string& text = node.Scalar();
    std::visit([&](auto* field) { store(node, text, field); }, param_.field());
  }

 private:
  void fail(const YAML::Node& node, const std::string& expected) {
    d_.error(mark_of(node), path_, "found " + found_text(node) + ", expected " + expected);
  }

  // Parses one scalar in the param's own unit (or `unit` for list elements and distribution fields).
  std::optional<double> number(const YAML::Node& node, ValueKind unit) {
    if (!node.IsScalar()) return std::nullopt;
    const std::string& text = node.Scalar();
    switch (unit) {
      case ValueKind::Duration: return units::parse_duration(text);
      case ValueKind::Rate: return units::parse_rate(text);
      case ValueKind::TimeOfDay: return units::parse_time_of_day(text);
      case ValueKind::DateTime: return units::parse_datetime(text);
      default: break;
    }
    try {
      std::size_t used = 0;
      double v = std::stod(text, &used);
      if (used != text.size() || !std::isfinite(v)) return std::nullopt;
      return v;
    } catch (const std::exception&) {
      return std::nullopt;
    }
  }

  bool in_range(double v) const {
    if (param_.lower() && (param_.lower_exclusive() ? v <= *param_.lower() : v < *param_.lower())) return false;
    if (param_.upper() && v > *param_.upper()) return false;
    return true;
  }

  std::optional<double> checked_number(const YAML::Node& node, ValueKind unit) {
    auto v = number(node, unit);
    if (!v || !in_range(*v)) {
      fail(node, param_.expectation());
      return std::nullopt;
    }
    return v;
  }

  void store(const YAML::Node& node, const std::string&, double* field) {
    if (auto v = checked_number(node, param_.kind())) *field = *v;
  }

  // Integers are read exactly (a 64-bit seed does not fit a double) and must fit their field.
  template <class Int>
  void store_integer(const YAML::Node& node, const std::string& text, Int* field) {
    using Wide = std::conditional_t<std::is_unsigned_v<Int>, unsigned long long, long long>;
    Wide value = 0;
    const char* end = text.data() + text.size();
    auto [stop, ec] = std::from_chars(text.data(), end, value);
    const bool exact = ec == std::errc() && stop == end && !text.empty() && text.front() != '+';
    if (!exact || !std::in_range<Int>(value) || !in_range(static_cast<double>(value))) {
      if constexpr (std::is_same_v<Int, std::uint64_t>) return fail(node, "a whole number from 0 to 2^64-1 (18446744073709551615)");
      return fail(node, param_.expectation());
    }
    *field = static_cast<Int>(value);
  }
  void store(const YAML::Node& node, const std::string& text, int* field) { store_integer(node, text, field); }
  void store(const YAML::Node& node, const std::string& text, std::int64_t* field) { store_integer(node, text, field); }
  void store(const YAML::Node& node, const std::string& text, std::uint64_t* field) { store_integer(node, text, field); }

  void store(const YAML::Node& node, const std::string& text, std::string* field) {
    if (param_.kind() == ValueKind::Choice) {
      const auto& allowed = param_.allowed();
      if (std::find(allowed.begin(), allowed.end(), text) == allowed.end()) {
        std::string hint = closest_match(text, allowed);
        return fail(node, param_.expectation() + (hint.empty() ? "" : " (did you mean \"" + hint + "\"?)"));
      }
    }
    if (text.empty()) return fail(node, "a non-empty text");
    *field = text;
  }

  void store(const YAML::Node& node, const std::string& text, bool* field) {
    if (text == "true" || text == "yes" || text == "on") *field = true;
    else if (text == "false" || text == "no" || text == "off") *field = false;
    else fail(node, param_.expectation());
  }

  void store(const YAML::Node& node, const std::string& text, NameRef* field) {
    if (text.empty()) return fail(node, "a name");
    *field = NameRef{text, mark_of(node), path_, -1};
  }

  void store(const YAML::Node& node, const std::string&, Distribution*) { fail(node, param_.expectation()); }
  void store(const YAML::Node& node, const std::string&, std::vector<double>*) { fail(node, param_.expectation()); }
  void store(const YAML::Node& node, const std::string&, std::vector<MarkedText>*) { fail(node, param_.expectation()); }
  void store(const YAML::Node& node, const std::string&, std::vector<MarkedPair>*) { fail(node, param_.expectation()); }

  void read_text_list(const YAML::Node& node) {
    auto* field = std::get<std::vector<MarkedText>*>(param_.field());
    if (!node.IsSequence() || node.size() == 0) return fail(node, param_.expectation());
    std::vector<MarkedText> values;
    bool ok = true;
    for (const auto& item : node) {
      if (!item.IsScalar() || item.Scalar().empty()) {
        d_.error(mark_of(item), path_, "found " + found_text(item) + " in the list, expected a single value");
        ok = false;
        continue;
      }
      values.push_back({item.Scalar(), mark_of(item)});
    }
    if (ok) *field = std::move(values);
  }

  void read_text_map(const YAML::Node& node) {
    auto* field = std::get<std::vector<MarkedPair>*>(param_.field());
    if (!node.IsMap()) return fail(node, param_.expectation());
    std::vector<MarkedPair> pairs;
    std::set<std::string> seen;
    bool ok = true;
    for (const auto& kv : node) {
      const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "";
      if (key.empty()) {
        d_.error(mark_of(kv.first), path_, "found " + found_text(kv.first) + " as a key, expected a key path");
        ok = false;
      } else if (!seen.insert(key).second) {
        d_.error(mark_of(kv.first), join(path_, key), "duplicate key (each key may appear once)");
        ok = false;
      } else if (!kv.second.IsScalar() || kv.second.Scalar().empty()) {
        d_.error(mark_of(kv.second), join(path_, key), "found " + found_text(kv.second) + ", expected a single value");
        ok = false;
      } else {
        pairs.push_back({{key, mark_of(kv.first)}, {kv.second.Scalar(), mark_of(kv.second)}});
      }
    }
    if (ok) *field = std::move(pairs);
  }

  void read_list(const YAML::Node& node) {
    auto* field = std::get<std::vector<double>*>(param_.field());
    if (!node.IsSequence()) return fail(node, param_.expectation());
    if (param_.exact_length() && node.size() != *param_.exact_length()) {
      d_.error(mark_of(node), path_, "found a list of " + std::to_string(node.size()) + " entries, expected " +
                                         std::to_string(*param_.exact_length()) + " (" + param_.expectation() + ")");
      return;
    }
    ValueKind unit = param_.kind() == ValueKind::RateProfile ? ValueKind::Rate : ValueKind::Real;
    std::vector<double> values;
    bool ok = true;
    for (const auto& item : node) {
      auto v = number(item, unit);
      if (!v || !in_range(*v)) {
        d_.error(mark_of(item), path_, "found " + found_text(item) + " in the list, expected " + element_expectation());
        ok = false;
        continue;
      }
      values.push_back(*v);
    }
    if (ok) *field = std::move(values);
  }

  void read_distribution(const YAML::Node& node);

  std::string element_expectation() const {
    std::string what = param_.kind() == ValueKind::RateProfile ? "a rate" : "a number";
    if (param_.lower()) {
      what += (param_.lower_exclusive() ? " > " : " >= ") + units::format_number(*param_.lower());
    }
    return what + (param_.kind() == ValueKind::RateProfile ? " with a unit, e.g. 120/h" : "");
  }

  const Param& param_;
  std::string path_;
  Diagnostics& d_;
};

// Distribution maps: {dist: NAME, parameter keys...}; a bare value is a constant.
void ValueReader::read_distribution(const YAML::Node& node) {
  auto* field = std::get<Distribution*>(param_.field());
  const ValueKind unit = param_.distribution_unit();
  const std::string unit_expectation =
      unit == ValueKind::Duration ? std::string(units::expected_duration) : std::string("a number");
  if (node.IsScalar()) {
    auto v = number(node, unit);
    if (!v || *v < 0) return fail(node, param_.expectation());
    *field = Distribution::constant(*v);
    return;
  }
  if (!node.IsMap()) return fail(node, param_.expectation());

  static const std::vector<std::string> kinds = {"constant", "exponential", "uniform", "triangular", "normal",
                                                 "lognormal", "gamma", "erlang", "empirical"};
  // The keys each distribution takes, besides "dist".
  static const std::map<std::string, std::vector<std::string>> takes = {
      {"constant", {"value"}},          {"exponential", {"mean"}},     {"uniform", {"min", "max"}},
      {"triangular", {"min", "mode", "max"}}, {"normal", {"mean", "sd"}}, {"lognormal", {"mean", "cv"}},
      {"gamma", {"mean", "cv"}},        {"erlang", {"k", "mean"}},     {"empirical", {"values", "weights"}}};
  const YAML::Node kind_node = node["dist"];
  if (!kind_node) {
    d_.error(mark_of(node), join(path_, "dist"), "missing key, expected one of: constant, exponential, uniform, "
                                                 "triangular, normal, lognormal, gamma, erlang, empirical");
    return;
  }
  std::string kind = kind_node.IsScalar() ? kind_node.Scalar() : "";
  if (!takes.count(kind)) {
    std::vector<std::string> kinds;
    for (const auto& [name, keys] : takes) kinds.push_back(name);
    std::string hint = closest_match(kind, kinds);
    d_.error(mark_of(kind_node), join(path_, "dist"),
             "found " + found_text(kind_node) + ", expected a distribution name: constant, exponential, uniform, "
             "triangular, normal, lognormal, gamma, erlang or empirical" +
                 (hint.empty() ? "" : " (did you mean \"" + hint + "\"?)"));
    return;
  }
  const std::vector<std::string>& allowed = takes.at(kind);
  std::set<std::string> seen;
  bool ok = true;
  for (const auto& kv : node) {
    std::string key = kv.first.as<std::string>("");
    if (key == "dist") continue;
    if (!seen.insert(key).second) {
      d_.error(mark_of(kv.first), join(path_, key), "duplicate key (each key may appear once)");
      ok = false;
    } else if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string list;
      for (const auto& k : allowed) list += (list.empty() ? "" : ", ") + k;
      std::string hint = closest_match(key, allowed);
      d_.key_error(mark_of(kv.first), join(path_, key),
               "unknown key for dist: " + kind + ", expected " + list +
                   (hint.empty() ? std::string() : " (did you mean \"" + hint + "\"?)"));
      ok = false;
    }
  }
  auto need = [&](const char* key, ValueKind u) -> double {
    const YAML::Node v = node[key];
    if (!v) {
      d_.error(mark_of(node), join(path_, key), "missing key \"" + std::string(key) + "\" required by dist: " + kind);
      ok = false;
      return 0;
    }
    auto parsed = number(v, u);
    if (!parsed || *parsed < 0) {
      d_.error(mark_of(v), join(path_, key),
               "found " + found_text(v) + ", expected " +
                   (u == unit ? unit_expectation : std::string("a non-negative number")));
      ok = false;
      return 0;
    }
    return *parsed;
  };
  try {
    if (kind == "constant") {
      double v = need("value", unit);
      if (ok) *field = Distribution::constant(v);
    } else if (kind == "exponential") {
      double m = need("mean", unit);
      if (ok) *field = Distribution::exponential(m);
    } else if (kind == "uniform") {
      double lo = need("min", unit), hi = need("max", unit);
      if (ok) *field = Distribution::uniform(lo, hi);
    } else if (kind == "triangular") {
      double lo = need("min", unit), mode = need("mode", unit), hi = need("max", unit);
      if (ok) *field = Distribution::triangular(lo, mode, hi);
    } else if (kind == "normal") {
      double m = need("mean", unit), sd = need("sd", unit);
      if (ok) *field = Distribution::truncated_normal(m, sd);
    } else if (kind == "lognormal" || kind == "gamma") {
      double m = need("mean", unit), cv = need("cv", ValueKind::Real);
      if (ok) *field = kind == "lognormal" ? Distribution::lognormal(m, cv) : Distribution::gamma(m, cv);
    } else if (kind == "erlang") {
      double k = need("k", ValueKind::Real), m = need("mean", unit);
      if (ok && (k < 1 || k != std::floor(k))) {
        d_.error(mark_of(node["k"]), join(path_, "k"), "found " + found_text(node["k"]) + ", expected an integer >= 1");
        ok = false;
      }
      if (ok) *field = Distribution::erlang(static_cast<int>(k), m);
    } else {
      const YAML::Node values = node["values"], weights = node["weights"];
      std::vector<double> xs, ws;
      if (!values || !values.IsSequence() || values.size() == 0) {
        d_.error(mark_of(values ? values : node), join(path_, "values"),
                 "found " + (values ? found_text(values) : std::string("nothing")) + ", expected a non-empty list of values");
        return;
      }
      for (const auto& v : values) {
        auto x = number(v, unit);
        if (!x) {
          d_.error(mark_of(v), join(path_, "values"), "found " + found_text(v) + ", expected " + unit_expectation);
          ok = false;
        } else {
          xs.push_back(*x);
        }
      }
      if (weights) {
        if (!weights.IsSequence() || weights.size() != values.size()) {
          d_.error(mark_of(weights), join(path_, "weights"),
                   "found " + (weights.IsSequence() ? "a list of " + std::to_string(weights.size()) : found_text(weights)) +
                       ", expected a list of " + std::to_string(values.size()) + " weights, one per value");
          return;
        }
        for (const auto& w : weights) {
          auto x = number(w, ValueKind::Real);
          if (!x || *x <= 0) {
            d_.error(mark_of(w), join(path_, "weights"), "found " + found_text(w) + ", expected a weight > 0");
            ok = false;
          } else {
            ws.push_back(*x);
          }
        }
      } else {
        ws.assign(xs.size(), 1.0);
      }
      if (ok) *field = Distribution::empirical(std::move(xs), std::move(ws));
    }
  } catch (const std::invalid_argument& e) {
    d_.error(mark_of(node), path_, std::string("found parameters that do not make a distribution: ") + e.what());
  }
}

void bind_list(const YAML::Node& node, ListDecl& list, const std::string& path, Diagnostics& d) {
  if (!node.IsSequence()) {
    d.error(mark_of(node), path, "found " + found_text(node) + ", expected a list of maps");
    return;
  }
  if (node.size() < list.min_items) {
    d.error(mark_of(node), path, "found " + std::to_string(node.size()) + " entries, expected at least " +
                                     std::to_string(list.min_items));
  }
  for (std::size_t i = 0; i < node.size(); ++i) {
    Section item = list.append(i);
    bind_section(node[i], item, path + "[" + std::to_string(i) + "]", d);
  }
}

}  // namespace

Mark mark_of(const YAML::Node& node) {
  YAML::Mark m = node.Mark();
  if (m.line < 0) return {};
  return {m.line + 1, m.column + 1};
}

namespace {

// The length of the UTF-8 sequence that starts at `at`, or 0 if it is not one (overlong forms,
// surrogates and code points past U+10FFFF included).
std::size_t utf8_sequence(const std::string& text, std::size_t at) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(at);
  if (lead < 0x80) return 1;
  std::size_t length = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
  if (length == 0 || at + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k)
    if ((byte(at + k) & 0xC0) != 0x80) return 0;
  const unsigned char second = byte(at + 1);
  if ((lead == 0xE0 && second < 0xA0) || (lead == 0xED && second > 0x9F) || (lead == 0xF0 && second < 0x90) ||
      (lead == 0xF4 && second > 0x8F))
    return 0;
  return length;
}

// What YAML itself would report badly or not at all: bytes that are not UTF-8, and tabs in the
// indentation (YAML forbids them; yaml-cpp says only "illegal map value" further on).
bool check_text(const std::string& text, Diagnostics& diagnostics) {
  int line = 1, column = 1;
  bool indentation = true;
  for (std::size_t at = 0; at < text.size();) {
    const char c = text[at];
    if (c == '\n') {
      ++line;
      column = 1;
      indentation = true;
      ++at;
      continue;
    }
    const std::size_t length = utf8_sequence(text, at);
    if (length == 0) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(c));
      diagnostics.error({line, column}, "", std::string("found the byte ") + hex + ", which is not UTF-8, expected UTF-8 text");
      return false;
    }
    if (c == '\t' && indentation) {
      const std::size_t end = text.find('\n', at);
      const std::string rest = text.substr(at, end == std::string::npos ? std::string::npos : end - at);
      if (rest.find_first_not_of(" \t\r") != std::string::npos) {
        diagnostics.error({line, column}, "", "found a tab in the indentation, expected spaces (tabs are not allowed in YAML indentation)");
        return false;
      }
    }
    if (c != ' ' && c != '\t' && c != '\r') indentation = false;
    at += length;
    ++column;
  }
  return true;
}

}  // namespace

namespace {

// The documents of a stream, by where each starts, without building them.
class DocumentStarts : public YAML::EventHandler {
 public:
  std::vector<YAML::Mark> starts;
  void OnDocumentStart(const YAML::Mark& mark) override { starts.push_back(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

}  // namespace

YAML::Node parse_document(const std::string& text, Diagnostics& diagnostics) {
  if (!check_text(text, diagnostics)) return {};
  try {
    // Documents are counted with the parser, two at most: yaml-cpp 0.7's LoadAll never ends on
    // some broken input (a stray ","), allocating without bound (fixed upstream in 0.8.1).
    std::istringstream stream(text);
    YAML::Parser parser(stream);
    DocumentStarts documents;
    parser.HandleNextDocument(documents);
    if (parser.HandleNextDocument(documents)) {
      const YAML::Mark second = documents.starts.back();
      // At the "---" that starts the second document (the last one before its content), if any.
      int line = 0, marker = -1;
      for (std::size_t at = 0; at <= text.size() && line <= second.line;) {
        const std::size_t end = std::min(text.find('\n', at), text.size());
        if (text.compare(at, 3, "---") == 0) marker = line;
        at = end + 1;
        ++line;
      }
      if (marker >= 0) {
        diagnostics.error({marker + 1, 1}, "", "found a second YAML document, expected one per file (no \"---\" after the first)");
      } else {
        diagnostics.error({second.line + 1, second.column + 1}, "", "YAML syntax: found text the parser cannot read after the first value, expected a key or a list item");
      }
      return {};
    }
    YAML::Node doc = YAML::Load(text);
    if (!doc || doc.IsNull()) {
      diagnostics.error({1, 1}, "", "the file is empty, expected a scenario (a map of keys)");
      return {};
    }
    return doc;
  } catch (const YAML::Exception& e) {
    diagnostics.error({e.mark.line + 1, e.mark.column + 1}, "", "YAML syntax: " + e.msg);
    return {};
  }
}

void bind_section(const YAML::Node& node, Section& section, const std::string& path, Diagnostics& d) {
  if (!node.IsMap()) {
    d.error(mark_of(node), path, "found " + found_text(node) + ", expected a map of keys");
    return;
  }
  if (section.present()) *section.present() = true;
  std::set<std::string> seen;
  const std::vector<std::string> known = section.keys();
  for (const auto& kv : node) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "";
    const std::string key_path = join(path, key);
    d.note(key_path, mark_of(kv.second));
    if (!seen.insert(key).second) {
      d.error(mark_of(kv.first), key_path, "duplicate key (each key may appear once)");
      continue;
    }
    auto entry = std::find_if(section.entries().begin(), section.entries().end(),
                              [&](const Section::Entry& e) { return entry_key(e) == key; });
    if (entry == section.entries().end()) {
      std::string hint = closest_match(key, known);
      d.key_error(mark_of(kv.first), key_path,
              "unknown key" + (hint.empty() ? std::string() : " (did you mean \"" + hint + "\"?)"));
      continue;
    }
    std::visit(
        [&](auto& e) {
          using T = std::decay_t<decltype(e)>;
          if constexpr (std::is_same_v<T, Param>) ValueReader(e, key_path, d).read(kv.second);
          else if constexpr (std::is_same_v<T, ListDecl>) {
            if (e.present) *e.present = true;
            bind_list(kv.second, e, key_path, d);
          } else bind_section(kv.second, *e, key_path, d);
        },
        *entry);
  }
  for (const auto& e : section.entries()) {
    const auto* param = std::get_if<Param>(&e);
    if (param && param->is_required() && !seen.count(param->key())) {
      d.error(mark_of(node), join(path, param->key()), "missing required key, expected " + param->expectation());
    }
  }
}

namespace {

// Splits "a.b[2].c" or "a.b.2.c" into steps.
std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> steps;
  std::string current;
  for (char c : path) {
    if (c == '.' || c == '[' || c == ']') {
      if (!current.empty()) steps.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) steps.push_back(current);
  return steps;
}

bool is_index(const std::string& s) { return !s.empty() && std::all_of(s.begin(), s.end(), ::isdigit); }

struct ListIndex {
  std::optional<std::size_t> position;
  std::string problem;
};

// A path step into a list: a whole number below the list's size, or the reason it is not one
// (checked digit by digit, so an index past any integer type is "past the end", not an overflow).
ListIndex list_index(const std::string& step, std::size_t size, const std::vector<std::string>& steps, std::size_t at) {
  const std::string list = at > 0 ? "\"" + steps[at - 1] + "\"" : "the document";
  if (!step.empty() && step[0] == '-' && is_index(step.substr(1)))
    return {std::nullopt, "negative index " + step + ": " + list + " is a list, indexed from 0"};
  if (!is_index(step))
    return {std::nullopt, list + " is a list: expected an index" +
                              (size > 0 ? " from 0 to " + std::to_string(size - 1) : " (the list is empty)") + ", found \"" + step + "\""};
  std::size_t index = 0;
  for (char digit : step) {
    index = index * 10 + static_cast<std::size_t>(digit - '0');
    if (index >= size) return {std::nullopt, "index " + step + " is past the end of a list of " + std::to_string(size)};
  }
  return {index, {}};
}

}  // namespace

std::string normalize_path(const std::string& path) {
  std::string out;
  for (const auto& step : split_path(path)) {
    if (is_index(step)) out += "[" + step + "]";
    else out += (out.empty() ? "" : ".") + step;
  }
  return out;
}

void apply_overrides(YAML::Node& document, const std::vector<Override>& overrides, Diagnostics& d) {
  for (std::size_t which = 0; which < overrides.size(); ++which) {
    const Override& o = overrides[which];
    auto error = [&](std::string message, bool about_key = true) {
      d.override_error(static_cast<int>(which), o.text(), o.path, std::move(message), about_key);
    };
    auto steps = split_path(o.path);
    if (steps.empty()) {
      error("expected key.path=value");
      continue;
    }
    YAML::Node value;
    try {
      value = YAML::Load(o.value);
    } catch (const YAML::Exception& e) {
      error("the value is not valid YAML: " + e.msg, false);
      continue;
    }
    // Walk by reference semantics: YAML::Node handles alias the document's nodes.
    YAML::Node cursor = document;
    bool ok = true;
    for (std::size_t i = 0; i + 1 < steps.size() && ok; ++i) {
      if (cursor.IsSequence()) {
        const auto index = list_index(steps[i], cursor.size(), steps, i);
        if (!index.position) {
          error(index.problem);
          ok = false;
          break;
        }
        cursor.reset(cursor[*index.position]);
      } else if (cursor.IsMap() || cursor.IsNull()) {
        YAML::Node next = cursor[steps[i]];
        if (!next || next.IsNull()) {
          cursor[steps[i]] = YAML::Node(YAML::NodeType::Map);
          next = cursor[steps[i]];
        }
        cursor.reset(next);
      } else {
        error("\"" + (i ? steps[i - 1] : steps[i]) + "\" holds a single value, not a map or list");
        ok = false;
      }
    }
    if (!ok) continue;
    const std::string& last = steps.back();
    if (cursor.IsSequence()) {
      const auto index = list_index(last, cursor.size(), steps, steps.size() - 1);
      if (index.position) cursor[*index.position] = value;
      else error(index.problem);
    } else if (cursor.IsMap() || cursor.IsNull()) {
      cursor[last] = value;
    } else {
      error("\"" + (steps.size() > 1 ? steps[steps.size() - 2] : last) + "\" holds a single value, not a map or list");
    }
  }
}

}  // namespace porttwin::scenario

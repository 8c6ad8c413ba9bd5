#include "sim/snapshot/snapshot.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "sim/core/units.hpp"
#include "sim/record/atomic_output.hpp"
#include "sim/scenario/input_file.hpp"

namespace porttwin::snapshot {

std::string format_time(double t, double start) { return units::format_datetime_ms(start + t); }

std::shared_ptr<const Snapshot> read_snapshot(const std::filesystem::path& file, double start, double horizon,
                                              scenario::Diagnostics& d) {
  auto document = JsonDocument::read(file, d);
  if (!document) return nullptr;
  auto snapshot = std::make_shared<Snapshot>();
  snapshot->source = file.string();
  snapshot->document = std::move(*document);
  snapshot->start = start;
  SectionReader reader(*snapshot, d);
  const Json& root = snapshot->document.root();
  if (!reader.is_object(root, "")) return nullptr;
  const std::size_t before = d.list().size();
  if (auto format = reader.text(root, "", "format"); format && *format != kFormat) {
    reader.error("/format", "found \"" + *format + "\", expected \"" + kFormat + "\"");
  }
  reader.integer(root, "", "version", true, kVersion, kVersion);
  if (auto t = reader.time(root, "", "time", true)) {
    if (*t < 0 || *t >= horizon) {
      reader.error("/time", "the snapshot's time is outside the run: the scenario runs from " +
                                units::format_datetime(start) + " to " + units::format_datetime(start + horizon));
    } else {
      snapshot->time = *t;
    }
  }
  if (d.list().size() != before) return nullptr;
  return snapshot;
}

void SectionReader::error(const std::string& pointer, const std::string& message) const {
  d_.error(snapshot_.document.mark(pointer), pointer.empty() ? "/" : pointer, message);
}

std::string SectionReader::found(const Json& v) const {
  switch (v.type()) {
    case Json::value_t::null: return "found null";
    case Json::value_t::boolean: return std::string("found ") + (v.get<bool>() ? "true" : "false");
    case Json::value_t::string: return "found the string " + v.dump();
    case Json::value_t::object: return "found an object";
    case Json::value_t::array: return "found an array";
    default: return "found " + v.dump();
  }
}

const Json* SectionReader::section(const char* key) const {
  const Json& root = snapshot_.document.root();
  auto it = root.find(key);
  if (it == root.end()) return nullptr;
  if (!is_object(*it, std::string("/") + key)) return nullptr;
  return &*it;
}

bool SectionReader::is_object(const Json& value, const std::string& pointer) const {
  if (value.is_object()) return true;
  error(pointer, found(value) + ", expected an object");
  return false;
}

void SectionReader::only(const Json& object, const std::string& pointer, std::initializer_list<const char*> keys) const {
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (std::any_of(keys.begin(), keys.end(), [&](const char* k) { return it.key() == k; })) continue;
    const std::vector<std::string> names(keys.begin(), keys.end());
    std::string message = "unknown member \"" + it.key() + "\"";
    if (auto close = scenario::closest_match(it.key(), names); !close.empty()) message += " (did you mean \"" + close + "\"?)";
    d_.key_error(snapshot_.document.mark(pointer_append(pointer, it.key())), pointer_append(pointer, it.key()), message);
  }
}

const Json* SectionReader::member(const Json& object, const std::string& pointer, const char* key, bool required) const {
  auto it = object.find(key);
  if (it == object.end()) {
    if (required) d_.error(snapshot_.document.mark(pointer), pointer_append(pointer, key), "missing (required)");
    return nullptr;
  }
  return &*it;
}

const Json* SectionReader::array(const Json& object, const std::string& pointer, const char* key, bool required) const {
  const Json* v = member(object, pointer, key, required);
  if (!v) return nullptr;
  if (!v->is_array()) {
    error(pointer_append(pointer, key), found(*v) + ", expected an array");
    return nullptr;
  }
  return v;
}

std::optional<std::string> SectionReader::text(const Json& object, const std::string& pointer, const char* key,
                                               bool required) const {
  const Json* v = member(object, pointer, key, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    error(pointer_append(pointer, key), found(*v) + ", expected a string");
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<double> SectionReader::number(const Json& object, const std::string& pointer, const char* key,
                                            bool required, double min, double max) const {
  const Json* v = member(object, pointer, key, required);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    error(pointer_append(pointer, key), found(*v) + ", expected a number");
    return std::nullopt;
  }
  const double x = v->get<double>();
  if (!(x >= min && x <= max)) {
    error(pointer_append(pointer, key), "found " + v->dump() + ", expected a number in [" + units::format_number(min) +
                                            ", " + units::format_number(max) + "]");
    return std::nullopt;
  }
  return x;
}

std::optional<std::int64_t> SectionReader::integer(const Json& object, const std::string& pointer, const char* key,
                                                   bool required, std::int64_t min, std::int64_t max) const {
  const Json* v = member(object, pointer, key, required);
  if (!v) return std::nullopt;
  const bool whole = v->is_number_integer() ||
                     (v->is_number_float() && std::floor(v->get<double>()) == v->get<double>() &&
                      std::abs(v->get<double>()) < 9e15);
  if (!whole) {
    error(pointer_append(pointer, key), found(*v) + ", expected a whole number");
    return std::nullopt;
  }
  const std::string range =
      min == max ? std::to_string(min) : "a whole number in [" + std::to_string(min) + ", " + std::to_string(max) + "]";
  const bool above = v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(max);
  const std::int64_t x = v->is_number_float() ? static_cast<std::int64_t>(v->get<double>()) : v->get<std::int64_t>();
  if (above || x < min || x > max) {
    error(pointer_append(pointer, key), "found " + v->dump() + ", expected " + range);
    return std::nullopt;
  }
  return x;
}

std::optional<bool> SectionReader::flag(const Json& object, const std::string& pointer, const char* key,
                                        bool required) const {
  const Json* v = member(object, pointer, key, required);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    error(pointer_append(pointer, key), found(*v) + ", expected true or false");
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<double> SectionReader::time(const Json& object, const std::string& pointer, const char* key,
                                          bool required) const {
  auto s = text(object, pointer, key, required);
  if (!s) return std::nullopt;
  auto epoch = units::parse_datetime(*s);
  if (!epoch) {
    error(pointer_append(pointer, key), "found \"" + *s + "\", expected " + std::string(units::expected_datetime) +
                                            " (seconds may have a fraction: 06:00:00.250)");
    return std::nullopt;
  }
  return *epoch - snapshot_.start;
}

std::optional<double> SectionReader::duration(const Json& object, const std::string& pointer, const char* key,
                                              bool required) const {
  const Json* v = member(object, pointer, key, required);
  if (!v) return std::nullopt;
  std::optional<double> seconds;
  if (v->is_number()) seconds = v->get<double>();
  else if (v->is_string()) seconds = units::parse_duration(v->get<std::string>());
  if (!seconds || !std::isfinite(*seconds) || *seconds < 0) {
    error(pointer_append(pointer, key), found(*v) + ", expected " + std::string(units::expected_duration) +
                                            ", or seconds as a number, not negative");
    return std::nullopt;
  }
  return seconds;
}

std::optional<std::size_t> SectionReader::choice(const Json& object, const std::string& pointer, const char* key,
                                                 bool required, const std::vector<std::string>& names) const {
  auto s = text(object, pointer, key, required);
  if (!s) return std::nullopt;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == *s) return i;
  }
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  std::string message = "found \"" + *s + "\", expected one of " + list;
  if (auto close = scenario::closest_match(*s, names); !close.empty()) message += " (did you mean \"" + close + "\"?)";
  error(pointer_append(pointer, key), message);
  return std::nullopt;
}

std::optional<std::size_t> SectionReader::named(const Json& object, const std::string& pointer, const char* key,
                                                bool required, const std::vector<std::string>& names,
                                                const std::string& what) const {
  auto s = text(object, pointer, key, required);
  if (!s) return std::nullopt;
  const auto it = std::find(names.begin(), names.end(), *s);
  if (it != names.end()) return static_cast<std::size_t>(it - names.begin());
  std::string message = "the scenario has no " + what + " \"" + *s + "\"";
  if (auto close = scenario::closest_match(*s, names); !close.empty()) message += " (did you mean \"" + close + "\"?)";
  error(pointer_append(pointer, key), message);
  return std::nullopt;
}

std::set<std::string> SectionReader::texts_of(const char* section, const char* list, const char* key) const {
  std::set<std::string> out;
  const Json& root = snapshot_.document.root();
  if (!root.is_object() || !root.contains(section) || !root[section].is_object() || !root[section].contains(list) ||
      !root[section][list].is_array()) {
    return out;
  }
  for (const auto& item : root[section][list]) {
    if (item.is_object() && item.contains(key) && item[key].is_string()) out.insert(item[key].get<std::string>());
  }
  return out;
}

bool SectionReader::each_object(const Json& object, const std::string& pointer, const char* key,
                                std::initializer_list<const char*> keys,
                                const std::function<void(const Json&, const std::string&)>& each) const {
  const Json* list = array(object, pointer, key);
  if (!list) return false;
  const std::string at = pointer_append(pointer, key);
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Json& item = (*list)[i];
    const std::string p = pointer_append(at, i);
    if (!is_object(item, p)) continue;
    only(item, p, keys);
    each(item, p);
  }
  return true;
}

SnapshotWriter::SnapshotWriter(double time, double start, std::string scenario_name) : start_(start) {
  root_["format"] = kFormat;
  root_["version"] = kVersion;
  root_["time"] = time_text(time);
  root_["scenario"] = std::move(scenario_name);
}

std::string SnapshotWriter::time_text(double t) const { return format_time(t, start_); }

namespace {

void emit(const Json& v, int indent, std::string& out) {
  const std::string pad(static_cast<std::size_t>(indent) + 2, ' ');
  if (v.is_object() && !v.empty()) {
    out += "{\n";
    bool first = true;
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (!first) out += ",\n";
      first = false;
      out += pad + Json(it.key()).dump() + ": ";
      emit(it.value(), indent + 2, out);
    }
    out += "\n" + std::string(static_cast<std::size_t>(indent), ' ') + "}";
  } else if (v.is_array() && !v.empty() && v.front().is_structured()) {
    out += "[\n";
    bool first = true;
    for (const auto& element : v) {
      if (!first) out += ",\n";
      first = false;
      out += pad + element.dump();
    }
    out += "\n" + std::string(static_cast<std::size_t>(indent), ' ') + "]";
  } else {
    out += v.dump();
  }
}

}  // namespace

std::string SnapshotWriter::text() const {
  std::string out;
  emit(root_, 0, out);
  out += "\n";
  return out;
}

namespace schema {

Json object(const std::string& description, const std::vector<std::pair<std::string, Json>>& properties,
            const std::vector<std::string>& required) {
  Json o = {{"type", "object"}, {"description", description}, {"additionalProperties", false}};
  o["properties"] = Json::object();
  for (const auto& [key, value] : properties) o["properties"][key] = value;
  if (!required.empty()) o["required"] = required;
  return o;
}

Json array_of(const Json& items) { return {{"type", "array"}, {"items", items}}; }
Json text(const std::string& description) { return {{"type", "string"}, {"description", description}}; }
Json integer(std::int64_t minimum, const std::string& description) {
  return {{"type", "integer"}, {"minimum", minimum}, {"description", description}};
}
Json one_of(const std::vector<std::string>& names, const std::string& description) {
  return {{"enum", names}, {"description", description}};
}
Json number(double minimum, const std::string& description, std::optional<double> maximum) {
  Json out = {{"type", "number"}, {"minimum", minimum}, {"description", description}};
  if (maximum) out["maximum"] = *maximum;
  return out;
}
Json flag(const std::string& description) { return {{"type", "boolean"}, {"description", description}}; }
Json container_number(const std::string& description) {
  return {{"type", "string"}, {"pattern", "^[A-Z]{3}[UJZ][0-9]{7}$"}, {"description", description}};
}
Json date_time() {
  return {{"type", "string"},
          {"pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,9})?)?)?$"},
          {"description", "a date-time of the scenario's calendar (no time zone), e.g. 2026-01-08T14:32:00.250"}};
}

Json document(const std::vector<std::pair<std::string, Json>>& sections) {
  std::vector<std::pair<std::string, Json>> properties = {
      {"format", {{"const", kFormat}}},
      {"version", {{"const", kVersion}}},
      {"time", date_time()},
      {"scenario", text("the scenario's name (for people: not checked)")}};
  properties.insert(properties.end(), sections.begin(), sections.end());
  Json o = object("A porttwin snapshot: the state of the twin at one instant (docs/snapshot.md)", properties,
                  {"format", "version", "time"});
  Json out = {{"$schema", "https://json-schema.org/draft/2020-12/schema"},
              {"$id", "https://porttwin.org/schema/snapshot-1.json"},
              {"title", "porttwin snapshot, version 1"}};
  for (auto it = o.begin(); it != o.end(); ++it) out[it.key()] = it.value();
  return out;
}

}  // namespace schema

void write_file(const std::filesystem::path& file, const std::string& text) { write_file_atomically(file, text); }

}  // namespace porttwin::snapshot

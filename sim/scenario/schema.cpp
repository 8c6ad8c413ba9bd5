#include "sim/scenario/schema.hpp"

#include "sim/core/units.hpp"

namespace porttwin::scenario {
namespace {

std::string in_units(ValueKind kind, double v) {
  switch (kind) {
    case ValueKind::Duration: return units::format_duration(v);
    case ValueKind::Rate: return units::format_rate(v);
    default: return units::format_number(v);
  }
}

std::string list_text(const std::vector<double>& values, ValueKind element) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + in_units(element, values[i]);
  return out + "]";
}

std::string value_text(ValueKind kind, const Binding& field) {
  return std::visit(
      [kind](auto* p) -> std::string {
        using T = std::remove_pointer_t<decltype(p)>;
        if constexpr (std::is_same_v<T, std::string>) return *p;
        else if constexpr (std::is_same_v<T, bool>) return *p ? "true" : "false";
        else if constexpr (std::is_same_v<T, Distribution>)
          return p->scenario_text([](double v) { return units::format_duration(v); });
        else if constexpr (std::is_same_v<T, NameRef>) return p->name;
        else if constexpr (std::is_same_v<T, std::vector<MarkedText>>) {
          std::string out;
          for (const auto& item : *p) out += (out.empty() ? "" : ", ") + item.text;
          return "[" + out + "]";
        } else if constexpr (std::is_same_v<T, std::vector<MarkedPair>>) {
          std::string out;
          for (const auto& item : *p) out += (out.empty() ? "" : ", ") + item.key.text + ": " + item.value.text;
          return "{" + out + "}";
        }
        else if constexpr (std::is_same_v<T, std::vector<double>>)
          return list_text(*p, kind == ValueKind::RateProfile ? ValueKind::Rate : ValueKind::Real);
        else if (kind == ValueKind::DateTime) return units::format_datetime(static_cast<double>(*p));
        else if (kind == ValueKind::TimeOfDay) return units::format_time_of_day(static_cast<double>(*p));
        else if constexpr (std::is_integral_v<T>) return std::to_string(*p);
        else return in_units(kind, static_cast<double>(*p));
      },
      field);
}

}  // namespace

std::string kind_name(ValueKind kind) {
  switch (kind) {
    case ValueKind::Integer: return "integer";
    case ValueKind::Real: return "real";
    case ValueKind::Probability: return "probability";
    case ValueKind::Duration: return "duration";
    case ValueKind::Rate: return "rate";
    case ValueKind::Text: return "text";
    case ValueKind::Choice: return "choice";
    case ValueKind::Boolean: return "boolean";
    case ValueKind::TimeOfDay: return "time of day";
    case ValueKind::DateTime: return "date-time";
    case ValueKind::Distribution: return "distribution";
    case ValueKind::RateProfile: return "hourly rate profile";
    case ValueKind::RealList: return "list of reals";
    case ValueKind::Reference: return "name";
    case ValueKind::TextList: return "list";
    case ValueKind::TextMap: return "map";
  }
  return "value";
}

Param::Param(std::string key, ValueKind kind, Binding field, std::string help)
    : key_(std::move(key)), kind_(kind), field_(field), help_(std::move(help)) {
  default_text_ = value_text(kind_, field_);
  if (kind_ == ValueKind::Probability) range(0, 1);
  if (kind_ == ValueKind::RateProfile) length(24);
}

Param& Param::min(double lo) {
  lower_ = lo;
  lower_exclusive_ = false;
  return *this;
}

Param& Param::greater_than(double lo) {
  lower_ = lo;
  lower_exclusive_ = true;
  return *this;
}

Param& Param::max(double hi) {
  upper_ = hi;
  return *this;
}

Param& Param::required() {
  required_ = true;
  default_text_.clear();
  return *this;
}

Param& Param::choices(std::vector<std::string> allowed) {
  choices_ = std::move(allowed);
  return *this;
}

Param& Param::length(std::size_t n) {
  length_ = n;
  return *this;
}

Param& Param::distribution_of(ValueKind unit) {
  distribution_unit_ = unit;
  return *this;
}

std::string Param::expectation() const {
  std::string what;
  switch (kind_) {
    case ValueKind::Integer: what = "an integer"; break;
    case ValueKind::Real: what = "a number"; break;
    case ValueKind::Probability: return "a probability in [0, 1]";
    case ValueKind::Duration: what = "a duration"; break;
    case ValueKind::Rate: what = "a rate"; break;
    case ValueKind::Text: return "a text";
    case ValueKind::Reference: return "a name";
    case ValueKind::Boolean: return "true or false";
    case ValueKind::TimeOfDay: return std::string(units::expected_time_of_day);
    case ValueKind::DateTime: return std::string(units::expected_datetime);
    case ValueKind::Choice: {
      std::string list;
      for (std::size_t i = 0; i < choices_.size(); ++i) list += (i ? ", " : "") + choices_[i];
      return "one of: " + list;
    }
    case ValueKind::Distribution:
      return "a distribution {dist: constant|exponential|uniform|triangular|normal|lognormal|gamma|erlang|empirical, ...}"
             " or a single value";
    case ValueKind::RateProfile: return "a list of 24 hourly rates, e.g. [120/h, 90/h, ...]";
    case ValueKind::RealList: what = "a list of numbers"; break;
    case ValueKind::TextList: return "a non-empty list of single values";
    case ValueKind::TextMap: return "a map of key: single value";
  }
  ValueKind shown = kind_ == ValueKind::RealList ? ValueKind::Real : kind_;
  if (lower_ && upper_) {
    what += std::string(lower_exclusive_ ? " in (" : " in [") + in_units(shown, *lower_) + ", " + in_units(shown, *upper_) + "]";
  }
  else if (lower_) what += (lower_exclusive_ ? " > " : " >= ") + in_units(shown, *lower_);
  else if (upper_) what += " <= " + in_units(shown, *upper_);
  if (kind_ == ValueKind::Duration) what += " (with a unit us, ms, s, min, h, d or w: 45s, 4min, 1d6h)";
  if (kind_ == ValueKind::Rate) what += " (per s, min, h, d or w: 120/h, 2/min, 10000/d)";
  return what;
}

std::vector<std::string> Section::keys() const {
  std::vector<std::string> out;
  for (const auto& e : entries_) out.push_back(entry_key(e));
  return out;
}

Param& Section::add(Param p) {
  entries_.emplace_back(std::move(p));
  return std::get<Param>(entries_.back());
}

Param& Section::integer(const std::string& key, int& field, const std::string& help) {
  return add(Param(key, ValueKind::Integer, &field, help));
}
Param& Section::seed(const std::string& key, std::uint64_t& field, const std::string& help) {
  return add(Param(key, ValueKind::Integer, &field, help));
}
Param& Section::real(const std::string& key, double& field, const std::string& help) {
  return add(Param(key, ValueKind::Real, &field, help));
}
Param& Section::probability(const std::string& key, double& field, const std::string& help) {
  return add(Param(key, ValueKind::Probability, &field, help));
}
Param& Section::duration(const std::string& key, double& field, const std::string& help) {
  return add(Param(key, ValueKind::Duration, &field, help));
}
Param& Section::rate(const std::string& key, double& field, const std::string& help) {
  return add(Param(key, ValueKind::Rate, &field, help));
}
Param& Section::text(const std::string& key, std::string& field, const std::string& help) {
  return add(Param(key, ValueKind::Text, &field, help));
}
Param& Section::choice(const std::string& key, std::string& field, std::vector<std::string> allowed,
                       const std::string& help) {
  return add(Param(key, ValueKind::Choice, &field, help)).choices(std::move(allowed));
}
Param& Section::flag(const std::string& key, bool& field, const std::string& help) {
  return add(Param(key, ValueKind::Boolean, &field, help));
}
Param& Section::time_of_day(const std::string& key, double& field, const std::string& help) {
  return add(Param(key, ValueKind::TimeOfDay, &field, help));
}
Param& Section::datetime(const std::string& key, double& field, const std::string& help) {
  return add(Param(key, ValueKind::DateTime, &field, help));
}
Param& Section::distribution(const std::string& key, Distribution& field, const std::string& help) {
  return add(Param(key, ValueKind::Distribution, &field, help));
}
Param& Section::rate_profile(const std::string& key, std::vector<double>& field, const std::string& help) {
  return add(Param(key, ValueKind::RateProfile, &field, help));
}
Param& Section::real_list(const std::string& key, std::vector<double>& field, const std::string& help) {
  return add(Param(key, ValueKind::RealList, &field, help));
}
Param& Section::reference(const std::string& key, NameRef& field, const std::string& help) {
  return add(Param(key, ValueKind::Reference, &field, help));
}

Param& Section::text_list(const std::string& key, std::vector<MarkedText>& field, const std::string& help) {
  return add(Param(key, ValueKind::TextList, &field, help));
}
Param& Section::text_map(const std::string& key, std::vector<MarkedPair>& field, const std::string& help) {
  return add(Param(key, ValueKind::TextMap, &field, help));
}

Section& Section::section(const std::string& key, const std::string& help, bool* present) {
  auto child = std::make_shared<Section>(key, help);
  child->present_ = present;
  entries_.emplace_back(child);
  return *child;
}

const std::string& entry_key(const Section::Entry& entry) {
  return std::visit(
      [](const auto& e) -> const std::string& {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, Param>) return e.key();
        else if constexpr (std::is_same_v<T, ListDecl>) return e.key;
        else return e->key();
      },
      entry);
}

}  // namespace porttwin::scenario

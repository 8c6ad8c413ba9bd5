// Declaring scenario parameters once. A model declares each key it reads -- key, kind, unit, range,
// default, one-line help -- bound to a field of its config struct. That one declaration drives
// parsing and validation (loader.hpp), `porttwin schema` (schema_doc.hpp) and the defaults (the
// field's initial value). Models never see YAML nodes.
//
// Index: ValueKind, NameRef, MarkedText, Param (one key), Section (a map of keys), ListDecl (a list of maps).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sim/random/distribution.hpp"
#include "sim/scenario/diagnostics.hpp"

namespace porttwin::scenario {

enum class ValueKind {
  Integer, Real, Probability, Duration, Rate, Text, Choice, Boolean, TimeOfDay, DateTime,
  Distribution,   // {dist: lognormal, mean: 45s, cv: 0.5} or a bare value (constant)
  RateProfile,    // 24 hourly rates, [120/h, 90/h, ...]
  RealList,       // [1, 0.8, ...]
  Reference,      // the name of something declared elsewhere (resolved by the model's check)
  TextList,       // [2, 45s, fifo]: scalars kept as written, each with its position (sweep files)
  TextMap,        // {gate.lanes: 4}: keys not declared in advance, each pair with its positions (sweep files)
};

std::string kind_name(ValueKind kind);

// A reference by name, kept with its position so an undefined name can be reported where it stands.
struct NameRef {
  std::string name;
  Mark mark;
  std::string path;
  int index = -1;  // set by the model once resolved
};

// A scalar kept as written, with where it stands: values substituted into another document (a sweep
// file's values become --set overrides) and reported against their own position when rejected there.
struct MarkedText {
  std::string text;
  Mark mark;
};

struct MarkedPair {
  MarkedText key;
  MarkedText value;
};

using Binding = std::variant<int*, std::int64_t*, std::uint64_t*, double*, std::string*, bool*,
                             Distribution*, std::vector<double>*, NameRef*, std::vector<MarkedText>*,
                             std::vector<MarkedPair>*>;

class Param {
 public:
  Param(std::string key, ValueKind kind, Binding field, std::string help);

  // Range checks, inclusive unless said otherwise; applied to the parsed value in base units.
  Param& min(double lo);
  Param& greater_than(double lo);
  Param& max(double hi);
  Param& range(double lo, double hi) { return min(lo).max(hi); }
  Param& required();
  Param& choices(std::vector<std::string> allowed);
  Param& length(std::size_t n);            // lists: exact number of entries
  Param& distribution_of(ValueKind unit);  // Distribution: values are durations (default) or plain reals

  const std::string& key() const { return key_; }
  const std::string& help() const { return help_; }
  ValueKind kind() const { return kind_; }
  const Binding& field() const { return field_; }
  bool is_required() const { return required_; }
  std::optional<double> lower() const { return lower_; }
  bool lower_exclusive() const { return lower_exclusive_; }
  std::optional<double> upper() const { return upper_; }
  const std::vector<std::string>& allowed() const { return choices_; }
  std::optional<std::size_t> exact_length() const { return length_; }
  ValueKind distribution_unit() const { return distribution_unit_; }
  const std::string& default_text() const { return default_text_; }

  std::string expectation() const;  // "an integer >= 1", "a probability in [0, 1]", ...

 private:
  std::string key_;
  ValueKind kind_;
  Binding field_;
  std::string help_;
  bool required_ = false;
  std::optional<double> lower_, upper_;
  bool lower_exclusive_ = false;
  std::vector<std::string> choices_;
  std::optional<std::size_t> length_;
  ValueKind distribution_unit_ = ValueKind::Duration;
  std::string default_text_;  // the bound field's value at declaration time
};

class Section;

struct ListDecl {
  std::string key;
  std::string help;
  std::size_t min_items = 0;
  bool* present = nullptr;
  std::function<Section(std::size_t index)> append;  // appends a default item, declares its keys
  std::shared_ptr<Section> prototype;               // declared on a throwaway default item, for docs
};

class Section {
 public:
  using Entry = std::variant<Param, std::shared_ptr<Section>, ListDecl>;

  explicit Section(std::string key = "", std::string help = "") : key_(std::move(key)), help_(std::move(help)) {}

  Param& integer(const std::string& key, int& field, const std::string& help);
  Param& seed(const std::string& key, std::uint64_t& field, const std::string& help);
  Param& real(const std::string& key, double& field, const std::string& help);
  Param& probability(const std::string& key, double& field, const std::string& help);
  Param& duration(const std::string& key, double& field, const std::string& help);
  Param& rate(const std::string& key, double& field, const std::string& help);
  Param& text(const std::string& key, std::string& field, const std::string& help);
  Param& choice(const std::string& key, std::string& field, std::vector<std::string> allowed, const std::string& help);
  Param& flag(const std::string& key, bool& field, const std::string& help);
  Param& time_of_day(const std::string& key, double& field, const std::string& help);
  Param& datetime(const std::string& key, double& field, const std::string& help);
  Param& distribution(const std::string& key, Distribution& field, const std::string& help);
  Param& rate_profile(const std::string& key, std::vector<double>& field, const std::string& help);
  Param& real_list(const std::string& key, std::vector<double>& field, const std::string& help);
  Param& reference(const std::string& key, NameRef& field, const std::string& help);
  Param& text_list(const std::string& key, std::vector<MarkedText>& field, const std::string& help);
  Param& text_map(const std::string& key, std::vector<MarkedPair>& field, const std::string& help);

  // A nested map; `present` (optional) records whether the file had it.
  Section& section(const std::string& key, const std::string& help, bool* present = nullptr);

  // A list of maps, each item declared by `declare_item(section, item)`.
  template <class Item, class Declare>
  void list(const std::string& key, std::vector<Item>& items, const std::string& help, Declare declare_item,
            std::size_t min_items = 0, bool* present = nullptr) {
    auto prototype_item = std::make_shared<Item>();
    auto prototype = std::make_shared<Section>(key, help);
    declare_item(*prototype, *prototype_item);
    // Keep the throwaway item alive as long as its declaration points into it.
    std::shared_ptr<Section> keeper(prototype.get(), [prototype, prototype_item](Section*) {});
    std::vector<Item>* target = &items;  // a pointer: the lambda outlives this call
    entries_.emplace_back(ListDecl{key, help, min_items, present,
                                   [target, declare_item, key, help](std::size_t) {
                                     Section s(key, help);
                                     target->emplace_back();
                                     declare_item(s, target->back());
                                     return s;
                                   },
                                   keeper});
  }

  const std::string& key() const { return key_; }
  const std::string& help() const { return help_; }
  bool* present() const { return present_; }
  std::vector<Entry>& entries() { return entries_; }
  const std::vector<Entry>& entries() const { return entries_; }
  std::vector<std::string> keys() const;

 private:
  Param& add(Param p);

  std::string key_;
  std::string help_;
  bool* present_ = nullptr;
  std::vector<Entry> entries_;
};

const std::string& entry_key(const Section::Entry& entry);

}  // namespace porttwin::scenario

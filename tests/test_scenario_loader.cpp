// Declaration-driven loading (sim/scenario/schema.hpp, loader.hpp): small inline documents bound to a
// test config struct, the --set overrides, and every shipped scenario through porttwin::load_scenario.
// Sections: values of every kind and their errors; sections, lists and duplicates; distributions;
// --set overrides and their origin; shipped scenarios.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "models/scenario.hpp"
#include "sim/core/units.hpp"
#include "sim/random/distribution.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/schema.hpp"
#include "shipped_files.hpp"

namespace fs = std::filesystem;
using porttwin::Distribution;
using namespace porttwin::scenario;

namespace {

struct TestItem {
  std::string name;
  int servers = 1;
  NameRef to;
};

struct TestConfig {
  int count = 3;
  int limit = 10;
  int priority = 0;
  std::uint64_t seed = 1;
  double ratio = 0.5;
  double share = 0.25;
  double wait = 60;
  double speed = 1.0 / 60;
  std::string mode = "fast";
  bool verbose = false;
  double opens = 6 * 3600.0;
  double start = 0;
  Distribution service = Distribution::exponential(60);
  Distribution factor = Distribution::constant(1);
  std::vector<double> profile;
  std::vector<double> weights = {1, 1, 1};
  NameRef target;
  bool has_extra = false;
  int extra_level = 1;
  bool has_items = false;
  std::vector<TestItem> items;
};

void declare_item(Section& s, TestItem& item) {
  s.text("name", item.name, "Item name").required();
  s.integer("servers", item.servers, "Servers").range(1, 100);
  s.reference("to", item.to, "Next item");
}

Section declare_config(TestConfig& c) {
  Section root("", "test");
  root.integer("count", c.count, "A count").min(0);
  root.integer("limit", c.limit, "A limit").max(100);
  root.integer("priority", c.priority, "No range");
  root.seed("seed", c.seed, "A seed");
  root.real("ratio", c.ratio, "A ratio").greater_than(0);
  root.probability("share", c.share, "A share");
  root.duration("wait", c.wait, "A wait").min(0).max(86400);
  root.rate("speed", c.speed, "A speed").greater_than(0);
  root.choice("mode", c.mode, {"fast", "slow", "balanced"}, "A mode");
  root.flag("verbose", c.verbose, "A flag");
  root.time_of_day("opens", c.opens, "Opening time");
  root.datetime("start", c.start, "Start");
  root.distribution("service", c.service, "A service time");
  root.distribution("factor", c.factor, "A plain multiplier").distribution_of(ValueKind::Real);
  root.rate_profile("profile", c.profile, "Hourly rates").min(0);
  root.real_list("weights", c.weights, "Weights").length(3).min(0);
  root.reference("target", c.target, "A target");
  Section& extra = root.section("extra", "Optional extras", &c.has_extra);
  extra.integer("level", c.extra_level, "Level").range(1, 5);
  root.list("items", c.items, "Items", declare_item, 1, &c.has_items);
  return root;
}

// Parses `text` (named t.yaml), applies `overrides`, binds it onto `c`; returns the diagnostics.
Diagnostics load(const std::string& text, TestConfig& c, const std::vector<Override>& overrides = {}) {
  Diagnostics d("t.yaml");
  YAML::Node doc = parse_document(text, d);
  if (!d.ok()) return d;
  apply_overrides(doc, overrides, d);
  Section root = declare_config(c);
  bind_section(doc, root, "", d);
  return d;
}

std::vector<std::string> paths_of(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& e : d.list()) out.push_back(e.path);
  return out;
}

// What the loader says it expects of `wait` (the wording of duration expectations is schema.cpp's).
std::string wait_expectation() {
  double field = 0;
  return Param("wait", ValueKind::Duration, &field, "").min(0).max(86400).expectation();
}

std::string twenty_four(const std::string& rate) {
  std::string out = "[";
  for (int i = 0; i < 24; ++i) out += (i ? ", " : "") + rate;
  return out + "]";
}

}  // namespace

TEST_CASE("scenario loader: values of every kind are stored in the bound fields, in base units") {
  TestConfig c;
  const auto d = load(
      "count: 7\n"
      "limit: -4\n"
      "seed: 123456789\n"
      "ratio: 2.5\n"
      "share: 0.75\n"
      "wait: 12h\n"
      "speed: 120/h\n"
      "mode: slow\n"
      "verbose: true\n"
      "opens: 07:30\n"
      "start: 2026-01-05T06:00\n"
      "service: {dist: lognormal, mean: 45s, cv: 0.5}\n"
      "factor: 2.5\n"
      "profile: " + twenty_four("60/h") + "\n"
      "weights: [1, 0.8, 0]\n"
      "target: beta\n"
      "extra:\n"
      "  level: 4\n"
      "items:\n"
      "  - {name: alpha, servers: 2, to: beta}\n"
      "  - name: beta\n",
      c);
  REQUIRE(d.format() == "");  // no error (the text shows any)
  CHECK(c.count == 7);
  CHECK(c.limit == -4);
  CHECK(c.seed == 123456789u);
  CHECK(c.ratio == 2.5);
  CHECK(c.share == 0.75);
  CHECK(c.wait == 12 * 3600);
  CHECK(c.speed == Approx(120.0 / 3600));
  CHECK(c.mode == "slow");
  CHECK(c.verbose);
  CHECK(c.opens == 7 * 3600 + 1800);
  CHECK(c.start == 1767592800);
  CHECK(c.service.kind() == Distribution::Kind::Lognormal);
  CHECK(c.service.mean() == Approx(45));
  CHECK(c.factor.kind() == Distribution::Kind::Constant);
  CHECK(c.factor.mean() == 2.5);
  REQUIRE(c.profile.size() == 24);
  CHECK(c.profile[13] == Approx(60.0 / 3600));
  CHECK(c.weights == std::vector<double>{1, 0.8, 0});
  CHECK(c.target.name == "beta");
  CHECK(c.target.path == "target");
  CHECK(c.target.mark.line == 16);
  CHECK(c.target.mark.column == 9);
  CHECK(c.has_extra);
  CHECK(c.extra_level == 4);
  CHECK(c.has_items);
  REQUIRE(c.items.size() == 2);
  CHECK(c.items[0].name == "alpha");
  CHECK(c.items[0].servers == 2);
  CHECK(c.items[0].to.name == "beta");
  CHECK(c.items[0].to.path == "items[0].to");
  CHECK(c.items[1].name == "beta");
  CHECK(c.items[1].servers == 1);  // the item's own default
  CHECK(c.items[1].to.name.empty());
}

TEST_CASE("scenario loader: defaults are kept for absent keys, and absent optional sections stay absent") {
  TestConfig c;
  const auto d = load("count: 5\n", c);
  REQUIRE(d.ok());
  const TestConfig defaults;
  CHECK(c.count == 5);
  CHECK(c.limit == defaults.limit);
  CHECK(c.ratio == defaults.ratio);
  CHECK(c.wait == defaults.wait);
  CHECK(c.mode == defaults.mode);
  CHECK(c.verbose == defaults.verbose);
  CHECK(c.service.kind() == Distribution::Kind::Exponential);
  CHECK(c.service.mean() == 60);
  CHECK(c.profile.empty());
  CHECK(c.weights == defaults.weights);
  CHECK_FALSE(c.has_extra);
  CHECK(c.extra_level == 1);
  CHECK_FALSE(c.has_items);
  CHECK(c.items.empty());
}

TEST_CASE("scenario loader: an optional section written empty-braced counts as present") {
  TestConfig c;
  const auto d = load("extra: {}\nitems: [{name: a}]\n", c);
  REQUIRE(d.ok());
  CHECK(c.has_extra);
  CHECK(c.extra_level == 1);
  CHECK(c.has_items);
}

TEST_CASE("scenario loader: booleans accept true/false, yes/no, on/off and nothing else") {
  for (const auto& [text, value] : std::vector<std::pair<std::string, bool>>{
           {"true", true}, {"yes", true}, {"on", true}, {"false", false}, {"no", false}, {"off", false}}) {
    TestConfig c;
    c.verbose = !value;
    REQUIRE(load("verbose: " + text + "\n", c).ok());
    CHECK(c.verbose == value);
  }
  TestConfig c;
  const auto d = load("verbose: maybe\n", c);
  CHECK(d.format() == "t.yaml:1:10: error: verbose: found \"maybe\", expected true or false\n");
}

TEST_CASE("scenario loader: a missing required key is reported at its map with the key's path") {
  TestConfig c;
  const auto d = load("items:\n  - {servers: 2}\n", c);
  CHECK(d.format() == "t.yaml:2:5: error: items[0].name: missing required key, expected a text\n");
}

TEST_CASE("scenario loader: range checks apply min, greater_than and max in base units") {
  SECTION("min is inclusive") {
    TestConfig c;
    CHECK(load("count: 0\n", c).ok());
    const auto d = load("count: -1\n", c);
    CHECK(d.format() == "t.yaml:1:8: error: count: found \"-1\", expected an integer >= 0\n");
  }
  SECTION("greater_than is exclusive") {
    TestConfig c;
    CHECK(load("ratio: 0.001\n", c).ok());
    const auto d = load("ratio: 0\n", c);
    CHECK(d.format() == "t.yaml:1:8: error: ratio: found \"0\", expected a number > 0\n");
  }
  SECTION("max is inclusive") {
    TestConfig c;
    CHECK(load("limit: 100\n", c).ok());
    const auto d = load("limit: 101\n", c);
    CHECK(d.format() == "t.yaml:1:8: error: limit: found \"101\", expected an integer <= 100\n");
  }
  SECTION("a duration range is checked in seconds and shown in units") {
    TestConfig c;
    CHECK(load("wait: 1d\n", c).ok());
    CHECK(c.wait == 86400);
    const auto d = load("wait: 1d1s\n", c);
    CHECK(d.format() == "t.yaml:1:7: error: wait: found \"1d1s\", expected " + wait_expectation() + "\n");
    CHECK(wait_expectation().find("[0s, 1d]") != std::string::npos);
  }
  SECTION("probabilities lie in [0, 1]") {
    TestConfig c;
    CHECK(load("share: 0\n", c).ok());
    CHECK(load("share: 1\n", c).ok());
    const auto d = load("share: 1.01\n", c);
    CHECK(d.format() == "t.yaml:1:8: error: share: found \"1.01\", expected a probability in [0, 1]\n");
  }
  SECTION("a failed value leaves the default in place") {
    TestConfig c;
    CHECK_FALSE(load("count: -1\n", c).ok());
    CHECK(c.count == 3);
  }
}

TEST_CASE("scenario loader: integers reject fractions, exponents and text") {
  for (const char* text : {"2.0", "2.5", "1e3", "two", "[2]"}) {
    TestConfig c;
    const auto d = load(std::string("count: ") + text + "\n", c);
    INFO(text);
    CHECK_FALSE(d.ok());
    CHECK(paths_of(d) == std::vector<std::string>{"count"});
    CHECK(c.count == 3);
  }
}

// loader.cpp store_integer() converts through double with no check against the field's limits:
// 99999999999 is cast to int (undefined behaviour, in practice a wrapped value), and a uint64 seed
// above 2^53 is silently rounded (9007199254740993 is stored as 9007199254740992).
TEST_CASE("scenario loader: an integer too large for its field is rejected, not wrapped") {
  TestConfig c;
  const auto d = load("priority: 99999999999\n", c);
  CHECK(d.format() == "t.yaml:1:11: error: priority: found \"99999999999\", expected an integer\n");
  CHECK(c.priority == 0);
}

TEST_CASE("scenario loader: a 64-bit seed is stored exactly") {
  TestConfig c;
  REQUIRE(load("seed: 9007199254740993\n", c).ok());
  CHECK(c.seed == 9007199254740993ull);
  REQUIRE(load("seed: 18446744073709551615\n", c).ok());
  CHECK(c.seed == 18446744073709551615ull);
  CHECK_FALSE(load("seed: 18446744073709551616\n", c).ok());
  CHECK_FALSE(load("seed: -1\n", c).ok());
}

TEST_CASE("scenario loader: a choice outside its list is reported with the choices and a did-you-mean") {
  TestConfig c;
  auto d = load("mode: slwo\n", c);
  CHECK(d.format() ==
        "t.yaml:1:7: error: mode: found \"slwo\", expected one of: fast, slow, balanced (did you mean \"slow\"?)\n");
  CHECK(c.mode == "fast");
  d = load("mode: turbo\n", c);
  CHECK(d.format() == "t.yaml:1:7: error: mode: found \"turbo\", expected one of: fast, slow, balanced\n");
}

TEST_CASE("scenario loader: an unknown key is reported with a did-you-mean, or plainly when nothing is close") {
  TestConfig c;
  const auto d = load("cuont: 4\nextra:\n  levle: 2\nwhatever: 1\n", c);
  CHECK(d.format() == "t.yaml:1:1: error: cuont: unknown key (did you mean \"count\"?)\n"
                      "t.yaml:3:3: error: extra.levle: unknown key (did you mean \"level\"?)\n"
                      "t.yaml:4:1: error: whatever: unknown key\n");
}

TEST_CASE("scenario loader: a duplicate key is reported at its second occurrence and the first value wins") {
  TestConfig c;
  const auto d = load("count: 4\nratio: 1\ncount: 5\n", c);
  CHECK(d.format() == "t.yaml:3:1: error: count: duplicate key (each key may appear once)\n");
  CHECK(c.count == 4);
}

TEST_CASE("scenario loader: a node of the wrong shape says what it found") {
  TestConfig c;
  const auto d = load("count: {a: 1}\nextra: [1, 2]\nitems: none\nwait: [1s]\n", c);
  CHECK(d.format() == "t.yaml:1:8: error: count: found a map, expected an integer >= 0\n"
                      "t.yaml:2:8: error: extra: found a list, expected a map of keys\n"
                      "t.yaml:3:8: error: items: found \"none\", expected a list of maps\n"
                      "t.yaml:4:7: error: wait: found a list, expected " + wait_expectation() + "\n");
}

TEST_CASE("scenario loader: a list shorter than its minimum is reported") {
  TestConfig c;
  const auto d = load("items: []\n", c);
  CHECK(d.format() == "t.yaml:1:8: error: items: found 0 entries, expected at least 1\n");
}

TEST_CASE("scenario loader: errors inside list items carry the item's index in their path") {
  TestConfig c;
  const auto d = load(
      "items:\n"
      "  - name: a\n"
      "  - name: b\n"
      "    servers: 0\n"
      "  - {name: c, sevrers: 2}\n",
      c);
  CHECK(d.format() == "t.yaml:4:14: error: items[1].servers: found \"0\", expected an integer in [1, 100]\n"
                      "t.yaml:5:15: error: items[2].sevrers: unknown key (did you mean \"servers\"?)\n");
}

TEST_CASE("scenario loader: all errors of a document are collected in one pass, in file order") {
  TestConfig c;
  const auto d = load(
      "items:\n"
      "  - {name: a, servers: 200}\n"
      "count: many\n"
      "share: 2\n"
      "mode: quick\n"
      "weights: [1, 2]\n"
      "extra: {level: 9}\n"
      "colour: red\n",
      c);
  CHECK(d.list().size() == 7);
  CHECK(paths_of(d) ==
        std::vector<std::string>{"items[0].servers", "count", "share", "mode", "weights", "extra.level", "colour"});
  const std::string text = d.format();
  CHECK(text.find("t.yaml:2:24: error: items[0].servers: found \"200\", expected an integer in [1, 100]\n") == 0);
  CHECK(text.find("t.yaml:6:10: error: weights: found a list of 2 entries, expected 3 (a list of numbers >= 0)\n") !=
        std::string::npos);
  CHECK(text.find("t.yaml:8:1: error: colour: unknown key\n") != std::string::npos);
}

TEST_CASE("scenario loader: rate profiles need 24 rates, each a rate with a unit") {
  TestConfig c;
  auto d = load("profile: [60/h, 60/h]\n", c);
  CHECK(d.format() == "t.yaml:1:10: error: profile: found a list of 2 entries, expected 24 (a list of 24 hourly "
                      "rates, e.g. [120/h, 90/h, ...])\n");
  std::string profile = twenty_four("60/h");
  profile.replace(profile.find("60/h"), 4, "60");
  d = load("profile: " + profile + "\n", c);
  CHECK(d.format() == "t.yaml:1:11: error: profile: found \"60\" in the list, expected a rate >= 0 with a unit, "
                      "e.g. 120/h\n");
  CHECK(c.profile.empty());
}

TEST_CASE("scenario loader: real lists check their length and each element's range") {
  TestConfig c;
  auto d = load("weights: [1, -1, x]\n", c);
  CHECK(paths_of(d) == std::vector<std::string>{"weights", "weights"});
  CHECK(d.list()[0].mark.column == 14);
  CHECK(d.list()[1].mark.column == 18);
  CHECK(c.weights == std::vector<double>{1, 1, 1});
}

TEST_CASE("scenario loader: a distribution may be a bare value, read as a constant in its unit") {
  TestConfig c;
  REQUIRE(load("service: 30s\nfactor: 0.8\n", c).ok());
  CHECK(c.service.kind() == Distribution::Kind::Constant);
  CHECK(c.service.mean() == 30);
  CHECK(c.service.variance() == 0);
  CHECK(c.factor.kind() == Distribution::Kind::Constant);
  CHECK(c.factor.mean() == 0.8);
  SECTION("a bare duration needs its unit") {
    const auto d = load("service: 30\n", c);
    CHECK(paths_of(d) == std::vector<std::string>{"service"});
    CHECK(d.format().find("found \"30\", expected a distribution {dist: ") != std::string::npos);
  }
  SECTION("a negative constant is rejected") {
    CHECK_FALSE(load("service: -30s\n", c).ok());
    CHECK_FALSE(load("factor: -1\n", c).ok());
  }
}

TEST_CASE("scenario loader: every distribution kind is read with its parameters") {
  struct Case {
    std::string text;
    Distribution::Kind kind;
    double mean;
    double variance;
  };
  const std::vector<Case> cases = {
      {"{dist: constant, value: 30s}", Distribution::Kind::Constant, 30, 0},
      {"{dist: exponential, mean: 1min}", Distribution::Kind::Exponential, 60, 3600},
      {"{dist: uniform, min: 0s, max: 1h}", Distribution::Kind::Uniform, 1800, 3600.0 * 3600 / 12},
      {"{dist: triangular, min: 1s, mode: 2s, max: 6s}", Distribution::Kind::Triangular, 3,
       (1 + 4 + 36 - 2 - 6 - 12) / 18.0},
      {"{dist: normal, mean: 10min, sd: 1s}", Distribution::Kind::TruncatedNormal, 600, 1},
      {"{dist: lognormal, mean: 45s, cv: 0.5}", Distribution::Kind::Lognormal, 45, 22.5 * 22.5},
      {"{dist: gamma, mean: 30s, cv: 0.5}", Distribution::Kind::Gamma, 30, 15 * 15},
      {"{dist: erlang, k: 3, mean: 1min}", Distribution::Kind::Erlang, 60, 3600.0 / 3},
      {"{dist: empirical, values: [1s, 2s], weights: [1, 3]}", Distribution::Kind::Empirical, 1.75, 0.1875},
      {"{dist: empirical, values: [1min, 3min]}", Distribution::Kind::Empirical, 120, 3600},
  };
  for (const auto& k : cases) {
    TestConfig c;
    const auto d = load("service: " + k.text + "\n", c);
    INFO(k.text << "\n" << d.format());
    REQUIRE(d.ok());
    CHECK(c.service.kind() == k.kind);
    CHECK(c.service.mean() == Approx(k.mean).epsilon(1e-9));
    CHECK(c.service.variance() == Approx(k.variance).epsilon(1e-6));
  }
  SECTION("plain-number distributions take numbers without units") {
    TestConfig c;
    REQUIRE(load("factor: {dist: uniform, min: 0.5, max: 1.5}\n", c).ok());
    CHECK(c.factor.kind() == Distribution::Kind::Uniform);
    CHECK(c.factor.mean() == 1);
    const auto d = load("factor: {dist: uniform, min: 0.5s, max: 1.5}\n", c);
    CHECK(d.format() == "t.yaml:1:30: error: factor.min: found \"0.5s\", expected a number\n");
  }
}

TEST_CASE("scenario loader: a distribution map without dist lists the distribution names") {
  TestConfig c;
  const auto d = load("service: {mean: 45s}\n", c);
  CHECK(d.format() == "t.yaml:1:10: error: service.dist: missing key, expected one of: constant, exponential, "
                      "uniform, triangular, normal, lognormal, gamma, erlang, empirical\n");
}

TEST_CASE("scenario loader: a parameter the chosen distribution needs is reported by its own path") {
  TestConfig c;
  const auto d = load("service: {dist: uniform, min: 1s}\n", c);
  CHECK(d.format() == "t.yaml:1:10: error: service.max: missing key \"max\" required by dist: uniform\n");
  CHECK(c.service.kind() == Distribution::Kind::Exponential);  // unchanged
}

TEST_CASE("scenario loader: an unknown distribution key is reported with a did-you-mean") {
  TestConfig c;
  const auto d = load("service: {dist: exponential, mean: 1min, maen: 2min}\n", c);
  CHECK(d.format() ==
        "t.yaml:1:42: error: service.maen: unknown key for dist: exponential, expected mean (did you mean \"mean\"?)\n");
  CHECK(c.service.mean() == 60);  // the default: nothing is stored from a map with errors
}

// A key valid for some distribution but not the chosen one would silently change nothing
// ({dist: exponential, mean: 1min, cv: 0.3} has cv = 1), so it is an error.
TEST_CASE("scenario loader: a distribution key unused by the chosen distribution is rejected") {
  TestConfig c;
  const auto d = load("service: {dist: exponential, mean: 2min, cv: 0.3}\n", c);
  CHECK(d.format() == "t.yaml:1:42: error: service.cv: unknown key for dist: exponential, expected mean\n");
  CHECK(c.service.mean() == 60);
}

TEST_CASE("scenario loader: an unknown distribution name is reported with a did-you-mean") {
  TestConfig c;
  const auto d = load("service: {dist: exponentail, mean: 1min}\n", c);
  REQUIRE(d.list().size() == 1);
  CHECK(d.list()[0].mark.column == 17);
  CHECK(d.list()[0].message == "found \"exponentail\", expected a distribution name: constant, exponential, uniform, "
                               "triangular, normal, lognormal, gamma, erlang or empirical (did you mean \"exponential\"?)");
}

TEST_CASE("scenario loader: erlang k must be a whole number of phases, at least 1") {
  for (const char* k : {"2.5", "0"}) {
    TestConfig c;
    const auto d = load(std::string("service: {dist: erlang, k: ") + k + ", mean: 1min}\n", c);
    INFO(k);
    CHECK(d.format() ==
          std::string("t.yaml:1:28: error: service.k: found \"") + k + "\", expected an integer >= 1\n");
  }
}

TEST_CASE("scenario loader: distribution parameters with the wrong unit or sign are reported by path") {
  TestConfig c;
  auto d = load("service: {dist: lognormal, mean: 45, cv: -1}\n", c);
  CHECK(d.format() == "t.yaml:1:34: error: service.mean: found \"45\", expected " +
                          std::string(porttwin::units::expected_duration) + "\n"
                      "t.yaml:1:42: error: service.cv: found \"-1\", expected a non-negative number\n");
  d = load("service: {dist: empirical, values: [1s, 2s], weights: [1]}\n", c);
  CHECK(paths_of(d) == std::vector<std::string>{"service.weights"});
  d = load("service: {dist: empirical, values: []}\n", c);
  CHECK(paths_of(d) == std::vector<std::string>{"service.values"});
  d = load("service: {dist: uniform, min: 2min, max: 1min}\n", c);
  CHECK(paths_of(d) == std::vector<std::string>{"service"});
  CHECK(d.list()[0].message.find("uniform") != std::string::npos);
}

TEST_CASE("scenario loader: apply_overrides sets keys in maps, creating missing maps") {
  TestConfig c;
  const auto d = load("count: 4\n", c,
                      {{"count", "9"}, {"extra.level", "3"}, {"service", "{dist: exponential, mean: 2min}"}});
  REQUIRE(d.format() == "");  // no error (the text shows any)
  CHECK(c.count == 9);
  CHECK(c.has_extra);
  CHECK(c.extra_level == 3);
  CHECK(c.service.mean() == 120);
}

TEST_CASE("scenario loader: apply_overrides reaches list items as a[1].b and as a.1.b") {
  const std::string doc = "items:\n  - {name: a}\n  - {name: b, servers: 2}\n";
  SECTION("a[1].b") {
    TestConfig c;
    REQUIRE(load(doc, c, {{"items[1].servers", "7"}}).ok());
    CHECK(c.items[0].servers == 1);
    CHECK(c.items[1].servers == 7);
  }
  SECTION("a.1.b") {
    TestConfig c;
    REQUIRE(load(doc, c, {{"items.1.servers", "8"}, {"items.0.name", "z"}}).ok());
    CHECK(c.items[1].servers == 8);
    CHECK(c.items[0].name == "z");
  }
  SECTION("a whole list item") {
    TestConfig c;
    REQUIRE(load(doc, c, {{"items[0]", "{name: q, servers: 5}"}}).ok());
    CHECK(c.items[0].name == "q");
    CHECK(c.items[0].servers == 5);
  }
}

TEST_CASE("scenario loader: a bad --set path is reported with the override, without a file position") {
  const std::string doc = "count: 4\nitems:\n  - {name: a}\n";
  SECTION("an index past the end of a list") {
    TestConfig c;
    const auto d = load(doc, c, {{"items[3].servers", "2"}});
    CHECK(d.format() ==
          "t.yaml: error: items[3].servers: (--set items[3].servers=2) index 3 is past the end of a list of 1\n");
  }
  SECTION("a path through a scalar") {
    TestConfig c;
    const auto d = load(doc, c, {{"count.x.y", "2"}});
    CHECK(d.format() == "t.yaml: error: count.x.y: (--set count.x.y=2) \"count\" holds a single value, not a map or list\n");
  }
  SECTION("a value that is not valid YAML") {
    TestConfig c;
    const auto d = load(doc, c, {{"count", "[1"}});
    REQUIRE(d.list().size() == 1);
    CHECK(d.list()[0].mark.line == 0);
    CHECK(d.list()[0].override_index == 0);
    CHECK(d.list()[0].override_text == "--set count=[1");
    CHECK_FALSE(d.list()[0].about_key);
    CHECK(d.list()[0].message.find("the value is not valid YAML") == 0);
    CHECK(d.format().find("t.yaml: error: count: (--set count=[1) the value is not valid YAML") == 0);
  }
  SECTION("an unknown key set by --set is caught when binding") {
    TestConfig c;
    const auto d = load(doc, c, {{"extra.levl", "2"}});
    CHECK(paths_of(d) == std::vector<std::string>{"extra.levl"});
  }
}

TEST_CASE("scenario loader: parse_scenario labels an error in an overridden value with its --set") {
  const std::string text = "name: t\nnetwork:\n  sources: [{name: a, to: s}]\n  stations: [{name: s}]\n";
  SECTION("a[0].b form") {
    try {
      porttwin::parse_scenario(text, "t.yaml", {{"network.stations[0].servers", "0"}});
      FAIL("accepted servers = 0");
    } catch (const InvalidScenario& e) {
      CHECK(std::string(e.what()) == "t.yaml: error: network.stations[0].servers: (--set "
                                     "network.stations[0].servers=0) found \"0\", expected an integer in [1, 100000]\n");
    }
  }
  // models/scenario.cpp relabel_overrides() compares the --set path textually with the diagnostic
  // path, so "network.stations.0.servers" never matches "network.stations[0].servers": the error is
  // shown at t.yaml:1:1 (the position inside the override's own one-line document), without the --set.
  SECTION("a.0.b form") {
    try {
      porttwin::parse_scenario(text, "t.yaml", {{"network.stations.0.servers", "0"}});
      FAIL("accepted servers = 0");
    } catch (const InvalidScenario& e) {
      CHECK(std::string(e.what()) == "t.yaml: error: network.stations[0].servers: (--set "
                                     "network.stations.0.servers=0) found \"0\", expected an integer in [1, 100000]\n");
    }
  }
  // apply_overrides() already prefixes its own errors with "(--set ...)", and relabel_overrides()
  // prefixes them again.
  SECTION("a bad path is labelled once") {
    try {
      porttwin::parse_scenario(text, "t.yaml", {{"network.stations[4].servers", "2"}});
      FAIL("accepted a bad path");
    } catch (const InvalidScenario& e) {
      CHECK(std::string(e.what()) == "t.yaml: error: network.stations[4].servers: (--set "
                                     "network.stations[4].servers=2) index 4 is past the end of a list of 1\n");
    }
  }
}

// Semantic checks (warm-up vs horizon, station references, routing sums) run only once binding found
// no error, so a file with a type error and an undefined station shows only the type error at first
// (checks on half-bound values would report follow-on errors that are not really there).
TEST_CASE("scenario loader: model checks run only after the whole file bound without error") {
  const std::string text =
      "name: t\nhorizon: 1d\nwarmup: 2d\nnetwork:\n  sources: [{name: a, to: nowhere}]\n"
      "  stations: [{name: s, servers: x}]\n";
  try {
    porttwin::parse_scenario(text, "t.yaml");
    FAIL("accepted");
  } catch (const InvalidScenario& e) {
    CHECK(paths_of(e.diagnostics()) == std::vector<std::string>{"network.stations[0].servers"});
  }
}

TEST_CASE("scenario loader: station references resolve to station indices") {
  const auto s = porttwin::parse_scenario(
      "name: t\nnetwork:\n  sources: [{name: a, to: second}]\n"
      "  stations:\n    - {name: first}\n    - {name: second, routes: [{to: first, probability: 0.5}]}\n",
      "t.yaml");
  REQUIRE(s.has_network);
  CHECK(s.network.sources[0].to.index == 1);
  CHECK(s.network.stations[1].routes[0].to.index == 0);
  CHECK(s.network.stations[1].routes[0].probability == 0.5);
}

TEST_CASE("scenario loader: closest_match suggests only near misses") {
  const std::vector<std::string> keys = {"lanes", "arrivals", "transaction", "queue_capacity"};
  CHECK(closest_match("lanse", keys) == "lanes");
  CHECK(closest_match("arivals", keys) == "arrivals");
  CHECK(closest_match("transacton", keys) == "transaction");
  CHECK(closest_match("colour", keys).empty());
  CHECK(closest_match("", keys).empty());
}

TEST_CASE("scenario loader: every shipped scenario loads without error") {
  const std::vector<fs::path> files = porttwin::testing::shipped_scenario_files();
  CHECK(files.size() >= 5);
  for (const auto& file : files) {
    INFO(file.string());
    try {
      const auto s = porttwin::load_scenario(file);
      CHECK((s.has_gate || s.has_network || s.has_terminal || s.has_corridor || s.has_nii));
      CHECK_FALSE(s.run.name.empty());
      CHECK(s.sha256.size() == 64);
    } catch (const InvalidScenario& e) {
      FAIL(e.what());
    }
  }
}

TEST_CASE("scenario loader: a missing file is reported by name") {
  try {
    porttwin::load_scenario("/nonexistent/dir/nothing.yaml");
    FAIL("loaded a missing file");
  } catch (const InvalidScenario& e) {
    CHECK(std::string(e.what()) ==
          "/nonexistent/dir/nothing.yaml: error: cannot read the file (missing or not readable)\n");
  }
}

// Same seed, same run file content; another seed or replication, another run. And a fingerprint
// per shipped scenario (tests/fingerprints.txt): an unintended behaviour change fails here; an
// intended one updates the file in the same commit (PORTTWIN_PRINT_FINGERPRINTS=1 prints them).
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "analysis/run_file.hpp"
#include "sim/app/run/run_replication.hpp"
#include "sim/engine/process_pool.hpp"
#include "sim/record/h5_file.hpp"
#include "simulation_support.hpp"
#include "shipped_files.hpp"

namespace fs = std::filesystem;
using porttwin::testing::run_replications;
using porttwin::testing::source_path;

namespace {

// Every dataset below /events, /kpi and /summary, read back as raw doubles or rows.
std::map<std::string, std::vector<double>> datasets(const fs::path& file) {
  std::map<std::string, std::vector<double>> out;
  for (const auto& [name, values] : porttwin::analysis::read_kpis(file)) out["kpi/" + name] = values;
  for (const auto& item : porttwin::analysis::read_summary(file).items) {
    if (item.name != "run.wall_seconds") out["summary/" + item.name] = {item.value};
  }
  std::vector<double> flat;
  for (const auto& e : porttwin::analysis::read_events(file)) {
    flat.insert(flat.end(), {e.time, static_cast<double>(e.entity), static_cast<double>(e.place),
                             static_cast<double>(e.kind), static_cast<double>(e.detail)});
  }
  out["events/log"] = flat;
  return out;
}

std::string fingerprint_of(const fs::path& file) { return porttwin::analysis::read_summary(file).meta.at("fingerprint"); }

}  // namespace

TEST_CASE("determinism: the same seed gives identical datasets, another seed or replication does not", "[determinism]") {
  const std::vector<porttwin::scenario::Override> shorter = {{"horizon", "3d"}};
  const auto a = run_replications("scenarios/gate_default.yaml", 1, shorter);
  const auto b = run_replications("scenarios/gate_default.yaml", 1, shorter);
  const auto a_data = datasets(a.files[0]);
  REQUIRE(a_data.at("events/log").size() > 1000);
  CHECK(a_data == datasets(b.files[0]));
  CHECK(fingerprint_of(a.files[0]) == fingerprint_of(b.files[0]));

  auto reseeded = shorter;
  reseeded.push_back({"seed", "7"});
  const auto c = run_replications("scenarios/gate_default.yaml", 1, reseeded);
  CHECK(fingerprint_of(c.files[0]) != fingerprint_of(a.files[0]));
  CHECK(datasets(c.files[0]).at("events/log") != a_data.at("events/log"));

  const auto d = run_replications("scenarios/gate_default.yaml", 1, shorter, 1);
  CHECK(fingerprint_of(d.files[0]) != fingerprint_of(a.files[0]));
}

TEST_CASE("determinism: every shipped scenario matches its stored fingerprint", "[determinism][fingerprint][slow]") {
  std::map<std::string, std::string> stored;
  // Long scenarios are fingerprinted over a shorter horizon: overrides after the fingerprint.
  std::map<std::string, std::vector<porttwin::scenario::Override>> shortened;
  std::ifstream in(source_path("tests/fingerprints.txt"));
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string scenario, print;
    fields >> scenario >> print;
    stored[scenario] = print;
    for (std::string o; fields >> o;) {
      const auto eq = o.find('=');
      shortened[scenario].push_back({o.substr(0, eq), o.substr(eq + 1)});
    }
  }

  std::vector<std::string> scenarios;
  for (const auto& file : porttwin::testing::shipped_scenario_files()) {
    scenarios.push_back(fs::relative(file, source_path("")).string());
  }
  const porttwin::testing::ScratchDirectory scratch("fingerprints");
  const auto& dir = scratch.path();
  std::vector<std::string> found(scenarios.size());
  // Replication 0 of each scenario as shipped, two at a time; the child writes its fingerprint.
  const auto codes = porttwin::run_in_processes(scenarios.size(), porttwin::available_cores(), [&](std::size_t i) {
    const auto s = porttwin::load_scenario(source_path(scenarios[i]), shortened[scenarios[i]]);
    const auto result = porttwin::run_replication(s, {dir / ("f" + std::to_string(i) + ".h5"), 0, false, {}});
    return result.fingerprint ? 0 : 1;
  });
  const bool print_all = std::getenv("PORTTWIN_PRINT_FINGERPRINTS") != nullptr;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    REQUIRE(codes[i] == 0);
    found[i] = fingerprint_of(dir / ("f" + std::to_string(i) + ".h5"));
    if (print_all) std::printf("%s %s\n", scenarios[i].c_str(), found[i].c_str());
  }
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    INFO(scenarios[i] << " fingerprint " << found[i]
                      << " (an intended change of behaviour updates tests/fingerprints.txt in the same commit)");
    REQUIRE(stored.count(scenarios[i]) == 1);
    CHECK(stored[scenarios[i]] == found[i]);
  }
}

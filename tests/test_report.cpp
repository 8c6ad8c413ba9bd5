// porttwin report: the HTML page of a sweep and of a set of runs, opened in headless Chromium (as a
// person's browser would render it, scripts/install-deps.sh installs Debian's chromium): its KPI
// tables and plots are in the rendered DOM, and nothing is fetched from the network.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>

#include "porttwin_command.hpp"
#include "scratch_directory.hpp"

namespace fs = std::filesystem;
using namespace porttwin;
using testing::ScratchDirectory;

namespace {

const std::string kMm1 = (testing::kSourceDir / "scenarios" / "validation" / "mm1.yaml").string();

// The DOM Chromium builds from `page` (headless, no sandbox: the tests may run as root).
std::string rendered_dom(const fs::path& page, const ScratchDirectory& scratch) {
  const fs::path dom = scratch.path() / "dom.html";
  const std::string command = "chromium --headless --no-sandbox --disable-gpu --user-data-dir=" +
                              testing::shell_quoted((scratch.path() / "chromium-profile").string()) +
                              " --dump-dom " + testing::shell_quoted("file://" + page.string()) + " >" +
                              testing::shell_quoted(dom.string()) + " 2>/dev/null";
  REQUIRE(std::system(command.c_str()) == 0);
  return testing::read_text(dom);
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("porttwin report: the HTML page opened in headless Chromium holds its KPI tables and plots",
          "[report][slow]") {
  REQUIRE(std::system("command -v chromium >/dev/null 2>&1") == 0);  // scripts/install-deps.sh installs chromium
  ScratchDirectory scratch("report");
  std::ofstream(scratch.path() / "mm.sweep.yaml") << "name: mm\nbase: " + kMm1 + R"(
replications: 2
parameters:
  - key: network.stations[0].servers
    values: [1, 2, 3]
set: {horizon: 2d, warmup: 6h, record.kpi_interval: 2h}
kpis: [server.wait.mean, server.utilisation]
)";
  REQUIRE(testing::run_porttwin({"sweep", "mm.sweep.yaml", "-j", "2", "-q"}, scratch.path(), scratch.path()).exit_code == 0);

  SECTION("a sweep: scenario, points table, differences, KPIs against the parameter, time series") {
    const auto r = testing::run_porttwin({"report", "sweeps/mm", "-o", "mm.html"}, scratch.path(), scratch.path());
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const std::string dom = rendered_dom(scratch.path() / "mm.html", scratch);
    CHECK(dom.find("<h2>Scenario</h2>") != std::string::npos);
    CHECK(dom.find("Sweep: points × KPIs") != std::string::npos);
    CHECK(dom.find("Paired differences against the baseline point") != std::string::npos);
    CHECK(dom.find("KPIs against network.stations[0].servers") != std::string::npos);
    CHECK(dom.find("KPI time series") != std::string::npos);
    CHECK(count(dom, "<table") >= 3);
    CHECK(count(dom, "<svg") >= 2);
    CHECK(dom.find("server.wait.mean") != std::string::npos);
    CHECK(dom.find(" ± ") != std::string::npos);
    // Self-contained: nothing loaded from elsewhere.
    CHECK_FALSE(std::regex_search(dom, std::regex("(src|href)=\"(https?:)?//")));
  }
  SECTION("a set of runs: the KPI table with intervals over its replications") {
    const auto r = testing::run_porttwin({"report", "sweeps/mm/runs/p1-r0.h5", "sweeps/mm/runs/p1-r1.h5", "-o",
                                          "out/runs.html"},
                                         scratch.path(), scratch.path());
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const std::string dom = rendered_dom(scratch.path() / "out" / "runs.html", scratch);
    CHECK(dom.find("KPIs (mean ± 95% CI half-width over replications)") != std::string::npos);
    CHECK(dom.find("(n=2)") != std::string::npos);
    CHECK(count(dom, "<svg") >= 1);
  }
  SECTION("bad input: exit code 2, no page") {
    const auto r = testing::run_porttwin({"report", "nothing-here", "-o", "x.html"}, scratch.path(), scratch.path());
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("nothing-here: error: no such file or folder") != std::string::npos);
    CHECK_FALSE(fs::exists(scratch.path() / "x.html"));
  }
}

// Station servers as timer-driven state machines (sim/engine/station.hpp), checked on the event
// log of a run: a job finding servers free starts on the lowest-numbered one, a server serves one
// job at a time, and jobs start in the order they arrived -- also those a finishing server routes
// back to its own station, which must queue behind the jobs already waiting.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "analysis/run_file.hpp"
#include "scratch_directory.hpp"
#include "simulation_support.hpp"

using porttwin::EventKind;
using porttwin::code_of;

namespace {

// Busy enough that queues form, with a third of the jobs sent back to the same station.
constexpr const char* kFeedback = R"(name: feedback
seed: 7
horizon: 7d
warmup: 0s
record: {kpi_interval: 1h}
network:
  sources: [{name: jobs, to: desk, arrivals: {process: poisson, rate: 40/h}}]
  stations:
    - name: desk
      servers: 3
      service: {dist: exponential, mean: 3min}
      routes: [{to: desk, probability: 0.33}]
)";

}  // namespace

TEST_CASE("station: lowest free server first, one job per server, FIFO also for routed-back jobs", "[station]") {
  porttwin::testing::ScratchDirectory dir("station-servers");
  const auto out = dir.path() / "feedback.h5";
  porttwin::testing::run_in_child(porttwin::parse_scenario(kFeedback, "feedback.yaml"), out);
  const auto events = porttwin::analysis::read_events(out);
  const auto places = porttwin::analysis::read_places(out);

  std::set<int> busy;
  std::vector<std::uint64_t> arrival_order, start_order;
  std::map<std::uint64_t, int> serving;  // entity -> server
  long starts = 0, started_with_others_free = 0, returns = 0;
  std::map<std::uint64_t, int> passes;
  for (const auto& e : events) {
    if (places.at(e.place) != "desk") continue;
    if (e.kind == code_of(EventKind::Arrive)) {
      arrival_order.push_back(e.entity);
      if (++passes[e.entity] > 1) ++returns;
    } else if (e.kind == code_of(EventKind::Start)) {
      const int server = e.detail;
      INFO("start of " << e.entity << " at " << e.time << " s on server " << server);
      REQUIRE(server < 3);
      REQUIRE(busy.count(server) == 0);  // one job per server
      int lowest = 0;
      while (busy.count(lowest)) ++lowest;
      CHECK(server == lowest);
      if (busy.size() + 1 < 3) ++started_with_others_free;
      busy.insert(server);
      serving[e.entity] = server;
      start_order.push_back(e.entity);
      ++starts;
    } else if (e.kind == code_of(EventKind::Finish)) {
      REQUIRE(serving.count(e.entity) == 1);
      CHECK(serving[e.entity] == e.detail);
      busy.erase(e.detail);
      serving.erase(e.entity);
    }
  }
  // The run must have exercised both cases: free servers to choose among, and routed-back jobs.
  CHECK(starts > 8000);
  CHECK(started_with_others_free > 100);
  CHECK(returns > 2000);
  // FIFO: the k-th start is the k-th arrival (an entity arrives again only after it finished).
  REQUIRE(start_order.size() <= arrival_order.size());
  for (std::size_t k = 0; k < start_order.size(); ++k) {
    INFO("start " << k);
    REQUIRE(start_order[k] == arrival_order[k]);
  }
}

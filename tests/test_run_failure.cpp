// An exception inside the simulation (in an actor or in a kernel timer) ends the run at once and
// reaches the caller of run_replication as itself; SimGrid would abort the process instead.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include "models/scenario.hpp"
#include "sim/app/run/run_replication.hpp"
#include "sim/engine/actor.hpp"
#include "sim/engine/delay.hpp"
#include "sim/engine/process_pool.hpp"
#include "sim/engine/simulation.hpp"
#include "simulation_support.hpp"

namespace porttwin {
namespace {

// Runs mm1 for a day in a child process (one SimGrid engine per process) with `inject` scheduling
// the failure at 1 h; exit 0 when run_replication throws exactly that failure and nothing
// scheduled after it (at 2 h) ran.
int fails_as_injected(void (*inject)(Simulation&, bool&)) {
  return run_in_processes(1, 1, [inject](std::size_t) {
    auto s = load_scenario(testing::source_path("scenarios/validation/mm1.yaml"), {{"horizon", "1d"}, {"warmup", "0s"}});
    bool later_ran = false;
    RunOptions options{{}, 0, false, {}};
    options.instrument = [&](Simulation& sim, const auto&) {
      inject(sim, later_ran);
      after(7200, [&later_ran] { later_ran = true; });
      spawn("later", sim.engine().get_all_hosts().front(), [&later_ran] {
        simgrid::s4u::this_actor::sleep_until(7200);
        later_ran = true;
      });
    };
    try {
      run_replication(s, options);
    } catch (const std::runtime_error& e) {
      return std::string(e.what()) == "broken invariant" && !later_ran ? 0 : 2;
    }
    return 1;
  }).front();
}

}  // namespace

TEST_CASE("run failure: an exception in a kernel timer ends the run and reaches the caller", "[reliability]") {
  CHECK(fails_as_injected([](Simulation&, bool&) { after(3600, [] { throw std::runtime_error("broken invariant"); }); }) == 0);
}

TEST_CASE("run failure: an exception in an actor ends the run and reaches the caller", "[reliability]") {
  CHECK(fails_as_injected([](Simulation& sim, bool&) {
          spawn("faulty", sim.engine().get_all_hosts().front(), [] {
            simgrid::s4u::this_actor::sleep_until(3600);
            throw std::runtime_error("broken invariant");
          });
        }) == 0);
}

}  // namespace porttwin

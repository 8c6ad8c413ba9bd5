#include "sim/engine/simulation.hpp"

#include <cmath>
#include <vector>

#include <xbt/log.h>

#include "sim/core/units.hpp"
#include "sim/engine/actor.hpp"

namespace porttwin {
namespace {

// The context factory: the Engine's constructor creates it (with maestro's context), so it is
// chosen by a command-line option; set_config after the constructor leaves it unchanged. Raw
// contexts, SimGrid's default here, are named anyway. Under AddressSanitizer actors run on threads
// instead: ASan cannot follow raw stack switches and reports every unwound actor stack as an
// overflow (`__asan_handle_no_return` on the actor's heap-allocated stack; same schedule).
#ifdef PORTTWIN_SANITIZED
constexpr const char* kContextFactory = "--cfg=contexts/factory:thread";
#else
constexpr const char* kContextFactory = "--cfg=contexts/factory:raw";
#endif

// Measured on 2-core machines (see bench/README.md): raw contexts with small stacks and no
// guard pages create actors 5-9x faster; CM02 keeps link latencies as given (LV08 multiplies them
// ~13x). Threads get larger stacks: ASan's redzones make frames bigger.
void configure_engine() {
#ifdef PORTTWIN_SANITIZED
  simgrid::s4u::Engine::set_config("contexts/stack-size:512");
#else
  simgrid::s4u::Engine::set_config("contexts/stack-size:64");
  simgrid::s4u::Engine::set_config("contexts/guard-size:0");
#endif
  simgrid::s4u::Engine::set_config("network/model:CM02");
}

// The host the simulation's own actors (horizon, KPI sampling) run on: the platform's "control"
// host, which no incident turns off.
simgrid::s4u::Host* control_host() {
  auto* engine = simgrid::s4u::Engine::get_instance();
  if (auto* host = engine->host_by_name_or_null("control")) return host;
  return engine->get_all_hosts().front();
}

}  // namespace

Simulation::Simulation(const scenario::RunSettings& run, std::uint32_t replication, Recorder& recorder)
    : run_(run), replication_(replication), recorder_(recorder) {
  static std::vector<std::string> argument_text = {"porttwin", "--log=root.thres:warning",
                                                   "--log=xbt_cfg.thres:warning", kContextFactory};
  static std::vector<char*> arguments;
  arguments.clear();
  for (auto& a : argument_text) arguments.push_back(a.data());
  int argc = static_cast<int>(arguments.size());
  engine_ = std::make_unique<simgrid::s4u::Engine>(&argc, arguments.data());
  configure_engine();
}

Simulation::~Simulation() = default;

double Simulation::time_of_day(double t) const {
  double local = std::fmod(calendar(t), units::kDay);
  return local < 0 ? local + units::kDay : local;
}

stats::BatchPlan Simulation::batch_plan() const {
  if (run_.batches <= 0) return {run_.warmup, 0, 0};
  return {run_.warmup, (run_.horizon - run_.warmup) / run_.batches, run_.batches};
}

void Simulation::every(double period, const std::string& name, std::function<void(double)> tick) {
  spawn(name, control_host(), [this, period, tick = std::move(tick)] {
    simgrid::s4u::Actor::self()->daemonize();
    for (long k = static_cast<long>(std::floor(begin_ / period)) + 1; k * period < run_.horizon; ++k) {
      const double t = k * period;  // multiplied, not summed: no drift over long runs
      simgrid::s4u::this_actor::sleep_until(t);
      tick(t);
    }
  });
}

void Simulation::run() {
  // Models whose actors are all daemons, driven by kernel timers (delay.hpp), would otherwise end
  // the run at once: SimGrid stops when no non-daemon actor is left.
  spawn("horizon", control_host(), [this] { simgrid::s4u::this_actor::sleep_until(run_.horizon); });
  engine_->run_until(run_.horizon);
  // Actors still blocked at the horizon (on a semaphore, a mutex, a comm) end here, while the
  // models whose synchronisation objects they hold are still alive.
  simgrid::s4u::Actor::kill_all();
  run_failure::rethrow();  // an actor's or a timer's exception, which ended the run early
}

}  // namespace porttwin

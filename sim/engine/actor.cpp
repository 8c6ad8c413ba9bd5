#include "sim/engine/actor.hpp"

#include <utility>

#include <simgrid/Exception.hpp>
#include <simgrid/s4u/Engine.hpp>

namespace porttwin {
namespace {

std::exception_ptr& kept_failure() {
  static std::exception_ptr failure;  // one engine per process, so one run at a time
  return failure;
}

}  // namespace

simgrid::s4u::ActorPtr spawn(const std::string& name, simgrid::s4u::Host* host, std::function<void()> body) {
  return simgrid::s4u::Actor::create(name, host, [body = std::move(body)] {
    try {
      body();
    } catch (const simgrid::ForcefulKillException&) {
      throw;  // SimGrid's own way of ending an actor: it must unwind
    } catch (...) {
      run_failure::record(std::current_exception());
    }
  });
}

namespace run_failure {

void record(std::exception_ptr failure) {
  if (kept_failure()) return;
  kept_failure() = std::move(failure);
  detail::ended = true;
  if (simgrid::s4u::Actor::self() != nullptr) {
    simgrid::s4u::Actor::kill_all();  // all but this one, which returns
  } else {
    // In a timer (the engine's own context): an actor does the killing.
    auto* host = simgrid::s4u::Engine::get_instance()->get_all_hosts().front();
    simgrid::s4u::Actor::create("run-failure", host, [] { simgrid::s4u::Actor::kill_all(); });
  }
}

void rethrow() {
  if (!kept_failure()) return;
  std::exception_ptr failure = std::exchange(kept_failure(), nullptr);
  detail::ended = false;
  std::rethrow_exception(failure);
}

}  // namespace run_failure
}  // namespace porttwin

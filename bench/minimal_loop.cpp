#include "minimal_loop.hpp"

#include <deque>
#include <random>
#include <string>
#include <vector>

#include <simgrid/s4u.hpp>

namespace porttwin::bench {

namespace sg4 = simgrid::s4u;

std::int64_t minimal_mmc(std::int64_t trucks, int lanes, double arrival_rate, double mean_service,
                         std::uint64_t seed) {
  std::vector<std::string> text = {"minimal", "--log=root.thres:warning", "--log=xbt_cfg.thres:warning"};
  std::vector<char*> args;
  for (auto& t : text) args.push_back(t.data());
  int argc = static_cast<int>(args.size());
  sg4::Engine engine(&argc, args.data());
  sg4::Engine::set_config("contexts/factory:raw");
  sg4::Engine::set_config("contexts/stack-size:64");
  sg4::Engine::set_config("contexts/guard-size:0");
  auto* zone = sg4::create_full_zone("port");
  auto* host = zone->create_host("gate", 1e9);
  zone->seal();

  std::deque<double> queue;
  auto waiting = sg4::Semaphore::create(0);
  std::int64_t served = 0;
  sg4::Actor::create("source", host, [&] {
    std::mt19937_64 rng(seed);
    std::exponential_distribution<double> gap(arrival_rate);
    for (std::int64_t i = 0; i < trucks; ++i) {
      sg4::this_actor::sleep_for(gap(rng));
      queue.push_back(sg4::Engine::get_clock());
      waiting->release();
    }
  });
  for (int lane = 0; lane < lanes; ++lane) {
    sg4::Actor::create("lane", host, [&, lane] {
      sg4::Actor::self()->daemonize();
      std::mt19937_64 rng(seed + 1 + static_cast<std::uint64_t>(lane));
      std::exponential_distribution<double> service(1.0 / mean_service);
      for (;;) {
        waiting->acquire();
        queue.pop_front();
        sg4::this_actor::sleep_for(service(rng));
        ++served;
      }
    });
  }
  engine.run();
  return served;
}

}  // namespace porttwin::bench

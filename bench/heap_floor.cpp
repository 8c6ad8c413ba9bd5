#include "heap_floor.hpp"

#include <deque>
#include <functional>
#include <queue>
#include <random>
#include <vector>

namespace porttwin::bench {

namespace {

struct Event {
  double time;
  int lane;  // -1: an arrival
  bool operator>(const Event& o) const { return time > o.time; }
};

}  // namespace

std::int64_t heap_floor_mmc(std::int64_t trucks, int lanes, double arrival_rate, double mean_service,
                            std::uint64_t seed) {
  // The same streams as minimal_mmc: one for the gaps, one per lane for its service times.
  std::mt19937_64 source(seed);
  std::exponential_distribution<double> gap(arrival_rate);
  std::vector<std::mt19937_64> lane_rng;
  for (int lane = 0; lane < lanes; ++lane) lane_rng.emplace_back(seed + 1 + static_cast<std::uint64_t>(lane));
  std::exponential_distribution<double> service(1.0 / mean_service);

  std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
  std::deque<double> queue;          // arrival times of the trucks waiting
  std::vector<int> idle;             // lanes with nothing to do
  for (int lane = lanes - 1; lane >= 0; --lane) idle.push_back(lane);
  std::int64_t arrived = 0, served = 0;
  events.push({gap(source), -1});
  while (!events.empty()) {
    const Event e = events.top();
    events.pop();
    int lane = e.lane;
    if (lane < 0) {
      queue.push_back(e.time);
      if (++arrived < trucks) events.push({e.time + gap(source), -1});
      if (idle.empty()) continue;
      lane = idle.back();
      idle.pop_back();
    } else {
      ++served;
      if (queue.empty()) {
        idle.push_back(lane);
        continue;
      }
    }
    queue.pop_front();
    events.push({e.time + service(lane_rng[static_cast<std::size_t>(lane)]), lane});
  }
  return served;
}

}  // namespace porttwin::bench

// The floor porttwin is compared with: a bare SimGrid M/M/c loop of the same size, nothing
// recorded -- one source actor, c long-lived lane actors, trucks as data in a deque + semaphore.
#pragma once

#include <cstdint>

namespace porttwin::bench {

// Runs until `trucks` have been served; returns the number served.
std::int64_t minimal_mmc(std::int64_t trucks, int lanes, double arrival_rate, double mean_service, std::uint64_t seed);

}  // namespace porttwin::bench

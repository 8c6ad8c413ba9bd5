// The floor under every engine (issue 25): the same M/M/c as minimal_loop.hpp on a bare C++
// binary-heap event list, no SimGrid, nothing recorded. What a hand-written loop costs per truck.
#pragma once

#include <cstdint>

namespace porttwin::bench {

// Runs until `trucks` have arrived and the lanes are idle; returns the number served.
std::int64_t heap_floor_mmc(std::int64_t trucks, int lanes, double arrival_rate, double mean_service,
                            std::uint64_t seed);

}  // namespace porttwin::bench

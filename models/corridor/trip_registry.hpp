// Every trip the corridor has seen and its state: moving a trip checks where it was, so a trip can
// be neither lost nor in two states, and created = sealing + in transit + completed holds at any time.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "models/corridor/trip.hpp"

namespace porttwin::corridor {

class TripRegistry {
 public:
  Trip& add(Trip trip);  // in state Sealing; its index is the returned trip's position
  void move(std::size_t index, TripState from, TripState to);  // std::logic_error if not at `from`
  Trip& at(std::size_t index) { return trips_.at(index); }
  const Trip& at(std::size_t index) const { return trips_.at(index); }
  std::size_t size() const { return trips_.size(); }
  const std::vector<Trip>& trips() const { return trips_; }
  // Starts loading a trip into the cache a few iterations before a loop reads it: the per-interval
  // loops visit ~10,000 trips in no memory order and mostly wait for them otherwise. A hint only.
  void prefetch(std::size_t index) const {
    if (index >= trips_.size()) return;
    const auto* begin = reinterpret_cast<const char*>(trips_.data() + index);
    const auto first = reinterpret_cast<std::uintptr_t>(begin) & ~std::uintptr_t{63};  // its first cache line
    for (std::uintptr_t line = first; line < reinterpret_cast<std::uintptr_t>(begin + sizeof(Trip)); line += 64) {
      __builtin_prefetch(begin + (line - reinterpret_cast<std::uintptr_t>(begin)));
    }
  }
  std::int64_t count(TripState state) const { return counts_[static_cast<std::size_t>(state)]; }
  // The same, of the trips of the terminal's transit boxes (Trip::from_port) only.
  std::int64_t port_count(TripState state) const { return port_counts_[static_cast<std::size_t>(state)]; }
  // And of the trips carrying exports to the terminal (Trip::to_port).
  std::int64_t bound_count(TripState state) const { return bound_counts_[static_cast<std::size_t>(state)]; }
  // An empty string when every trip is in exactly one state, otherwise what is wrong.
  std::string conservation_error() const;

 private:
  std::vector<Trip> trips_;
  std::array<std::int64_t, kTripStates> counts_{}, port_counts_{}, bound_counts_{};
};

}  // namespace porttwin::corridor

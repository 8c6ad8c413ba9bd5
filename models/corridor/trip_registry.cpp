#include "models/corridor/trip_registry.hpp"

#include <stdexcept>

namespace porttwin::corridor {

Trip& TripRegistry::add(Trip trip) {
  trip.state = TripState::Sealing;
  ++counts_[static_cast<std::size_t>(TripState::Sealing)];
  if (trip.from_port) ++port_counts_[static_cast<std::size_t>(TripState::Sealing)];
  if (trip.to_port) ++bound_counts_[static_cast<std::size_t>(TripState::Sealing)];
  trips_.push_back(trip);
  return trips_.back();
}

void TripRegistry::move(std::size_t index, TripState from, TripState to) {
  Trip& t = trips_.at(index);
  if (t.state != from) {
    throw std::logic_error("corridor: trip " + std::to_string(t.id) + " is " +
                           std::string(kTripStateNames[static_cast<std::size_t>(t.state)]) + ", not " +
                           std::string(kTripStateNames[static_cast<std::size_t>(from)]));
  }
  --counts_[static_cast<std::size_t>(from)];
  ++counts_[static_cast<std::size_t>(to)];
  if (t.from_port) {
    --port_counts_[static_cast<std::size_t>(from)];
    ++port_counts_[static_cast<std::size_t>(to)];
  }
  if (t.to_port) {
    --bound_counts_[static_cast<std::size_t>(from)];
    ++bound_counts_[static_cast<std::size_t>(to)];
  }
  t.state = to;
}

std::string TripRegistry::conservation_error() const {
  std::array<std::int64_t, kTripStates> recount{}, port_recount{}, bound_recount{};
  for (const auto& t : trips_) {
    ++recount[static_cast<std::size_t>(t.state)];
    if (t.from_port) ++port_recount[static_cast<std::size_t>(t.state)];
    if (t.to_port) ++bound_recount[static_cast<std::size_t>(t.state)];
  }
  if (port_recount != port_counts_) return "the port trips' states disagree with their counts";
  if (bound_recount != bound_counts_) return "the port-bound trips' states disagree with their counts";
  std::int64_t sum = 0;
  for (std::size_t s = 0; s < kTripStates; ++s) {
    if (recount[s] != counts_[s]) {
      return "trips " + std::string(kTripStateNames[s]) + ": counted " + std::to_string(counts_[s]) + ", found " +
             std::to_string(recount[s]);
    }
    sum += counts_[s];
  }
  if (sum != static_cast<std::int64_t>(trips_.size())) return "trip states do not add up to the trips created";
  return "";
}

}  // namespace porttwin::corridor

// Every container the terminal has seen and where it is now. Moving a box is one call that checks
// where it was, so a box can neither be lost nor be in two places; the counts per place make the
// conservation law (created = in yard + on vehicles + on trucks + overflow + gone) checkable at
// any time.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "models/yard/container.hpp"

namespace porttwin::terminal {

enum class Place : std::uint8_t {
  OnVessel,     // exports waiting for their vessel are not here: those are in the yard
  OnVehicle,    // horizontal transport between quay and yard
  InYard,       // in a block slot
  OnTruck,      // an external truck in the terminal
  Overflow,     // no block of its area had room: parked off the stacks, outside the crane model
  LeftByVessel,
  LeftByTruck,
  Inland,       // an export on its corridor trip to the port (models/port): known, not yet here
  OnTrain,      // on a wagon at the rail side, waiting for its train
  LeftByRail,
};
inline constexpr std::size_t kPlaces = 10;
std::string_view place_name(Place place);

struct ContainerRecord {
  yard::Container box;
  Place place = Place::OnVessel;
  int block = -1;      // while InYard
  int vessel = -1;     // the call that brought it (imports) or will take it (exports)
  int call_in = -1;    // the call that discharged it (-1: it came by road, or before the run)
  int call_out = -1;   // the call that loaded it (-1: not loaded)
  int train = -1;      // the train (or barge) that took it from the rail side (-1: none)
  int transit = -1;    // in customs transit: the corridor flow of its trip (models/port); -1 not
  bool transship = false;  // discharged to be loaded onto a later call, never leaving the terminal
  bool by_rail = false;    // a transit box leaving by the rail side's trains, not by truck
};

// Boxes get dense ids of their own (1, 2, ...), so a record is found by indexing: stacking policies
// look up thousands of boxes per decision. A year of a mainline terminal is about 4.3 million
// boxes, 64 bytes each.
class ContainerRegistry {
 public:
  yard::ContainerId next_id() const { return records_.size() + 1; }
  // A new container at `place`; its id must be next_id() (std::logic_error otherwise).
  ContainerRecord& add(const yard::Container& box, Place place, int vessel);
  // std::logic_error when the box is unknown or not at `from`: that would be a lost or
  // duplicated container.
  ContainerRecord& move(yard::ContainerId id, Place from, Place to);
  // Marks a box just created as one in customs transit on corridor flow `flow`.
  void set_transit(yard::ContainerId id, int flow);
  ContainerRecord& at(yard::ContainerId id);
  std::size_t size() const { return records_.size(); }  // boxes ever registered: ids 1..size()
  const ContainerRecord& at(yard::ContainerId id) const;
  const yard::Container& box(yard::ContainerId id) const { return at(id).box; }

  std::int64_t created() const { return created_; }
  std::int64_t count(Place place) const { return counts_[static_cast<std::size_t>(place)]; }
  // The same, of the boxes in customs transit only.
  std::int64_t transit_count(Place place) const { return transit_counts_[static_cast<std::size_t>(place)]; }
  std::int64_t transit_created() const { return transit_created_; }
  // Boxes still in the terminal.
  std::int64_t present() const {
    return created_ - count(Place::LeftByVessel) - count(Place::LeftByTruck) - count(Place::Inland) -
           count(Place::LeftByRail);
  }
  // An empty string when every created box is in exactly one place, otherwise what is wrong.
  std::string conservation_error() const;

 private:
  std::vector<ContainerRecord> records_;  // id - 1
  std::array<std::int64_t, kPlaces> counts_{}, transit_counts_{};
  std::int64_t created_ = 0, transit_created_ = 0;
};

}  // namespace porttwin::terminal

#include "models/terminal/container_registry.hpp"

#include <numeric>
#include <stdexcept>

namespace porttwin::terminal {

namespace {
constexpr std::array<std::string_view, kPlaces> kPlaceNames = {
    "on_vessel", "on_vehicle", "in_yard", "on_truck", "overflow", "left_by_vessel", "left_by_truck", "inland", "on_train",
    "left_by_rail"};

}  // namespace

std::string_view place_name(Place place) { return kPlaceNames[static_cast<std::size_t>(place)]; }

ContainerRecord& ContainerRegistry::add(const yard::Container& box, Place place, int vessel) {
  if (box.id != next_id()) {
    throw std::logic_error("container " + std::to_string(box.id) + " created, expected id " +
                           std::to_string(next_id()));
  }
  records_.push_back(ContainerRecord{box, place, -1, vessel});
  ++created_;
  ++counts_[static_cast<std::size_t>(place)];
  return records_.back();
}

ContainerRecord& ContainerRegistry::move(yard::ContainerId id, Place from, Place to) {
  ContainerRecord& r = at(id);
  if (r.place != from) {
    throw std::logic_error("container " + std::to_string(id) + " expected " + std::string(place_name(from)) +
                           ", found " + std::string(place_name(r.place)));
  }
  --counts_[static_cast<std::size_t>(from)];
  ++counts_[static_cast<std::size_t>(to)];
  if (r.transit >= 0) {
    --transit_counts_[static_cast<std::size_t>(from)];
    ++transit_counts_[static_cast<std::size_t>(to)];
  }
  r.place = to;
  if (to != Place::InYard) r.block = -1;
  return r;
}

void ContainerRegistry::set_transit(yard::ContainerId id, int flow) {
  ContainerRecord& r = at(id);
  if (r.transit >= 0 || flow < 0) throw std::logic_error("container " + std::to_string(id) + " marked in transit twice");
  r.transit = flow;
  ++transit_created_;
  ++transit_counts_[static_cast<std::size_t>(r.place)];
}

ContainerRecord& ContainerRegistry::at(yard::ContainerId id) {
  if (id == yard::kNoContainer || id > records_.size()) throw std::logic_error("unknown container " + std::to_string(id));
  return records_[id - 1];
}

const ContainerRecord& ContainerRegistry::at(yard::ContainerId id) const {
  return const_cast<ContainerRegistry*>(this)->at(id);
}

std::string ContainerRegistry::conservation_error() const {
  const std::int64_t placed = std::accumulate(counts_.begin(), counts_.end(), std::int64_t{0});
  if (placed != created_) {
    return "created " + std::to_string(created_) + " containers but " + std::to_string(placed) + " are placed";
  }
  std::array<std::int64_t, kPlaces> recount{}, transit_recount{};
  for (std::size_t i = 0; i < records_.size(); ++i) {
    if (records_[i].box.id != i + 1) return "container " + std::to_string(i + 1) + " is filed under another id";
    ++recount[static_cast<std::size_t>(records_[i].place)];
    if (records_[i].transit >= 0) ++transit_recount[static_cast<std::size_t>(records_[i].place)];
  }
  if (recount != counts_) return "the records' places disagree with the counts per place";
  if (transit_recount != transit_counts_) return "the transit boxes' places disagree with their counts per place";
  return "";
}

}  // namespace porttwin::terminal

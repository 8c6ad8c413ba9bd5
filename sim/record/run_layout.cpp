#include "sim/record/run_layout.hpp"

namespace porttwin {

h5::CompoundType event_row_type(const std::vector<EventKindName>& kinds) {
  std::vector<std::pair<std::string, long long>> names;
  if (kinds.empty()) {
    for (const EventKindName& k : kEngineEventNames) names.emplace_back(k.name, k.code);
  }
  for (const EventKindName& k : kinds) names.emplace_back(k.name, k.code);
  return h5::CompoundType::of<EventRow>()
      .field("time", &EventRow::time)
      .field("entity", &EventRow::entity)
      .field("place", &EventRow::place)
      .enumeration("kind", &EventRow::kind, names)
      .field("detail", &EventRow::detail);
}

h5::CompoundType place_row_type() {
  return h5::CompoundType::of<PlaceRow>().field("id", &PlaceRow::id).text("name", &PlaceRow::name);
}

}  // namespace porttwin

#include "sim/record/run_layout.hpp"

namespace porttwin {

h5::CompoundType event_row_type() {
  return h5::CompoundType::of<EventRow>()
      .field("time", &EventRow::time)
      .field("entity", &EventRow::entity)
      .field("place", &EventRow::place)
      .enumeration("kind", &EventRow::kind, event_kind_names())
      .field("detail", &EventRow::detail);
}

h5::CompoundType place_row_type() {
  return h5::CompoundType::of<PlaceRow>().field("id", &PlaceRow::id).text("name", &PlaceRow::name);
}

}  // namespace porttwin

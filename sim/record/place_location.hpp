// One row of /events/place_locations: where a place of /events/places is in the codes the ports'
// systems use (a UN/LOCODE, a facility code in a code list, DCSA's facility type), so that events
// at the place can be exchanged in those systems' language.
#pragma once

#include <cstdint>

namespace porttwin {

struct PlaceLocationRow {
  std::uint32_t place = 0;          // index into /events/places
  char un_locode[8] = {};           // "NLRTM"; empty: not known
  char facility_code[8] = {};       // at most 6 characters; empty: not known
  char facility_code_list[8] = {};  // SMDG or BIC
  char facility_type[8] = {};       // POTE, INTE, BOCR
};

}  // namespace porttwin

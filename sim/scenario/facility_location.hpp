// Where a facility is in the codes the ports' systems use: a UN/LOCODE (UNECE Recommendation 16:
// two-letter country code and three letters or digits 2-9, e.g. NLRTM) and the facility's own code
// in a code list (SMDG terminal codes or BIC facility codes), as DCSA Track & Trace events carry them
// (`UNLocationCode`, `facilityCode`, `facilityCodeListProvider`). Both are optional: an empty code is
// left out of the events.
#pragma once

#include <string>
#include <vector>

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/schema.hpp"

namespace porttwin::scenario {

inline const std::vector<std::string> kFacilityCodeLists = {"SMDG", "BIC"};

struct FacilityLocation {
  std::string un_locode;             // "" : not known
  std::string facility_code;         // at most 6 characters, without the UN/LOCODE
  std::string facility_code_list = "SMDG";
};

// Declares un_locode, facility_code and facility_code_list in `s`.
void declare(Section& s, FacilityLocation& location);
// Reports a malformed UN/LOCODE or facility code at `<path>.un_locode` / `<path>.facility_code`.
void check(const FacilityLocation& location, const std::string& path, Diagnostics& d);

// True for a five-character UN/LOCODE: two capital letters, then three capital letters or digits 2-9.
bool un_locode_valid(const std::string& code);

}  // namespace porttwin::scenario

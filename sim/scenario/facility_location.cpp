#include "sim/scenario/facility_location.hpp"

namespace porttwin::scenario {

void declare(Section& s, FacilityLocation& location) {
  s.text("un_locode", location.un_locode,
         "UN/LOCODE of the place (UNECE Recommendation 16: country and three letters or digits 2-9, e.g. NLRTM), "
         "the UNLocationCode of its DCSA events (empty: left out)");
  s.text("facility_code", location.facility_code,
         "The facility's code in facility_code_list, without the UN/LOCODE (at most 6 characters; empty: left "
         "out of DCSA events)");
  s.choice("facility_code_list", location.facility_code_list, kFacilityCodeLists,
           "Code list of facility_code: SMDG (terminal codes) or BIC (facility codes)");
}

bool un_locode_valid(const std::string& code) {
  if (code.size() != 5) return false;
  for (std::size_t i = 0; i < 5; ++i) {
    const char c = code[i];
    const bool letter = c >= 'A' && c <= 'Z';
    if (i < 2 ? !letter : !(letter || (c >= '2' && c <= '9'))) return false;
  }
  return true;
}

void check(const FacilityLocation& location, const std::string& path, Diagnostics& d) {
  if (!location.un_locode.empty() && !un_locode_valid(location.un_locode)) {
    d.error(path + ".un_locode", "found \"" + location.un_locode +
                                     "\", expected a UN/LOCODE: two capital letters and three capital letters or "
                                     "digits 2-9 (NLRTM)");
  }
  const auto& f = location.facility_code;
  bool plain = !f.empty() && f.size() <= 6;
  for (const char c : f) plain = plain && ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
  if (!f.empty() && !plain) {
    d.error(path + ".facility_code",
            "found \"" + f + "\", expected at most 6 capital letters or digits (an SMDG or BIC code such as APMR)");
  }
}

}  // namespace porttwin::scenario

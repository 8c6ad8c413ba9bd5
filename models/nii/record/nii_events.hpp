// Event codes of non-intrusive inspection: risk selection, primary alarms, secondary inspection.
#pragma once

#include <array>

#include "sim/record/event_kind.hpp"

namespace porttwin {

enum class NiiEvent : std::uint16_t {
  CustomsSelect = 23,   // NII_ROUTE: risk selection routed a box (detail = nii::Route: 0 release, 1 scan, 2
                        // physical); only a scan route is DCSA's CUSS ("selected for scan")
  NiiAlarm = 24,        // an NII primary alarm (detail 0 RPM, 1 X-ray, 2 X-ray alarm cleared by AI,
                        // 3 RPM alarm cleared by primary adjudication)
  CustomsInspect = 25,  // CUSI: diverted to secondary inspection (detail = nii::SecondaryKind)
  CustomsRelease = 26,  // CUSR: released by customs
  CustomsHold = 27,     // held after secondary inspection: a finding (detail = nii::Truth)
};

inline constexpr std::array<EventKindName, 5> kNiiEventNames = {{
    {"NII_ROUTE", 23}, {"NII_ALARM", 24}, {"CUSI", 25}, {"CUSR", 26}, {"HOLD", 27}}};

}  // namespace porttwin

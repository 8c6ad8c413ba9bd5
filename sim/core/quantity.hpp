// How a KPI reads to a planner, from the unit it was declared with (once, where it is recorded):
//   "s"                 a duration: "42.3 s", "4 min 10 s", "34 h 32 min", "6 d 3 h"
//   "share"             a fraction of 1, shown as a percentage: "87.3 %"
//   "trucks/h", "USD"   the number, then the unit as written: "112 trucks/h", "12,400 USD"
//   "1" or ""           a bare number (a KPI not yet declared with its entity)
// Digits follow the confidence interval: the half-width to two significant figures and the mean to
// the same place; a value without an interval keeps three significant figures (whole counts whole).
// Run files keep the value in its declared unit (seconds, a fraction); only the text changes.
#pragma once

#include <string>
#include <string_view>

namespace porttwin::units {

std::string format_quantity(double value, std::string_view unit);
std::string format_quantity(double mean, double half_width, std::string_view unit);  // "mean ± half-width"

// A table cell: the unit left to the column's header (header_unit) unless the text needs it.
std::string format_quantity_cell(double mean, double half_width, std::string_view unit);

// What a table's column header says of a unit whose cells already carry it ("s", "share": nothing
// more) or not ("trucks/h").
std::string header_unit(std::string_view unit);

}  // namespace porttwin::units

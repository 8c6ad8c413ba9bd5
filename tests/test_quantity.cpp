// KPIs as a planner reads them (sim/core/quantity.hpp): durations as durations, shares as
// percentages, counts and rates with their entity, digits that follow the confidence interval.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "sim/core/quantity.hpp"

namespace u = porttwin::units;

TEST_CASE("quantity: durations read as durations", "[units][quantity]") {
  CHECK(u::format_quantity(124320, "s") == "34 h 32 min");
  CHECK(u::format_quantity(250, "s") == "4 min 10 s");
  CHECK(u::format_quantity(240, "s") == "4 min");
  CHECK(u::format_quantity(42.345, "s") == "42.3 s");
  CHECK(u::format_quantity(0.35, "s") == "350 ms");
  CHECK(u::format_quantity(0, "s") == "0 s");
  CHECK(u::format_quantity(6 * 86400 + 3 * 3600 + 1200, "s") == "6 d 3 h");
  CHECK(u::format_quantity(3599.7, "s") == "1 h");  // rounding carries into the next part
  CHECK(u::format_quantity(-250, "s") == "-4 min 10 s");
}

TEST_CASE("quantity: a duration's interval sets its detail", "[units][quantity]") {
  CHECK(u::format_quantity(124320, 650, "s") == "34 h 32 min ± 11 min");
  CHECK(u::format_quantity(124320, 5400, "s") == "35 h ± 2 h");
  CHECK(u::format_quantity(250.4, 12.2, "s") == "4 min 10 s ± 12 s");
  CHECK(u::format_quantity(42.345, 1.234, "s") == "42.3 ± 1.2 s");
  CHECK(u::format_quantity(0.3512, 0.0213, "s") == "351 ± 21 ms");
  CHECK(u::format_quantity(250, 0, "s") == "4 min 10 s");  // no spread: the value alone
}

TEST_CASE("quantity: shares as percentages, counts and rates with their entity", "[units][quantity]") {
  CHECK(u::format_quantity(0.000331826, "share") == "0.0332 %");
  CHECK(u::format_quantity(0.8734, "share") == "87.3 %");
  CHECK(u::format_quantity(1.0, "share") == "100 %");
  CHECK(u::format_quantity(0.8734, 0.0123, "share") == "87.3 ± 1.2 %");
  CHECK(u::format_quantity(12400, "trucks") == "12,400 trucks");
  CHECK(u::format_quantity(1234567.25, "USD") == "1,234,567 USD");
  CHECK(u::format_quantity(112.345, "trucks/h") == "112 trucks/h");
  CHECK(u::format_quantity(0.000331826, "1") == "0.000332");
  CHECK(u::format_quantity(12345, 250, "boxes/d") == "12,350 ± 250 boxes/d");
  CHECK(u::format_quantity(2.5, 0.31, "") == "2.50 ± 0.31");
}

TEST_CASE("quantity: undefined stays undefined", "[units][quantity]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK(u::format_quantity(nan, "s") == "undefined");
  CHECK(u::format_quantity(nan, 1.0, "share") == "undefined");
  CHECK(u::header_unit("s").empty());
  CHECK(u::header_unit("share").empty());
  CHECK(u::header_unit("trucks/h") == "trucks/h");
}

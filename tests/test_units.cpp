// Quantities with units as scenario files write them: parsing and formatting of durations, rates,
// date-times and times of day (sim/core/units.hpp).
#include <catch2/catch.hpp>

#include <optional>
#include <utility>
#include <string>

#include "sim/core/units.hpp"

namespace u = porttwin::units;
using Catch::Matchers::WithinRel;

namespace {

// parse(text) has a value equal to `expected` (relative 1e-12).
void check_parses(std::optional<double> (*parse)(std::string_view), const std::string& text, double expected) {
  INFO("text: \"" << text << "\"");
  const auto v = parse(text);
  REQUIRE(v.has_value());
  if (expected == 0) CHECK(*v == 0);
  else CHECK_THAT(*v, WithinRel(expected, 1e-12));
}

void check_rejects(std::optional<double> (*parse)(std::string_view), const std::string& text) {
  INFO("text: \"" << text << "\"");
  const auto v = parse(text);
  CHECK_FALSE(v.has_value());
}

}  // namespace

TEST_CASE("units: parse_duration reads every unit into seconds") {
  const std::pair<const char*, double> parse_duration_cases[] = {
      {"45s", 45},
      {"4min", 240},
      {"2h", 7200},
      {"3d", 3 * 86400},
      {"1w", 7 * 86400},
      {"250ms", 0.25},
      {"50us", 50e-6},
      {"0s", 0},
  };
  for (const auto& [text, value] : parse_duration_cases) check_parses(u::parse_duration, text, value);
}

TEST_CASE("units: parse_duration adds up compound durations and accepts fractions and spaces") {
  const std::pair<const char*, double> parse_duration_cases[] = {
      {"1d6h", 86400 + 6 * 3600},
      {"1h30min", 5400},
      {"2min30s", 150},
      {"1s500ms", 1.5},
      {"1.5h", 5400},
      {"0.25d", 21600},
      {"1.2min", 72},
      {" 45s ", 45},
      {"4 min", 240},
      {"1d 6h", 86400 + 6 * 3600},
      {"\t2h\t", 7200},
  };
  for (const auto& [text, value] : parse_duration_cases) check_parses(u::parse_duration, text, value);
}

TEST_CASE("units: parse_duration rejects numbers without a unit, units without a number and unknown units") {
  for (const char* text : {"45", "s", "min", "4 parsecs", "4 seconds", "2 weeks", "4m", "", "   ", "1d6", "1d six hours", "+3s", "infs", "nan s", "45s!"}) {
    check_rejects(u::parse_duration, text);
  }
}

// Regression: std::from_chars accepts a leading '-', which once let "-3s" parse as -3 seconds.
TEST_CASE("units: parse_duration rejects negative durations") {
  check_rejects(u::parse_duration, "-3s");
  check_rejects(u::parse_duration, "1h-30min");
}

TEST_CASE("units: parse_rate reads events per unit of time, with an optional count of units") {
  const std::pair<const char*, double> parse_rate_cases[] = {
      {"120/h", 120.0 / 3600},
      {"2/min", 2.0 / 60},
      {"10000/d", 10000.0 / 86400},
      {"5/s", 5},
      {"3/2h", 3.0 / 7200},
      {"1.5/min", 1.5 / 60},
      {"0/h", 0},
      {" 120 / h ", 120.0 / 3600},
  };
  for (const auto& [text, value] : parse_rate_cases) check_parses(u::parse_rate, text, value);
  // 120/h and 2/min are the same rate.
  CHECK(*u::parse_rate("120/h") == Approx(*u::parse_rate("2/min")).epsilon(1e-15));
}

TEST_CASE("units: parse_rate rejects rates without a count, a slash or a unit") {
  for (const char* text : {"120", "/h", "120/", "120h", "120/hour", "120/0h", "120/h extra", ""}) {
    check_rejects(u::parse_rate, text);
  }
}

// Same root cause as negative durations: take_number() accepts a leading '-'.
TEST_CASE("units: parse_rate rejects negative rates") { check_rejects(u::parse_rate, "-5/h"); }

TEST_CASE("units: parse_datetime reads calendar date-times as seconds since 1970 without time zone") {
  const std::pair<const char*, double> parse_datetime_cases[] = {
      {"1970-01-01T00:00", 0},
      {"2026-01-05T00:00", 1767571200},
      {"2026-01-05T06:00", 1767592800},
      {"2026-01-05T06:00:30", 1767592830},
      {"2026-01-05 06:00", 1767592800},
      {"2026-01-05", 1767571200},
  };
  for (const auto& [text, value] : parse_datetime_cases) check_parses(u::parse_datetime, text, value);
  check_parses(u::parse_datetime, "2024-02-29T00:00", 1709164800);  // leap year
  check_parses(u::parse_datetime, "2000-02-29T23:59:59", 951868799);  // divisible by 400: leap
}

TEST_CASE("units: parse_datetime rejects impossible dates and clock times") {
  check_rejects(u::parse_datetime, "2026-02-30T00:00");
  check_rejects(u::parse_datetime, "2026-02-29T00:00");  // 2026 is not a leap year
  check_rejects(u::parse_datetime, "1900-02-29T00:00");  // divisible by 100, not by 400
  for (const char* text : {"2026-13-01T00:00", "2026-00-10T00:00", "2026-01-32T00:00", "2026-01-05T24:00", "2026-01-05T25:00", "2026-01-05T06:60", "2026-01-05T06:00:60", "2026-1-5T06:00", "2026-01-05T6:00", "2026-01-05T06:00Z", "05/01/2026", ""}) {
    check_rejects(u::parse_datetime, text);
  }
}

TEST_CASE("units: parse_time_of_day reads HH:MM as seconds after midnight") {
  const std::pair<const char*, double> parse_time_of_day_cases[] = {
      {"00:00", 0},
      {"06:00", 21600},
      {"20:30", 20 * 3600 + 1800},
      {"23:59", 86340},
      {" 06:00 ", 21600},
  };
  for (const auto& [text, value] : parse_time_of_day_cases) check_parses(u::parse_time_of_day, text, value);
  for (const char* text : {"24:00", "12:60", "6:00", "0600", "06:00pm", "2026-01-05T06:00", ""}) {
    check_rejects(u::parse_time_of_day, text);
  }
}

// Regression: clock fields were read with std::from_chars, which accepts "-1": "-1:30" was once
// -1800 s, and "2026-01-05T-1:00" 23:00 of the day before.
TEST_CASE("units: a negative hour or minute is not a clock time") {
  check_rejects(u::parse_time_of_day, "-1:30");
  check_rejects(u::parse_time_of_day, "06:-5");
  check_rejects(u::parse_datetime, "2026-01-05T-1:00");
}

TEST_CASE("units: format_duration writes the shortest text in the largest units") {
  CHECK(u::format_duration(0) == "0s");
  CHECK(u::format_duration(45) == "45s");
  CHECK(u::format_duration(240) == "4min");
  CHECK(u::format_duration(7200) == "2h");
  CHECK(u::format_duration(86400) == "1d");
  CHECK(u::format_duration(86400 + 6 * 3600) == "1d6h");
  CHECK(u::format_duration(5400) == "1h30min");
  CHECK(u::format_duration(90061) == "1d1h1min1s");
  CHECK(u::format_duration(28 * 86400) == "28d");
}

TEST_CASE("units: format_duration and parse_duration round-trip") {
  for (double seconds : {0.0, 0.5, 1.5, 45.0, 60.0, 72.0, 150.0, 3600.0, 5400.0, 86400.0, 108000.0, 90061.0,
                         604800.0, 2000 * 86400.0, 0.25, 50e-6, 1e-3}) {
    const std::string text = u::format_duration(seconds);
    INFO(seconds << " s -> \"" << text << "\"");
    const auto back = u::parse_duration(text);
    REQUIRE(back.has_value());
    CHECK(*back == Approx(seconds).epsilon(1e-12));
  }
}

// Regression: fractional values were once printed with "%.6g", so 1234567.5 s became
// "1.23457e+06s", which reads back as 1234570 s.
TEST_CASE("units: format_duration is faithful for fractional values with many digits") {
  for (double seconds : {1234567.5, 86400.25, 3600.125}) {
    const std::string text = u::format_duration(seconds);
    INFO(seconds << " s -> \"" << text << "\"");
    const auto back = u::parse_duration(text);
    REQUIRE(back.has_value());
    CHECK(*back == Approx(seconds).epsilon(1e-12));
  }
}

TEST_CASE("units: format_rate writes a whole count per the smallest fitting unit, and round-trips") {
  CHECK(u::format_rate(5) == "5/s");
  CHECK(u::format_rate(2.0 / 60) == "2/min");
  CHECK(u::format_rate(120.0 / 3600) == "2/min");  // the same rate as 120/h
  CHECK(u::format_rate(48.0 / 3600) == "48/h");
  CHECK(u::format_rate(10000.0 / 86400) == "10000/d");
  CHECK(u::format_rate(3.0 / 7200) == "36/d");
  for (const char* text : {"120/h", "2/min", "10000/d", "3/2h", "48/h", "5/s", "1/d", "37.5/h"}) {
    const double rate = *u::parse_rate(text);
    const std::string formatted = u::format_rate(rate);
    INFO(text << " -> \"" << formatted << "\"");
    const auto back = u::parse_rate(formatted);
    REQUIRE(back.has_value());
    CHECK(*back == Approx(rate).epsilon(1e-12));
  }
}

TEST_CASE("units: format_datetime and format_time_of_day round-trip") {
  CHECK(u::format_datetime(1767592800) == "2026-01-05T06:00:00");
  CHECK(u::format_datetime(0) == "1970-01-01T00:00:00");
  CHECK(u::format_datetime(1709164800) == "2024-02-29T00:00:00");
  for (const char* text : {"2026-01-05T06:00:00", "2024-02-29T23:59:59", "1999-12-31T12:34:56", "2026-03-29T02:30:00"}) {
    const double t = *u::parse_datetime(text);
    CHECK(u::format_datetime(t) == text);
  }
  CHECK(u::format_time_of_day(0) == "00:00");
  CHECK(u::format_time_of_day(21600) == "06:00");
  CHECK(u::format_time_of_day(20 * 3600 + 1800) == "20:30");
  for (const char* text : {"00:00", "06:00", "12:34", "20:30", "23:59"}) {
    CHECK(u::format_time_of_day(*u::parse_time_of_day(text)) == text);
  }
}

// Quantities with units as scenario files write them: durations ("45s", "1d6h"), rates ("120/h"),
// calendar date-times ("2026-01-05T06:00") and times of day ("20:30"). Internally: seconds.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace porttwin::units {

constexpr double kMinute = 60.0;
constexpr double kHour = 3600.0;
constexpr double kDay = 86400.0;

// Each parser returns nullopt on malformed text; `expected_*` says what a valid value looks like.
std::optional<double> parse_duration(std::string_view text);   // seconds
std::optional<double> parse_rate(std::string_view text);       // events per second
std::optional<double> parse_datetime(std::string_view text);   // seconds since 1970-01-01T00:00 (no time zone); [.fff] after the seconds
// ISO 8601 with its zone, as real feeds write it ("2021-01-09T14:12:56+01:00", "...56.250Z"): Unix s.
std::optional<double> parse_datetime_utc(std::string_view text);
std::optional<double> parse_time_of_day(std::string_view text); // seconds after midnight
std::optional<double> parse_utc_offset(std::string_view text);  // "+01:00", "-05:30": seconds east of UTC

inline constexpr std::string_view expected_duration =
    "a duration with a unit (us, ms, s, min, h, d, w), e.g. 45s, 4min, 2h, 3d or 1d6h";
inline constexpr std::string_view expected_rate = "a rate with a unit, e.g. 120/h, 2/min or 10000/d";
inline constexpr std::string_view expected_datetime = "a date-time YYYY-MM-DDTHH:MM[:SS], e.g. 2026-01-05T06:00";
inline constexpr std::string_view expected_time_of_day = "a time of day HH:MM, e.g. 06:00";
inline constexpr std::string_view expected_utc_offset = "an offset from UTC +HH:MM or -HH:MM, e.g. +01:00";

// Text that reads back as the same double ("0.5", "100000", "1.5e-07"): defaults, bounds, messages.
std::string format_number(double value);

// Shortest faithful text, used for defaults in `porttwin schema` and for reports.
std::string format_duration(double seconds);   // "45s", "4min", "1d6h", "500ms", "1.25s"
std::string format_rate(double per_second);    // "120/h"
std::string format_datetime(double epoch_seconds);  // "2026-01-05T06:00:00"
std::string format_datetime_ms(double epoch_seconds);  // "2026-01-05T06:00:00.250" (snapshots)
std::string format_time_of_day(double seconds);     // "06:00"

}  // namespace porttwin::units

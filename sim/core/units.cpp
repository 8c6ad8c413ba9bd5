#include "sim/core/units.hpp"

#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace porttwin::units {
namespace {

struct UnitFactor {
  std::string_view name;
  double seconds;
};

// Longest names first so "min" is not read as "m".
constexpr UnitFactor kDurationUnits[] = {
    {"ms", 1e-3}, {"us", 1e-6}, {"min", kMinute}, {"s", 1.0}, {"h", kHour}, {"d", kDay}, {"w", 7 * kDay},
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Reads a non-negative decimal number at the front of `s`, advancing it.
std::optional<double> take_number(std::string_view& s) {
  // from_chars would take a sign; quantities here are never negative.
  if (s.empty() || !std::isdigit(static_cast<unsigned char>(s.front()))) {
    if (s.size() < 2 || s.front() != '.' || !std::isdigit(static_cast<unsigned char>(s[1]))) return std::nullopt;
  }
  double value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end == s.data() || !std::isfinite(value)) return std::nullopt;
  s.remove_prefix(static_cast<std::size_t>(end - s.data()));
  return value;
}

std::optional<double> take_unit(std::string_view& s) {
  s = trim(s);
  for (const auto& unit : kDurationUnits) {
    if (s.starts_with(unit.name)) {
      // "min" must not match "ms"+"in" etc.: the unit ends at a digit, a space or the end.
      std::string_view rest = s.substr(unit.name.size());
      if (!rest.empty() && std::isalpha(static_cast<unsigned char>(rest.front()))) continue;
      s = rest;
      return unit.seconds;
    }
  }
  return std::nullopt;
}

std::optional<int> take_int(std::string_view& s, std::size_t digits) {
  if (s.size() < digits) return std::nullopt;
  for (std::size_t i = 0; i < digits; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
  }
  int value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + digits, value);
  if (ec != std::errc() || end != s.data() + digits) return std::nullopt;
  s.remove_prefix(digits);
  return value;
}

bool take_char(std::string_view& s, char c) {
  if (s.empty() || s.front() != c) return false;
  s.remove_prefix(1);
  return true;
}

std::optional<double> take_clock(std::string_view& s) {
  auto h = take_int(s, 2);
  if (!h || !take_char(s, ':')) return std::nullopt;
  auto m = take_int(s, 2);
  if (!m) return std::nullopt;
  int sec = 0;
  double fraction = 0;
  if (take_char(s, ':')) {
    auto parsed = take_int(s, 2);
    if (!parsed) return std::nullopt;
    sec = *parsed;
    if (take_char(s, '.')) {  // fractional seconds, as snapshots write them
      double scale = 0.1;
      std::size_t digits = 0;
      while (!s.empty() && std::isdigit(static_cast<unsigned char>(s.front())) && digits < 9) {
        fraction += (s.front() - '0') * scale;
        scale /= 10;
        s.remove_prefix(1);
        ++digits;
      }
      if (digits == 0) return std::nullopt;
    }
  }
  if (*h > 23 || *m > 59 || sec > 59) return std::nullopt;
  return *h * kHour + *m * kMinute + sec + fraction;
}

}  // namespace

std::string format_number(double value) {
  // Whole numbers in full ("100000", not the shortest "1e+05"); others in shortest round-trip form.
  if (std::abs(value) < 1e15 && value == std::floor(value)) return std::to_string(static_cast<long long>(value));
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  return ec == std::errc() ? std::string(buf, end) : std::to_string(value);
}

std::optional<double> parse_duration(std::string_view text) {
  std::string_view s = trim(text);
  if (s.empty()) return std::nullopt;
  double total = 0;
  while (!s.empty()) {
    auto number = take_number(s);
    if (!number) return std::nullopt;
    auto factor = take_unit(s);
    if (!factor) return std::nullopt;
    total += *number * *factor;
    s = trim(s);
  }
  if (!std::isfinite(total)) return std::nullopt;  // an overflowing duration is an error, not infinity
  return total;
}

std::optional<double> parse_rate(std::string_view text) {
  std::string_view s = trim(text);
  auto count = take_number(s);
  if (!count) return std::nullopt;
  s = trim(s);
  if (!take_char(s, '/')) return std::nullopt;
  s = trim(s);
  // "/h" or "/2h": an optional number before the unit.
  double per = 1.0;
  if (!s.empty() && std::isdigit(static_cast<unsigned char>(s.front()))) {
    auto n = take_number(s);
    if (!n || *n <= 0) return std::nullopt;
    per = *n;
  }
  auto factor = take_unit(s);
  if (!factor || !trim(s).empty()) return std::nullopt;
  return *count / (per * *factor);
}

std::optional<double> parse_datetime(std::string_view text) {
  using namespace std::chrono;
  std::string_view s = trim(text);
  auto y = take_int(s, 4);
  if (!y || !take_char(s, '-')) return std::nullopt;
  auto mo = take_int(s, 2);
  if (!mo || !take_char(s, '-')) return std::nullopt;
  auto d = take_int(s, 2);
  if (!d) return std::nullopt;
  year_month_day date{year{*y}, month{static_cast<unsigned>(*mo)}, day{static_cast<unsigned>(*d)}};
  if (!date.ok()) return std::nullopt;
  double clock = 0;
  if (!s.empty()) {
    if (!take_char(s, 'T') && !take_char(s, ' ')) return std::nullopt;
    auto c = take_clock(s);
    if (!c) return std::nullopt;
    clock = *c;
  }
  if (!s.empty()) return std::nullopt;
  return static_cast<double>(sys_days{date}.time_since_epoch().count()) * kDay + clock;
}

std::optional<double> parse_utc_offset(std::string_view text) {
  std::string_view zone = trim(text);
  if (zone.empty() || (zone.front() != '+' && zone.front() != '-')) return std::nullopt;
  const double sign = zone.front() == '+' ? 1 : -1;
  zone.remove_prefix(1);
  auto hours = take_int(zone, 2);
  if (!hours || !take_char(zone, ':')) return std::nullopt;
  auto minutes = take_int(zone, 2);
  if (!minutes || !zone.empty() || *hours > 23 || *minutes > 59) return std::nullopt;
  return sign * (*hours * 3600.0 + *minutes * 60.0);
}

std::optional<double> parse_datetime_utc(std::string_view text) {
  std::string_view s = trim(text);
  const std::size_t t = s.find('T');
  if (t == std::string_view::npos) return std::nullopt;
  double offset = 0;
  if (!s.empty() && (s.back() == 'Z' || s.back() == 'z')) {
    s.remove_suffix(1);
  } else {
    const std::size_t sign = s.find_last_of("+-");
    if (sign == std::string_view::npos || sign < t) return std::nullopt;
    const auto zone = parse_utc_offset(s.substr(sign));
    if (!zone) return std::nullopt;
    offset = *zone;
    s = s.substr(0, sign);
  }
  const auto local = parse_datetime(s);
  if (!local) return std::nullopt;
  return *local - offset;
}

std::optional<double> parse_time_of_day(std::string_view text) {
  std::string_view s = trim(text);
  auto c = take_clock(s);
  if (!c || !s.empty()) return std::nullopt;
  return c;
}

std::string format_duration(double seconds) {
  if (seconds == 0) return "0s";
  double whole = std::round(seconds);
  if (seconds > 0 && seconds < 1) {
    for (auto [name, size] : {std::pair{"ms", 1e-3}, {"us", 1e-6}}) {
      const double count = seconds / size;
      if (std::abs(count - std::round(count)) < 1e-6 * count) return format_number(std::round(count)) + name;
    }
  }
  if (std::abs(seconds - whole) > 1e-9 || seconds < 0) return format_number(seconds) + "s";
  auto rest = static_cast<long long>(whole);
  std::string out;
  for (auto [name, size] : {std::pair{"d", 86400LL}, {"h", 3600LL}, {"min", 60LL}, {"s", 1LL}}) {
    if (rest >= size) {
      out += std::to_string(rest / size) + name;
      rest %= size;
    }
  }
  return out;
}

std::string format_rate(double per_second) {
  if (per_second == 0) return "0/h";
  for (auto [name, size] : {std::pair{"/s", 1.0}, {"/min", kMinute}, {"/h", kHour}}) {
    double count = per_second * size;
    if (count >= 1 && std::abs(count - std::round(count)) < 1e-9) return format_number(count) + name;
  }
  return format_number(per_second * kDay) + "/d";
}

std::string format_datetime(double epoch_seconds) {
  using namespace std::chrono;
  auto days_since = static_cast<long>(std::floor(epoch_seconds / kDay));
  double clock = epoch_seconds - static_cast<double>(days_since) * kDay;
  year_month_day date{sys_days{days{days_since}}};
  auto total = static_cast<long>(std::floor(clock));
  char buf[48];  // a year of up to 11 characters: 41 bytes at most
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ld", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()), total / 3600,
                (total / 60) % 60, total % 60);
  return buf;
}

std::string format_datetime_ms(double epoch_seconds) {
  const double whole = std::floor(epoch_seconds);
  auto ms = static_cast<long>(std::llround((epoch_seconds - whole) * 1000));
  double base = whole;
  if (ms == 1000) {
    base += 1;
    ms = 0;
  }
  char buf[8];
  std::snprintf(buf, sizeof buf, ".%03ld", ms);
  return format_datetime(base) + buf;
}

std::string format_time_of_day(double seconds) {
  auto total = static_cast<long>(std::floor(seconds));
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02ld:%02ld", (total / 3600) % 24, (total / 60) % 60);
  return buf;
}

}  // namespace porttwin::units

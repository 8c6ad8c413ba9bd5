#include "viz/core/calendar.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "sim/core/units.hpp"

namespace porttwin::viz {

namespace {

// Days since 1970-01-01 to (year, month, day): the civil-from-days algorithm (H. Hinnant).
void civil_from_days(long long z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long year = static_cast<long long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(year + (m <= 2));
}

}  // namespace

std::string Calendar::format(double run_time) const {
  const double epoch = std::floor(start_ + run_time);
  const long long days = static_cast<long long>(std::floor(epoch / 86400.0));
  const long long secs = static_cast<long long>(epoch) - days * 86400;
  int y = 0;
  unsigned m = 0, d = 0;
  civil_from_days(days, y, m, d);
  char text[48];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u %02lld:%02lld:%02lld", y, m, d, secs / 3600, secs / 60 % 60,
                secs % 60);
  return text;
}

std::string Calendar::format_short(double run_time) const {
  static const char* const kDays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};  // 1970-01-01 was a Thursday
  const double epoch = std::floor(start_ + run_time);
  const long long days = static_cast<long long>(std::floor(epoch / 86400.0));
  const long long secs = static_cast<long long>(epoch) - days * 86400;
  char text[32];
  std::snprintf(text, sizeof text, "%s %02lld:%02lld", kDays[((days % 7) + 7) % 7], secs / 3600, secs / 60 % 60);
  return text;
}

double Calendar::time_of_day(double run_time) const {
  const double epoch = start_ + run_time;
  return epoch - std::floor(epoch / 86400.0) * 86400.0;
}

std::optional<double> Calendar::parse(std::string_view text) const {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);
  if (const auto duration = units::parse_duration(text)) return *duration;
  // Plain seconds since the start ("0", "3600", "86400.5").
  if (text.find_first_not_of("0123456789.") == std::string_view::npos && text.find_first_of("0123456789") != std::string_view::npos) {
    try {
      std::size_t used = 0;
      const double seconds = std::stod(std::string(text), &used);
      if (used == text.size()) return seconds;
    } catch (const std::exception&) {
    }
  }
  std::string spelled(text);
  if (spelled.size() > 10 && spelled[10] == ' ') spelled[10] = 'T';
  if (const auto epoch = units::parse_datetime(spelled)) return *epoch - start_;
  return std::nullopt;
}

bool is_night(double time_of_day) { return time_of_day < 6 * 3600.0 || time_of_day >= 20 * 3600.0; }

}  // namespace porttwin::viz

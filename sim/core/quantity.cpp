#include "sim/core/quantity.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/core/units.hpp"

namespace porttwin::units {
namespace {

bool bare(std::string_view unit) { return unit.empty() || unit == "1"; }

// "1234567.5" -> "1,234,567.5": a planner reads 12,400 trucks, not 12400.
std::string grouped(std::string text) {
  const std::size_t start = (!text.empty() && text.front() == '-') ? 1 : 0;
  std::size_t end = text.find_first_of(".e", start);
  if (end == std::string::npos) end = text.size();
  for (std::size_t at = end; at > start + 3; at -= 3) text.insert(at - 3, ",");
  return text;
}

std::string printed(const char* format, int decimals, double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, decimals, value);
  return buf;
}

// Three significant figures; a whole value (a count) or one of 1,000 and more as a whole number.
std::string three_figures(double v) {
  if (!std::isfinite(v)) return std::isnan(v) ? "undefined" : (v > 0 ? "inf" : "-inf");
  const double a = std::fabs(v);
  const bool whole = a >= 1 && std::fabs(v - std::round(v)) < 1e-9 * a;
  if (whole || a >= 1000) return grouped(printed("%.*f", 0, v));
  return printed("%.*g", 3, v);
}

// The decimals that show a half-width to two significant figures (0 for 10 and more).
int decimals_for(double half_width) {
  return std::clamp(1 - static_cast<int>(std::floor(std::log10(half_width))), 0, 12);
}

bool has_interval(double mean, double half_width) {
  // A half-width at rounding-error level (a KPI that cannot vary) would ask for a dozen decimals.
  return std::isfinite(half_width) && half_width > 1e-9 * std::fabs(mean) && half_width >= 1e-12;
}

// Rounded to the half-width's second significant figure: "12,350 ± 250", "0.0421 ± 0.0013".
std::string number_interval(double mean, double half_width) {
  const int decimals = decimals_for(half_width);
  if (decimals > 0) return printed("%.*f", decimals, mean) + " ± " + printed("%.*f", decimals, half_width);
  const double step = std::pow(10.0, std::floor(std::log10(half_width)) - 1);
  return grouped(printed("%.*f", 0, std::round(mean / step) * step)) + " ± " +
         grouped(printed("%.*f", 0, std::round(half_width / step) * step));
}

struct Part {
  const char* name;
  double seconds;
};
constexpr Part kParts[] = {{"d", kDay}, {"h", kHour}, {"min", kMinute}, {"s", 1.0}};

// A duration in its parts down to `lowest` (an index into kParts): days only from 100 h on, so a
// turn reads "34 h 32 min" and a dwell "6 d 3 h".
std::string in_parts(double seconds, int lowest) {
  const double step = kParts[lowest].seconds;
  double left = std::round(std::fabs(seconds) / step) * step;
  const int first = std::min(lowest, left >= 100 * kHour ? 0 : left >= kHour ? 1 : left >= kMinute ? 2 : 3);
  double counts[4] = {0, 0, 0, 0};
  int last = first;  // the last part not 0: "1 h", not "1 h 0 min"
  for (int p = first; p <= lowest; ++p) {
    counts[p] = p == lowest ? std::round(left / kParts[p].seconds) : std::floor(left / kParts[p].seconds);
    left -= counts[p] * kParts[p].seconds;
    if (counts[p] != 0) last = p;
  }
  std::string out = seconds < 0 && (last != first || counts[first] != 0) ? "-" : "";
  for (int p = first; p <= last; ++p) {
    if (p > first) out += " ";
    out += printed("%.*f", 0, counts[p]) + " " + kParts[p].name;
  }
  return out;
}

// The lowest part a duration of this size shows with three significant figures' worth of detail.
int lowest_part_for(double seconds) {
  const double a = std::fabs(seconds);
  return a >= 100 * kHour ? 1 : a >= kHour ? 2 : 3;
}

std::string duration(double seconds) {
  if (!std::isfinite(seconds)) return three_figures(seconds);
  const double a = std::fabs(seconds);
  if (a < 1 && a > 0) return three_figures(seconds * 1000) + " ms";
  if (a < kMinute) return three_figures(seconds) + " s";
  return in_parts(seconds, lowest_part_for(seconds));
}

std::string duration_interval(double mean, double half_width) {
  const double a = std::fabs(mean);
  if (a < 1 && half_width < 1) return number_interval(mean * 1000, half_width * 1000) + " ms";
  if (a < kMinute || half_width < 1) return number_interval(mean, half_width) + " s";
  // Down to the part the half-width reaches: "34 h 32 min ± 11 min", "35 h ± 2 h".
  const int lowest = half_width >= kHour ? 1 : half_width >= kMinute ? 2 : 3;
  return in_parts(mean, lowest) + " ± " + in_parts(half_width, lowest);
}

}  // namespace

std::string format_quantity(double value, std::string_view unit) {
  if (std::isnan(value)) return "undefined";
  if (unit == "s") return duration(value);
  if (unit == "share") return three_figures(value * 100) + " %";
  return bare(unit) ? three_figures(value) : three_figures(value) + " " + std::string(unit);
}

std::string format_quantity(double mean, double half_width, std::string_view unit) {
  if (std::isnan(mean)) return "undefined";
  if (!has_interval(mean, half_width)) return format_quantity(mean, unit);
  if (unit == "s") return duration_interval(mean, half_width);
  if (unit == "share") return number_interval(mean * 100, half_width * 100) + " %";
  const std::string text = number_interval(mean, half_width);
  return bare(unit) ? text : text + " " + std::string(unit);
}

std::string format_quantity_cell(double mean, double half_width, std::string_view unit) {
  return format_quantity(mean, half_width, header_unit(unit).empty() ? unit : std::string_view("1"));
}

std::string header_unit(std::string_view unit) {
  return bare(unit) || unit == "s" || unit == "share" ? "" : std::string(unit);
}

}  // namespace porttwin::units

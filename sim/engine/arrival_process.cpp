#include "sim/engine/arrival_process.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "sim/core/units.hpp"

namespace porttwin {

namespace {
constexpr double kInfinity = std::numeric_limits<double>::infinity();

int weekday_of(double calendar) {  // 0 = Monday; 1970-01-01 was a Thursday
  auto days = static_cast<long long>(std::floor(calendar / units::kDay));
  return static_cast<int>(((days + 3) % 7 + 7) % 7);
}
}  // namespace

void declare(scenario::Section& s, ArrivalConfig& a) {
  s.choice("process", a.process, {"poisson", "profile", "renewal", "trace", "none"},
           "Walk-in arrival process: poisson (constant rate), profile (hourly rates), renewal (inter-arrival "
           "distribution), trace (the arrival times of a CSV log, replayed exactly) or none");
  s.rate("rate", a.rate, "Arrival rate of the poisson process").greater_than(0);
  s.rate_profile("hourly_profile", a.hourly_profile, "profile: 24 arrival rates, one per hour of the local day")
      .min(0);
  s.real_list("weekday_factors", a.weekday_factors, "profile: 7 multipliers of the hourly rates, Monday first")
      .length(7)
      .min(0);
  s.distribution("interarrival", a.interarrival, "renewal: time between two arrivals");
  scenario::declare_trace(s, a.log, "arrival", {});
  auto& ap = s.section("appointments", "Booked arrivals in hourly slots, on top of the walk-ins", &a.appointments.present);
  ap.real_list("per_hour", a.appointments.per_hour, "Bookings in each hour slot of the day (24 entries)")
      .length(24)
      .min(0);
  ap.distribution("offset", a.appointments.offset, "Arrival time after the slot opens");
  ap.probability("no_show", a.appointments.no_show, "Probability that a booking does not show up");
}

void check(ArrivalConfig& a, const std::string& path, scenario::Diagnostics& d) {
  if (a.process == "trace") a.trace = scenario::read_trace_log(a.log, path, d);
  if (a.process == "profile") {
    if (a.hourly_profile.empty()) {
      d.error(path + ".process", "found process: profile, expected an hourly_profile of 24 rates beside it");
    } else if (std::accumulate(a.hourly_profile.begin(), a.hourly_profile.end(), 0.0) <= 0 ||
               std::accumulate(a.weekday_factors.begin(), a.weekday_factors.end(), 0.0) <= 0) {
      d.error(path + ".hourly_profile", "found only zero rates, expected at least one positive rate");
    }
  }
  if (a.process == "renewal" && a.interarrival.mean() <= 0) {
    d.error(path + ".interarrival", "found a mean of 0, expected a positive mean time between arrivals");
  }
  if (a.appointments.present && a.appointments.per_hour.size() != 24) {
    d.error(path + ".appointments", "expected per_hour: 24 booking counts");
  }
}

double mean_rate(const ArrivalConfig& a) {
  double walk_in = 0;
  if (a.process == "poisson") walk_in = a.rate;
  if (a.process == "renewal") walk_in = 1.0 / a.interarrival.mean();
  if (a.process == "trace" && a.trace && a.trace->times.size() > 1 && a.trace->times.back() > a.trace->times.front()) {
    walk_in = static_cast<double>(a.trace->times.size() - 1) / (a.trace->times.back() - a.trace->times.front());
  }
  if (a.process == "profile" && a.hourly_profile.size() == 24) {
    double day = std::accumulate(a.hourly_profile.begin(), a.hourly_profile.end(), 0.0) / 24;
    walk_in = day * std::accumulate(a.weekday_factors.begin(), a.weekday_factors.end(), 0.0) / 7;
  }
  double booked = 0;
  if (a.appointments.present) {
    booked = std::accumulate(a.appointments.per_hour.begin(), a.appointments.per_hour.end(), 0.0) *
             (1 - a.appointments.no_show) / units::kDay;
  }
  return walk_in + booked;
}

ArrivalProcess::ArrivalProcess(const ArrivalConfig& config, double calendar_start)
    : config_(config), calendar_start_(calendar_start) {}

double ArrivalProcess::next(double t, rng::Stream& stream) const {
  if (config_.process == "poisson") return t + stream.exponential(1.0 / config_.rate);
  if (config_.process == "renewal") return t + config_.interarrival.sample(stream);
  if (config_.process == "profile") return next_by_profile(t, stream);
  return kInfinity;
}

double ArrivalProcess::rate_at(double calendar) const {
  double local = std::fmod(calendar, units::kDay);
  if (local < 0) local += units::kDay;
  const auto hour = std::min<std::size_t>(23, static_cast<std::size_t>(local / units::kHour));
  return config_.hourly_profile[hour] * config_.weekday_factors[static_cast<std::size_t>(weekday_of(calendar))];
}

// Inversion of the integrated rate: the rate is constant within each calendar hour, so an Exp(1)
// amount of "work" is used up hour by hour. Exact, no thinning.
double ArrivalProcess::next_by_profile(double t, rng::Stream& stream) const {
  double work = stream.exponential(1.0);
  double calendar = calendar_start_ + t;
  for (int hours = 0; hours < 24 * 7 * 2; ++hours) {  // validation guarantees a positive rate within a week
    const double hour_end = (std::floor(calendar / units::kHour) + 1) * units::kHour;
    const double rate = rate_at(calendar);
    const double available = rate * (hour_end - calendar);
    if (available >= work) return calendar + work / rate - calendar_start_;
    work -= available;
    calendar = hour_end;
  }
  return kInfinity;
}

std::vector<double> appointment_day(const AppointmentConfig& config, double day_start, rng::Stream& stream) {
  std::vector<double> times;
  for (std::size_t hour = 0; hour < config.per_hour.size(); ++hour) {
    const auto bookings = static_cast<long>(std::llround(config.per_hour[hour]));
    for (long b = 0; b < bookings; ++b) {
      if (stream.bernoulli(config.no_show)) continue;
      times.push_back(day_start + static_cast<double>(hour) * units::kHour + config.offset.sample(stream));
    }
  }
  std::sort(times.begin(), times.end());
  return times;
}

}  // namespace porttwin

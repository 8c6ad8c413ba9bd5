// When entities arrive: a homogeneous Poisson process, a non-homogeneous Poisson process from an
// hourly rate profile (with optional day-of-week factors, on the scenario's calendar), a renewal
// process with any inter-arrival distribution, a trace (the arrival times of a real log, a CSV
// file, replayed exactly), or none; plus optional appointment slots (bookings per hour, each
// showing up inside its slot unless it is a no-show).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sim/random/distribution.hpp"
#include "sim/random/stream.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/scenario/trace_log.hpp"

namespace porttwin {

struct AppointmentConfig {
  bool present = false;
  std::vector<double> per_hour;  // bookings in each hour slot of the day (24 entries)
  Distribution offset = Distribution::uniform(0, 3600);  // arrival after the slot opens
  double no_show = 0.05;
};

// The arrival times of a log, in its order: calendar date-times (Unix s of the scenario's local
// calendar) or offsets from the scenario's start (s).
using ArrivalTrace = scenario::TraceLog;

struct ArrivalConfig {
  std::string process = "poisson";  // poisson | profile | renewal | trace | none
  double rate = 60.0 / 3600.0;
  std::vector<double> hourly_profile;  // 24 rates per second, by hour of the local day
  std::vector<double> weekday_factors = {1, 1, 1, 1, 1, 1, 1};  // Monday first
  Distribution interarrival = Distribution::exponential(60);
  scenario::TraceColumns log;  // trace: the CSV log (relative to the scenario file) and its time column
  std::shared_ptr<const ArrivalTrace> trace;  // trace: read by check
  AppointmentConfig appointments;
};

void declare(scenario::Section& section, ArrivalConfig& arrivals);
// Reads a trace's file (relative to the scenario file, diagnostics.source()), every bad value
// reported as the log's file:line.
void check(ArrivalConfig& arrivals, const std::string& path, scenario::Diagnostics& diagnostics);

// Mean arrivals per second over a week (walk-ins and appointments that show up): for sizing checks.
double mean_rate(const ArrivalConfig& arrivals);

// The walk-in process: the next arrival time after `t` (simulated seconds), or +inf if none.
class ArrivalProcess {
 public:
  ArrivalProcess(const ArrivalConfig& config, double calendar_start);
  double next(double t, rng::Stream& stream) const;

 private:
  double next_by_profile(double t, rng::Stream& stream) const;
  double rate_at(double calendar) const;

  const ArrivalConfig& config_;
  double calendar_start_;
};

// One day's appointment arrivals (simulated seconds, sorted) for the day starting at `day_start`.
std::vector<double> appointment_day(const AppointmentConfig& config, double day_start, rng::Stream& stream);

}  // namespace porttwin

// Top-level keys every scenario has: identity, seed, replications, horizon, warm-up, calendar start,
// statistics and recording options.
#pragma once

#include <cstdint>
#include <string>

#include "sim/scenario/schema.hpp"

namespace porttwin::scenario {

inline constexpr double kMaxHorizon = 100 * 365.25 * 86400;  // s: 100 years
inline constexpr double kMaxKpiSamples = 1e7;                 // rows of the /kpi series in one run

struct RunSettings {
  std::string name = "scenario";
  std::string description;
  std::uint64_t seed = 1;
  int replications = 5;
  double horizon = 7 * 86400.0;
  double warmup = 0;
  double start = 1767571200.0;  // 2026-01-05T00:00 (a Monday)
  std::string utc_offset = "+00:00";  // of the calendar's local time, for exchanged date-times (DCSA)
  int batches = 20;
  double kpi_interval = 900;
  bool record_events = true;
  int event_chunk_rows = 65536;
  int deflate = 1;
  bool integrity = true;             // the event rows under a Merkle tree, tree heads in /integrity
  double integrity_checkpoint = 60;  // s of simulated time between tree heads
};

void declare(Section& root, RunSettings& run);
void check(const RunSettings& run, const Section& root, Diagnostics& diagnostics);

}  // namespace porttwin::scenario

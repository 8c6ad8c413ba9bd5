#include "sim/scenario/run_settings.hpp"

#include <cmath>

#include "sim/core/units.hpp"

namespace porttwin::scenario {

void declare(Section& root, RunSettings& run) {
  root.text("name", run.name, "Short name of the scenario, used in output file names and reports");
  root.text("description", run.description, "What the scenario represents and what it is calibrated to");
  root.seed("seed", run.seed, "Seed of every random stream (each component draws from its own named stream)");
  root.integer("replications", run.replications, "Independent replications run by `porttwin run` (streams differ by replication index)")
      .range(1, 100000);
  root.duration("horizon", run.horizon, "Simulated time of one replication (at most 100 years)")
      .greater_than(0)
      .max(kMaxHorizon);
  root.duration("warmup", run.warmup, "Initial period excluded from summary statistics").min(0);
  root.datetime("start", run.start, "Calendar date-time at simulated time 0 (drives day/night and hourly profiles)");
  root.text("utc_offset", run.utc_offset,
            "Offset of the calendar's local time from UTC, +HH:MM or -HH:MM: the offset of the date-times porttwin "
            "exchanges with other systems (DCSA events)");
  Section& stats = root.section("stats", "Statistics options");
  stats.integer("batches", run.batches, "Batch count for batch-means confidence intervals inside one run (0: none)")
      .range(0, 10000);
  Section& record = root.section("record", "What the run file records");
  record.duration("kpi_interval", run.kpi_interval, "Sampling interval of the /kpi time series").greater_than(0);
  record.flag("events", run.record_events, "Write every event row to /events/log");
  record.integer("chunk_rows", run.event_chunk_rows, "Event rows buffered per write (also the HDF5 chunk size)")
      .range(1024, 16777216);
  record.integer("deflate", run.deflate, "Deflate compression level of event data (0 = none)").range(0, 9);
  Section& integrity = root.section("integrity", "The provable event timeline (docs/integrity.md)");
  integrity.flag("enabled", run.integrity,
                 "Put the event rows under an RFC 9162 Merkle tree and store tree heads in /integrity/tree_heads "
                 "(needs record.events)");
  integrity.duration("checkpoint", run.integrity_checkpoint,
                     "Simulated time between tree heads; a change is located to the rows between two heads (0: a "
                     "head after every instant that has events)")
      .min(0);
}

void check(const RunSettings& run, const Section&, Diagnostics& diagnostics) {
  // The /kpi series are kept in memory until the end: bound their rows.
  if (run.kpi_interval > 0 && run.horizon / run.kpi_interval > kMaxKpiSamples) {
    diagnostics.error("record.kpi_interval",
                      "found " + units::format_duration(run.kpi_interval) + " over a horizon of " +
                          units::format_duration(run.horizon) + ", " + units::format_number(std::floor(run.horizon / run.kpi_interval)) +
                          " samples, expected at most " + units::format_number(kMaxKpiSamples) +
                          " (a longer interval or a shorter horizon)");
  }
  if (!units::parse_utc_offset(run.utc_offset)) {
    diagnostics.error("utc_offset", "found \"" + run.utc_offset + "\", expected " + std::string(units::expected_utc_offset));
  }
  if (run.warmup >= run.horizon) {
    diagnostics.error("warmup", "found " + units::format_duration(run.warmup) +
                                        ", expected a warm-up shorter than the horizon (" +
                                        units::format_duration(run.horizon) + ")");
  }
}

}  // namespace porttwin::scenario

// Incidents and recovery drills (models/incidents): availability against MTBF/(MTBF+MTTR), hot
// standby failover, a fibre ring against a single path, cranes and wind limits, a breach in flat and
// segmented networks, the corridor's comm-loss flood after a platform outage, response-team shifts,
// conservation through every incident, and the paired run without incidents.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "analysis/run_file.hpp"
#include "models/corridor/trip.hpp"
#include "models/terminal/container_registry.hpp"
#include "porttwin_command.hpp"
#include "scratch_directory.hpp"
#include "simulation_support.hpp"
#include "models/corridor/record/corridor_events.hpp"
#include "models/incidents/record/incident_events.hpp"
#include "models/terminal/record/terminal_events.hpp"

using porttwin::CorridorEvent;
using porttwin::EventKind;
using porttwin::IncidentEvent;
using porttwin::TerminalEvent;
using porttwin::EventRow;
using porttwin::testing::run_replications;
namespace analysis = porttwin::analysis;

namespace {

template <porttwin::EventCode Kind>
std::vector<EventRow> events_of(const std::filesystem::path& file, Kind kind) {
  std::vector<EventRow> out;
  for (const auto& e : analysis::read_events(file)) {
    if (e.kind == static_cast<std::uint16_t>(kind)) out.push_back(e);
  }
  return out;
}

long count_between(const std::vector<EventRow>& events, double from, double to) {
  return std::count_if(events.begin(), events.end(), [&](const EventRow& e) { return e.time >= from && e.time < to; });
}

double incident_start(const std::filesystem::path& file) {
  const auto starts = events_of(file, IncidentEvent::IncidentStart);
  REQUIRE(starts.size() == 1);
  return starts.front().time;
}

double sum_of_places(const analysis::RunSummary& run) {
  double total = 0;
  for (std::size_t p = 0; p < porttwin::terminal::kPlaces; ++p) {
    total += run.value("terminal.containers." +
                       std::string(porttwin::terminal::place_name(static_cast<porttwin::terminal::Place>(p))));
  }
  return total;
}

}  // namespace

TEST_CASE("incidents: a TOS failing and repaired at exponential times serves MTBF/(MTBF+MTTR) of the time",
          "[incidents][statistics]") {
  const auto reps = run_replications("tests/data/scenarios/incidents_availability.yaml", 4);
  const auto availability = reps.interval("incidents.availability.tos");
  const double expected = 10.0 / 12.0;
  INFO("availability " << availability.mean << " ± " << availability.half_width << ", expected " << expected);
  CHECK(availability.lower <= expected);
  CHECK(availability.upper >= expected);
  CHECK(availability.half_width < 0.05);
  for (const auto& run : reps.runs) CHECK(run.value("incident.tos_failures.occurrences") > 30);
}

TEST_CASE("incidents: a hot standby limits a TOS outage to the failover time, without it the TOS waits for restore",
          "[incidents]") {
  const auto standby = run_replications("scenarios/drills/tos_outage.yaml", 1, {{"incidents.tos.hot_standby", "true"}});
  const auto& with = standby.runs[0];
  CHECK(with.value("incident.tos_crash.time_to_restore") == Approx(180).margin(1e-6));
  CHECK(with.value("incident.tos_crash.work_lost") == 0);
  const double measured = standby.scenario.run.horizon - standby.scenario.run.warmup;
  CHECK(with.value("incidents.availability.tos") == Approx(1 - 180 / measured).epsilon(1e-9));

  const auto cold = run_replications("scenarios/drills/tos_outage.yaml", 1);
  const auto& without = cold.runs[0];
  CHECK(without.value("incident.tos_crash.time_to_restore") > 40 * 60);
  CHECK(without.value("incident.tos_crash.work_lost") > 0);
  CHECK(without.value("incidents.backups") > 24);  // hourly backups went through before the crash
  // The gate ran on its cached white list meanwhile: walk-ins went to the clerks.
  CHECK(without.value("incidents.availability.gate") < 1);
}

TEST_CASE("incidents: a fibre ring survives one cut after rerouting, a single path waits for the splice",
          "[incidents]") {
  const auto ring = run_replications("scenarios/drills/fibre_cut.yaml", 1);
  CHECK(ring.runs[0].value("incident.gate_fibre.time_to_restore") == Approx(45).margin(1e-6));
  const auto single =
      run_replications("scenarios/drills/fibre_cut.yaml", 1, {{"incidents.network.topology", "single_path"}});
  CHECK(single.runs[0].value("incident.gate_fibre.time_to_restore") > 6 * 3600);
  CHECK(single.runs[0].value("incidents.availability.gate") < ring.runs[0].value("incidents.availability.gate"));
}

TEST_CASE("incidents: quay cranes stop above their wind limit and resume below it", "[incidents][terminal]") {
  const auto reps = run_replications("scenarios/drills/storm.yaml", 1);
  const auto& file = reps.files[0];
  const double start = incident_start(file);
  auto moves = events_of(file, TerminalEvent::Discharge);
  const auto loads = events_of(file, TerminalEvent::Load);
  moves.insert(moves.end(), loads.begin(), loads.end());
  // Above 20 m/s from 10 h to 30 h into the storm: a cycle under way when the wind rose may end.
  const double cycle_margin = 20 * 60;
  CHECK(count_between(moves, start + 10 * 3600 + cycle_margin, start + 30 * 3600) == 0);
  CHECK(count_between(moves, start + 8 * 3600, start + 10 * 3600) > 0);   // working before
  CHECK(count_between(moves, start + 30 * 3600, start + 33 * 3600) > 0);  // and again after
  // No vessel berths while the wind is above 17 m/s (6 h to 30 h).
  CHECK(count_between(events_of(file, TerminalEvent::Berth), start + 6 * 3600, start + 30 * 3600) == 0);
  CHECK(reps.runs[0].value("incident.storm.time_to_restore") == Approx(30 * 3600).margin(1e-6));
}

TEST_CASE("incidents: a breach stays in its segment when segmented and spreads in a flat network", "[incidents]") {
  const auto segmented = run_replications("scenarios/drills/ot_breach.yaml", 3);
  const auto flat = run_replications("scenarios/drills/ot_breach.yaml", 3, {{"incidents.network.segmented", "false"}});
  double flat_radius = 0;
  for (std::size_t r = 0; r < 3; ++r) {
    CHECK(segmented.runs[r].value("incident.ot_breach.blast_radius") == 1);
    flat_radius += flat.runs[r].value("incident.ot_breach.blast_radius");
  }
  CHECK(flat_radius > 3);
  // The cranes stood still while the OT segment was down: the incident cost quay time.
  CHECK(segmented.runs[0].value("incident.ot_breach.time_to_restore") > 3600);
}

TEST_CASE("incidents: the supervision platform back after an outage floods no-communication alarms unless reports "
          "were buffered",
          "[incidents][corridor]") {
  const auto lose = run_replications("scenarios/drills/platform_down.yaml", 1);
  const auto buffer =
      run_replications("scenarios/drills/platform_down.yaml", 1, {{"corridor.supervision.outage_mode", "buffer"}});
  auto flood = [](const std::filesystem::path& file) {
    const double start = incident_start(file);
    long n = 0;
    for (const auto& e : events_of(file, CorridorEvent::Alarm)) {
      if (e.detail == static_cast<std::uint16_t>(porttwin::corridor::AlarmKind::NoCommunication) && e.time > start &&
          e.time < start + 8 * 3600) {
        ++n;
      }
    }
    return n;
  };
  const long flooded = flood(lose.files[0]);
  INFO("no-communication alarms after the outage: lose " << flooded << ", buffer " << flood(buffer.files[0]));
  CHECK(flooded > 30);  // every trip silent for 4 h of the 6 h outage
  CHECK(flood(buffer.files[0]) < flooded / 5);
  CHECK(lose.runs[0].value("corridor.reports.lost") > 0);
  CHECK(buffer.runs[0].value("corridor.reports.lost") < lose.runs[0].value("corridor.reports.lost") / 10);
  CHECK(lose.runs[0].value("incident.platform_down.time_to_restore") > 6 * 3600);
}

TEST_CASE("incidents: an alert at night waits for the day shift when no one is on the night shift", "[incidents]") {
  // The crash at 23:00; the SOC has nobody at night, the day shift starts at 07:00.
  const auto reps = run_replications("scenarios/drills/tos_outage.yaml", 1,
                                     {{"incidents.incidents[0].at", "9d23h"}, {"incidents.incidents[0].jitter", "0s"},
                                      {"incidents.teams[0].night", "0"}});
  CHECK(reps.runs[0].value("incident.tos_crash.time_to_detect") >= 8 * 3600);
  CHECK(reps.runs[0].value("incident.tos_crash.time_to_detect") < 8 * 3600 + 30 * 60);
}

TEST_CASE("incidents: X-ray image review stalls while the NII review network has no power", "[incidents][nii]") {
  const auto reps = run_replications("tests/data/scenarios/nii_incident.yaml", 1);
  const auto& file = reps.files[0];
  const double start = incident_start(file);
  const auto places = analysis::read_places(file);
  const auto analysts = static_cast<std::uint32_t>(std::find(places.begin(), places.end(), "nii.analysts") - places.begin());
  REQUIRE(analysts < places.size());
  std::vector<EventRow> reviews;
  for (const auto& e : events_of(file, EventKind::Start)) {
    if (e.place == analysts) reviews.push_back(e);
  }
  // Down from the start for 2 h (power) plus the 30 min restore: at most one image per analyst is
  // taken up (and held until the network is back), no more.
  CHECK(count_between(reviews, start + 1, start + 2.5 * 3600 - 1) <= reps.scenario.nii.xray.analysts);
  CHECK(count_between(reviews, start - 2 * 3600, start) > 20);
  CHECK(count_between(reviews, start + 2.5 * 3600, start + 3.5 * 3600) > 20);  // the backlog is worked off
  CHECK(reps.runs[0].value("incident.review_power.time_to_restore") == Approx(2.5 * 3600).margin(1e-6));
}

TEST_CASE("incidents: containers are conserved through every terminal drill", "[incidents][conservation]") {
  // The terminal model fails the run when its registry and yards disagree; here every box is counted.
  for (const char* drill : {"scenarios/drills/tos_outage.yaml", "scenarios/drills/ot_breach.yaml",
                            "scenarios/drills/fibre_cut.yaml", "scenarios/drills/storm.yaml"}) {
    INFO(drill);
    const auto reps = run_replications(drill, 1, {{"incidents.network.segmented", "false"}});
    const auto& run = reps.runs[0];
    CHECK(sum_of_places(run) == run.value("terminal.containers.created"));
    CHECK(run.value("terminal.trucks_out") > 100);
  }
}

TEST_CASE("incidents: the paired run without incidents has the same arrivals and the same history before the incident",
          "[incidents][determinism]") {
  const auto with = run_replications("scenarios/drills/tos_outage.yaml", 1);
  const auto without = run_replications("scenarios/drills/tos_outage.yaml", 1, {{"incidents.enabled", "false"}});
  const double start = incident_start(with.files[0]);
  const auto a = analysis::read_events(with.files[0]);
  const auto b = analysis::read_events(without.files[0]);
  std::size_t k = 0;
  for (; k < a.size() && a[k].time < start; ++k) {
    REQUIRE(k < b.size());
    REQUIRE(a[k].time == b[k].time);
    REQUIRE(a[k].entity == b[k].entity);
    REQUIRE(a[k].kind == b[k].kind);
  }
  CHECK(k > 10000);
  auto arrivals = [](const std::filesystem::path& file) {
    std::vector<double> t;
    for (const auto& e : events_of(file, TerminalEvent::VesselArrive)) t.push_back(e.time);
    return t;
  };
  CHECK(arrivals(with.files[0]) == arrivals(without.files[0]));
  CHECK(without.runs[0].value("terminal.trucks_out") > 0);
}

TEST_CASE("porttwin drill: paired runs with and without the incident, targets met or missed, costs", "[incidents][cli]") {
  porttwin::testing::ScratchDirectory scratch("drill");
  const auto r = porttwin::testing::run_porttwin(
      {"drill", "scenarios/drills/fibre_cut.yaml", "-n", "2", "-q", "-o", (scratch.path() / "out").string(), "--set",
       "incidents.network.topology=single_path"},
      scratch.path());
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("gate_fibre (fibre_cut)") != std::string::npos);
  // A single path: the gate waits 6 h for the splice, far over the 1 h target.
  CHECK(r.out.find("time to restore") != std::string::npos);
  CHECK(r.out.find("MISSED") != std::string::npos);
  CHECK(r.out.find("cost of the incidents (paired") != std::string::npos);
  CHECK(std::filesystem::exists(scratch.path() / "out" / "sweep.h5"));
  CHECK(std::filesystem::exists(scratch.path() / "out" / "runs" / "p1-r1.h5"));

  const auto bad = porttwin::testing::run_porttwin({"drill", "scenarios/terminal_small.yaml"}, scratch.path());
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("no incidents section") != std::string::npos);
}

// The container terminal as a whole: containers conserved, the yard sound, the rewound yard equal
// to the yard the simulator held, OCR switching by day and night, the yard-crane priority rule, and
// the published calibration figures (docs/calibration.md) on terminal_mainline.yaml.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <vector>

#include "analysis/run_file.hpp"
#include "analysis/yard_state.hpp"
#include "sim/app/run/run_replication.hpp"
#include "models/terminal/terminal_model.hpp"
#include "sim/engine/process_pool.hpp"
#include "sim/engine/simulation.hpp"
#include "simulation_support.hpp"
#include "models/gate/record/gate_events.hpp"

using porttwin::EventKind;
using porttwin::GateEvent;
using porttwin::testing::run_replications;
namespace terminal = porttwin::terminal;

namespace {

const std::vector<porttwin::scenario::Override> kShortSmall = {{"horizon", "10d"}, {"warmup", "2d"}};

double sum_of_places(const porttwin::analysis::RunSummary& run) {
  double total = 0;
  for (std::size_t p = 0; p < terminal::kPlaces; ++p) {
    total += run.value("terminal.containers." + std::string(terminal::place_name(static_cast<terminal::Place>(p))));
  }
  return total;
}

}  // namespace

TEST_CASE("terminal: every container is in exactly one place and the yard stays sound", "[terminal]") {
  // The model itself checks, at the horizon, the registry against the counts and every block's
  // invariants (no two boxes in a slot, none floating), and fails the run otherwise.
  const auto reps = run_replications("scenarios/terminal_small.yaml", 2, kShortSmall);
  for (const auto& run : reps.runs) {
    const double created = run.value("terminal.containers.created");
    CHECK(created > 5000);
    CHECK(sum_of_places(run) == created);
    CHECK(run.value("terminal.containers.left_by_vessel") > 1000);
    CHECK(run.value("terminal.containers.left_by_truck") > 1000);
    CHECK(run.value("terminal.quay.calls") >= 2);
    CHECK(run.value("terminal.yard.retrievals") > 1000);
  }
}

TEST_CASE("terminal: the yard rebuilt from the run file equals the simulator's yard at any time", "[terminal][rewind]") {
  const porttwin::testing::ScratchDirectory scratch("terminal-rewind");
  const auto file = scratch.path() / "rewind.h5";
  // Probes every 5 h against keyframes every 6 h: most probes fall between keyframes.
  const auto codes = porttwin::run_in_processes(1, 1, [&](std::size_t) {
    auto s = porttwin::load_scenario(porttwin::testing::source_path("scenarios/terminal_small.yaml"),
                                     {{"horizon", "4d"}, {"warmup", "0s"}, {"terminal.keyframe_interval", "6h"}});
    std::vector<double> times;
    std::vector<std::vector<porttwin::YardSlotRow>> held;
    std::vector<std::vector<porttwin::YardCraneRow>> held_cranes;
    std::vector<std::vector<porttwin::YardTruckRow>> held_trucks;
    porttwin::RunOptions options{file, 0, false, {}};
    options.instrument = [&](porttwin::Simulation& sim, const std::vector<std::unique_ptr<porttwin::Model>>& models) {
      const auto* model = dynamic_cast<const terminal::TerminalModel*>(models.front().get());
      sim.every(5 * 3600.0, "probe", [&times, &held, &held_cranes, &held_trucks, model](double t) {
        held_trucks.push_back(model->gate().truck_rows(t));
        times.push_back(t);
        held.push_back(porttwin::YardLog::slot_rows_of(model->yard().blocks()));
        held_cranes.push_back(model->yard().crane_rows(t));
      });
    };
    porttwin::run_replication(s, options);
    int mismatches = 0;
    for (std::size_t i = 0; i < times.size(); ++i) {
      const auto rebuilt = porttwin::analysis::yard_state_at(file, times[i]);
      std::vector<porttwin::YardSlotRow> found;
      for (std::uint32_t b = 0; b < rebuilt.blocks().size(); ++b) {
        const auto& block = rebuilt.blocks()[b];
        for (int bay = 0; bay < block.bays; ++bay) {
          for (int row = 0; row < block.rows; ++row) {
            for (int tier = 0; tier < block.tiers; ++tier) {
              const auto id = block.at({bay, row, tier});
              if (id != porttwin::yard::kNoContainer) found.push_back({b, bay, row, tier, id});
            }
          }
        }
      }
      const bool same = found.size() == held[i].size() &&
                        std::equal(found.begin(), found.end(), held[i].begin(), [](const auto& a, const auto& b) {
                          return a.block == b.block && a.bay == b.bay && a.row == b.row && a.tier == b.tier &&
                                 a.container == b.container;
                        });
      // Crane rows carry the time of their last change; position, block and job must agree.
      const auto& cranes = rebuilt.cranes();
      const bool same_cranes =
          cranes.size() == held_cranes[i].size() &&
          std::equal(cranes.begin(), cranes.end(), held_cranes[i].begin(), [](const auto& a, const auto& b) {
            return a.crane == b.crane && a.block == b.block && a.x == b.x && a.y == b.y && a.z == b.z &&
                   a.container == b.container;
          });
      std::vector<porttwin::YardTruckRow> trucks;
      for (const auto& [id, row] : rebuilt.trucks()) trucks.push_back(row);
      const bool same_trucks =
          trucks.size() == held_trucks[i].size() &&
          std::equal(trucks.begin(), trucks.end(), held_trucks[i].begin(), [](const auto& a, const auto& b) {
            return a.truck == b.truck && a.stage == b.stage && a.block == b.block;
          });
      if (!same_trucks) {
        std::fprintf(stderr, "trucks differ at t = %g s: %zu rebuilt, %zu held\n", times[i], trucks.size(),
                     held_trucks[i].size());
        ++mismatches;
      }
      if (!same_cranes) {
        std::fprintf(stderr, "cranes differ at t = %g s\n", times[i]);
        ++mismatches;
      }
      if (!same) {
        std::fprintf(stderr, "yard differs at t = %g s: %zu slots rebuilt, %zu held\n", times[i], found.size(),
                     held[i].size());
        ++mismatches;
      }
    }
    std::size_t trucks_seen = 0;
    for (const auto& t : held_trucks) trucks_seen += t.size();
    return times.size() >= 18 && trucks_seen > 0 && mismatches == 0 ? 0 : 1;
  });
  REQUIRE(codes.size() == 1);
  CHECK(codes[0] == 0);
}

TEST_CASE("terminal: OCR failures happen at night only when daylight accuracy is perfect", "[terminal][gate]") {
  const auto reps = run_replications(
      "scenarios/terminal_small.yaml", 1,
      {{"horizon", "6d"}, {"warmup", "0s"}, {"terminal.gate.ocr.day_accuracy", "1"},
       {"terminal.gate.ocr.night_accuracy", "0.5"}});
  const auto events = porttwin::analysis::read_events(reps.files[0]);
  long night_exceptions = 0;
  for (const auto& e : events) {
    if (e.kind != porttwin::code_of(GateEvent::GateException)) continue;
    const double tod = std::fmod(e.time, 86400.0);  // the scenario starts at local midnight
    INFO("exception at " << e.time << " s");
    CHECK((tod < 6 * 3600 || tod >= 20 * 3600));
    ++night_exceptions;
  }
  CHECK(night_exceptions > 50);
}

TEST_CASE("terminal: the yard-crane priority rule favours the side it names", "[terminal]") {
  const auto quay = run_replications("scenarios/terminal_small.yaml", 1,
                                     {{"horizon", "10d"}, {"warmup", "2d"}, {"terminal.yard_cranes.priority", "quay_first"},
                                      {"terminal.yard_cranes.cranes_per_block", "2"}});
  const auto land = run_replications("scenarios/terminal_small.yaml", 1,
                                     {{"horizon", "10d"}, {"warmup", "2d"}, {"terminal.yard_cranes.priority", "land_first"},
                                      {"terminal.yard_cranes.cranes_per_block", "2"}});
  const auto& q = quay.runs[0];
  const auto& l = land.runs[0];
  CHECK(q.value("terminal.yard.job_wait.quay") < l.value("terminal.yard.job_wait.quay"));
  CHECK(q.value("terminal.yard.job_wait.walk_in") > l.value("terminal.yard.job_wait.walk_in"));
  CHECK(q.value("terminal.quay.turnaround.mean") < l.value("terminal.quay.turnaround.mean"));
}

TEST_CASE("terminal: remote-operation desks are a shared resource that slows the yard when scarce", "[terminal]") {
  auto with_desks = [](const char* desks) {
    return run_replications("scenarios/terminal_small.yaml", 1,
                            {{"horizon", "10d"}, {"warmup", "2d"}, {"terminal.yard_cranes.remote_stations", desks}});
  };
  const auto onboard = with_desks("-1");
  const auto plenty = with_desks("12");  // one per crane: never short
  const auto scarce = with_desks("3");
  // Enough desks change nothing at all: same streams, same events.
  CHECK(plenty.runs[0].value("terminal.yard.job_wait.mean") == onboard.runs[0].value("terminal.yard.job_wait.mean"));
  CHECK(scarce.runs[0].value("terminal.yard.job_wait.mean") > 1.5 * onboard.runs[0].value("terminal.yard.job_wait.mean"));
  CHECK(scarce.runs[0].value("terminal.quay.turnaround.mean") > onboard.runs[0].value("terminal.quay.turnaround.mean"));
}

// Published: gate transaction under 60 s with pre-cleared documents; a 4-lane gate clearing
// 800-1,000 trucks/h at saturation; predictive stacking cutting rehandles by 20-30% against the
// category baseline, on common random numbers (replication r of both policies shares its streams).
TEST_CASE("terminal: terminal_mainline reproduces the published gate and stacking figures", "[terminal][calibration][slow]") {
  const std::vector<porttwin::scenario::Override> two_weeks = {{"horizon", "14d"}, {"warmup", "5d"}};
  auto with_policy = [&](const char* policy) {
    auto o = two_weeks;
    o.push_back({"terminal.yard.stacking.policy", policy});
    return run_replications("scenarios/terminal_mainline.yaml", 4, o);
  };
  const auto category = with_policy("category");
  const auto predictive = with_policy("predictive");

  const auto transaction = category.interval("terminal.gate.transaction.mean");
  INFO("gate transaction " << transaction.mean << " +- " << transaction.half_width << " s");
  CHECK(transaction.mean + transaction.half_width < 60);
  const auto capacity = category.interval("terminal.gate.capacity_per_hour");
  INFO("4-lane capacity " << capacity.mean << " +- " << capacity.half_width << " trucks/h");
  CHECK(capacity.mean - capacity.half_width > 800);
  CHECK(capacity.mean + capacity.half_width < 1000);

  std::vector<double> cuts;
  for (std::size_t r = 0; r < category.runs.size(); ++r) {
    cuts.push_back(1 - predictive.runs[r].value("terminal.yard.rehandles_per_retrieval") /
                           category.runs[r].value("terminal.yard.rehandles_per_retrieval"));
  }
  const auto cut = porttwin::stats::student_t(cuts, 0.95);
  INFO("predictive cuts rehandles by " << cut.mean << " +- " << cut.half_width);
  CHECK(cut.mean - cut.half_width > 0.20);
  CHECK(cut.mean + cut.half_width < 0.30);
}

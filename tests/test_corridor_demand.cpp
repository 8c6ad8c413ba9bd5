// Corridor flows that follow hourly and weekday profiles (the gate's profile machinery): trips only
// in the hours with weight, none on a weekday of factor 0, the daily average kept, and the counts per
// weekday in the ratio of the factors within Poisson bounds.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>

#include "analysis/run_file.hpp"
#include "models/record/event_catalog.hpp"
#include "simulation_support.hpp"

using porttwin::testing::run_replications;

TEST_CASE("corridor demand: a flow follows its hourly and weekday profile", "[corridor][demand]") {
  // Started on Monday 2026-01-05 00:00 UTC. Flow 0: 40 trips a day on average,
  // only from 06:00 to 12:00, Mondays twice as busy, none on Saturdays.
  std::string hours = "[0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]";
  const auto reps = run_replications("tests/data/scenarios/corridor_rules.yaml", 1,
                                     {{"horizon", "28d"},
                                      {"start", "2026-01-05T00:00"},
                                      {"corridor.flows[0].hourly_profile", hours},
                                      {"corridor.flows[0].weekday_factors", "[2, 1, 1, 1, 1, 0, 1]"},
                                      {"corridor.flows[1].trips_per_day", "0.001"}});
  const auto places = porttwin::analysis::read_places(reps.files[0]);
  std::array<double, 7> per_weekday{};
  double total = 0, outside = 0;
  for (const auto& e : porttwin::analysis::read_events(reps.files[0])) {
    if (porttwin::event_name(e.kind) != "ENTER" || places[e.place] != "corridor.a") continue;
    const double hour = std::fmod(e.time, 86400) / 3600;
    if (hour < 6 || hour >= 12) ++outside;
    const int weekday = static_cast<int>(std::floor(e.time / 86400)) % 7;  // 0 Monday
    ++per_weekday[static_cast<std::size_t>(weekday)];
    ++total;
  }
  CHECK(outside == 0);
  CHECK(per_weekday[5] == 0);
  // 28 days, 40 a day on average (factors rescaled to a mean of 1: Monday 2 x 7/7 = 2 of 7 units).
  CHECK(std::abs(total - 1120) < 4 * std::sqrt(1120.0));
  // Four Mondays at 2 x 40 x 7/7 = 80 a day against four Tuesdays at 40.
  CHECK(std::abs(per_weekday[0] - 320) < 4 * std::sqrt(320.0));
  CHECK(std::abs(per_weekday[1] - 160) < 4 * std::sqrt(160.0));
}

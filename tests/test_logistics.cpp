// Device logistics: the min-cost flow on hand-solved instances, the flow balance (imbalance vector,
// stationary distribution), (s, S) and periodic plans on worked cases, device conservation across
// every state at every moment of a run, the charger queue against Pollaczek-Khinchine, the store as
// an M/G/N/N loss system against Erlang B, the lock-inventory sizing search against Erlang B, and the
// policies on returns_one_way.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <vector>

#include "analysis/queueing_theory.hpp"
#include "models/corridor/corridor_model.hpp"
#include "models/logistics/dispatch_policy.hpp"
#include "models/logistics/flow_balance.hpp"
#include "models/logistics/rebalancing.hpp"
#include "sim/app/run/run_replication.hpp"
#include "porttwin_command.hpp"
#include "sim/engine/process_pool.hpp"
#include "sim/engine/simulation.hpp"
#include "simulation_support.hpp"

using namespace porttwin;
using namespace porttwin::logistics;
using porttwin::testing::run_replications;

namespace {

const std::string kErlang = "tests/data/scenarios/logistics_erlang.yaml";
const std::string kChargers = "tests/data/scenarios/logistics_chargers.yaml";

// The store of logistics_erlang.yaml: lambda = 10/h; a device is away 10 + 2 x 100.0756 km / 100 km/h
// + 20 + 10 s + 1 h turnaround.
double erlang_load() {
  const double km = corridor::great_circle_km({0, 0}, {0, 0.9});
  const double away = 10 + 2 * km / 100 * 3600 + 20 + 10 + 3600;
  return 10.0 / 3600 * away;
}

int cost_of(const std::vector<Shipment>& plan, const std::vector<std::vector<double>>& cost) {
  double total = 0;
  for (const auto& s : plan) total += s.devices * cost[static_cast<std::size_t>(s.from)][static_cast<std::size_t>(s.to)];
  return static_cast<int>(total);
}

StoreView store(int ready, int level, int pipeline = 0) {
  StoreView s;
  s.ready = ready;
  s.level = level;
  s.pipeline = pipeline;
  s.held = ready + pipeline;
  s.capacity = 1000;
  s.order_up_to = level;
  return s;
}

}  // namespace

TEST_CASE("logistics: the rebalancing min-cost flow finds the hand-solved optimum", "[logistics]") {
  // Supplies A +5, B +5; needs C -4, D -6. Costs A->C 1, A->D 4, B->C 3, B->D 2. The optimum
  // (worked by hand over the four basic solutions) is A->C 4, A->D 1, B->D 5 at cost 18.
  RebalanceProblem p;
  p.balance = {5, 5, -4, -6};
  p.cost = {{-1, -1, 1, 4}, {-1, -1, 3, 2}, {-1, -1, -1, -1}, {-1, -1, -1, -1}};
  const auto plan = rebalance(p);
  CHECK(cost_of(plan, p.cost) == 18);
  CHECK(plan == std::vector<Shipment>{{0, 2, 4}, {0, 3, 1}, {1, 3, 5}});

  SECTION("more need than supply: all supply moves, the cheapest needs first") {
    p.balance = {3, 0, -4, -6};
    const auto short_plan = rebalance(p);
    CHECK(short_plan == std::vector<Shipment>{{0, 2, 3}});
  }
  SECTION("more supply than need: the surplus stays") {
    p.balance = {9, 9, -1, -2};
    const auto plan2 = rebalance(p);
    CHECK(cost_of(plan2, p.cost) == 1 + 4);  // A->C 1, B->D 2
  }
  SECTION("an arc capacity splits a need over suppliers") {
    p.arc_capacity = 3;
    const auto capped = rebalance(p);
    for (const auto& s : capped) CHECK(s.devices <= 3);
    // D needs 6 over two arcs of 3: A->D 3, B->D 3, then C gets A 2 and B 2: 2 + 6 + 12 + 6.
    CHECK(cost_of(capped, p.cost) == 26);
  }
  SECTION("no arc: nothing moves") {
    p.cost = std::vector<std::vector<double>>(4, std::vector<double>(4, -1));
    CHECK(rebalance(p).empty());
  }
}

TEST_CASE("logistics: imbalance vector and stationary distribution of the device flows", "[logistics]") {
  Eigen::MatrixXd rates(3, 3);
  // Station 0 sends 10/day to 1 and 5/day to 2; 1 sends 4/day to 0; 2 sends 5/day to 0.
  rates << 0, 10, 5, 4, 0, 0, 5, 0, 0;
  const Eigen::VectorXd net = net_inflow(rates);
  CHECK(net(0) == Approx(-6));  // 9 in, 15 out: runs dry
  CHECK(net(1) == Approx(6));   // piles up
  CHECK(net(2) == Approx(0));
  CHECK(net.sum() == Approx(0).margin(1e-12));
  // The device's chain: 0 -> 1 (2/3), 0 -> 2 (1/3); 1 -> 0; 2 -> 0. pi = (1/2, 1/3, 1/6).
  const Eigen::VectorXd pi = stationary_distribution(rates);
  CHECK(pi(0) == Approx(0.5));
  CHECK(pi(1) == Approx(1.0 / 3));
  CHECK(pi(2) == Approx(1.0 / 6));
}

TEST_CASE("logistics: (s, S) orders up to S when the position falls to s, from the nearest store with spare stock", "[logistics]") {
  CHECK(reorder_quantity(6, 5, 12) == 0);
  CHECK(reorder_quantity(5, 5, 12) == 7);
  CHECK(reorder_quantity(0, 5, 12) == 12);
  DispatchSnapshot snap;
  snap.stores = {store(3, 10, 1), store(20, 10), store(30, 10)};
  snap.stores[0].reorder_point = 5;
  snap.stores[0].order_up_to = 12;
  snap.km = {{0, 300, 100}, {300, 0, 200}, {100, 200, 0}};
  snap.hours = snap.km;
  // Position 4 <= 5: order 8, from store 2 (100 km, 20 spare) rather than store 1 (300 km).
  CHECK(reorder_plan(snap, 0) == std::vector<Shipment>{{2, 0, 8}});
  snap.stores[2].ready = 13;  // 3 spare: the rest from store 1
  CHECK(reorder_plan(snap, 0) == std::vector<Shipment>{{2, 0, 3}, {1, 0, 5}});
  snap.stores[0].ready = 5;  // position 6 > 5: no order
  CHECK(reorder_plan(snap, 0).empty());
}

TEST_CASE("logistics: periodic dispatch moves stock above level to the stores below theirs", "[logistics]") {
  DispatchSnapshot snap;
  snap.stores = {store(2, 10), store(25, 10), store(4, 6, 1)};
  snap.km = {{0, 50, 80}, {50, 0, 20}, {80, 20, 0}};
  snap.hours = snap.km;
  // Needs: store 0 8, store 2 1; spare: store 1 15. Largest need first.
  CHECK(periodic_plan(snap) == std::vector<Shipment>{{1, 0, 8}, {1, 2, 1}});
}

TEST_CASE("logistics: the store is an Erlang loss system: trips finding it empty match Erlang B", "[logistics]") {
  const double a = erlang_load();
  const auto reps = run_replications(kErlang, 4);
  const int n = 35;
  const double expected = theory::erlang_b(n, a);  // 0.0553
  const auto ci = reps.interval("corridor.logistics.stockout_probability");
  INFO("Erlang B(" << n << ", " << a << ") = " << expected << ", measured " << ci.mean << " +- " << ci.half_width);
  CHECK(std::abs(ci.mean - expected) <= ci.half_width);
  CHECK(ci.half_width < 0.01);
  for (const auto& run : reps.runs) {  // lost sales leave unsupervised, nobody waits
    CHECK(run.value("corridor.logistics.trips.unsupervised") == run.value("corridor.logistics.a.seal.stockouts"));
    CHECK(run.value("corridor.logistics.trips.delayed") == 0);
    CHECK(run.value("corridor.logistics.devices.lost") == 0);
  }
}

TEST_CASE("logistics: devices queue for chargers as M/D/1 (Pollaczek-Khinchine)", "[logistics]") {
  const auto reps = run_replications(kChargers, 4);
  // 40/h, 1/60 Ah at 1 Ah/h = 60 s: rho = 2/3, Wq = rho S / (2 (1 - rho)) = 60 s.
  const auto expected = theory::mg1(40.0 / 3600, 60, 0);
  const auto wait = reps.interval("logistics.a.elock.chargers.wait.mean");
  const auto busy = reps.interval("logistics.a.elock.chargers.utilisation");
  INFO("P-K Wq " << expected.Wq << ", measured " << wait.mean << " +- " << wait.half_width);
  CHECK(std::abs(wait.mean - expected.Wq) <= std::max(wait.half_width, 0.05 * expected.Wq));
  CHECK(std::abs(busy.mean - expected.utilisation) <= std::max(busy.half_width, 0.01));
  CHECK(reps.runs[0].value("corridor.logistics.stockout_probability") == 0);
}

TEST_CASE("logistics: every device is in exactly one state at every moment", "[logistics]") {
  // Faults, write-offs, losses, ageing and optimised dispatch all on, probed every 7 minutes.
  const auto codes = run_in_processes(1, 1, [](std::size_t) {
    auto s = load_scenario(testing::source_path("scenarios/returns_one_way.yaml"),
                           {{"horizon", "12d"},
                            {"warmup", "0s"},
                            {"corridor.logistics.faults.probability", "0.05"},
                            {"corridor.logistics.faults.write_off", "0.3"},
                            {"corridor.logistics.faults.repair", "1d"},
                            {"corridor.logistics.routes[0].loss", "0.01"},
                            {"corridor.logistics.ageing.fade_per_cycle", "0.05"},
                            {"corridor.logistics.dispatch.policy", "optimised"}});
    int bad = 0, probes = 0;
    RunOptions options{{}, 0, false, {}};
    options.instrument = [&](Simulation& sim, const std::vector<std::unique_ptr<Model>>& models) {
      const auto* corridor = dynamic_cast<const corridor::CorridorModel*>(models.front().get());
      sim.every(420, "probe", [&bad, &probes, corridor](double) {
        const DeviceLogistics& l = *corridor->logistics();
        const DeviceFleet& fleet = l.fleet();
        std::int64_t ready = 0, checked_in = 0, faulty = 0, on_order = 0, total = 0;
        for (const auto& st : l.stores()) {
          ready += static_cast<std::int64_t>(st.ready.size());
          checked_in += st.checked_in;
          faulty += st.faulty;
          on_order += st.on_order;
        }
        for (std::size_t k = 0; k < kDeviceStates; ++k) total += fleet.count(static_cast<DeviceState>(k));
        ++probes;
        if (!fleet.conservation_error().empty() || total != static_cast<std::int64_t>(fleet.size()) ||
            ready != fleet.count(DeviceState::Ready) ||
            checked_in != fleet.count(DeviceState::AwaitingCharge) + fleet.count(DeviceState::Charging) ||
            faulty != fleet.count(DeviceState::Faulty) || on_order != fleet.count(DeviceState::Dispatched)) {
          ++bad;
        }
      });
    };
    const auto result = run_replication(s, options);
    auto value = [&](const std::string& k) {
      for (const auto& item : result.summary) {
        if (item.name == k) return item.value;
      }
      return -1.0;
    };
    const bool exercised = value("corridor.logistics.devices.lost") > 0 && value("corridor.logistics.devices.written_off") > 0 &&
                           value("corridor.logistics.dispatch.devices") > 0;
    return bad == 0 && probes > 2000 && exercised ? 0 : 1;
  });
  CHECK(codes == std::vector<int>{0});
}

TEST_CASE("logistics: on returns_one_way the origin runs dry without dispatch, optimised dispatch delays fewer trips than periodic", "[logistics]") {
  // The policies sweep's setting (scenarios/experiments/returns_policies.sweep.yaml), 30 days, on common
  // random numbers: replication r is the same demand under each policy.
  const std::vector<scenario::Override> tight = {{"horizon", "30d"},
                                                 {"corridor.logistics.stores[0].initial", "900"},
                                                 {"corridor.logistics.stores[0].level", "800"},
                                                 {"corridor.logistics.stores[1].initial", "100"},
                                                 {"corridor.logistics.stores[1].level", "100"}};
  auto under = [&](const std::string& policy) {
    auto o = tight;
    o.push_back({"corridor.logistics.dispatch.policy", policy});
    return run_replications("scenarios/returns_one_way.yaml", 4, o);
  };
  const auto none = under("none"), periodic = under("periodic"), optimised = under("optimised");
  // The flows' imbalance vector: Mombasa -90/day, Nairobi +90/day.
  CHECK(none.runs[0].value("corridor.logistics.mombasa.elock.expected_net_inflow_per_day") == Approx(-90));
  CHECK(none.runs[0].value("corridor.logistics.nairobi_icd.elock.expected_net_inflow_per_day") == Approx(90));
  CHECK(none.interval("corridor.logistics.stockout_probability").mean > 0.3);
  std::vector<double> vs_none, vs_periodic;
  for (std::size_t r = 0; r < 4; ++r) {
    const double delayed = optimised.runs[r].value("corridor.logistics.trips.delayed");
    vs_none.push_back(delayed - none.runs[r].value("corridor.logistics.trips.delayed"));
    vs_periodic.push_back(delayed - periodic.runs[r].value("corridor.logistics.trips.delayed"));
  }
  const auto d_none = stats::student_t(vs_none, 0.95);
  const auto d_periodic = stats::student_t(vs_periodic, 0.95);
  INFO("optimised - none " << d_none.mean << " +- " << d_none.half_width << ", optimised - periodic " << d_periodic.mean
                           << " +- " << d_periodic.half_width);
  CHECK(d_none.mean + d_none.half_width < 0);
  CHECK(d_periodic.mean + d_periodic.half_width < 0);
}

TEST_CASE("porttwin size: the smallest lock inventory for a 5% stockout target is the one Erlang B gives", "[logistics][size][slow]") {
  const double a = erlang_load();
  int expected = 1;
  while (theory::erlang_b(expected, a) >= 0.05) ++expected;
  REQUIRE(expected == 36);  // B(35) = 5.5%, B(36) = 4.4%
  testing::ScratchDirectory scratch("size-locks");
  std::ofstream(scratch.path() / "locks.size.yaml") << "name: locks\nbase: " + testing::source_path(kErlang).string() + R"(
resource:
  key: corridor.logistics.stores[0].initial
  from: 20
  to: 80
target: corridor.logistics.stockout_probability < 5%
confidence: 0.95
replications: {initial: 4, step: 2, max: 16}
)";
  const auto r = testing::run_porttwin({"size", "locks.size.yaml", "-j", "2"}, scratch.path(), scratch.path());
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("answer: corridor.logistics.stores[0].initial = " + std::to_string(expected) + "\n") !=
        std::string::npos);
}

TEST_CASE("logistics: a smart container is the box itself: no store may hold it and its trips ask no store", "[logistics]") {
  // A store of a smart_container type is refused where it is named.
  const auto text_of = [](const std::string& relative) {
    std::ifstream in(testing::source_path(relative));
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  const std::string chargers = text_of(kChargers);
  try {
    parse_scenario(chargers, "chargers.yaml", {{"corridor.devices[0].type", "smart_container"}});
    FAIL("a store of smart containers was accepted");
  } catch (const scenario::InvalidScenario& e) {
    CHECK(std::string(e.what()).find("corridor.logistics.stores[0].device: found \"elock\", a smart_container type") !=
          std::string::npos);
  }
  // Beside the e-locks a flow of smart containers: it needs no store, its trips complete, and the
  // store serves the e-lock trips alone.
  std::string text = chargers;
  const std::string devices = "  devices:\n";
  const std::string flows = "    - {route: a_b, device: elock, trips_per_day: 960}\n";
  REQUIRE(text.find(devices) != std::string::npos);
  REQUIRE(text.find(flows) != std::string::npos);
  text.replace(text.find(flows), flows.size(), flows + "    - {route: a_b, device: box, trips_per_day: 240}\n");
  text.replace(text.find(devices), devices.size(),
               devices + "    - {name: box, type: smart_container, real_time: true, report_interval: 15min}\n");
  testing::ScratchDirectory scratch("smart-container");
  const auto file = scratch.path() / "mixed.yaml";
  std::ofstream(file) << text;
  const auto run = run_replications(file.string(), 1, {{"horizon", "2d"}, {"warmup", "0s"}}).runs[0];
  CHECK(run.value("corridor.trips.completed") > 1000);
  const double elock_requests = run.value("corridor.logistics.a.elock.requests");
  CHECK(elock_requests == Approx(2 * 960).epsilon(0.1));
  CHECK(run.value("corridor.trips.created") - elock_requests == Approx(2 * 240).epsilon(0.15));
}

// The port and its corridor as one system (models/port): the port store's level against the
// transit discharges of a hand-computed deterministic case, the extra yard dwell a finite store
// causes (hand-computed), rebooked trucks, conservation of boxes and devices across the terminal
// and the corridor at every probe with stockouts and faults, each box's history from DISC to
// unsealing under one id, and the scenario errors of a coupling that does not fit.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <fstream>
#include <iterator>
#include <set>

#include "analysis/run_file.hpp"
#include "models/corridor/corridor_model.hpp"
#include "models/corridor/record/corridor_layout.hpp"
#include "models/nii/nii_model.hpp"
#include "models/port/port_model.hpp"
#include "models/terminal/terminal_model.hpp"
#include "models/port/record/port_events.hpp"
#include "models/port/record/port_layout.hpp"
#include "models/record/event_catalog.hpp"
#include "models/terminal/record/terminal_events.hpp"
#include "models/corridor/record/corridor_events.hpp"
#include "models/yard/record/iso6346.hpp"
#include "sim/app/run/run_replication.hpp"
#include "sim/engine/process_pool.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/record/h5_file.hpp"
#include "simulation_support.hpp"
#include "viz/core/event_index.hpp"

using namespace porttwin;
using porttwin::testing::run_replications;

namespace {

const std::string kSmall = "tests/data/scenarios/port_small.yaml";

std::vector<EventRow> events_of_kind(const std::vector<EventRow>& all, std::uint16_t kind) {
  std::vector<EventRow> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out), [kind](const EventRow& e) { return e.kind == kind; });
  return out;
}

std::vector<PortTransitRow> transit_rows(const std::filesystem::path& file) {
  const h5::File f = h5::File::open_read(file.string());
  return read_port_transit(f.root());
}

}  // namespace

TEST_CASE("port: with ample devices the port store's level is its stock minus the transit discharges a dwell earlier",
          "[port]") {
  const auto reps = run_replications(kSmall, 1);
  const auto events = analysis::read_events(reps.files[0]);
  const auto disc = events_of_kind(events, code_of(TerminalEvent::Discharge));
  REQUIRE(disc.size() == 300);
  const auto kpis = analysis::read_kpis(reps.files[0]);
  const auto& time = kpis.at("time");
  const auto& ready = kpis.at("corridor.logistics.port.seal.ready");
  const double dwell = 86400;
  int checked = 0;
  for (std::size_t i = 0; i < time.size(); ++i) {
    // Hand count: every box discharged at d has asked for its device at d + 1 day (walk-in trucks,
    // no customs), and none has come back (domestic route: devices stay inland).
    const auto asked = std::count_if(disc.begin(), disc.end(), [&](const EventRow& e) { return e.time + dwell <= time[i]; });
    CHECK(ready[i] == 1000 - static_cast<double>(asked));
    ++checked;
  }
  CHECK(checked >= 90);
  CHECK(ready.back() == 700);  // all 300 boxes took a device by the horizon
  CHECK(reps.runs[0].value("port.transit.device_wait.mean") == 0);
  CHECK(reps.runs[0].value("port.transit.supervision.device") == 1);
  CHECK(reps.runs[0].value("port.transit.delivered") == 300);
}

TEST_CASE("port: a finite store adds the hand-computed extra yard dwell", "[port]") {
  // 100 devices for 300 boxes, no returns: the first 100 trucks get one at once, each of the other
  // 200 waits the store's max_wait (6 h) and leaves under its fallback (escort).
  const auto reps = run_replications(kSmall, 1, {{"corridor.logistics.stores[0].initial", "100"}});
  const auto& run = reps.runs[0];
  CHECK(run.value("port.transit.device_wait.mean") == Approx(200.0 * 21600 / 300).epsilon(1e-12));
  CHECK(run.value("port.transit.device_wait.p95") == Approx(21600).epsilon(1e-12));
  CHECK(run.value("port.transit.device_wait.share") == Approx(200.0 / 300));
  CHECK(run.value("port.transit.supervision.escort") == Approx(200.0 / 300));
  CHECK(run.value("port.transit.supervision.device") == Approx(100.0 / 300));
  CHECK(run.value("port.transit.device_wait.device.mean") == 0);
  CHECK(run.value("port.transit.device_wait.escort.mean") == Approx(21600).epsilon(1e-12));
  const auto events = analysis::read_events(reps.files[0]);
  CHECK(events_of_kind(events, code_of(PortEvent::LockWait)).size() == 200);
  CHECK(events_of_kind(events, code_of(PortEvent::LockReady)).size() == 200);
  for (const PortTransitRow& row : transit_rows(reps.files[0])) {
    const double wait = row.granted - row.asked;
    CHECK((wait == 0 || wait == Approx(21600).epsilon(1e-12)));
    CHECK(row.supervision == (wait == 0 ? 0 : 1));
    CHECK(row.left > row.granted);
  }
}

TEST_CASE("port: rebooked trucks leave and come back after the device is ready", "[port]") {
  const auto reps = run_replications(kSmall, 1,
                                     {{"corridor.logistics.stores[0].initial", "100"},
                                      {"port.lock_wait", "rebook"},
                                      {"port.rebook_lead", "2h"}});
  CHECK(reps.runs[0].value("port.transit.rebooked") == 200);
  int rebooked = 0;
  for (const PortTransitRow& row : transit_rows(reps.files[0])) {
    if (row.granted == row.asked) continue;
    ++rebooked;
    CHECK(row.left >= row.granted + 7200);  // the new truck came 2 h after the grant
  }
  CHECK(rebooked == 200);
  // The waiting trucks' time at the gate no longer counts in the turn time.
  const auto waiting = run_replications(kSmall, 1, {{"corridor.logistics.stores[0].initial", "100"}});
  CHECK(reps.runs[0].value("terminal.truck_turn.mean") < waiting.runs[0].value("terminal.truck_turn.mean") - 3600);
}

TEST_CASE("port: every box and every device is in one place across terminal and corridor at every probe", "[port]") {
  // port_corridor.yaml with a short port store (stockouts and escorts), device faults and NII,
  // probed every 7 minutes.
  const auto codes = run_in_processes(1, 1, [](std::size_t) {
    auto s = load_scenario(testing::source_path("scenarios/port_corridor.yaml"),
                           {{"horizon", "14d"},
                            {"warmup", "0s"},
                            {"corridor.logistics.stores[0].initial", "150"},
                            {"corridor.logistics.stockout.max_wait", "3h"},
                            {"corridor.logistics.faults.probability", "0.05"}});
    int bad = 0, probes = 0;
    const port::PortModel* port = nullptr;
    const corridor::CorridorModel* corridor = nullptr;
    RunOptions options{{}, 0, false, {}};
    options.instrument = [&](Simulation& sim, const std::vector<std::unique_ptr<Model>>& models) {
      for (const auto& m : models) {
        if (auto* p = dynamic_cast<const port::PortModel*>(m.get())) port = p;
        if (auto* c = dynamic_cast<const corridor::CorridorModel*>(m.get())) corridor = c;
      }
      sim.every(420, "probe", [&](double) {
        ++probes;
        if (!port->conservation_error().empty() || !corridor->trips().conservation_error().empty()) ++bad;
      });
    };
    const auto result = run_replication(s, options);
    auto value = [&](const std::string& k) {
      for (const auto& item : result.summary) {
        if (item.name == k) return item.value;
      }
      return -1.0;
    };
    const bool exercised = value("port.transit.supervision.escort") > 0 && value("port.transit.device_wait.share") > 0 &&
                           value("port.transit.delivered") > 1000;
    return bad == 0 && probes > 2800 && port && exercised ? 0 : 1;
  });
  CHECK(codes == std::vector<int>{0});
}

TEST_CASE("port: a transit box's history runs from DISC to unsealing under one id, in order", "[port]") {
  const auto reps = run_replications("scenarios/port_corridor.yaml", 1, {{"horizon", "12d"}, {"warmup", "1d"}});
  const auto rows = transit_rows(reps.files[0]);
  REQUIRE(rows.size() > 1000);
  std::set<std::uint64_t> delivered;
  std::set<std::string> numbers;
  for (const PortTransitRow& r : rows) {
    CHECK(yard::iso6346_valid(h5::text_of(r.container)));
    numbers.insert(std::string(h5::text_of(r.container)));
    if (r.delivered >= 0) delivered.insert(r.box);
    CHECK(r.discharged <= r.asked);
    if (r.left >= 0) CHECK(r.asked <= r.left);
    if (r.delivered >= 0) CHECK(r.left < r.delivered);
  }
  CHECK(numbers.size() == rows.size());
  REQUIRE(delivered.size() > 500);
  // Each delivered box's events, by its id, at the quay, the port and the corridor's places.
  const auto places = analysis::read_places(reps.files[0]);
  std::map<std::uint64_t, std::vector<EventRow>> story;
  for (const EventRow& e : analysis::read_events(reps.files[0])) {
    if (!delivered.count(e.entity) || e.place >= places.size()) continue;
    const std::string& place = places[e.place];
    const bool quay_move = place == "quay" && (e.kind == code_of(TerminalEvent::Discharge));
    if (quay_move || place.rfind("corridor.", 0) == 0 || place.rfind("port.", 0) == 0) story[e.entity].push_back(e);
  }
  int complete = 0;
  for (const auto& [box, list] : story) {
    std::vector<std::string> kinds;
    for (const EventRow& e : list) kinds.push_back(event_name(e.kind));
    INFO("box " << box);
    REQUIRE(kinds.front() == "DISC");
    const auto at = [&](const std::string& k) { return std::find(kinds.begin(), kinds.end(), k) - kinds.begin(); };
    const auto seal = at("SEAL"), out = at("TRANSIT_OUT"), unseal = at("RMVD");
    REQUIRE(seal < static_cast<long>(kinds.size()));
    REQUIRE(out < static_cast<long>(kinds.size()));
    REQUIRE(unseal < static_cast<long>(kinds.size()));
    CHECK(seal < out);
    CHECK(out < unseal);
    CHECK(std::is_sorted(list.begin(), list.end(), [](const EventRow& a, const EventRow& b) { return a.time < b.time; }));
    ++complete;
  }
  CHECK(complete == static_cast<int>(delivered.size()));
  // The viewer's inspector shows the same story for a yard box.
  const viz::EventIndex index(reps.files[0]);
  const auto shown = index.container_events(*delivered.begin());
  std::vector<std::string> kinds;
  for (const EventRow& e : shown) kinds.push_back(event_name(e.kind));
  CHECK(kinds.front() == "DISC");
  CHECK(std::find(kinds.begin(), kinds.end(), "SEAL") != kinds.end());
  CHECK(std::find(kinds.begin(), kinds.end(), "TRANSIT_OUT") != kinds.end());
  CHECK(kinds.back() == "RMVD");
}

TEST_CASE("port: a coupling that does not fit is refused with located errors", "[port]") {
  const auto error_of = [](const std::vector<scenario::Override>& overrides) {
    try {
      load_scenario(testing::source_path(kSmall), overrides);
    } catch (const scenario::InvalidScenario& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK_THAT(error_of({{"port.station", "inland"}}), Catch::Contains("expected a route from the port's station"));
  CHECK_THAT(error_of({{"terminal.vessels.services[0].transit[0].route", "nowhere"}}), Catch::Contains("nowhere"));
  CHECK_THAT(error_of({{"terminal.vessels.services[0].transit[0].share", "1.5"}}), Catch::Contains("share"));
  CHECK_THAT(error_of({{"terminal.vessels.services[0].owner", "CSQX"}}), Catch::Contains("U, J or Z"));
  CHECK_THAT(error_of({{"corridor.logistics.stores[0].station", "inland"}, {"corridor.logistics.stores[1].station", "inland"}}),
             Catch::Contains("store"));
}

TEST_CASE("port: transit shares without a port: section, and a port: without a corridor, are refused", "[port]") {
  std::ifstream in(testing::source_path(kSmall));
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string no_port = text.substr(0, text.find("\nport:") + 1);
  CHECK_THROWS_WITH(parse_scenario(no_port, "no_port.yaml"), Catch::Contains("expected a port: section"));
  const auto corridor = text.find("\ncorridor:"), port = text.find("\nport:");
  const std::string no_corridor = text.substr(0, corridor + 1) + text.substr(port + 1);
  CHECK_THROWS_WITH(parse_scenario(no_corridor, "no_corridor.yaml"), Catch::Contains("expected a terminal: and a corridor:"));
}

TEST_CASE("port: exports come by the corridor, are unsealed at the port and loaded under the same id", "[port]") {
  const auto reps = run_replications("scenarios/port_corridor.yaml", 1, {{"horizon", "12d"}, {"warmup", "1d"}});
  const auto& run = reps.runs[0];
  CHECK(run.value("port.exports.arrived") > 200);
  CHECK(run.value("port.exports.loaded") > 0.5 * run.value("port.exports.arrived"));
  // The port-bound flow is corridor.flows[0] (nairobi_mombasa): its trips' ids are box ids.
  const h5::File f = h5::File::open_read(reps.files[0].string());
  const auto trips = h5::read_table<CorridorTripRow>(f.root().open_group("corridor"), "trips", corridor_trip_row_type());
  std::set<std::uint64_t> arrived;
  for (const CorridorTripRow& t : trips) {
    if (t.flow == 0 && t.completed >= 0) arrived.insert(t.trip);
    if (t.flow != 0) CHECK((t.trip < (std::uint64_t{1} << 40)) == true);  // the terminal's transit boxes
  }
  const auto places = analysis::read_places(reps.files[0]);
  std::map<std::uint64_t, std::vector<std::string>> story;
  for (const EventRow& e : analysis::read_events(reps.files[0])) {
    if (!arrived.count(e.entity) || e.place >= places.size()) continue;
    const std::string& place = places[e.place];
    if (place == "quay" || place == "corridor.mombasa" || place == "corridor.nairobi_icd") {
      story[e.entity].push_back(event_name(e.kind) + "@" + place);
    }
  }
  int loaded = 0;
  for (const auto& [box, kinds] : story) {
    INFO("box " << box);
    REQUIRE(kinds.front() == "ENTER@corridor.nairobi_icd");
    const auto unseal = std::find(kinds.begin(), kinds.end(), "RMVD@corridor.mombasa");
    REQUIRE(unseal != kinds.end());
    const auto load = std::find(kinds.begin(), kinds.end(), "LOAD@quay");
    if (load != kinds.end()) {
      CHECK(unseal < load);
      ++loaded;
    }
  }
  CHECK(story.size() == arrived.size());
  CHECK(loaded > static_cast<int>(arrived.size()) / 2);
}

TEST_CASE("port: transshipment boxes are the configured share and leave only by vessel", "[port]") {
  // EA3 transships 10% of its 1,500 discharges a call; a probe just before the horizon counts them.
  const auto codes = run_in_processes(1, 1, [](std::size_t) {
    auto s = load_scenario(testing::source_path("scenarios/port_corridor.yaml"), {{"horizon", "21d"}, {"warmup", "0s"}});
    std::int64_t transship = 0, full_ea3 = 0, by_truck = 0, loaded = 0;
    RunOptions options{{}, 0, false, {}};
    options.instrument = [&](Simulation& sim, const std::vector<std::unique_ptr<Model>>& models) {
      const terminal::TerminalModel* t = nullptr;
      for (const auto& m : models) {
        if (auto* p = dynamic_cast<const terminal::TerminalModel*>(m.get())) t = p;
      }
      sim.every(21 * 86400.0 - 60, "probe", [&, t](double) {
        const auto& reg = t->registry();
        for (yard::ContainerId id = 1; id < reg.next_id(); ++id) {
          const auto& r = reg.at(id);
          if (r.vessel < 0 || r.place == terminal::Place::Inland || r.box.arrival == 0) continue;
          const auto& call = t->calls()[static_cast<std::size_t>(r.vessel)];
          if (r.transship) {
            ++transship;
            by_truck += r.place == terminal::Place::LeftByTruck;
            loaded += r.place == terminal::Place::LeftByVessel;
          }
          if (call.service == "EA3" && (r.transship || r.box.category != yard::Category::Export)) ++full_ea3;
        }
      });
    };
    run_replication(s, options);
    // Binomial: share 0.10 of the EA3 discharges, within 4 standard deviations.
    const double n = static_cast<double>(full_ea3), p = 0.10;
    const bool share = std::abs(static_cast<double>(transship) - n * p) <= 4 * std::sqrt(n * p * (1 - p));
    return full_ea3 > 3000 && share && by_truck == 0 && loaded > 0 ? 0 : 1;
  });
  CHECK(codes == std::vector<int>{0});
}

TEST_CASE("port: rail boxes leave on the rail side's trains, within capacity, at departure times", "[port]") {
  const auto reps = run_replications("scenarios/port_corridor.yaml", 1, {{"horizon", "12d"}, {"warmup", "1d"}});
  const auto& run = reps.runs[0];
  CHECK(run.value("terminal.rail.trains") >= 21);
  CHECK(run.value("terminal.rail.boxes") > 300);
  CHECK(run.value("terminal.rail.load_factor") <= 1);
  const auto events = analysis::read_events(reps.files[0]);
  std::map<double, int> trains;  // departure time -> boxes
  for (const EventRow& e : events_of_kind(events, code_of(TerminalEvent::TrainDepart))) {
    CHECK(e.detail <= 80);
    // 04:00, then every 12 h.
    CHECK(std::fmod(e.time - 4 * 3600, 12 * 3600) == Approx(0).margin(1e-6));
    trains[e.time] = e.detail;
  }
  // The SGR route is corridor route 2: its boxes leave the terminal exactly at a train's departure.
  std::map<double, int> left;
  for (const EventRow& e : events_of_kind(events, code_of(PortEvent::TransitOut))) {
    if (e.detail == 2) ++left[e.time];
  }
  REQUIRE(!left.empty());
  for (const auto& [time, boxes] : left) {
    INFO("departure at " << time);
    REQUIRE(trains.count(time) == 1);
    CHECK(trains[time] == boxes);
  }
}

TEST_CASE("port: a transit share applies to its category and declared commodity only", "[port]") {
  // EA1's Kampala share (20%) applies to electronics only (20% of the declarations): about 20% of
  // EA1's electronics go to Kampala, no other commodity does.
  const auto codes = run_in_processes(1, 1, [](std::size_t) {
    auto s = load_scenario(testing::source_path("scenarios/port_corridor.yaml"),
                           {{"horizon", "21d"}, {"warmup", "0s"},
                            {"terminal.vessels.services[0].transit[0].commodity", "electronics"}});
    std::int64_t electronics = 0, to_kampala = 0, wrong = 0;
    RunOptions options{{}, 0, false, {}};
    options.instrument = [&](Simulation& sim, const std::vector<std::unique_ptr<Model>>& models) {
      const terminal::TerminalModel* t = nullptr;
      const nii::NiiModel* n = nullptr;
      for (const auto& m : models) {
        if (auto* p = dynamic_cast<const terminal::TerminalModel*>(m.get())) t = p;
        if (auto* p = dynamic_cast<const nii::NiiModel*>(m.get())) n = p;
      }
      sim.every(21 * 86400.0 - 60, "probe", [&, t, n](double) {
        const auto& reg = t->registry();
        const int kampala = t->config().vessels.services[0].transit[0].flow;
        for (yard::ContainerId id = 1; id < reg.next_id(); ++id) {
          const auto& r = reg.at(id);
          if (r.vessel < 0 || r.box.category == yard::Category::Export || r.transship) continue;
          if (t->calls()[static_cast<std::size_t>(r.vessel)].service_index != 0) continue;
          const nii::Cargo* c = n->cargo_of(id);
          if (!c) continue;
          const bool is_electronics = s.nii.commodities[static_cast<std::size_t>(c->commodity)].name == "electronics";
          electronics += is_electronics;
          if (r.transit == kampala) {
            ++to_kampala;
            wrong += !is_electronics;
          }
        }
      });
    };
    run_replication(s, options);
    const double n = static_cast<double>(electronics);
    const bool share = std::abs(static_cast<double>(to_kampala) - 0.2 * n) <= 4 * std::sqrt(n * 0.2 * 0.8);
    return electronics > 500 && wrong == 0 && share ? 0 : 1;
  });
  CHECK(codes == std::vector<int>{0});
  // A commodity filter needs the declarations of an NII fed by the terminal.
  try {
    load_scenario(testing::source_path(kSmall), {{"terminal.vessels.services[0].transit[0].commodity", "electronics"}});
    FAIL("accepted a commodity without NII");
  } catch (const scenario::InvalidScenario& e) {
    CHECK_THAT(std::string(e.what()), Catch::Contains("expected an nii: section fed by the terminal"));
  }
}

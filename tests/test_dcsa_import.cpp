// porttwin snapshot --from-dcsa (analysis/dcsa_feed, analysis/dcsa_import, docs/dcsa.md): a run's
// own DCSA export read back into a snapshot gives the run's terminal at that instant, box by box
// (against the run's rows and its /yard state), its vessels at berth (against /terminal/calls), and
// a snapshot `run --from` accepts; a broken feed is refused event by event, located.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "analysis/run_file.hpp"
#include "analysis/yard_state.hpp"
#include "models/gate/record/gate_events.hpp"
#include "models/record/event_catalog.hpp"
#include "models/scenario.hpp"
#include "models/terminal/record/terminal_events.hpp"
#include "models/terminal/record/terminal_layout.hpp"
#include "porttwin_command.hpp"
#include "scratch_directory.hpp"
#include "sim/core/units.hpp"
#include "sim/record/h5_file.hpp"
#include "sim/snapshot/json_document.hpp"
#include "simulation_support.hpp"

namespace fs = std::filesystem;
using porttwin::snapshot::Json;

namespace {

const char* const kCategories[] = {"import", "export", "empty", "reefer"};  // BoxCategory
const fs::path kScenario = porttwin::testing::source_path("scenarios/terminal_small.yaml");

// Ten days of terminal_small with every event: three calls, about 2,000 boxes in the yard at the end.
fs::path terminal_run(const porttwin::testing::ScratchDirectory& scratch) {
  const auto s = porttwin::load_scenario(kScenario, {{"horizon", "10d"}, {"record.events", "true"}});
  const fs::path run = scratch.path() / "run.h5";
  porttwin::testing::run_in_child(s, run);
  return run;
}

Json read_json(const fs::path& file) {
  std::ifstream in(file);
  return Json::parse(in);
}

// The run's truth from its own rows: the boxes in the terminal at t (by container number), what
// discharged each call by then.
struct Truth {
  std::map<std::string, porttwin::BoxCategory> present;
  std::map<std::int32_t, int> discharged;
};

Truth truth_at(const fs::path& run, double t) {
  using namespace porttwin;
  const h5::File file = h5::File::open_read(run.string());
  const TerminalRecords records = read_terminal_records(file.root());
  const auto places = analysis::read_places(run);
  auto place = [&](const char* name) {
    return static_cast<std::uint32_t>(std::find(places.begin(), places.end(), name) - places.begin());
  };
  std::map<std::uint64_t, const TruckVisitRow*> visit;
  for (const auto& v : records.truck_visits) visit[v.truck] = &v;
  std::set<std::uint64_t> in;
  Truth truth;
  for (const EventRow& e : analysis::read_events(run)) {
    if (e.time > t) break;
    if (e.kind == code_of(TerminalEvent::Discharge) && e.place == place("quay")) {
      in.insert(e.entity);
      ++truth.discharged[records.boxes[e.entity - 1].call_in];
    } else if (e.kind == code_of(TerminalEvent::Load) && e.place == place("quay")) {
      in.erase(e.entity);
    } else if (e.kind == code_of(TerminalEvent::TrainDepart)) {
      for (const auto& b : records.boxes) {
        if (b.train == static_cast<std::int64_t>(e.entity)) in.erase(b.box);
      }
    } else if ((e.kind == code_of(GateEvent::GateIn) || e.kind == code_of(GateEvent::GateOut)) &&
               e.place == place("terminal.gate") && visit.count(e.entity)) {
      const TruckVisitRow& v = *visit[e.entity];
      if (e.kind == code_of(GateEvent::GateIn) && v.drop) in.insert(v.drop);
      if (e.kind == code_of(GateEvent::GateOut) && v.pickup) in.erase(v.pickup);
    }
  }
  for (std::uint64_t id : in) {
    const TerminalBoxRow& b = records.boxes[id - 1];
    truth.present[std::string(h5::text_of(b.container))] = b.category;
  }
  return truth;
}

double snapshot_time(const Json& snap, double start) {
  return *porttwin::units::parse_datetime(snap["time"].get<std::string>()) - start;
}

}  // namespace

TEST_CASE("porttwin snapshot --from-dcsa: a run's export read back is the run's terminal, box by box") {
  porttwin::testing::ScratchDirectory scratch("dcsa-import");
  const fs::path run = terminal_run(scratch);
  const fs::path events = scratch.path() / "events.json";
  REQUIRE(porttwin::testing::run_porttwin({"export", run.string(), "--dcsa", events.string()}, scratch.path()).exit_code == 0);
  const auto scenario = porttwin::load_scenario(kScenario, {{"horizon", "10d"}});
  const double start = scenario.run.start;
  const porttwin::h5::File file = porttwin::h5::File::open_read(run.string());
  const porttwin::TerminalRecords records = porttwin::read_terminal_records(file.root());
  std::map<std::uint64_t, std::string> number_of;
  std::set<std::string> before_run;  // stacked at time 0 (the first calls' exports): no event in any feed
  for (const auto& b : records.boxes) {
    number_of[b.box] = std::string(porttwin::h5::text_of(b.container));
    if (b.since == 0 && b.call_in < 0) before_run.insert(number_of[b.box]);
  }

  for (const std::string at : {"", "2026-01-13T20:00"}) {
    DYNAMIC_SECTION("at " << (at.empty() ? "the last event" : at)) {
      const fs::path out = scratch.path() / "snapshot.json";
      std::vector<std::string> args = {"snapshot", "--from-dcsa", events.string(), "--scenario", kScenario.string(),
                                       "--set", "horizon=10d", "-o", out.string()};
      if (!at.empty()) args.insert(args.end(), {"--at", at});
      const auto r = porttwin::testing::run_porttwin(args, scratch.path());
      INFO(r.err);
      REQUIRE(r.exit_code == 0);
      const Json snap = read_json(out);
      const double t = snapshot_time(snap, start);
      const Truth truth = truth_at(run, t);

      // Every box the run had in the terminal, none other, each of its category.
      std::map<std::string, std::string> boxes;
      for (const Json& b : snap["terminal"]["boxes"]) boxes[b["id"].get<std::string>()] = b["category"].get<std::string>();
      CHECK(boxes.size() == truth.present.size());
      for (const auto& [number, category] : truth.present) {
        INFO(number);
        REQUIRE(boxes.count(number));
        CHECK(boxes[number] == kCategories[static_cast<int>(category)]);
      }
      // The run's own yard at that instant: every stacked box is in the snapshot (but the ones from
      // before the run, which no feed has); those it has besides are on their way in or out
      // (vehicles, trucks, cranes' spreaders): a handful.
      const porttwin::analysis::YardState yard = porttwin::analysis::yard_state_at(run, t);
      std::set<std::string> stacked;
      for (const auto& block : yard.blocks()) {
        for (const auto id : block.slots) {
          if (id != porttwin::yard::kNoContainer) stacked.insert(number_of.at(id));
        }
      }
      REQUIRE(stacked.size() > 500);
      std::size_t missing = 0;
      for (const std::string& n : stacked) {
        if (!boxes.count(n)) {
          CHECK(before_run.count(n));
          ++missing;
        }
      }
      std::size_t moving = 0;
      for (const auto& [n, c] : boxes) moving += stacked.count(n) ? 0 : 1;
      CHECK(moving <= 14 + 2 * 4 * 3 + 20);  // vehicles, the yard cranes' jobs, trucks inside the gate
      WARN("yard " << stacked.size() << " boxes, snapshot " << boxes.size() << ", from before the run " << missing
                   << ", on their way in or out " << moving);

      // The vessels at berth and what they have left to discharge.
      int here_count = 0;
      std::map<std::string, const Json*> vessels;
      for (const Json& v : snap["terminal"]["vessels"]) vessels[v["call"].get<std::string>()] = &v;
      for (const auto& c : records.calls) {
        const std::string name = std::string(porttwin::h5::text_of(c.service)) + "/" + std::to_string(c.week);
        const bool here = c.arrival >= 0 && c.arrival <= t && (c.departed < 0 || c.departed > t);
        INFO(name);
        if (!here) {
          if (vessels.count(name)) CHECK((*vessels[name])["where"] == "expected");
          continue;
        }
        ++here_count;
        REQUIRE(vessels.count(name));
        CHECK((*vessels[name])["where"] == "at_berth");
        CHECK((*vessels[name])["discharge"] == 1000 - truth.discharged.at(c.call));
      }
      CHECK(std::count_if(vessels.begin(), vessels.end(), [](const auto& v) { return (*v.second)["where"] != "expected"; }) == here_count);
      if (!at.empty()) CHECK(here_count == 1);  // AE1/1 is being worked

      // Each box in a slot of its category's area, ground first: no floating box, no slot twice.
      std::map<std::string, std::string> area;
      for (const auto& b : scenario.terminal.yard.blocks) area[b.name] = b.area;
      std::set<std::tuple<std::string, int, int, int>> slots;
      for (const Json& b : snap["terminal"]["boxes"]) {
        CHECK(area[b["block"].get<std::string>()] == b["category"].get<std::string>());
        CHECK(slots.emplace(b["block"].get<std::string>(), b["bay"].get<int>(), b["row"].get<int>(), b["tier"].get<int>()).second);
      }
      for (const auto& [block, bay, row, tier] : slots) CHECK((tier == 0 || slots.count({block, bay, row, tier - 1})));

      // And a run starts from it.
      const auto v = porttwin::testing::run_porttwin({"validate", kScenario.string(), "--set", "horizon=10d", "--snapshot", out.string()}, scratch.path());
      INFO(v.err);
      CHECK(v.exit_code == 0);
    }
  }
}

TEST_CASE("porttwin snapshot --from-dcsa refuses a broken feed event by event, located, and writes nothing") {
  porttwin::testing::ScratchDirectory scratch("dcsa-import-bad");
  auto event = [](const std::string& code, const std::string& time, const std::string& box, const std::string& extra = "") {
    return "{\"eventType\":\"EQUIPMENT\",\"eventClassifierCode\":\"ACT\",\"eventDateTime\":\"2026-01-05T" + time +
           ":00Z\",\"equipmentEventTypeCode\":\"" + code + "\",\"equipmentReference\":\"" + box +
           "\",\"emptyIndicatorCode\":\"LADEN\"" + extra + "}";
  };
  const fs::path feed = scratch.file("feed.json");
  std::ofstream(feed) << "[\n"
                      << event("GTIN", "01:00", "PTWU0010761") << ",\n"
                      << event("GTIN", "00:30", "PTWU0010777") << ",\n"
                      << event("XXXX", "02:00", "PTWU0010777") << ",\n"
                      << event("GTOT", "03:00", "PTWU0010761") << ",\n"
                      << event("GTOT", "04:00", "PTWU0010761") << ",\n"
                      << event("GTIN", "05:00", "PTWU0010782", ",\"ISOEquipmentCode\":\"22R1\"") << ",\n"
                      << "{\"eventType\":\"TRANSPORT\",\"eventClassifierCode\":\"ACT\",\"eventDateTime\":\"2026-01-05T06:00:00Z\","
                         "\"transportEventTypeCode\":\"ARRI\",\"transportCall\":{\"transportCallID\":\"XX9-0000W\",\"modeOfTransport\":\"VESSEL\"}},\n"
                      << event("DISC", "07:00", "PTWU0010783") << ",\n"
                      << event("GTIN", "08:00", "PTWU0010798") << ",\n"
                      << event("GTIN", "09:00", "PTWU0010798") << ",\n"
                      << "{\"eventType\":\"EQUIPMENT\",\"eventClassifierCode\":\"ACTUAL\",\"eventDateTime\":\"2026-01-05T10:00:00\"}\n"
                      << "]\n";
  const fs::path out = scratch.path() / "snapshot.json";
  const auto r = porttwin::testing::run_porttwin({"snapshot", "--from-dcsa", feed.string(), "--scenario", kScenario.string(), "-o", out.string()}, scratch.path());
  CHECK(r.exit_code == 2);
  CHECK_FALSE(fs::exists(out));
  const std::string f = feed.string();
  for (const std::string& expected : std::vector<std::string>{
           f + ":3:1: error: /1/eventDateTime: event 1: out of order: 2026-01-05T00:30:00.000 is before event 0's 2026-01-05T01:00:00.000",
           f + ":4:1: error: /2/equipmentEventTypeCode: event 2: unknown code \"XXXX\", expected one of LOAD, DISC, GTIN",
           f + ":6:1: error: /4/equipmentReference: event 4: box PTWU0010761 leaves twice: it left at event 3 (GTOT)",
           f + ":7:1: error: /5/equipmentReference: event 5: box PTWU0010782 is a reefer box and the scenario's yard has no reefer block",
           f + ":8:1: error: /6/transportCall: event 6: the scenario has no vessel service \"XX9\"",
           f + ":9:1: error: /7/equipmentReference: event 7: \"PTWU0010783\" is not an ISO 6346 container number",
           f + ":11:1: error: /9/equipmentReference: event 9: box PTWU0010798 arrives (GTIN) while in the terminal since event 8",
           f + ":12:1: error: /10/eventClassifierCode: event 10: found \"ACTUAL\", expected one of ACT, PLN, EST, REQ",
           f + ":12:1: error: /10/eventDateTime: event 10: found \"2026-01-05T10:00:00\", expected an ISO 8601 date-time with its zone",
           f + ":12:1: error: /10: event 10: an EQUIPMENT event has no equipmentEventTypeCode"}) {
    INFO(r.err);
    CHECK(r.err.find(expected) != std::string::npos);
  }

  // Malformed JSON: its line and column.
  const fs::path broken = scratch.file("broken.json");
  std::ofstream(broken) << "[\n" << event("GTIN", "01:00", "PTWU0010761") << ",\n{\"eventType\": tru}\n]\n";
  const auto b = porttwin::testing::run_porttwin({"snapshot", "--from-dcsa", broken.string(), "--scenario", kScenario.string(), "-o", out.string()}, scratch.path());
  CHECK(b.exit_code == 2);
  INFO(b.err);
  CHECK(b.err.find(broken.string() + ":3:18: error: not valid JSON") != std::string::npos);
  CHECK_FALSE(fs::exists(out));

  // Not an array of events.
  const fs::path object = scratch.file("object.json");
  std::ofstream(object) << "{\"items\": []}\n";
  const auto o = porttwin::testing::run_porttwin({"snapshot", "--from-dcsa", object.string(), "--scenario", kScenario.string(), "-o", out.string()}, scratch.path());
  CHECK(o.exit_code == 2);
  CHECK(o.err.find("without an \"events\" array") != std::string::npos);
}

TEST_CASE("porttwin kpis on a run's own export gives the run's own KPIs, and compare takes its file") {
  using namespace porttwin;
  testing::ScratchDirectory scratch("dcsa-kpis");
  const fs::path run = terminal_run(scratch);
  const fs::path events = scratch.path() / "events.json", kpis = scratch.path() / "feed.h5";
  REQUIRE(testing::run_porttwin({"export", run.string(), "--dcsa", events.string()}, scratch.path()).exit_code == 0);
  const auto r = testing::run_porttwin({"kpis", events.string(), "--scenario", kScenario.string(), "--set", "horizon=10d",
                                        "-o", kpis.string()}, scratch.path());
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const analysis::RunSummary feed = analysis::read_summary(kpis), own = analysis::read_summary(run);

  // The model's own summary: equal but for the export's rounding of times to the millisecond.
  for (const char* name : {"terminal.truck_turn.mean", "terminal.truck_turn.p50", "terminal.truck_turn.p95",
                           "terminal.quay.turnaround.mean"}) {
    INFO(name);
    CHECK(feed.value(name) == Approx(own.value(name)).margin(0.001));
  }
  CHECK(feed.value("terminal.trucks_out") == own.value("terminal.trucks_out"));
  CHECK(feed.value("terminal.quay.calls") == own.value("terminal.quay.calls"));
  // Trucks counted at their arrival, not at their gate-in (TNT has no code for it): the trucks
  // between the two at the warm-up's end may differ, a few of some thousand.
  CHECK(feed.value("terminal.gate.trucks_per_hour") == Approx(own.value("terminal.gate.trucks_per_hour")).epsilon(0.01));

  // Dwell per category and gate box moves, which the model does not summarise: against its rows.
  const auto scenario = load_scenario(kScenario, {{"horizon", "10d"}});
  const double from = scenario.run.warmup, to = scenario.run.horizon;
  const h5::File file = h5::File::open_read(run.string());
  const TerminalRecords records = read_terminal_records(file.root());
  const auto places = analysis::read_places(run);
  auto place = [&](const char* name) {
    return static_cast<std::uint32_t>(std::find(places.begin(), places.end(), name) - places.begin());
  };
  std::map<std::uint64_t, const TruckVisitRow*> visit;
  for (const auto& v : records.truck_visits) visit[v.truck] = &v;
  std::map<int, std::pair<double, int>> dwell;  // category: sum, count
  std::size_t moves = 0;
  auto left = [&](std::uint64_t box, double t) {
    const TerminalBoxRow& b = records.boxes[box - 1];
    if (t < from || (b.since == 0 && b.call_in < 0)) return;  // before the window; from before the run: no arrival
    dwell[static_cast<int>(b.category)].first += t - b.since;
    ++dwell[static_cast<int>(b.category)].second;
  };
  for (const EventRow& e : analysis::read_events(run)) {
    if (e.kind == code_of(TerminalEvent::Load) && e.place == place("quay")) left(e.entity, e.time);
    if ((e.kind == code_of(GateEvent::GateIn) || e.kind == code_of(GateEvent::GateOut)) && e.place == place("terminal.gate")) {
      const bool in = e.kind == code_of(GateEvent::GateIn);
      const std::uint64_t box = in ? visit.at(e.entity)->drop : visit.at(e.entity)->pickup;
      if (box && e.time >= from) ++moves;
      if (box && !in) left(box, e.time);
    }
  }
  for (const auto& [category, d] : dwell) {
    INFO(kCategories[category]);
    REQUIRE(d.second > 100);
    CHECK(feed.value(std::string("terminal.dwell.") + kCategories[category] + ".mean") == Approx(d.first / d.second).margin(0.001));
  }
  CHECK(feed.value("terminal.gate.moves_per_hour") == Approx(static_cast<double>(moves) / ((to - from) / 3600)));

  // A feed beside a run in compare: the KPIs both have, side by side.
  const auto c = testing::run_porttwin({"compare", kpis.string(), run.string()}, scratch.path());
  INFO(c.err);
  CHECK(c.exit_code == 0);
  CHECK(c.out.find("A: feed events.json") != std::string::npos);
  CHECK(c.out.find("terminal.truck_turn.mean") != std::string::npos);
}

// porttwin export --dcsa (analysis/dcsa_export, docs/dcsa.md): a coupled port-and-corridor run's
// events as DCSA Track & Trace 2.2 events, checked against the standard's required fields and
// enumerations, against the run's own rows (nothing lost, nothing invented, no ground truth) and
// along one transit box's way from the vessel to its inland destination.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "analysis/run_file.hpp"
#include "models/corridor/record/corridor_layout.hpp"
#include "models/port/record/port_layout.hpp"
#include "models/record/event_catalog.hpp"
#include "models/scenario.hpp"
#include "porttwin_command.hpp"
#include "scratch_directory.hpp"
#include "sim/core/units.hpp"
#include "sim/record/h5_file.hpp"
#include "sim/snapshot/json_document.hpp"
#include "simulation_support.hpp"

namespace fs = std::filesystem;
using porttwin::snapshot::Json;

namespace {

// Four days of the coupled port and corridor: vessels, gate, NII, transit boxes sealed and unsealed.
// Its first service is renamed with a quote, which the export must escape.
fs::path coupled_run(const porttwin::testing::ScratchDirectory& scratch) {
  const auto s = porttwin::load_scenario(porttwin::testing::source_path("scenarios/port_corridor.yaml"),
                                         {{"horizon", "4d"}, {"warmup", "1d"}, {"terminal.vessels.services[0].name", "E\"1"}});
  const fs::path run = scratch.path() / "run.h5";
  porttwin::testing::run_in_child(s, run);
  return run;
}

int validate(const fs::path& events, bool tnt3) {
  const std::string command = "/usr/bin/python3 " +
                              porttwin::testing::shell_quoted(porttwin::testing::source_path("tests/data/dcsa/validate_tnt.py").string()) +
                              " " + porttwin::testing::shell_quoted(porttwin::testing::source_path("docs/dcsa-tnt-2.2.schema.json").string()) +
                              " " + porttwin::testing::shell_quoted(events.string()) + (tnt3 ? " tnt3" : "") + " > /dev/null";
  return std::system(command.c_str());
}

std::size_t rows_of(const std::vector<porttwin::EventRow>& rows, const std::vector<std::string>& places,
                    const char* kind, const char* place) {
  return static_cast<std::size_t>(std::count_if(rows.begin(), rows.end(), [&](const porttwin::EventRow& e) {
    return porttwin::event_name(e.kind) == kind && places[e.place] == place;
  }));
}

// A delivered transit box of `route`: its DCSA events' codes in order, the modes of their transport
// calls and the events that carry a seal.
struct BoxStory {
  std::string number;
  std::vector<std::string> codes;
  std::set<std::string> modes;
  std::vector<const Json*> sealed;
  std::size_t position(const std::string& code) const {
    return static_cast<std::size_t>(std::find(codes.begin(), codes.end(), code) - codes.begin());
  }
};

BoxStory story_of_delivered_box(const porttwin::h5::File& file, const Json& events, const std::string& route) {
  std::uint32_t index = 0;
  for (const auto& r : porttwin::h5::read_table<porttwin::CorridorRouteRow>(file.root().open_group("corridor"), "routes",
                                                                           porttwin::corridor_route_row_type())) {
    if (porttwin::h5::text_of(r.name) == route) index = r.index;
  }
  const auto transit = porttwin::read_port_transit(file.root());
  const auto box = std::find_if(transit.begin(), transit.end(),
                                [&](const auto& t) { return t.delivered >= 0 && t.route == index; });
  REQUIRE(box != transit.end());
  BoxStory story;
  story.number = std::string(porttwin::h5::text_of(box->container));
  for (const Json& e : events) {
    if (e.value("equipmentReference", "") != story.number) continue;
    story.codes.push_back(e["equipmentEventTypeCode"].get<std::string>());
    story.modes.insert(e["transportCall"]["modeOfTransport"].get<std::string>());
    if (e.contains("seals")) story.sealed.push_back(&e);
  }
  return story;
}

}  // namespace

TEST_CASE("porttwin export --dcsa: every event of a coupled run meets TNT 2.2; the run's rows are all accounted for") {
  porttwin::testing::ScratchDirectory scratch("dcsa-export");
  const fs::path run = coupled_run(scratch);
  const fs::path out = scratch.path() / "events.json", draft = scratch.path() / "draft.json";
  const auto plain = porttwin::testing::run_porttwin({"export", run.string(), "--dcsa", out.string()}, scratch.path());
  INFO(plain.err);
  REQUIRE(plain.exit_code == 0);
  REQUIRE(porttwin::testing::run_porttwin({"export", run.string(), "--dcsa", draft.string(), "--tnt3-draft"},
                                          scratch.path()).exit_code == 0);

  // The standard's required fields, enumerations and lengths, event by event; the draft's customs and
  // border codes are not TNT 2.2's, so the schema refuses them unless told.
  CHECK(validate(out, false) == 0);
  CHECK(validate(draft, true) == 0);
  CHECK(validate(draft, false) != 0);

  const Json events = Json::parse(porttwin::testing::read_text(out));
  const auto rows = porttwin::analysis::read_events(run);
  const auto places = porttwin::analysis::read_places(run);
  std::map<std::string, std::size_t> by_code;
  std::set<std::string> ids;
  std::string last;
  for (const Json& e : events) {
    std::string code = e.contains("equipmentEventTypeCode") ? e["equipmentEventTypeCode"].get<std::string>()
                                                             : e["transportEventTypeCode"].get<std::string>();
    if (e.contains("transportEventTypeCode") && e["transportCall"]["modeOfTransport"] == "TRUCK") code = "truck " + code;
    ++by_code[code];
    CHECK(ids.insert(e["eventID"].get<std::string>()).second);  // one id an event
    const auto when = porttwin::units::parse_datetime_utc(e["eventDateTime"].get<std::string>());
    REQUIRE(when);
    CHECK(e["eventDateTime"].get<std::string>().ends_with("+03:00"));  // the scenario's utc_offset
    if (!last.empty()) CHECK(*porttwin::units::parse_datetime_utc(last) <= *when);  // in the rows' order
    last = e["eventDateTime"].get<std::string>();
  }
  // A user's service name, escaped: the file parsed, and the name came back as it was.
  CHECK(std::any_of(events.begin(), events.end(), [](const Json& e) {
    return e.contains("transportCall") && e["transportCall"].value("carrierServiceCode", "") == "E\"1";
  }));
  // Every vessel move and call of the run, no more: one DCSA event a row.
  CHECK(by_code["DISC"] == rows_of(rows, places, "DISC", "quay"));
  CHECK(by_code["ARRI"] == rows_of(rows, places, "ARRI", "quay"));
  CHECK(by_code["DEPA"] == rows_of(rows, places, "DEPA", "quay"));
  // Every truck's visit: its arrival at the gate (ENTER) and its departure (GTOT), box or not.
  CHECK(by_code["truck ARRI"] == rows_of(rows, places, "ENTER", "terminal.gate"));
  CHECK(by_code["truck DEPA"] == rows_of(rows, places, "GTOT", "terminal.gate"));
  CHECK(by_code["truck DEPA"] > 1000);
  CHECK(by_code["DISC"] > 1000);
  std::size_t unsealed = 0;
  for (const auto& e : rows) unsealed += porttwin::event_name(e.kind) == "RMVD";
  CHECK(by_code["RMVD"] == unsealed);
  // A gate transaction is a box's event only when the truck carries one through that gate.
  CHECK(by_code["GTIN"] > 0);
  CHECK(by_code["GTIN"] < rows_of(rows, places, "GTIN", "terminal.gate"));
  // Nothing of the ground truth leaves the run, and no TNT 2.2 code is invented for customs.
  CHECK(by_code.count("CUSR") == 0);
  std::size_t attacks = 0;
  for (const auto& e : rows) attacks += porttwin::event_name(e.kind) == "ATTACK";
  REQUIRE(attacks > 0);
  CHECK(plain.err.find("ATTACK " + std::to_string(attacks) + ",") != std::string::npos);  // every one left out

  // One transit box's way, under its ISO 6346 number: discharged, gated out sealed, unsealed inland.
  const porttwin::h5::File file = porttwin::h5::File::open_read(run.string());
  const BoxStory road = story_of_delivered_box(file, events, "mombasa_kampala");  // by truck
  INFO(road.number);
  REQUIRE(road.codes.size() >= 3);
  CHECK(road.codes.front() == "DISC");
  CHECK(road.codes.back() == "RMVD");
  CHECK(road.position("GTOT") < road.position("RMVD"));
  for (const Json* e : road.sealed) {
    CHECK(e->at("seals")[0]["sealSource"] == "CUS");
    CHECK(e->at("seals")[0]["sealType"] == "KLP");  // the scenario's active e-locks
  }
  CHECK(road.sealed.size() >= 2);  // GTOT, the readers, RMVD

  // A box of the Nairobi railway leaves on its train: LOAD by rail, sealed, before its unsealing inland.
  const BoxStory rail = story_of_delivered_box(file, events, "mombasa_nairobi_sgr");
  INFO(rail.number);
  CHECK(rail.codes.front() == "DISC");
  CHECK(std::count(rail.codes.begin(), rail.codes.end(), "LOAD") == 1);
  CHECK(rail.position("GTOT") == rail.codes.size());  // never through the gate
  CHECK(rail.position("LOAD") < rail.position("RMVD"));
  CHECK(rail.modes.count("RAIL") == 1);
  std::size_t on_trains = 0;
  for (const auto& e : rows) {
    if (porttwin::event_name(e.kind) == "TRAIN_DEPART") on_trains += e.detail;
  }
  CHECK(by_code["LOAD"] == rows_of(rows, places, "LOAD", "quay") + on_trains);  // a train's boxes, each

  // The same run file gives the same bytes.
  const fs::path again = scratch.path() / "again.json";
  REQUIRE(porttwin::testing::run_porttwin({"export", run.string(), "--dcsa", again.string()}, scratch.path()).exit_code == 0);
  CHECK(porttwin::testing::read_text(again) == porttwin::testing::read_text(out));
}

TEST_CASE("porttwin export --dcsa refuses what is not a run file, and leaves no output behind") {
  porttwin::testing::ScratchDirectory scratch("dcsa-export-bad");
  const fs::path not_run = scratch.file("not-a-run.h5");
  std::ofstream(not_run) << "not HDF5\n";
  const fs::path out = scratch.path() / "events.json";
  const auto r = porttwin::testing::run_porttwin({"export", not_run.string(), "--dcsa", out.string()}, scratch.path());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("not-a-run.h5") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
}

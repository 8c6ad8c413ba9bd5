#include "models/nii/nii_state.hpp"

#include <limits>
#include <map>
#include <set>

#include "models/yard/record/iso6346.hpp"
#include "sim/scenario/name_resolution.hpp"

namespace porttwin::nii {

snapshot::Json nii_state_schema() {
  using snapshot::Json;
  using namespace snapshot::schema;
  const Json time = date_time();
  auto unit = [](const std::string& description) { return number(0, description, 1); };
  const Json truth = object("What the box really holds, and the draws that decide its alarms (a simulated state's)",
                            {{"truth", one_of(snapshot::choices(kTruthNames), "what it carries")},
                             {"xray_score", unit("the anomaly score its scan gives")},
                             {"u_rpm", unit("decides the portal's alarm")},
                             {"ai_score", unit("the score AI pre-classification gives it")},
                             {"u_find", unit("decides whether an inspection finds a threat")},
                             {"u_adjudication", unit("decides primary adjudication of a portal alarm")}},
                            {"truth"});
  const Json box = object(
      "A box customs has in process or holds",
      {{"id", integer(0, "a standalone box's number")},
       {"box", container_number("a terminal box")},
       {"commodity", text("its declared commodity class")},
       {"outcome", one_of({"in_process", "held"}, "in process, or held by customs")},
       {"stage", one_of(snapshot::choices(kStageNames), "in process: where it is")},
       {"secondary", one_of(snapshot::choices(kSecondaryKindNames), "at secondary: what for")},
       {"arrived", time},
       {"trusted", flag("its trader is trusted")},
       {"risk", unit("its selectivity score")},
       {"route", one_of(snapshot::choices(kRouteNames), "the route risk selection chose")},
       {"rpm_screened", flag("it passes the radiation portal")},
       {"alarm_time", time},
       {"rpm_alarm", flag("the portal alarmed")},
       {"rpm_cleared", flag("primary adjudication cleared the portal's alarm")},
       {"xray_scanned", flag("its image was reviewed")},
       {"xray_alarm", flag("the image alarmed")},
       {"ai_cleared", flag("the AI cleared the image's alarm")},
       {"secondaries", integer(0, "secondary inspections so far")},
       {"truth", truth}},
      {"commodity", "outcome"});
  return object("Customs NII's state", {{"boxes", array_of(box)}}, {});
}

std::vector<SavedCargo> read_nii_state(const snapshot::SectionReader& r, const snapshot::Json& section,
                                       const NiiConfig& config) {
  using snapshot::Json;
  using snapshot::pointer_append;
  std::vector<SavedCargo> out;
  const double now = r.snapshot().time;
  const std::string root = "/nii";
  r.only(section, root, {"boxes"});
  const bool terminal = config.feed == "terminal";
  const std::set<std::string> terminal_boxes = terminal ? r.texts_of("terminal", "boxes", "id") : std::set<std::string>{};
  const auto commodities = scenario::names_of(config.commodities);
  std::map<std::string, std::string> seen;
  const auto keys = {"id", "box", "commodity", "outcome", "stage", "secondary", "arrived", "trusted", "risk", "route",
                     "rpm_screened", "alarm_time", "rpm_alarm", "rpm_cleared", "xray_scanned", "xray_alarm", "ai_cleared", "secondaries",
                     "truth"};
  r.each_object(section, root, "boxes", keys, [&](const Json& v, const std::string& p) {
    SavedCargo s;
    s.pointer = p;
    Cargo& c = s.cargo;
    std::string key;
    if (auto id = r.integer(v, p, "id", !terminal, 0, std::numeric_limits<std::int64_t>::max())) {
      if (terminal) r.error(pointer_append(p, "id"), "with feed: terminal a box is named by its number (\"box\")");
      c.id = static_cast<std::uint64_t>(*id);
      key = std::to_string(*id);
    }
    if (auto box = r.text(v, p, "box", terminal)) {
      if (!terminal) r.error(pointer_append(p, "box"), "only with feed: terminal are NII's boxes the terminal's");
      else if (!terminal_boxes.count(*box)) r.error(pointer_append(p, "box"), "box " + *box + " is not among the snapshot's terminal boxes");
      s.box = *box;
      key = *box;
    }
    if (!key.empty()) {
      if (auto [it, fresh] = seen.emplace(key, p); !fresh) r.error(p, "box " + key + " is listed twice (first at " + it->second + ")");
    }
    if (auto k = r.named(v, p, "commodity", true, commodities, "NII commodity class")) c.commodity = static_cast<int>(*k);
    if (auto o = r.choice(v, p, "outcome", true, {"in_process", "held"})) c.outcome = *o == 0 ? Outcome::InProcess : Outcome::Held;
    const bool in_process = c.outcome == Outcome::InProcess;
    if (auto st = r.choice(v, p, "stage", in_process, snapshot::choices(kStageNames))) {
      if (!in_process) r.error(pointer_append(p, "stage"), "a box customs holds is in no stage");
      c.stage = static_cast<Stage>(*st);
    }
    const bool at_secondary = in_process && c.stage == Stage::Secondary;
    if (auto k = r.choice(v, p, "secondary", at_secondary, snapshot::choices(kSecondaryKindNames))) {
      if (!at_secondary) r.error(pointer_append(p, "secondary"), "only a box at secondary is there for something");
      c.secondary = static_cast<SecondaryKind>(*k);
    }
    if (auto a = r.time(v, p, "arrived", false)) {
      if (*a > now) r.error(pointer_append(p, "arrived"), "is after the snapshot's time");
      c.arrived = std::min(*a, now);
    } else {
      c.arrived = now;
    }
    c.trusted = r.flag(v, p, "trusted", false).value_or(false);
    c.risk = r.number(v, p, "risk", false, 0, 1).value_or(0);
    if (auto route = r.choice(v, p, "route", false, snapshot::choices(kRouteNames))) c.route = static_cast<Route>(*route);
    c.rpm_screened = r.flag(v, p, "rpm_screened", false).value_or(true);
    if (auto t = r.time(v, p, "alarm_time", false)) {
      if (*t > now) r.error(pointer_append(p, "alarm_time"), "is after the snapshot's time");
      c.alarm_time = std::min(*t, now);
    }
    c.rpm_alarm = r.flag(v, p, "rpm_alarm", false).value_or(false);
    c.rpm_cleared = r.flag(v, p, "rpm_cleared", false).value_or(false);
    if (in_process && c.stage == Stage::Adjudication && !c.rpm_alarm) {
      r.error(pointer_append(p, "stage"), "a box at adjudication is one whose portal alarmed (\"rpm_alarm\": true)");
    }
    c.xray_scanned = r.flag(v, p, "xray_scanned", false).value_or(false);
    c.xray_alarm = r.flag(v, p, "xray_alarm", false).value_or(false);
    c.ai_cleared = r.flag(v, p, "ai_cleared", false).value_or(false);
    c.secondaries = static_cast<int>(r.integer(v, p, "secondaries", false, 0, 100).value_or(0));
    if (in_process && (c.stage == Stage::Xray || c.stage == Stage::Review) && c.route != Route::Scan) {
      r.error(pointer_append(p, "stage"), "a box at X-ray or review is on the scan route (\"route\": \"scan\")");
    }
    if (const Json* truth = r.member(v, p, "truth", false)) {
      const std::string pt = pointer_append(p, "truth");
      if (r.is_object(*truth, pt)) {
        r.only(*truth, pt, {"truth", "xray_score", "u_rpm", "ai_score", "u_find", "u_adjudication"});
        s.has_truth = true;
        if (auto t = r.choice(*truth, pt, "truth", true, snapshot::choices(kTruthNames))) c.truth = static_cast<Truth>(*t);
        c.xray_score = r.number(*truth, pt, "xray_score", false, 0, 1).value_or(0);
        c.u_rpm = r.number(*truth, pt, "u_rpm", false, 0, 1).value_or(0.5);
        c.ai_score = r.number(*truth, pt, "ai_score", false, 0, 1).value_or(0.5);
        c.u_find = r.number(*truth, pt, "u_find", false, 0, 1).value_or(0.5);
        c.u_adjudication = r.number(*truth, pt, "u_adjudication", false, 0, 1).value_or(0.5);
      }
    }
    out.push_back(std::move(s));
  });
  return out;
}

}  // namespace porttwin::nii

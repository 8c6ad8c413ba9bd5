#include "analysis/dcsa_kpis.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_map>

#include "sim/stats/tally.hpp"

namespace porttwin::analysis {

namespace {

bool at_place(const DcsaEvent& e, const DcsaKpiWindow& w) {
  if (!w.un_locode.empty() && !e.un_locode.empty() && e.un_locode != w.un_locode) return false;
  if (!w.facility_code.empty() && !e.facility.empty() && e.facility != w.facility_code) return false;
  return true;
}

}  // namespace

DcsaKpiWindow feed_window(const DcsaFeed& feed) {
  DcsaKpiWindow w;
  bool any = false;
  for (const DcsaEvent& e : feed.events) {
    if (e.type == DcsaType::Other || e.classifier != DcsaClassifier::Actual) continue;
    w.from = any ? std::min(w.from, e.time) : e.time;
    w.to = any ? std::max(w.to, e.time) : e.time;
    any = true;
  }
  return w;
}

std::vector<DcsaKpi> dcsa_kpis(const DcsaFeed& feed, const DcsaKpiWindow& window) {
  // The model's tallies: samples from the window's start (its warm-up), type-7 quantiles.
  const stats::BatchPlan plan{window.from, 0, 0};
  stats::Tally turn(plan, true), turnaround(plan);
  std::map<std::string, stats::Tally> dwell;
  for (const char* c : {"import", "export", "empty", "reefer"}) dwell.emplace(c, stats::Tally(plan));
  std::unordered_map<std::string, double> truck_arrival, vessel_arrival;
  std::unordered_map<std::string, std::pair<double, std::string>> box_arrival;  // since, category
  std::uint64_t trucks_in = 0, trucks_out = 0, gate_moves = 0, calls = 0;
  const auto inside = [&](double t) { return t >= window.from && t <= window.to; };
  for (const DcsaEvent& e : feed.events) {
    if (e.type == DcsaType::Other || e.classifier != DcsaClassifier::Actual || !at_place(e, window)) continue;
    if (e.time > window.to) continue;
    if (e.type == DcsaType::Transport) {
      const bool arrival = e.code == "ARRI";
      auto& open = e.mode == "TRUCK" ? truck_arrival : vessel_arrival;
      if (e.mode != "TRUCK" && e.mode != "VESSEL") continue;
      if (arrival) {
        open[e.call_id] = e.time;
        if (e.mode == "TRUCK" && inside(e.time)) ++trucks_in;
        continue;
      }
      const auto it = open.find(e.call_id);
      if (e.mode == "TRUCK" && inside(e.time)) ++trucks_out;
      if (e.mode == "VESSEL" && inside(e.time)) ++calls;
      if (it == open.end()) continue;  // arrived before the feed began
      (e.mode == "TRUCK" ? turn : turnaround).add(e.time - it->second, e.time);
      open.erase(it);
      continue;
    }
    const bool arrives = e.code == "DISC" || e.code == "GTIN";
    const bool leaves = e.code == "LOAD" || e.code == "GTOT";
    if ((e.code == "GTIN" || e.code == "GTOT") && inside(e.time)) ++gate_moves;
    if (arrives) box_arrival[e.equipment] = {e.time, dcsa_category(e)};
    if (leaves) {
      const auto it = box_arrival.find(e.equipment);
      if (it == box_arrival.end()) continue;
      dwell.at(it->second.second).add(e.time - it->second.first, e.time);
      box_arrival.erase(it);
    }
  }
  const double hours = (window.to - window.from) / 3600.0;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const auto per_hour = [&](double n) { return hours > 0 ? n / hours : nan; };
  const auto q = [](const stats::Tally& t, double p) { return t.count() ? t.quantile(p) : std::numeric_limits<double>::quiet_NaN(); };
  const auto n = [](const stats::Tally& t) { return static_cast<std::uint64_t>(t.count()); };
  std::vector<DcsaKpi> out = {
      {"terminal.truck_turn.mean", "s", "Truck turn time, gate arrival to out-gate", turn.mean(), n(turn), true},
      {"terminal.truck_turn.p50", "s", "Median truck turn time", q(turn, 0.5), n(turn), false},
      {"terminal.truck_turn.p95", "s", "95th percentile of the truck turn time", q(turn, 0.95), n(turn), true},
      {"terminal.trucks_out", "trucks", "Truck visits completed", static_cast<double>(trucks_out), trucks_out, false},
      {"terminal.gate.trucks_per_hour", "trucks/h", "Trucks through the gate per hour (their arrivals)",
       per_hour(static_cast<double>(trucks_in)), trucks_in, true},
      {"terminal.gate.moves_per_hour", "boxes/h", "Boxes through the gate per hour (GTIN and GTOT)",
       per_hour(static_cast<double>(gate_moves)), gate_moves, true},
      {"terminal.quay.turnaround.mean", "s", "Vessel arrival to departure", turnaround.mean(), n(turnaround), true},
      {"terminal.quay.calls", "calls", "Vessel calls completed", static_cast<double>(calls), calls, false},
  };
  for (const auto& [category, t] : dwell) {
    out.push_back({"terminal.dwell." + category + ".mean", "s",
                   "Dwell of the " + category + " boxes that left: arrival (DISC, GTIN) to departure (LOAD, GTOT)",
                   t.mean(), n(t), true});
  }
  std::sort(out.begin(), out.end(), [](const DcsaKpi& a, const DcsaKpi& b) { return a.name < b.name; });
  return out;
}

}  // namespace porttwin::analysis

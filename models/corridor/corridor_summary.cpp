// KPI series and the summary of the corridor: trips, devices, alarms, detection, borders, the centre (corridor_model.cpp lists the files of CorridorModel).
#include "models/corridor/corridor_model.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "models/corridor/record/corridor_events.hpp"
#include "sim/engine/delay.hpp"
#include "sim/stats/ratio.hpp"

namespace porttwin::corridor {

namespace {

double mean_of(const std::vector<std::unique_ptr<Station>>& stations) {
  double sum = 0;
  std::int64_t n = 0;
  for (const auto& s : stations) {
    if (s->waits().count() == 0) continue;
    sum += s->waits().mean() * static_cast<double>(s->waits().count());
    n += s->waits().count();
  }
  return n ? sum / static_cast<double>(n) : 0;
}

}  // namespace

void CorridorModel::finish_recording() { tracks_.finish(trips_); }

void CorridorModel::declare_kpis(Recorder& r) {
  kpi_in_transit_ = r.kpi_series("corridor.in_transit", "trips", "Trips sealed and on their way, at the sample time");
  kpi_completed_ = r.kpi_series("corridor.completed", "trips", "Trips unsealed at destination in the interval");
  if (logistics_) logistics_->declare_kpis(r);
}

void CorridorModel::sample_kpis(Recorder& r, double) {
  r.kpi_value(kpi_in_transit_, static_cast<double>(trips_.count(TripState::InTransit)));
  const std::int64_t done = trips_.count(TripState::Completed);
  r.kpi_value(kpi_completed_, static_cast<double>(done - last_completed_));
  last_completed_ = done;
  if (logistics_) logistics_->sample_kpis(r);
}

void CorridorModel::write_summary(Recorder& r, double now) const {
  const std::string broken = trips_.conservation_error();
  if (!broken.empty()) throw std::logic_error("corridor conservation: " + broken);
  for (const auto& s : staff_) s->write_summary(r, now);
  for (const auto& s : readers_) s->write_summary(r, now);
  for (auto* group : {&inspectors_, &handheld_}) {
    for (const auto& s : *group) {
      if (s) s->write_summary(r, now);
    }
  }
  if (logistics_) logistics_->write_summary(r, now);
  write_centre_summary(r, now);
  write_border_summary(r);
  write_cost_summary(r, now);
  write_step_summary(r);
  const auto created = static_cast<double>(trips_.size());
  const auto completed = static_cast<double>(trips_.count(TripState::Completed));
  r.summary("corridor.trips.created", created, "trips", "Trips created");
  for (std::size_t s = 0; s < kTripStates; ++s) {
    r.summary("corridor.trips." + std::string(kTripStateNames[s]), static_cast<double>(trips_.count(static_cast<TripState>(s))),
              "trips", "Trips in this state at the horizon (they add up to the trips created)", s == 2);
  }
  // Devices: one sealed per trip; on the road while the trip is in transit, then recovered for reuse
  // (or destroyed, one-off devices) at the destination.
  std::int64_t destroyed = 0, recovered = 0;
  for (const auto& t : trips_.trips()) {
    if (t.state != TripState::Completed) continue;
    if (config_.devices[static_cast<std::size_t>(t.device)].trips_per_device == 1) ++destroyed;
    else ++recovered;
  }
  const std::int64_t issued = trips_.count(TripState::InTransit) + trips_.count(TripState::Completed);
  if (issued != trips_.count(TripState::InTransit) + destroyed + recovered) {
    throw std::logic_error("corridor conservation: devices issued do not match devices on trips, recovered and destroyed");
  }
  r.summary("corridor.devices.issued", static_cast<double>(issued), "devices", "Devices sealed on a trip");
  r.summary("corridor.devices.on_trip", static_cast<double>(trips_.count(TripState::InTransit)), "devices",
            "Devices on a trip at the horizon");
  r.summary("corridor.devices.recovered", static_cast<double>(recovered), "devices",
            "Reusable devices recovered at destinations");
  r.summary("corridor.devices.destroyed", static_cast<double>(destroyed), "devices", "One-off devices destroyed at destinations");
  r.summary("corridor.trips_per_day", completed / (now / 86400.0), "trips/d", "Trips completed per day", true);
  r.summary("corridor.sealing.wait.mean", mean_of(staff_), "s", "Mean wait for sealing or unsealing staff", true);
  r.summary("corridor.reading.wait.mean", mean_of(readers_), "s", "Mean wait for a fixed reader", true);
  r.summary("corridor.reads.failed_share", stats::ratio(static_cast<double>(failed_reads_), static_cast<double>(reads_)),
            "share", "Share of reads at fixed readers that failed");
  r.summary("corridor.unsealing.automatic_share",
            1 - stats::ratio(static_cast<double>(manual_unseals_), completed), "share",
            "Share of unsealings done automatically", true);
  for (std::size_t k = 0; k < kAlarmKinds; ++k) {
    r.summary("corridor.alarms." + std::string(kAlarmNames[k]), static_cast<double>(alarms_[k]), "alarms", "Alarms raised");
  }
  r.summary("corridor.false_alarms_per_1000_trips", stats::ratio(1000.0 * static_cast<double>(false_alarms_), completed),
            "alarms/1,000 trips", "False alarms (no attack, or before it) per 1,000 completed trips", true);
  r.summary("corridor.reports.sent", static_cast<double>(supervision_.reports_sent()), "reports", "Reports sent by devices");
  r.summary("corridor.reports.lost", static_cast<double>(supervision_.reports_lost()), "reports",
            "Reports lost on the cellular link (send timeout)");

  // Detection, scored on completed trips whose attack happened: overall and per device type.
  const std::size_t nd = config_.devices.size();
  std::vector<std::array<std::int64_t, kAttackKinds>> attacked(nd + 1), detected(nd + 1);
  std::vector<std::array<double, kAttackKinds>> latency(nd + 1);
  std::vector<double> cost(nd + 1, 0), window(nd + 1, 0);
  std::vector<std::int64_t> done(nd + 1, 0), windows(nd + 1, 0);
  for (const auto& t : trips_.trips()) {
    if (t.state != TripState::Completed) continue;
    const auto& dev = config_.devices[static_cast<std::size_t>(t.device)];
    const double c = dev.unit_cost / dev.trips_per_device + dev.trip_cost;
    for (std::size_t d : {static_cast<std::size_t>(t.device), nd}) {
      cost[d] += c;
      ++done[d];
      if (t.attack_time < 0) continue;
      if (config_.attacks.plans[static_cast<std::size_t>(t.plan)].single) {  // the kind's own KPIs
        const auto k = static_cast<std::size_t>(t.attack);
        ++attacked[d][k];
        if (t.detected >= 0) {
          ++detected[d][k];
          latency[d][k] += t.detected - t.attack_time;
        }
      }
      if (t.tamper_window >= 0) {
        window[d] += t.tamper_window;
        ++windows[d];
      }
    }
  }
  for (std::size_t d = 0; d <= nd; ++d) {
    const std::string prefix = d == nd ? "corridor." : "corridor." + config_.devices[d].name + ".";
    r.summary(prefix + "device_cost_per_trip", stats::ratio(cost[d], static_cast<double>(done[d])), "USD/trip",
              "Device cost per completed trip: unit cost over its trips plus the per-trip cost", d == nd);
    const std::int64_t reads = d == nd ? reads_ : reads_by_device_[d];
    const std::int64_t stopped =
        d == nd ? std::accumulate(stopped_reads_.begin(), stopped_reads_.end(), std::int64_t{0}) : stopped_reads_[d];
    r.summary(prefix + "reads.stopped", stats::ratio(static_cast<double>(stopped), static_cast<double>(reads)), "share",
              "Share of fixed-reader reads for which the vehicle had to stop (read range too short to read at "
              "pass_speed)");
    r.summary(prefix + "detection.tamper_window.mean", stats::ratio(window[d], static_cast<double>(windows[d])), "s",
              "Attacks found at a reader: mean width of the interval the device's log places the tampering in "
              "(a stamped log: its clock's drift; a passive seal: since its last good read)");
    for (std::size_t k = 1; k < kAttackKinds; ++k) {
      if (static_cast<AttackKind>(k) == AttackKind::BagOff) continue;  // a step only
      const std::string name = prefix + "detection." + std::string(kAttackNames[k]);
      r.summary(name + ".attacks", static_cast<double>(attacked[d][k]), "attacks", "Completed trips with this attack");
      r.summary(name + ".rate", stats::ratio(static_cast<double>(detected[d][k]), static_cast<double>(attacked[d][k])),
                "share", "Share of these attacks detected (alarm at or after the attack)", d == nd);
      r.summary(name + ".latency.mean", stats::ratio(latency[d][k], static_cast<double>(detected[d][k])), "s",
                "Mean time from the attack to its first alarm", d == nd);
    }
  }
}

// Attacks in steps, scored on completed trips: per stepped scenario (detected: an alarm at or after
// its first step) and per step kind over every attack (detected: an alarm at or after the step),
// overall and per device type. The steps made and not made (the trip arrived first; a detour while
// the vehicle was not driving) count every trip, finished or not.
void CorridorModel::write_step_summary(Recorder& r) const {
  const std::size_t nd = config_.devices.size(), np = config_.attacks.plans.size();
  struct Score {
    std::int64_t cases = 0, detected = 0;
    double latency = 0;
    void add(double at, double found) {
      ++cases;
      if (found < 0) return;
      ++detected;
      latency += found - at;
    }
  };
  std::vector<std::vector<Score>> plans(nd + 1, std::vector<Score>(np)), steps(nd + 1, std::vector<Score>(kAttackKinds));
  std::int64_t made = 0;
  for (const auto& t : trips_.trips()) {
    if (t.step_slot == 0xffffffffu) continue;
    const StepRecord& rec = step_records_[t.step_slot];
    const auto& plan = config_.attacks.plans[static_cast<std::size_t>(t.plan)];
    for (std::size_t k = 0; k < plan.steps.size(); ++k) made += rec.time[k] >= 0 ? 1 : 0;
    if (t.state != TripState::Completed || t.attack_time < 0) continue;
    for (std::size_t d : {static_cast<std::size_t>(t.device), nd}) {
      plans[d][static_cast<std::size_t>(t.plan)].add(t.attack_time, t.detected);
      for (std::size_t k = 0; k < plan.steps.size(); ++k) {
        if (rec.time[k] >= 0) steps[d][static_cast<std::size_t>(plan.steps[k].type)].add(rec.time[k], rec.detected[k]);
      }
    }
  }
  if (made != std::accumulate(steps_made_.begin(), steps_made_.end(), std::int64_t{0})) {
    throw std::logic_error("corridor conservation: attack steps recorded do not match the steps made");
  }
  for (std::size_t k = 1; k < kAttackKinds; ++k) {
    const std::string name = "corridor.attacks.steps." + std::string(kAttackNames[k]);
    r.summary(name + ".made", static_cast<double>(steps_made_[k]), "steps", "Attack steps of this kind made (every trip)");
    r.summary(name + ".not_made", static_cast<double>(steps_missed_[k]), "steps",
              "Attack steps of this kind not made: the trip arrived first, or a detour fell while the vehicle was "
              "not driving");
  }
  const auto write = [&r](const std::string& name, const Score& s, const std::string& what, bool key) {
    const bool step = name.find(".step.") != std::string::npos;
    r.summary(name + (step ? ".steps" : ".attacks"), static_cast<double>(s.cases), step ? "steps" : "attacks",
              (step ? "Steps made on completed trips: " : "Completed trips with ") + what);
    r.summary(name + ".rate", stats::ratio(static_cast<double>(s.detected), static_cast<double>(s.cases)), "share",
              "Share of " + what + " detected (an alarm or finding at or after it)", key);
    r.summary(name + ".latency.mean", stats::ratio(s.latency, static_cast<double>(s.detected)), "s",
              "Mean time from " + what + " to its first alarm or finding", key);
  };
  for (std::size_t d = 0; d <= nd; ++d) {
    const std::string prefix = d == nd ? "corridor." : "corridor." + config_.devices[d].name + ".";
    for (std::size_t p = 0; p < np; ++p) {
      const auto& plan = config_.attacks.plans[p];
      if (!plan.single) write(prefix + "detection.scenario." + plan.name, plans[d][p], "this attack scenario", d == nd);
    }
    for (std::size_t k = 1; k < kAttackKinds; ++k) {
      write(prefix + "detection.step." + std::string(kAttackNames[k]), steps[d][k],
            "attack steps of this kind (in any scenario)", false);
    }
  }
}

void CorridorModel::write_border_summary(Recorder& r) const {
  // Border KPIs only where the corridor has a border: without one they would read as zeros.
  const bool has_border = std::any_of(config_.stations.begin(), config_.stations.end(),
                                      [](const CustomsStationConfig& s) { return s.type == StationKind::Border; });
  if (has_border) {
    const auto& d = border_decisions_;
    const double passages = static_cast<double>(d[0] + d[1] + d[2] + d[3]);
    r.summary("corridor.border.passages", passages, "trips", "Trips that passed customs at a border station");
    r.summary("corridor.border.released", static_cast<double>(d[0]), "trips",
              "Released without re-inspection (mutual recognition, no known alarm)");
    r.summary("corridor.border.document_checks", static_cast<double>(d[1]), "trips", "Documents checked (a known alarm below inspect_grade)");
    r.summary("corridor.border.inspections", static_cast<double>(d[2]), "trips", "Inspected at a border");
    r.summary("corridor.border.seal_checks", static_cast<double>(d[3]), "trips",
              "Documents and seal checked at a border (a yellow trip, without mutual recognition)");
    r.summary("corridor.border.released_share", stats::ratio(static_cast<double>(d[0]), passages), "share",
              "Share of border passages released without re-inspection", true);
    r.summary("corridor.border.findings", static_cast<double>(border_findings_), "findings", "Border inspections that found an attack");
    r.summary("corridor.border.dwell.mean", border_dwell_.mean(), "s",
              "Mean time at a border station: queues, reading, customs, other formalities (after warm-up)", true);
    r.summary("corridor.border.dwell_saved", dwell_saved_ / 3600, "h",
              "Inspection time mutual recognition spared at borders (drawn for every passage, queues not counted)", true);
  }
  const double assessed = static_cast<double>(risk_levels_[0] + risk_levels_[1] + risk_levels_[2]);
  for (std::size_t l = 0; l < risk_levels_.size(); ++l) {
    r.summary("corridor.risk." + std::string(kRiskLevelNames[l]), stats::ratio(risk_levels_[l], assessed), "share",
              "Share of the trips sealed after warm-up assessed " + std::string(kRiskLevelNames[l]));
  }
  for (std::size_t t = 0; t < kInspectionTypes; ++t) {
    const std::string type(kInspectionTypeNames[t]);
    r.summary("corridor.inspections." + type + ".found", static_cast<double>(inspection_outcomes_[t][1]), "attacks",
              "Attacks that had happened found by a " + type + " inspection (borders, destinations, patrols)");
    r.summary("corridor.inspections." + type + ".missed", static_cast<double>(inspection_outcomes_[t][0]), "attacks",
              "Attacks that had happened and a " + type + " inspection missed");
  }
  r.summary("corridor.destination.reinspections", static_cast<double>(reinspections_), "trips",
            "Red trips (risk assessment) inspected at their destination");
  r.summary("corridor.reads.handheld", static_cast<double>(handheld_reads_), "reads", "Failed fixed reads read again by hand");
  r.summary("corridor.reads.handheld_failed", static_cast<double>(handheld_failed_), "reads", "Handheld reads that failed too");
  r.summary("corridor.stations.closed_waits", static_cast<double>(closed_waits_), "trips", "Arrivals at a closed station");
  r.summary("corridor.stations.closed_wait.mean", closed_wait_.mean(), "s", "Mean wait for a closed station to open");
  r.summary("corridor.departures.wait.mean", departure_wait_.mean(), "s",
            "Mean wait for a scheduled departure (trains, vessels)");
  r.summary("corridor.relocks", static_cast<double>(relocks_), "devices", "Device deactivations at relock stations");
  // Per procedure: trips completed and their mean time from creation to unsealing.
  std::vector<double> done(kProcedures.size()), time(kProcedures.size());
  for (std::size_t i = 0; i < trips_.size(); ++i) {
    const Trip& t = trips_.at(i);
    if (t.state != TripState::Completed) continue;
    const auto p = static_cast<std::size_t>(config_.flows[static_cast<std::size_t>(t.flow)].procedure_index);
    done[p] += 1;
    time[p] += t.completed - t.created;
  }
  for (std::size_t p = 1; p < kProcedures.size(); ++p) {
    if (done[p] == 0) continue;
    r.summary("corridor.procedure." + kProcedures[p] + ".trips", done[p], "trips", "Trips completed under this procedure");
    r.summary("corridor.procedure." + kProcedures[p] + ".transit_time.mean", time[p] / done[p], "s",
              "Mean time from the trip's creation to its unsealing");
  }
}

void CorridorModel::write_centre_summary(Recorder& r, double now) const {
  triage_->write_summary(r, now);
  for (std::size_t a = 0; a < actions_.size(); ++a) {
    r.summary("corridor.centre.actions." + kAlarmActions[a], static_cast<double>(actions_[a]), "alarms",
              "Alarms triaged to this action while the vehicle was on the road");
  }
  r.summary("corridor.centre.after_arrival", static_cast<double>(after_arrival_), "alarms",
            "Alarms triaged after the vehicle had reached its destination (nothing left to do)");
  r.summary("corridor.centre.arrival_inspections", static_cast<double>(arrival_inspections_), "trips",
            "Warned trips inspected at their destination");
  r.summary("corridor.centre.arrival_findings", static_cast<double>(arrival_found_), "findings",
            "Destination inspections that found an attack");
  const Patrols& p = *patrols_;
  r.summary("corridor.patrols.units", p.units(), "units", "Patrol units");
  r.summary("corridor.patrols.dispatched", static_cast<double>(p.dispatched()), "units", "Patrol units sent to a vehicle");
  r.summary("corridor.patrols.interceptions", static_cast<double>(p.met()), "vehicles", "Vehicles reached on the road", true);
  r.summary("corridor.patrols.confirmed", static_cast<double>(confirmed_), "interceptions", "Interceptions that confirmed an attack");
  r.summary("corridor.patrols.cleared", static_cast<double>(cleared_), "interceptions", "Interceptions that cleared the alarm");
  r.summary("corridor.patrols.missed", static_cast<double>(p.missed()), "calls",
            "Calls whose vehicle reached its destination before a unit did");
  r.summary("corridor.patrols.waiting", static_cast<double>(p.waiting()), "calls", "Calls waiting for a unit at the horizon");
  r.summary("corridor.patrols.utilisation", p.utilisation(now), "share",
            "Time-average share of units away from base (driving, inspecting, returning)", true);
  r.summary("corridor.patrols.travel.mean", p.travel_mean(), "s", "Mean drive from base to an intercepted vehicle");
  r.summary("corridor.patrols.response.mean", p.response_mean(), "s",
            "Mean time from the alarm to a unit at the vehicle (triage, wait for a unit, drive)", true);
}

}  // namespace porttwin::corridor

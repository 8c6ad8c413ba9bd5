#include "models/nii/nii_model.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>

#include "models/terminal/truck_gate.hpp"
#include "sim/engine/delay.hpp"
#include "models/nii/record/nii_events.hpp"
#include "sim/stats/ratio.hpp"

namespace porttwin::nii {

NiiModel::NiiModel(Simulation& sim, const NiiConfig& config, const Platform& platform, terminal::TruckGate* gate)
    : sim_(sim),
      config_(config),
      gate_(gate),
      risk_(config.risk),
      alarms_(config),
      lanes_(sim, config, platform.host(config.host)),
      place_(sim.recorder().place("nii")),
      secondary_(sim, config.secondary, sim.recorder().place("nii.secondary"),
                 [this](std::uint32_t index, SecondaryKind kind) { after_secondary(index, kind); }),
      box_stream_(sim.stream("nii.boxes")),
      risk_stream_(sim.stream("nii.risk")),
      transfer_stream_(sim.stream("nii.transfer")),
      time_in_nii_(sim.batch_plan(), true),
      pickup_delay_(sim.batch_plan(), true) {
  double total = 0;
  for (const auto& k : config.commodities) total += k.share;
  double sum = 0;
  for (const auto& k : config.commodities) class_cumulative_.push_back((sum += k.share) / total);
  lanes_.rpm().on_finish([this](Job& job) { after_rpm(job); });
  lanes_.adjudication().on_finish([this](Job& job) { after_adjudication(job); });
  lanes_.xray().on_finish([this](Job& job) { after_xray(job); });
  lanes_.analysts().on_finish([this](Job& job) { after_review(job); });
  if (gate_) {
    gate_->set_customs({[this](std::uint64_t container, yard::Category category, bool is_export) {
                          if (category == yard::Category::Empty && !config_.terminal.empties) return;
                          if (is_export && !config_.terminal.exports) return;
                          const std::uint32_t index = create(container, Simulation::now());
                          by_container_.emplace(container, index);
                          after(config_.terminal.transfer.sample(transfer_stream_), [this, index] { present(index); });
                        },
                        [this](std::uint64_t container) {
                          auto it = by_container_.find(container);
                          return it != by_container_.end() && cargo_[it->second].outcome != Outcome::Released;
                        },
                        [this](std::uint64_t container) {
                          auto it = by_container_.find(container);
                          return it == by_container_.end() ? -1 : cargo_[it->second].commodity;
                        }});
  } else {
    source_ = std::make_unique<ArrivalSource>(sim, "nii.arrivals", config.arrivals, platform.host(config.host),
                                              [this](Job job) { present(create(job.id, Simulation::now())); });
  }
}

void NiiModel::set_review_wait(Station::Hold wait) { lanes_.analysts().hold_service(std::move(wait)); }

std::vector<Station*> NiiModel::stations() {
  return {&lanes_.rpm(), &lanes_.adjudication(), &lanes_.xray(), &lanes_.analysts()};
}

void NiiModel::start() {
  lanes_.start();
  if (source_) source_->start();
  if (restored_) restore_boxes();
}

std::uint32_t NiiModel::create(std::uint64_t entity, double now) {
  Cargo c;
  c.id = entity;
  c.arrived = now;
  const double u = box_stream_.uniform01();
  c.commodity = static_cast<int>(std::lower_bound(class_cumulative_.begin(), class_cumulative_.end(), u) -
                                 class_cumulative_.begin());
  c.commodity = std::min(c.commodity, static_cast<int>(class_cumulative_.size()) - 1);
  const auto& k = config_.commodities[static_cast<std::size_t>(c.commodity)];
  c.trusted = box_stream_.bernoulli(config_.risk.trusted_share);
  c.truth = alarms_.truth(k, box_stream_);
  c.rpm_screened = box_stream_.bernoulli(config_.rpm.coverage);
  alarms_.draw(c, box_stream_);
  c.risk = risk_.score(c, k, risk_stream_);
  c.route = risk_.route(c.risk, risk_stream_);
  cargo_.push_back(c);
  return static_cast<std::uint32_t>(cargo_.size() - 1);
}

Job NiiModel::job_of(std::uint32_t index) const {
  Job job;
  job.id = cargo_[index].id;
  job.created = cargo_[index].arrived;
  job.tag = index;
  return job;
}

void NiiModel::present(std::uint32_t index) {
  Cargo& c = cargo_[index];
  const double now = Simulation::now();
  c.arrived = now;
  sim_.recorder().event(now, NiiEvent::CustomsSelect, c.id, place_, static_cast<std::uint16_t>(c.route));
  if (c.rpm_screened) {
    c.stage = Stage::Rpm;
    return lanes_.rpm().arrive(job_of(index));
  }
  continue_route(index);
}

void NiiModel::after_rpm(Job& job) {
  Cargo& c = cargo_[job.tag];
  if (!alarms_.rpm_alarm(c)) return continue_route(job.tag);
  const double now = Simulation::now();
  c.rpm_alarm = true;
  c.alarm_time = now;
  ++alarms_total_;
  sim_.recorder().event(now, NiiEvent::NiiAlarm, c.id, place_, 0);
  if (config_.rpm.adjudication.enabled) {
    c.stage = Stage::Adjudication;
    return lanes_.adjudication().arrive(job);
  }
  send_to_isotope_identification(job.tag);
}

void NiiModel::after_adjudication(Job& job) {
  Cargo& c = cargo_[job.tag];
  if (!alarms_.adjudication_clears(c)) return send_to_isotope_identification(job.tag);
  c.rpm_cleared = true;
  sim_.recorder().event(Simulation::now(), NiiEvent::NiiAlarm, c.id, place_, 3);
  continue_route(job.tag);
}

void NiiModel::send_to_isotope_identification(std::uint32_t index) {
  Cargo& c = cargo_[index];
  sim_.recorder().event(Simulation::now(), NiiEvent::CustomsInspect, c.id, place_,
                        static_cast<std::uint16_t>(SecondaryKind::RadiationCheck));
  // The divert time runs from the decision to divert: the alarm, or primary's verdict on it.
  divert(index, SecondaryKind::RadiationCheck, Simulation::now());
}

void NiiModel::continue_route(std::uint32_t index) {
  Cargo& c = cargo_[index];
  switch (c.route) {
    case Route::Release: return release(index);
    case Route::Scan:
      c.stage = Stage::Xray;
      return lanes_.xray().arrive(job_of(index));
    case Route::Physical:
      sim_.recorder().event(Simulation::now(), NiiEvent::CustomsInspect, c.id, place_,
                            static_cast<std::uint16_t>(SecondaryKind::Direct));
      return divert(index, SecondaryKind::Direct, -1);
  }
}

void NiiModel::after_xray(Job& job) {
  cargo_[job.tag].stage = Stage::Review;
  lanes_.analysts().arrive(job);
}

void NiiModel::divert(std::uint32_t index, SecondaryKind kind, double alarm) {
  Cargo& c = cargo_[index];
  c.stage = Stage::Secondary;
  c.secondary = kind;
  secondary_.divert(index, c.id, kind, alarm);
}

void NiiModel::after_review(Job& job) {
  Cargo& c = cargo_[job.tag];
  c.xray_scanned = true;
  if (!alarms_.xray_alarm(c)) return release(job.tag);
  const double now = Simulation::now();
  if (alarms_.ai_clears(c)) {
    c.ai_cleared = true;
    sim_.recorder().event(now, NiiEvent::NiiAlarm, c.id, place_, 2);
    return release(job.tag);
  }
  c.xray_alarm = true;
  c.alarm_time = now;
  ++alarms_total_;
  sim_.recorder().event(now, NiiEvent::NiiAlarm, c.id, place_, 1);
  sim_.recorder().event(now, NiiEvent::CustomsInspect, c.id, place_, static_cast<std::uint16_t>(SecondaryKind::Devanning));
  divert(job.tag, SecondaryKind::Devanning, now);
}

void NiiModel::after_secondary(std::uint32_t index, SecondaryKind kind) {
  Cargo& c = cargo_[index];
  ++c.secondaries;
  if (kind == SecondaryKind::RadiationCheck) {
    // Isotope identification tells a source from NORM; a box without a source goes on its route.
    if (c.truth == Truth::Radiological) return hold(index);
    return continue_route(index);
  }
  if (alarms_.inspection_finds(c)) return hold(index);
  release(index);
}

void NiiModel::release(std::uint32_t index) {
  Cargo& c = cargo_[index];
  const double now = Simulation::now();
  c.outcome = Outcome::Released;
  c.released_at = now;
  ++released_;
  time_in_nii_.add(now - c.arrived, now);
  sim_.recorder().event(now, NiiEvent::CustomsRelease, c.id, place_);
  if (gate_) {
    const double delay = gate_->customs_released(c.id);
    if (delay >= 0) {
      pickup_delay_.add(delay, now);
      if (now >= sim_.warmup()) ++pickups_delayed_;
    }
  } else {
    sim_.recorder().event(now, EventKind::Exit, c.id, place_);
  }
}

void NiiModel::hold(std::uint32_t index) {
  Cargo& c = cargo_[index];
  c.outcome = Outcome::Held;
  ++held_;
  sim_.recorder().event(Simulation::now(), NiiEvent::CustomsHold, c.id, place_, static_cast<std::uint16_t>(c.truth));
}

void NiiModel::declare_kpis(Recorder& r) {
  kpi_in_process_ = r.kpi_series("nii.in_process", "boxes", "Boxes in NII (selected, scanning, in review or secondary)");
  kpi_secondary_queue_ = r.kpi_series("nii.secondary.queue", "boxes", "Average boxes waiting for a secondary bay");
  kpi_secondary_busy_ = r.kpi_series("nii.secondary.busy", "inspections", "Average secondary inspections in progress");
  kpi_alarms_ = r.kpi_series("nii.alarms", "alarms", "Primary alarms (RPM and X-ray after AI) in the interval");
}

void NiiModel::sample_kpis(Recorder& r, double now) {
  const auto presented = static_cast<std::int64_t>(cargo_.size());
  r.kpi_value(kpi_in_process_, static_cast<double>(presented - released_ - held_));
  r.kpi_value(kpi_secondary_queue_, secondary_.queue().take_interval_mean(now));
  r.kpi_value(kpi_secondary_busy_, secondary_.busy().take_interval_mean(now));
  r.kpi_value(kpi_alarms_, static_cast<double>(alarms_total_ - last_alarms_));
  last_alarms_ = alarms_total_;
}

namespace {

// Counts over the boxes of one commodity class (or all of them) presented after warm-up: what the
// per-class rates are made of. Sensor outcomes are counted for every box that passed the sensor;
// the box's fate (held, released, dwell) only for boxes whose fate is known at the horizon, so an
// overloaded secondary area does not hide the alarms of the boxes still queuing for it.
struct ClassCounts {
  std::int64_t boxes = 0, trusted = 0, screened = 0;
  std::array<std::int64_t, 3> routes{};
  std::int64_t rpm_no_source = 0, rpm_nuisance = 0, rpm_source = 0, rpm_source_alarms = 0;
  std::int64_t rpm_alarms = 0, rpm_cleared = 0, rpm_to_secondary = 0, rpm_sources_cleared = 0;
  std::int64_t xray_clean = 0, xray_clean_raw = 0, xray_clean_alarms = 0, xray_threat = 0, xray_threat_alarms = 0;
  std::int64_t xray_threat_raw = 0, ai_true_cleared = 0;
  std::int64_t alarms = 0, false_alarms = 0, ai_cleared = 0;
  std::int64_t threats = 0, detected = 0, missed = 0, secondaries = 0, released = 0, clean_held = 0;
  double dwell = 0;
};

double ratio(std::int64_t a, std::int64_t b) { return b > 0 ? static_cast<double>(a) / static_cast<double>(b) : 0; }

}  // namespace

void NiiModel::write_summary(Recorder& r, double now) const {
  const auto created = static_cast<std::int64_t>(cargo_.size());
  std::int64_t in_process = 0, released = 0, held = 0;
  for (const auto& c : cargo_) {
    if (c.outcome == Outcome::InProcess) ++in_process;
    else if (c.outcome == Outcome::Released) ++released;
    else ++held;
  }
  if (released != released_ || held != held_ || created != released + held + in_process) {
    throw std::logic_error("nii conservation: boxes presented do not equal released + held + in process");
  }
  r.summary("nii.boxes.created", static_cast<double>(created), "boxes", "Boxes presented to customs (whole run)");
  r.summary("nii.boxes.released", static_cast<double>(released), "boxes", "Boxes released (whole run)");
  r.summary("nii.boxes.held", static_cast<double>(held), "boxes", "Boxes held after a finding (whole run)");
  r.summary("nii.boxes.in_process", static_cast<double>(in_process), "boxes",
            "Boxes still in NII at the horizon (created = released + held + in process)");

  const std::size_t nc = config_.commodities.size();
  std::vector<ClassCounts> counts(nc + 1);
  const double threshold = config_.xray.threshold;
  for (const auto& c : cargo_) {
    if (c.arrived < sim_.warmup()) continue;
    const bool done = c.outcome != Outcome::InProcess;
    for (std::size_t g : {static_cast<std::size_t>(c.commodity), nc}) {
      ClassCounts& k = counts[g];
      ++k.boxes;
      if (c.trusted) ++k.trusted;
      ++k.routes[static_cast<std::size_t>(c.route)];
      if (c.rpm_screened || c.xray_scanned) ++k.screened;
      if (c.rpm_screened) {
        if (c.truth == Truth::Radiological) {
          ++k.rpm_source;
          if (c.rpm_alarm) ++k.rpm_source_alarms;
        } else {
          ++k.rpm_no_source;
          if (c.rpm_alarm) ++k.rpm_nuisance;
        }
      }
      if (c.rpm_alarm) {
        ++k.rpm_alarms;
        if (c.rpm_cleared) {
          ++k.rpm_cleared;
          if (c.truth == Truth::Radiological) ++k.rpm_sources_cleared;
        } else if (c.stage != Stage::Adjudication || c.outcome != Outcome::InProcess) {
          ++k.rpm_to_secondary;
        }
      }
      if (c.xray_scanned) {
        if (c.threat()) {
          ++k.xray_threat;
          if (c.xray_score >= threshold) ++k.xray_threat_raw;
          if (c.xray_alarm) ++k.xray_threat_alarms;
          if (c.ai_cleared) ++k.ai_true_cleared;
        } else {
          ++k.xray_clean;
          if (c.xray_score >= threshold) ++k.xray_clean_raw;
          if (c.xray_alarm) ++k.xray_clean_alarms;
        }
      }
      k.alarms += (c.rpm_alarm ? 1 : 0) + (c.xray_alarm ? 1 : 0);
      k.false_alarms += (c.rpm_alarm && c.truth != Truth::Radiological ? 1 : 0) + (c.xray_alarm && !c.threat() ? 1 : 0);
      if (c.ai_cleared) ++k.ai_cleared;
      k.secondaries += c.secondaries;
      if (!done) continue;  // what follows needs the box's fate; alarms above are known at the sensor
      if (c.threat()) {
        ++k.threats;
        if (c.outcome == Outcome::Held) ++k.detected;
        else ++k.missed;
      } else if (c.outcome == Outcome::Held) {
        ++k.clean_held;
      }
      if (c.outcome == Outcome::Released) {
        ++k.released;
        k.dwell += c.released_at - c.arrived;
      }
    }
  }
  const double hours = (now - sim_.warmup()) / 3600.0;
  for (std::size_t g = 0; g <= nc; ++g) {
    const ClassCounts& k = counts[g];
    const bool all = g == nc;
    const std::string p = all ? "nii." : "nii.class." + config_.commodities[g].name + ".";
    r.summary(p + "boxes", static_cast<double>(k.boxes), "boxes",
              "Boxes presented after warm-up (alarm counts and rates cover them all; threats, detection, "
              "missed and dwell cover those released or held by the horizon)");
    r.summary(p + "trusted_share", ratio(k.trusted, k.boxes), "share", "Share of them from AEO / trusted traders");
    for (std::size_t route = 0; route < 3; ++route) {
      r.summary(p + "route." + std::string(kRouteNames[route]), ratio(k.routes[route], k.boxes), "share",
                "Share of boxes risk selection routed this way (release: RPM only; scan: X-ray; physical: "
                "straight to devanning)");
    }
    r.summary(p + "alarms", static_cast<double>(k.alarms), "alarms", "Primary alarms: RPM, and X-ray after AI");
    r.summary(p + "alarms_per_day", hours > 0 ? static_cast<double>(k.alarms) / hours * 24 : 0, "alarms/d",
              "Primary alarms per day", all);
    r.summary(p + "false_alarms", static_cast<double>(k.false_alarms), "alarms",
              "Alarms on boxes without what the alarm is about (RPM without a source, X-ray on clean cargo)");
    r.summary(p + "false_alarm_rate", ratio(k.false_alarms, k.screened), "share", "False alarms per screened box", all);
    r.summary(p + "rpm.nuisance_rate", ratio(k.rpm_nuisance, k.rpm_no_source), "share",
              "RPM alarms per RPM-screened box without a source (configured: nuisance_alarm)");
    r.summary(p + "rpm.detection_rate", ratio(k.rpm_source_alarms, k.rpm_source), "share",
              "RPM alarms per RPM-screened box with a source (configured: source_detection)");
    r.summary(p + "rpm.sources", static_cast<double>(k.rpm_source), "boxes", "RPM-screened boxes with a source");
    r.summary(p + "rpm.alarms_per_day", hours > 0 ? static_cast<double>(k.rpm_alarms) / hours * 24 : 0, "alarms/d",
              "RPM alarms at primary per day (calibration: about 200 at one Megaports port)", all);
    r.summary(p + "rpm.cleared_at_primary", ratio(k.rpm_cleared, k.rpm_alarms), "share",
              "Share of RPM alarms primary adjudication cleared (isotope estimate and manifest)", all);
    r.summary(p + "rpm.secondary_per_day", hours > 0 ? static_cast<double>(k.rpm_to_secondary) / hours * 24 : 0,
              "alarms/d", "RPM alarms sent on to a secondary bay per day (calibration: 2-3 of about 200)", all);
    r.summary(p + "rpm.sources_cleared", static_cast<double>(k.rpm_sources_cleared), "boxes",
              "Boxes with a source whose alarm primary adjudication cleared: missed at primary (scored against "
              "the truth)");
    r.summary(p + "xray.scanned", static_cast<double>(k.xray_clean + k.xray_threat), "boxes", "Boxes scanned by X-ray");
    r.summary(p + "xray.false_alarm_rate", ratio(k.xray_clean_alarms, k.xray_clean), "share",
              "X-ray alarms (after AI) per clean box scanned", all);
    r.summary(p + "xray.false_alarm_rate.raw", ratio(k.xray_clean_raw, k.xray_clean), "share",
              "X-ray scores at or above the threshold per clean box scanned (before AI)");
    r.summary(p + "xray.detection_rate", ratio(k.xray_threat_alarms, k.xray_threat), "share",
              "X-ray alarms per scanned box with contraband, a source or mis-declared cargo", all);
    r.summary(p + "xray.threats", static_cast<double>(k.xray_threat), "boxes", "Scanned boxes that were bad");
    r.summary(p + "ai_cleared", static_cast<double>(k.ai_cleared), "alarms", "X-ray alarms cleared by AI (false and true)");
    r.summary(p + "ai_reduction", ratio(k.ai_cleared - k.ai_true_cleared, k.xray_clean_raw), "share",
              "Share of false X-ray alarms AI pre-classification cleared (0 with AI off; the seed's 20-40%)", all);
    r.summary(p + "ai.true_alarms_cleared", static_cast<double>(k.ai_true_cleared), "alarms",
              "X-ray alarms on bad boxes AI pre-classification cleared: threats it let through", all);
    r.summary(p + "ai.detection_lost", ratio(k.ai_true_cleared, k.xray_threat_raw), "share",
              "Share of true X-ray alarms AI pre-classification cleared (detection it costs)", all);
    r.summary(p + "threats", static_cast<double>(k.threats), "boxes", "Bad boxes (contraband, source, mis-declared)");
    r.summary(p + "detection_rate", ratio(k.detected, k.threats), "share", "Share of bad boxes held (whole process)", all);
    r.summary(p + "missed", static_cast<double>(k.missed), "boxes", "Bad boxes released: missed threats", all);
    r.summary(p + "secondary", static_cast<double>(k.secondaries), "inspections", "Secondary inspections (workload)");
    r.summary(p + "secondary_per_day", hours > 0 ? static_cast<double>(k.secondaries) / hours * 24 : 0, "inspections/d",
              "Secondary inspections per day", all);
    r.summary(p + "added_dwell.mean", stats::ratio(k.dwell, static_cast<double>(k.released)), "s",
              "Mean time from presentation to release (time added by customs)", all);
  }
  r.summary("nii.added_dwell.p95", time_in_nii_.quantile(0.95), "s",
            "95th percentile of the time from presentation to release");

  lanes_.rpm().write_summary(r, now);
  if (config_.rpm.adjudication.enabled) lanes_.adjudication().write_summary(r, now);
  lanes_.xray().write_summary(r, now);
  lanes_.analysts().write_summary(r, now);
  r.summary("nii.rpm.units_per_lane_hour", PrimaryLanes::units_per_busy_hour(lanes_.rpm(), now, sim_.warmup()), "boxes/lane-h",
            "Boxes an RPM lane screens per busy hour (calibration 150-200)", true);
  r.summary("nii.xray.units_per_lane_hour", PrimaryLanes::units_per_busy_hour(lanes_.xray(), now, sim_.warmup()),
            "boxes/lane-h", "Boxes a scanner lane scans per busy hour (calibration 150-200)", true);

  const auto& d = secondary_.divert_time();
  r.summary("nii.divert.count", static_cast<double>(secondary_.diverts()), "alarms", "Alarms diverted to secondary");
  r.summary("nii.divert.mean", d.mean(), "s", "Mean divert time: alarm to start of secondary", true);
  r.summary("nii.divert.p50", d.quantile(0.5), "s", "Median divert time");
  r.summary("nii.divert.p95", d.quantile(0.95), "s", "95th percentile of the divert time", true);
  r.summary("nii.divert.max", d.max(), "s", "Longest divert time");
  r.summary("nii.divert.within_target", ratio(secondary_.within_target(), secondary_.diverts()), "share",
            "Share of diverts starting secondary within the target (secondary.target)", true);
  const double span = now - sim_.warmup();
  r.summary("nii.secondary.inspections", static_cast<double>(secondary_.inspections()), "inspections",
            "Secondary inspections finished after warm-up");
  r.summary("nii.secondary.wait.mean", secondary_.waits().mean(), "s",
            "Mean wait at the secondary area for a bay and an inspector");
  r.summary("nii.secondary.queue.mean", secondary_.queue().mean(now), "boxes", "Time-average boxes waiting for secondary",
            true);
  r.summary("nii.secondary.queue.max", secondary_.queue().max(), "boxes", "Most boxes waiting for secondary at once");
  r.summary("nii.secondary.bays.utilisation", span > 0 ? secondary_.busy().mean(now) / config_.secondary.bays : 0, "share",
            "Time-average share of secondary bays in use", true);
  r.summary("nii.secondary.inspectors.utilisation",
            span > 0 ? secondary_.busy().mean(now) / config_.secondary.inspectors : 0, "share",
            "Time-average share of inspectors busy");
  if (gate_) {
    r.summary("nii.terminal.pickups_delayed", static_cast<double>(pickups_delayed_), "trucks",
              "Pickup trucks that came for a box still held by customs and waited for its release");
    r.summary("nii.terminal.pickup_delay.mean", pickup_delay_.mean(), "s",
              "Mean wait of those trucks for the release (added dwell)", true);
    r.summary("nii.terminal.pickup_delay.p95", pickup_delay_.quantile(0.95), "s",
              "95th percentile of that wait");
  }
}

}  // namespace porttwin::nii

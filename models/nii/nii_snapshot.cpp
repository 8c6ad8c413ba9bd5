// NII's state in a snapshot (nii_state.hpp reads and checks it; docs/snapshot.md says what each
// field means): the boxes in process and held, written from the model and restored into it. A box
// in process starts its stage again at the snapshot's time (its transfer drawn anew, its scan,
// review or secondary inspection from the start).
#include <algorithm>
#include <stdexcept>

#include "models/nii/nii_model.hpp"
#include "sim/engine/delay.hpp"

namespace porttwin::nii {

using snapshot::Json;

void NiiModel::save_state(snapshot::SnapshotWriter& w) const {
  Json boxes = Json::array();
  for (const Cargo& c : cargo_) {
    if (c.outcome == Outcome::Released) continue;
    Json b;
    if (gate_) {
      const std::string number = numbers_.number ? numbers_.number(c.id) : "";
      if (number.empty()) continue;  // not in the terminal's snapshot (on a train)
      b["box"] = number;
    } else {
      b["id"] = c.id;
    }
    b["commodity"] = config_.commodities[static_cast<std::size_t>(c.commodity)].name;
    b["outcome"] = kOutcomeNames[static_cast<std::size_t>(c.outcome)];
    if (c.outcome == Outcome::InProcess) {
      b["stage"] = kStageNames[static_cast<std::size_t>(c.stage)];
      if (c.stage == Stage::Secondary) b["secondary"] = kSecondaryKindNames[static_cast<std::size_t>(c.secondary)];
    }
    b["arrived"] = w.time_text(c.arrived);
    if (c.trusted) b["trusted"] = true;
    b["risk"] = c.risk;
    b["route"] = kRouteNames[static_cast<std::size_t>(c.route)];
    if (!c.rpm_screened) b["rpm_screened"] = false;
    if (c.alarm_time >= 0) b["alarm_time"] = w.time_text(c.alarm_time);
    if (c.rpm_alarm) b["rpm_alarm"] = true;
    if (c.rpm_cleared) b["rpm_cleared"] = true;
    if (c.xray_scanned) b["xray_scanned"] = true;
    if (c.xray_alarm) b["xray_alarm"] = true;
    if (c.ai_cleared) b["ai_cleared"] = true;
    if (c.secondaries > 0) b["secondaries"] = c.secondaries;
    b["truth"] = {{"truth", kTruthNames[static_cast<std::size_t>(c.truth)]},
                  {"xray_score", c.xray_score},
                  {"u_rpm", c.u_rpm},
                  {"ai_score", c.ai_score},
                  {"u_find", c.u_find},
                  {"u_adjudication", c.u_adjudication}};
    boxes.push_back(std::move(b));
  }
  w.section("nii")["boxes"] = std::move(boxes);
}

void NiiModel::restore_state(const snapshot::Snapshot& snap) {
  scenario::Diagnostics d(snap.source);
  snapshot::SectionReader reader(snap, d);
  const Json* section = reader.section("nii");
  if (!section) return;
  restored_ = std::make_unique<std::vector<SavedCargo>>(read_nii_state(reader, *section, config_));
  if (!d.ok()) throw std::logic_error("a snapshot reached NII unchecked:\n" + d.format());
  std::uint64_t last = 0;
  for (const SavedCargo& s : *restored_) last = std::max(last, s.cargo.id);
  if (!gate_) sim_.entities_from(last);
}

// The boxes of the snapshot, once the terminal has restored its own (start()).
void NiiModel::restore_boxes() {
  const auto ids = gate_ && numbers_.all ? numbers_.all() : std::unordered_map<std::string, std::uint64_t>{};
  for (SavedCargo& s : *restored_) {
    Cargo c = s.cargo;
    if (gate_) c.id = ids.at(s.box);
    if (!s.has_truth) {  // drawn as for a new box of its class
      c.truth = alarms_.truth(config_.commodities[static_cast<std::size_t>(c.commodity)], box_stream_);
      alarms_.draw(c, box_stream_);
    }
    cargo_.push_back(c);
    const auto index = static_cast<std::uint32_t>(cargo_.size() - 1);
    if (gate_) by_container_.emplace(c.id, index);
    if (c.outcome == Outcome::Held) {
      ++held_;
      continue;
    }
    switch (c.stage) {
      case Stage::Transfer:
        after(config_.terminal.transfer.sample(transfer_stream_), [this, index] { present(index); });
        break;
      case Stage::Rpm: lanes_.rpm().arrive(job_of(index)); break;
      case Stage::Adjudication: lanes_.adjudication().arrive(job_of(index)); break;
      case Stage::Xray: lanes_.xray().arrive(job_of(index)); break;
      case Stage::Review: lanes_.analysts().arrive(job_of(index)); break;
      case Stage::Secondary:
        secondary_.divert(index, c.id, c.secondary, c.alarm_time >= 0 ? c.alarm_time : -1);
        break;
    }
  }
  restored_.reset();
}

}  // namespace porttwin::nii

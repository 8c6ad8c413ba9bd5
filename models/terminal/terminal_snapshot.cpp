// The terminal's state in a snapshot (terminal_state.hpp reads and checks it; docs/snapshot.md
// says what each field means): written from the model, and restored into it at the start of a run
// from a snapshot.
#include <algorithm>
#include <stdexcept>

#include "models/terminal/terminal_model.hpp"
#include "models/terminal/terminal_state.hpp"

namespace porttwin::terminal {

using snapshot::Json;

namespace {

// Where a box of a snapshot is, or nullptr for one the snapshot does not hold.
const char* snapshot_where(Place place) {
  switch (place) {
    case Place::InYard: return "yard";
    case Place::Overflow: return "overflow";
    case Place::OnVessel:  // lifted onto the apron, waiting for its vehicle
    case Place::OnVehicle: return "vehicle";
    case Place::OnTruck: return "truck";
    case Place::OnTrain: return "rail";  // at the rail side, for its train
    default: return nullptr;  // gone or inland
  }
}

}  // namespace

std::string TerminalModel::number_in_snapshot(yard::ContainerId id) const {
  return snapshot_where(registry_.at(id).place) ? container_number(id) : "";
}

std::unordered_map<std::string, std::uint64_t> TerminalModel::numbered_boxes() const {
  std::unordered_map<std::string, std::uint64_t> out;
  for (const auto& [id, number] : numbers_) out.emplace(number, id);
  return out;
}

void TerminalModel::save_state(snapshot::SnapshotWriter& w) const {
  const double now = Simulation::now();
  Json& section = w.section("terminal");
  std::unordered_map<yard::ContainerId, int> out_call;
  for (const auto& c : calls_) {
    if (c.departure >= 0 || c.gone) continue;
    for (yard::ContainerId id : c.exports) out_call[id] = c.index;
  }
  auto call_text = [this](int call) { return call_name(config_.vessels, call); };

  Json boxes = Json::array();
  for (yard::ContainerId id = 1; id <= registry_.size(); ++id) {
    const ContainerRecord& r = registry_.at(id);
    const char* where = snapshot_where(r.place);
    if (!where) continue;
    Json b;
    b["id"] = container_number(id);
    b["category"] = yard::category_name(r.box.category);
    b["where"] = where;
    if (r.place == Place::InYard) {
      const yard::Block& block = yard_.blocks()[static_cast<std::size_t>(r.block)];
      const yard::Slot slot = block.find(id).value();
      b["block"] = block.name();
      b["bay"] = slot.bay;
      b["row"] = slot.row;
      b["tier"] = slot.tier;
    }
    b["since"] = w.time_text(r.box.arrival);
    int out = -1;
    if (auto it = out_call.find(id); it != out_call.end()) out = it->second;
    else if (r.place == Place::OnTruck) out = gate_.drop_call(id);
    const int in = r.call_in >= 0 ? r.call_in : r.vessel;  // a restored transshipment's r.vessel is its next call
    if (in >= 0 && in != out) b["vessel_in"] = call_text(in);
    if (out >= 0) b["vessel_out"] = call_text(out);
    else if (r.box.expected_pickup > 0) b["pickup_expected"] = w.time_text(r.box.expected_pickup);
    if (const TransitShareConfig* t = transit_share(config_.vessels, r.transit)) {
      b["transit"] = {{"route", t->route.name}, {"device", t->device.name}, {"mode", r.by_rail ? "rail" : "truck"}};
    }
    boxes.push_back(std::move(b));
  }
  section["boxes"] = std::move(boxes);

  Json vessels = Json::array();
  for (const auto& c : calls_) {
    if (c.gone || c.departure >= 0 || c.arrival >= sim_.horizon()) continue;
    Json v;
    v["call"] = call_text(c.index);
    v["where"] = c.berthed ? "at_berth" : c.arrival <= now ? "waiting" : "expected";
    if (c.berthed) v["berth"] = c.berth;
    v["arrival"] = w.time_text(c.arrival);
    if (c.berthed) v["berthed"] = w.time_text(c.berth_time);
    v["discharge"] = c.discharge - c.discharged;
    if (!c.berthed && c.arrival > now) v["load"] = c.load;
    vessels.push_back(std::move(v));
  }
  section["vessels"] = std::move(vessels);

  Json trucks = Json::array();
  for (const auto& p : gate_.planned_visits()) {
    Json t;
    t["arrival"] = w.time_text(p.arrival);
    t["booked"] = p.booked;
    if (p.pickup != yard::kNoContainer) t["pickup"] = container_number(p.pickup);
    if (p.drops) {
      t["drop"] = yard::category_name(p.drop_category);
      t["vessel_out"] = call_text(p.call);
    }
    trucks.push_back(std::move(t));
  }
  section["trucks"] = std::move(trucks);
}

void TerminalModel::restore_state(const snapshot::Snapshot& snap) {
  scenario::Diagnostics d(snap.source);
  snapshot::SectionReader reader(snap, d);
  restored_ = std::make_unique<TerminalState>();
  if (const Json* section = reader.section("terminal")) {
    *restored_ = read_terminal_state(reader, *section, config_, sim_.horizon());
  }
  if (!d.ok()) throw std::logic_error("a snapshot reached the terminal unchecked:\n" + d.format());
  const double now = Simulation::now();
  gate_.restore_from_snapshot();
  std::vector<const VesselState*> listed(calls_.size(), nullptr);
  for (const auto& v : restored_->vessels) listed[static_cast<std::size_t>(v.call)] = &v;
  std::vector<int> waiting;
  for (auto& call : calls_) {
    const VesselState* v = listed[static_cast<std::size_t>(call.index)];
    if (!v) {
      if (call.arrival < now) call.gone = call.berthed = true;  // came and went before the snapshot
      continue;
    }
    call.arrival = v->arrival;
    call.discharge = v->discharge;
    if (v->where == VesselWhere::Expected) call.load = v->load;
    if (v->where == VesselWhere::AtBerth) {
      call.berth_time = v->berthed;
      quay_.restore_at_berth(call.index, v->berth);
    } else if (v->where == VesselWhere::Waiting) {
      waiting.push_back(call.index);
    }
  }
  std::stable_sort(waiting.begin(), waiting.end(), [this](int a, int b) {
    return calls_[static_cast<std::size_t>(a)].arrival < calls_[static_cast<std::size_t>(b)].arrival;
  });
  for (int call : waiting) quay_.restore_waiting(call);
}

// The boxes and visits of the snapshot, once the yard records its moves (start()).
void TerminalModel::restore_boxes() {
  const TerminalState& st = *restored_;
  const double now = Simulation::now();
  std::vector<yard::ContainerId> ids(st.boxes.size());
  for (std::size_t i = 0; i < st.boxes.size(); ++i) {
    const BoxState& b = st.boxes[i];
    yard::Container box;
    box.id = registry_.next_id();
    box.category = b.category;
    box.arrival = b.since;
    if (b.pickup_expected) box.expected_pickup = *b.pickup_expected;
    else if (b.vessel_out >= 0) box.expected_pickup = calls_[static_cast<std::size_t>(b.vessel_out)].scheduled;
    ContainerRecord& r = registry_.add(box, Place::OnVessel, b.vessel_out >= 0 ? b.vessel_out : b.vessel_in);
    r.transship = b.vessel_in >= 0 && b.vessel_out >= 0;
    r.call_in = b.vessel_in;
    if (b.transit >= 0) {
      registry_.set_transit(box.id, b.transit);
      registry_.at(box.id).by_rail = transit_share(config_.vessels, b.transit)->mode == "rail";
    }
    numbers_[box.id] = b.number;
    ids[i] = box.id;
  }
  // Tier by tier, so that every box stands on the one the snapshot has under it.
  std::vector<std::size_t> order(st.boxes.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return st.boxes[a].slot.tier < st.boxes[b].slot.tier; });
  std::vector<yard::ContainerId> loading;  // on their way to the quay
  for (std::size_t i : order) {
    const BoxState& b = st.boxes[i];
    const yard::ContainerId id = ids[i];
    switch (b.where) {
      case BoxWhere::Yard: yard_.stack_restored(id, b.block, b.slot); break;
      case BoxWhere::Overflow: registry_.move(id, Place::OnVessel, Place::Overflow); break;
      case BoxWhere::Rail:  // sealed (again) and boarded on the first train with room
        registry_.move(id, Place::OnVessel, Place::OnTrain);
        rail_.restore_at_rail(id);
        break;
      case BoxWhere::Truck:
        registry_.move(id, Place::OnVessel, Place::OnTruck);
        gate_.restore_on_truck(id, b.vessel_out);
        break;
      case BoxWhere::Vehicle:
        if (b.vessel_out >= 0) {  // being loaded: parked at the quay, first on its call's list
          registry_.move(id, Place::OnVessel, Place::Overflow);
          loading.push_back(id);
          break;
        }
        // Driven to the yard: the block nearest to the one it was bound for, with room.
        if (const auto block = yard_.assign_block(b.category, yard_.handover_point(std::max(0, b.block)))) {
          registry_.move(id, Place::OnVessel, Place::OnVehicle);
          YardJob job;
          job.kind = YardJob::Kind::Receive;
          job.container = id;
          job.carrier = Place::OnVehicle;
          job.source = JobSource::Quay;
          job.done = [] {};
          yard_.submit(*block, std::move(job));
        } else {
          registry_.move(id, Place::OnVessel, Place::Overflow);
        }
        break;
    }
  }
  for (std::size_t i = 0; i < st.boxes.size(); ++i) {  // load lists, in the snapshot's order
    const BoxState& b = st.boxes[i];
    if (b.vessel_out < 0 || b.where == BoxWhere::Truck) continue;
    VesselCall& call = calls_[static_cast<std::size_t>(b.vessel_out)];
    if (std::find(loading.begin(), loading.end(), ids[i]) != loading.end()) continue;
    if (call.restored && call.berthed) call.exports.push_back(ids[i]);
    else gate_.file_export(b.vessel_out, ids[i]);
  }
  for (auto it = loading.rbegin(); it != loading.rend(); ++it) {
    const ContainerRecord& r = registry_.at(*it);
    auto& exports = calls_[static_cast<std::size_t>(r.vessel)].exports;
    exports.insert(exports.begin(), *it);
  }

  // Truck visits: those listed, then a pickup for every box that leaves by road and has none.
  std::vector<bool> has_visit(st.boxes.size(), false);
  for (const TruckState& t : st.trucks) {
    const yard::ContainerId pickup = t.pickup >= 0 ? ids[static_cast<std::size_t>(t.pickup)] : yard::kNoContainer;
    if (t.pickup >= 0) has_visit[static_cast<std::size_t>(t.pickup)] = true;
    gate_.restore_visit(t.arrival, t.booked, pickup, t.drops, t.drop_category, t.call);
  }
  for (std::size_t i = 0; i < st.boxes.size(); ++i) {
    const BoxState& b = st.boxes[i];
    if (b.vessel_out >= 0 || b.where == BoxWhere::Truck || b.where == BoxWhere::Rail || has_visit[i]) continue;
    if (registry_.at(ids[i]).by_rail) rail_.restore_plan(ids[i]);
    else gate_.restore_pickup(ids[i]);
  }
  if (!st.has_trucks) {  // the scenario plans the exports still to come for calls planned already
    for (const auto& call : calls_) {
      if (call.gone || (call.restored && call.berthed)) continue;
      if (std::max(0.0, call.scheduled - config_.trucks.export_planning) >= now) continue;
      const int here = static_cast<int>(std::count_if(st.boxes.begin(), st.boxes.end(),
                                                      [&](const BoxState& b) { return b.vessel_out == call.index; }));
      if (call.load > here) gate_.restore_exports_to_come(call.index, call.load - here);
    }
  }
  restored_.reset();
}

}  // namespace porttwin::terminal

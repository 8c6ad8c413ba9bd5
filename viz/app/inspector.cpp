// The inspector: a trip clicked on the corridor map (id, device type, route, times, battery and
// alarms at the cursor, its alarms as buttons that move the cursor there, the attack when the truth
// is shown); a container: type an id or click a box; shows where it is at the cursor, every lift of
// it (time, kind, crane, its operator station, from and to slot) and its quay and customs events, each a button that
// moves the cursor there. With a stack selected, lists the stack's boxes.
#include <imgui.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "sim/record/event_kind.hpp"
#include "viz/app/panels.hpp"
#include "models/corridor/record/corridor_names.hpp"
#include "models/record/event_catalog.hpp"

namespace porttwin::viz {

namespace {

std::string slot_text(std::int32_t bay, std::int32_t row, std::int32_t tier) {
  if (bay < 0) return "handover";
  return "bay " + std::to_string(bay) + " row " + std::to_string(row) + " tier " + std::to_string(tier);
}

const char* move_kind(YardMoveKind kind) {
  switch (kind) {
    case YardMoveKind::Receive: return "receive";
    case YardMoveKind::Rehandle: return "rehandle";
    case YardMoveKind::Deliver: return "deliver";
  }
  return "?";
}


void trip_section(Viewer& v) {
  const std::uint64_t id = *v.selected_trip;
  const CorridorTripRow* trip = v.corridor.trip(id);
  if (!trip) {
    ImGui::TextDisabled("trip %llu: not in this run", static_cast<unsigned long long>(id));
    return;
  }
  const CorridorMap& map = v.corridor.map();
  const Calendar& cal = v.source.calendar();
  const MapDeviceType* type = trip->device < map.device_types.size() ? &map.device_types[trip->device] : nullptr;
  ImGui::Text("Trip %llu", static_cast<unsigned long long>(id));
  ImGui::Text("device: %s (%s%s)", type ? type->name.c_str() : "?", type ? type->type.c_str() : "?",
              type && type->real_time ? ", real-time" : "");
  if (trip->unit != 0xffffffffu) ImGui::Text("unit %u of the fleet", trip->unit);
  ImGui::Text("route: %s", trip->route < map.routes.size() ? map.routes[trip->route].name.c_str() : "?");
  auto moment = [&](const char* what, double when, int n) {
    if (when < 0) {
      ImGui::TextDisabled("%s: not in the run", what);
      return;
    }
    ImGui::PushID(n);
    if (ImGui::SmallButton(cal.format(when).c_str())) v.seek(when);
    ImGui::PopID();
    ImGui::SameLine();
    ImGui::TextUnformatted(what);
  };
  moment("created", trip->created, 1);
  moment("sealed (departure)", trip->sealed, 2);
  moment("unsealed (arrival)", trip->completed, 3);
  // Its row at or before the cursor: where, battery, flags.
  const CorridorTrackRow* now = nullptr;
  for (const CorridorTrackRow& row : v.trip_history) {
    if (row.time > v.time()) break;
    now = &row;
  }
  if (now) {
    ImGui::Text("at %s: %.0f km along, battery %.2f Ah%s", cal.format(now->time).c_str(), static_cast<double>(now->km),
                static_cast<double>(now->battery),
                type && type->battery_capacity > 0
                    ? (" (" + std::to_string(static_cast<int>(100 * now->battery / type->battery_capacity)) + "%)").c_str()
                    : "");
    ImGui::Text("%s, last alarm: %s", now->reported ? "reported to customs" : "ground truth only (not reported)",
                now->alarm >= 0 ? corridor::name_of(corridor::kAlarmLabels, now->alarm).data() : "none");
  }
  if (v.show_attacks) {
    if (trip->attack > 0 && trip->attack < 5) {
      ImGui::TextColored(ImVec4(1, 0.3f, 0.8f, 1), "truth: %s", corridor::name_of(corridor::kAttackLabels, trip->attack).data());
      moment("attack", trip->attack_time, 4);
      if (trip->detected >= 0) moment("detected", trip->detected, 5);
    } else {
      ImGui::TextDisabled("truth: not attacked");
    }
  }
  int n = 100;
  for (const CorridorTrackRow& row : v.trip_history) {
    if (row.cause != TrackCause::Alarm && row.cause != TrackCause::Attack && row.cause != TrackCause::Arrive) continue;
    if (row.cause == TrackCause::Attack && !v.show_attacks) continue;
    ImGui::PushID(n++);
    if (ImGui::SmallButton(cal.format(row.time).c_str())) v.seek(row.time);
    ImGui::PopID();
    ImGui::SameLine();
    const bool past = row.time <= v.time();
    const ImVec4 colour = past ? ImVec4(1, 1, 1, 1) : ImVec4(0.6f, 0.6f, 0.6f, 1);
    if (row.cause == TrackCause::Alarm) {
      ImGui::TextColored(colour, "alarm: %s", corridor::name_of(corridor::kAlarmLabels, row.alarm).data());
    } else {
      ImGui::TextColored(colour, "%s at %.0f km", corridor::name_of(corridor::kTrackCauseLabels, static_cast<int>(row.cause)).data(), static_cast<double>(row.km));
    }
  }
  ImGui::Separator();
}

}  // namespace

void draw_inspector(Viewer& v, const PanelArea& where) {
  if (!begin_panel("Inspector", where)) {
    ImGui::End();
    return;
  }
  if (v.selected_trip) trip_section(v);
  if (!v.has_yard()) {
    if (!v.selected_trip) ImGui::TextDisabled("click a device on the corridor map");
    ImGui::End();
    return;
  }
  static char typed[32] = "";
  ImGui::SetNextItemWidth(140);
  const bool entered = ImGui::InputText("container id", typed, sizeof typed,
                                        ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if ((ImGui::Button("Open") || entered) && typed[0]) v.select_container(std::strtoull(typed, nullptr, 10));

  const analysis::YardState& state = v.cursor.state();
  if (v.container) {
    const ContainerDetails& d = *v.container;
    ImGui::Separator();
    ImGui::Text("Container %llu", static_cast<unsigned long long>(d.id));
    if (const auto place = state.find(d.id)) {
      ImGui::Text("at the cursor: block %s, %s", v.geometry.blocks[place->block].name.c_str(),
                  slot_text(place->slot.bay, place->slot.row, place->slot.tier).c_str());
      const double received = v.events.received(d.id);
      if (received >= 0 && received <= v.time()) ImGui::Text("in the yard for %.1f h", (v.time() - received) / 3600);
    } else {
      ImGui::TextDisabled("not in the yard at the cursor");
    }
    if (d.lifts.empty() && d.events.empty()) ImGui::TextDisabled("no recorded lifts or events");
    if (!d.lifts.empty() &&
        ImGui::BeginTable("lifts", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit)) {
      ImGui::TableSetupColumn("time");
      ImGui::TableSetupColumn("move");
      ImGui::TableSetupColumn("crane");
      ImGui::TableSetupColumn("operator");
      ImGui::TableSetupColumn("from");
      ImGui::TableSetupColumn("to");
      ImGui::TableHeadersRow();
      int n = 0;
      for (const Lift& l : d.lifts) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushID(n++);
        const bool past = l.move.time <= v.time();
        if (ImGui::SmallButton(v.source.calendar().format(l.move.time).c_str())) v.seek(l.move.time);
        ImGui::PopID();
        ImGui::TableNextColumn();
        ImGui::TextColored(past ? ImVec4(1, 1, 1, 1) : ImVec4(0.6f, 0.6f, 0.6f, 1), "%s %s", move_kind(l.move.kind),
                           v.geometry.blocks.size() > l.move.block ? v.geometry.blocks[l.move.block].name.c_str() : "?");
        ImGui::TableNextColumn();
        if (l.crane >= 0) {
          ImGui::Text("Y%d", l.crane);
        } else {
          ImGui::TextDisabled("-");
        }
        ImGui::TableNextColumn();
        if (l.desk >= 0) {
          ImGui::Text("desk %d", l.desk);
        } else {
          ImGui::TextDisabled(l.crane >= 0 ? "on board" : "-");
        }
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(slot_text(l.move.from_bay, l.move.from_row, l.move.from_tier).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(slot_text(l.move.to_bay, l.move.to_row, l.move.to_tier).c_str());
      }
      ImGui::EndTable();
    }
    int n = 1000;
    for (const EventRow& e : d.events) {
      ImGui::PushID(n++);
      if (ImGui::SmallButton(v.source.calendar().format(e.time).c_str())) v.seek(e.time);
      ImGui::PopID();
      ImGui::SameLine();
      const char* place = e.place < v.places.size() ? v.places[e.place].c_str() : "?";
      ImGui::Text("%s at %s (detail %u)", event_name(e.kind).c_str(), place, static_cast<unsigned>(e.detail));
    }
  }
  if (v.selected_stack && v.selected_stack->block < static_cast<int>(v.geometry.blocks.size())) {
    const StackHit s = *v.selected_stack;
    const BlockGeometry& b = v.geometry.blocks[s.block];
    ImGui::Separator();
    ImGui::Text("Stack %s bay %d row %d", b.name.c_str(), s.bay, s.row);
    for (int tier = b.tiers - 1; tier >= 0; --tier) {
      const std::uint64_t id = state.blocks()[s.block].slots[(static_cast<std::size_t>(s.bay) * b.rows + s.row) * b.tiers + tier];
      if (id == 0) continue;
      char label[48];
      std::snprintf(label, sizeof label, "tier %d: %llu", tier, static_cast<unsigned long long>(id));
      if (ImGui::Selectable(label, v.container && v.container->id == id)) v.select_container(id);
    }
  }
  ImGui::End();
}

}  // namespace porttwin::viz

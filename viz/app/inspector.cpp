// The container inspector: type an id or click a box; shows where it is at the cursor, every lift
// of it (time, kind, crane, from and to slot) and its quay and customs events, each a button that
// moves the cursor there. With a stack selected, lists the stack's boxes.
#include <imgui.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "sim/record/event_kind.hpp"
#include "viz/app/panels.hpp"

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

const char* event_name(std::uint16_t kind) {
  for (const auto& [name, code] : event_kind_names()) {
    if (code == kind) return name.c_str();
  }
  return "?";
}

}  // namespace

void draw_inspector(Viewer& v, const PanelArea& where) {
  if (!begin_panel("Inspector", where)) {
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
        ImGui::BeginTable("lifts", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit)) {
      ImGui::TableSetupColumn("time");
      ImGui::TableSetupColumn("move");
      ImGui::TableSetupColumn("crane");
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
      ImGui::Text("%s at %s (detail %u)", event_name(e.kind), place, static_cast<unsigned>(e.detail));
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

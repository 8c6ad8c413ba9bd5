#include "analysis/dcsa_export.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/run_file.hpp"
#include "models/corridor/record/corridor_events.hpp"
#include "models/corridor/record/corridor_layout.hpp"
#include "models/corridor/record/corridor_names.hpp"
#include "models/nii/record/nii_events.hpp"
#include "models/record/event_catalog.hpp"
#include "models/terminal/record/terminal_events.hpp"
#include "models/terminal/record/terminal_layout.hpp"
#include "models/gate/record/gate_events.hpp"
#include "models/yard/record/iso6346.hpp"
#include "sim/core/units.hpp"
#include "sim/record/h5_file.hpp"
#include "sim/record/run_layout.hpp"

namespace porttwin::analysis {

namespace {

constexpr std::uint16_t kStart = static_cast<std::uint16_t>(EventKind::Start);
constexpr std::uint16_t kFinish = static_cast<std::uint16_t>(EventKind::Finish);
constexpr std::uint16_t kEnter = static_cast<std::uint16_t>(EventKind::Enter);
constexpr std::uint16_t kDevanning = 1;       // nii.secondary's START/FINISH detail: devanning after an X-ray alarm
constexpr std::uint16_t kRouteScan = 1;       // NII_ROUTE detail: X-ray scan
constexpr auto kIllegalOpening = static_cast<std::uint16_t>(corridor::AlarmKind::IllegalOpening);  // ALARM detail
// The corridor's own trips carry no container number in a run; the export names their boxes under
// this owner code with the trip id as serial.
constexpr std::string_view kCorridorOwner = "PTCU";

// JSON text of a string. Codes, container numbers and UN/LOCODEs are checked capitals and digits;
// a scenario's service name is the user's, so anything that needs escaping goes through the JSON
// library.
void append_string(std::string& out, std::string_view s) {
  const bool plain = std::none_of(s.begin(), s.end(), [](char c) {
    return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x80;
  });
  if (!plain) {
    out += nlohmann::json(std::string(s)).dump();
    return;
  }
  out += '"';
  out += s;
  out += '"';
}

void append_member(std::string& out, std::string_view key, std::string_view value) {
  out += '"';
  out += key;
  out += "\":";
  append_string(out, value);
}

struct Seal {
  double sealed = -1, completed = -1;
  std::string number, type;  // sealNumber, sealType
};

class Exporter {
 public:
  Exporter(const std::filesystem::path& run, const DcsaExportOptions& options) : options_(options) {
    const h5::File file = h5::File::open_read(run.string());
    const h5::Group root = file.root();
    if (!root.has("meta") || !root.has("events/places")) throw std::runtime_error(run.string() + " is not a porttwin run file (no /meta, no /events)");
    if (!root.has("events/log")) {
      throw std::runtime_error(run.string() + " was recorded without its events (record.events: false): nothing to "
                                              "export; run it again with --set record.events=true");
    }
    const h5::Group meta = root.open_group("meta");
    const auto start = units::parse_datetime(meta.string_attribute("start"));
    if (!start) throw std::runtime_error(run.string() + ": /meta start is not a date-time");
    start_ = *start;
    offset_text_ = meta.has_attribute("utc_offset") ? meta.string_attribute("utc_offset") : "+00:00";
    fingerprint_ = meta.has_attribute("fingerprint") ? meta.string_attribute("fingerprint") : std::string(16, '0');
    fingerprint_.resize(16, '0');
    places_ = read_places(run);
    locations_.resize(places_.size());
    for (const PlaceLocationRow& row : read_place_locations(root)) {
      if (row.place < locations_.size()) locations_[row.place] = row;
    }
    terminal_place_ = find_place("terminal.gate");
    quay_ = find_place("quay");
    nii_ = find_place("nii");
    secondary_ = find_place("nii.secondary");
    coupled_ = find_place("port.transit").has_value();
    records_ = read_terminal_records(root);
    for (std::size_t i = 0; i < records_.truck_visits.size(); ++i) visit_of_truck_[records_.truck_visits[i].truck] = i;
    for (const TerminalBoxRow& b : records_.boxes) {
      if (b.train >= 0) boxes_of_train_[b.train].push_back(b.box);
    }
    rail_ = find_place("terminal.rail");
    if (root.has("corridor/trips")) {
      const h5::Group g = root.open_group("corridor");
      std::vector<std::string> seal_types;
      for (const auto& d : h5::read_table<CorridorDeviceTypeRow>(g, "device_types", corridor_device_type_row_type())) {
        const std::string type(h5::text_of(d.type));
        // WCO's SSD families: RFID bolt and cable e-seals (passive, semi-active) are bolt seals; the
        // active e-seals and electronic locks of a smart container are keyless padlocks.
        seal_types.push_back(type == "passive" || type == "semi_active" ? "BLT" : "KLP");
      }
      for (const auto& t : h5::read_table<CorridorTripRow>(g, "trips", corridor_trip_row_type())) {
        Seal s;
        s.sealed = t.sealed;
        s.completed = t.completed;
        s.type = t.device < seal_types.size() ? seal_types[t.device] : "KLP";
        s.number = t.unit != kNoTripUnit ? "E" + std::to_string(t.unit) : "T" + std::to_string(t.trip);
        seals_[t.trip] = std::move(s);
      }
    }
    rows_ = read_events(run);
  }

  DcsaExportCounts write(std::ostream& out) {
    DcsaExportCounts counts;
    counts.rows = rows_.size();
    std::string buffer;
    buffer.reserve(1 << 20);
    buffer += '[';
    bool first = true;
    for (std::size_t i = 0; i < rows_.size(); ++i) {
      event_.clear();
      const char* code = convert(rows_[i], i, counts);
      if (!code) {
        ++counts.left_out[event_name(rows_[i].kind)];
        continue;
      }
      buffer += first ? "\n" : ",\n";
      first = false;
      buffer += event_;
      if (buffer.size() > (1u << 20) - 4096) {
        out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        buffer.clear();
      }
    }
    buffer += first ? "]\n" : "\n]\n";
    out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    return counts;
  }

 private:
  DcsaExportOptions options_;
  double start_ = 0;
  std::string offset_text_, fingerprint_;
  std::vector<std::string> places_;
  std::vector<PlaceLocationRow> locations_;  // by place; empty codes where the scenario gives none
  std::optional<std::uint32_t> terminal_place_, quay_, nii_, secondary_;
  bool coupled_ = false;
  TerminalRecords records_;
  std::unordered_map<std::uint64_t, std::size_t> visit_of_truck_;
  std::unordered_map<std::int64_t, std::vector<std::uint64_t>> boxes_of_train_;  // in box id order
  std::optional<std::uint32_t> rail_;
  std::unordered_map<std::uint64_t, Seal> seals_;
  std::vector<EventRow> rows_;
  std::string event_;         // the events of the row being converted
  DcsaExportCounts* counts_ = nullptr;  // of the export under way
  std::size_t emitted_ = 0;   // events of this row so far (a train's departure loads many boxes)

  std::optional<std::uint32_t> find_place(std::string_view name) const {
    for (std::size_t i = 0; i < places_.size(); ++i) {
      if (places_[i] == name) return static_cast<std::uint32_t>(i);
    }
    return std::nullopt;
  }

  bool at(const EventRow& e, const std::optional<std::uint32_t>& place) const { return place && e.place == *place; }
  bool at_corridor(const EventRow& e) const { return places_[e.place].starts_with("corridor."); }

  const TerminalBoxRow* box(std::uint64_t id) const {
    if (id == 0 || id > records_.boxes.size()) return nullptr;
    return &records_.boxes[id - 1];
  }

  // The place's location, or the terminal's for the terminal's own places (NII, the port) that have none.
  const PlaceLocationRow& location_of(std::uint32_t place) const {
    const bool located = locations_[place].un_locode[0] != '\0' || locations_[place].facility_code[0] != '\0';
    if (located || places_[place].starts_with("corridor.") || !terminal_place_) return locations_[place];
    return locations_[*terminal_place_];
  }

  // Starts an event of `type`, counted under `counted` (its code; a truck's ARRI/DEPA apart from a vessel's).
  void begin(const char* type, const std::string& counted, const EventRow& e, std::size_t index) {
    auto& by = type[0] == 'T' ? counts_->transport : type[0] == 'I' ? counts_->iot : counts_->equipment;
    ++by[counted];
    ++counts_->exported;
    if (emitted_ > 0) event_ += ",\n";
    event_ += '{';
    append_member(event_, "eventID", event_id(index, emitted_++));
    event_ += ',';
    append_member(event_, "eventType", type);
    event_ += ",\"eventClassifierCode\":\"ACT\",";
    const std::string when = date_time(e.time);
    append_member(event_, "eventDateTime", when);
    event_ += ',';
    append_member(event_, "eventCreatedDateTime", when);
  }

  // A UUID of RFC 9562's version 8 (vendor-defined) from the run's fingerprint, the row's index and
  // the event's number in its row: the same run gives the same ids, and an id names its row.
  std::string event_id(std::size_t index, std::size_t nth) const {
    const std::uint64_t low = (static_cast<std::uint64_t>(index) << 16) | (nth & 0xFFFF);
    char hex[33];
    std::copy(fingerprint_.begin(), fingerprint_.begin() + 16, hex);
    static constexpr char kHex[] = "0123456789abcdef";
    for (int k = 0; k < 16; ++k) hex[16 + k] = kHex[(low >> (4 * (15 - k))) & 0xF];
    hex[12] = '8';
    hex[16] = kHex[8 | (low >> 60 & 3)];
    hex[32] = '\0';
    std::string id(hex, 8);
    id += '-';
    id.append(hex + 8, 4);
    id += '-';
    id.append(hex + 12, 4);
    id += '-';
    id.append(hex + 16, 4);
    id += '-';
    id.append(hex + 20, 12);
    return id;
  }

  std::string date_time(double t) const {
    const double ms = std::round((start_ + t) * 1000.0) / 1000.0;
    return units::format_datetime_ms(ms) + offset_text_;
  }

  // The location's members, each with its leading comma; true when it wrote any.
  bool location_members(const PlaceLocationRow& l, bool with_type) {
    const std::size_t before = event_.size();
    const auto member = [this](const char* key, std::string_view value) {
      if (value.empty()) return;
      event_ += ',';
      append_member(event_, key, value);
    };
    member("UNLocationCode", h5::text_of(l.un_locode));
    if (l.facility_code[0] != '\0') {
      member("facilityCode", h5::text_of(l.facility_code));
      member("facilityCodeListProvider", h5::text_of(l.facility_code_list));
    }
    if (with_type) member("facilityTypeCode", h5::text_of(l.facility_type));
    return event_.size() > before;
  }

  void transport_call(std::string_view id, const char* mode, const PlaceLocationRow& l, const TerminalCallRow* call) {
    event_ += ",\"transportCall\":{";
    append_member(event_, "transportCallID", id);
    event_ += ',';
    append_member(event_, "modeOfTransport", mode);
    if (call) {
      const std::string_view service = h5::text_of(call->service);
      if (service.size() <= 5) {  // DCSA's carrierServiceCode has at most 5 characters
        event_ += ',';
        append_member(event_, "carrierServiceCode", service);
      }
      event_ += ',';
      append_member(event_, "carrierVoyageNumber", voyage(*call));
    }
    location_members(l, true);
    event_ += '}';
  }

  static std::string voyage(const TerminalCallRow& call) {
    char text[16];
    std::snprintf(text, sizeof text, "%04dW", call.week);  // the service's call of week `week`
    return text;
  }

  const TerminalCallRow* call(std::int32_t index) const {
    if (index < 0 || static_cast<std::size_t>(index) >= records_.calls.size()) return nullptr;
    return &records_.calls[static_cast<std::size_t>(index)];
  }

  static std::string call_id(const TerminalCallRow& c) { return std::string(h5::text_of(c.service)) + "-" + voyage(c); }

  // The terminal's box an event's entity is: a trip's id is its box's only when the port couples
  // the terminal to the corridor (its transit and export boxes; the corridor's own trips are then
  // numbered from 2^40).
  const TerminalBoxRow* box_of(std::uint64_t id, bool corridor_trip) const {
    return corridor_trip && !coupled_ ? nullptr : box(id);
  }

  std::string number_of(std::uint64_t id, bool corridor_trip) const {
    if (const TerminalBoxRow* b = box_of(id, corridor_trip)) return std::string(h5::text_of(b->container));
    return yard::iso6346_number(kCorridorOwner, static_cast<std::uint32_t>(id % 1000000));
  }

  void equipment(const char* code, const EventRow& e, std::size_t index, std::uint64_t id, const char* mode,
                 std::string_view call_id_text, const TerminalCallRow* call, bool corridor_trip) {
    begin("EQUIPMENT", code, e, index);
    event_ += ',';
    append_member(event_, "equipmentEventTypeCode", code);
    event_ += ',';
    append_member(event_, "equipmentReference", number_of(id, corridor_trip));
    const TerminalBoxRow* b = box_of(id, corridor_trip);
    if (b) {  // ISO 6346 size-type: the yard's slots are 20-ft bays; a reefer is R1, any other box G1
      event_ += ',';
      append_member(event_, "ISOEquipmentCode", b->category == BoxCategory::Reefer ? "22R1" : "22G1");
    }
    event_ += ',';
    append_member(event_, "emptyIndicatorCode", b && b->category == BoxCategory::Empty ? "EMPTY" : "LADEN");
    const PlaceLocationRow& l = location_of(e.place);
    static constexpr std::string_view kOpen = ",\"eventLocation\":{";
    const std::size_t mark = event_.size();
    event_ += kOpen;
    if (location_members(l, false)) {
      event_.erase(mark + kOpen.size(), 1);  // the first member's leading comma
      event_ += '}';
    } else {
      event_.resize(mark);  // no code known: no eventLocation
    }
    transport_call(call_id_text, mode, l, call);
    seals(id, e.time);
    event_ += '}';
  }

  void seals(std::uint64_t id, double t) {
    const auto it = seals_.find(id);
    if (it == seals_.end()) return;
    const Seal& s = it->second;
    if (s.sealed < 0 || t < s.sealed || (s.completed >= 0 && t > s.completed)) return;
    event_ += ",\"seals\":[{";
    append_member(event_, "sealNumber", s.number);
    event_ += ",\"sealSource\":\"CUS\",";
    append_member(event_, "sealType", s.type);
    event_ += "}]";
  }

  void transport(const char* code, const EventRow& e, std::size_t index, const TerminalCallRow& c) {
    begin("TRANSPORT", code, e, index);
    event_ += ',';
    append_member(event_, "transportEventTypeCode", code);
    transport_call(call_id(c), "VESSEL", location_of(e.place), &c);
    event_ += '}';
  }

  // A truck's visit to the terminal: its arrival at the gate and its departure through the out-gate,
  // the times a truck turn is measured between (gate arrival to out-gate).
  void truck_transport(const char* code, const EventRow& e, std::size_t index) {
    begin("TRANSPORT", std::string("truck ") + code, e, index);
    event_ += ',';
    append_member(event_, "transportEventTypeCode", code);
    transport_call("TRUCK-" + std::to_string(e.entity), "TRUCK", location_of(e.place), nullptr);
    event_ += '}';
  }

  void iot_door_opened(const EventRow& e, std::size_t index) {
    begin("IOT", "DRO", e, index);
    event_ += ",\"iotEventTypeCode\":\"DETC\",\"iotEventCode\":\"DRO\",";
    append_member(event_, "equipmentReference", number_of(e.entity, true));
    event_ += '}';
  }

  // A box's event at the terminal, under the call that brought or takes it.
  const char* terminal_box(const char* code, const EventRow& e, std::size_t index, std::int32_t call_index) {
    const TerminalCallRow* c = call(call_index);
    if (!box(e.entity)) return nullptr;
    const std::string id = c ? call_id(*c) : "TERMINAL-" + std::to_string(e.entity);
    equipment(code, e, index, e.entity, c ? "VESSEL" : "TRUCK", id, c, false);
    return code;
  }

  const char* trip(const char* code, const EventRow& e, std::size_t index) {
    equipment(code, e, index, e.entity, "TRUCK", "TRIP-" + std::to_string(e.entity), nullptr, true);
    return code;
  }

  const char* customs(const char* code, const EventRow& e, std::size_t index) {
    const TerminalBoxRow* b = box(e.entity);
    if (!options_.tnt3_draft || !at(e, nii_) || !b) return nullptr;
    return terminal_box(code, e, index, b->call_in);
  }

  // The DCSA code the row was written under, or nullptr when it yields no event.
  const char* convert(const EventRow& e, std::size_t index, DcsaExportCounts& counts) {
    emitted_ = 0;
    counts_ = &counts;
    const char* code = convert_row(e, index);
    return code && emitted_ > 0 ? code : nullptr;
  }

  const char* convert_row(const EventRow& e, std::size_t index) {
    if (e.place >= places_.size()) return nullptr;
    const bool corridor = at_corridor(e);
    switch (e.kind) {
      case code_of(TerminalEvent::Discharge):
        if (!at(e, quay_) || !box(e.entity)) return nullptr;
        return terminal_box("DISC", e, index, box(e.entity)->call_in);
      case code_of(TerminalEvent::Load):
        if (!at(e, quay_) || !box(e.entity)) return nullptr;
        return terminal_box("LOAD", e, index, box(e.entity)->call_out);
      case code_of(TerminalEvent::VesselArrive):
      case code_of(TerminalEvent::VesselDepart): {
        const TerminalCallRow* c = at(e, quay_) ? call(static_cast<std::int32_t>(e.entity)) : nullptr;
        if (!c) return nullptr;
        const char* code = e.kind == code_of(TerminalEvent::VesselArrive) ? "ARRI" : "DEPA";
        transport(code, e, index, *c);
        return code;
      }
      case kEnter:  // a truck at the gate: its turn starts
        if (!at(e, terminal_place_) || !visit_of_truck_.count(e.entity)) return nullptr;
        truck_transport("ARRI", e, index);
        return "ARRI";
      case code_of(GateEvent::GateIn):
      case code_of(GateEvent::GateOut): {
        if (!at(e, terminal_place_)) return nullptr;
        const auto v = visit_of_truck_.find(e.entity);
        if (v == visit_of_truck_.end()) return nullptr;
        const TruckVisitRow& visit = records_.truck_visits[v->second];
        const bool in = e.kind == code_of(GateEvent::GateIn);
        const std::uint64_t id = in ? visit.drop : visit.pickup;
        const char* code = in ? "GTIN" : "GTOT";
        if (box(id)) equipment(code, e, index, id, "TRUCK", "TRUCK-" + std::to_string(e.entity), nullptr, false);
        if (!in) truck_transport("DEPA", e, index);  // after its box's GTOT: one row, two events
        return emitted_ ? code : nullptr;
      }
      case code_of(TerminalEvent::TrainDepart): {
        const auto train = boxes_of_train_.find(static_cast<std::int64_t>(e.entity));
        if (!at(e, rail_) || train == boxes_of_train_.end()) return nullptr;
        const std::string id = "TRAIN-" + std::to_string(e.entity);
        for (const std::uint64_t b : train->second) equipment("LOAD", e, index, b, "RAIL", id, nullptr, false);
        return "LOAD";
      }
      case kStart:
      case kFinish:
        if (!at(e, secondary_) || e.detail != kDevanning || !box(e.entity)) return nullptr;
        return terminal_box(e.kind == kStart ? "STRP" : "STUF", e, index, box(e.entity)->call_in);
      case code_of(NiiEvent::CustomsSelect):
        return e.detail == kRouteScan ? customs("CUSS", e, index) : nullptr;
      case code_of(NiiEvent::CustomsInspect): return customs("CUSI", e, index);
      case code_of(NiiEvent::CustomsRelease): return customs("CUSR", e, index);
      case code_of(CorridorEvent::Inspect):
        return corridor && e.detail == 1 ? trip("INSP", e, index) : nullptr;
      case code_of(CorridorEvent::BorderCheck):
        return corridor && (e.detail == 2 || e.detail == 3) ? trip("INSP", e, index) : nullptr;
      case code_of(CorridorEvent::ArrivalInspect): return corridor ? trip("INSP", e, index) : nullptr;
      case code_of(CorridorEvent::Unseal): return corridor ? trip("RMVD", e, index) : nullptr;
      case code_of(CorridorEvent::Relock): return corridor ? trip(e.detail == 0 ? "RMVD" : "RSEA", e, index) : nullptr;
      case code_of(CorridorEvent::BorderCross):
        return corridor && options_.tnt3_draft ? trip("CROS", e, index) : nullptr;
      case code_of(CorridorEvent::Alarm):
        if (!corridor || !options_.tnt3_draft || e.detail != kIllegalOpening) return nullptr;
        iot_door_opened(e, index);
        return "DRO";
      default: return nullptr;
    }
  }
};

}  // namespace

DcsaExportCounts export_dcsa(const std::filesystem::path& run, std::ostream& out, const DcsaExportOptions& options) {
  Exporter exporter(run, options);
  return exporter.write(out);
}

}  // namespace porttwin::analysis

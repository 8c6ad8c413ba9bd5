#include "analysis/dcsa_feed.hpp"
#include "sim/snapshot/counting_iterator.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <iterator>

#include <nlohmann/json.hpp>

#include "sim/core/units.hpp"
#include "sim/snapshot/json_document.hpp"

namespace porttwin::analysis {

namespace {

constexpr std::array<std::string_view, 11> kEquipmentCodes = {"LOAD", "DISC", "GTIN", "GTOT", "STUF", "STRP",
                                                              "PICK", "DROP", "INSP", "RSEA", "RMVD"};
constexpr std::array<std::string_view, 4> kDraftCodes = {"CUSS", "CUSI", "CUSR", "CROS"};
constexpr std::array<std::string_view, 2> kTransportCodes = {"ARRI", "DEPA"};
constexpr std::array<std::string_view, 4> kTypes = {"EQUIPMENT", "TRANSPORT", "SHIPMENT", "IOT"};
constexpr std::array<std::string_view, 4> kClassifiers = {"ACT", "PLN", "EST", "REQ"};

template <std::size_t N>
bool among(const std::array<std::string_view, N>& names, std::string_view s) {
  return std::find(names.begin(), names.end(), s) != names.end();
}

template <std::size_t N>
std::string listed(const std::array<std::string_view, N>& names) {
  std::string out;
  for (std::string_view n : names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

using snapshot::CountingIterator;

// The members of an event this reader keeps; anything else is skipped.
enum class Field : std::uint8_t {
  None, Type, Classifier, EquipmentCode, TransportCode, DateTime, Created, Equipment, IsoCode, Empty,
  UnLocode, Facility, CallId, Mode, Service, Voyage, Location, Call
};

Field event_field(std::string_view k) {
  if (k == "eventType") return Field::Type;
  if (k == "eventClassifierCode") return Field::Classifier;
  if (k == "equipmentEventTypeCode") return Field::EquipmentCode;
  if (k == "transportEventTypeCode") return Field::TransportCode;
  if (k == "eventDateTime") return Field::DateTime;
  if (k == "eventCreatedDateTime") return Field::Created;
  if (k == "equipmentReference") return Field::Equipment;
  if (k == "ISOEquipmentCode") return Field::IsoCode;
  if (k == "emptyIndicatorCode") return Field::Empty;
  if (k == "eventLocation") return Field::Location;
  if (k == "transportCall") return Field::Call;
  return Field::None;
}

Field location_field(std::string_view k) {
  if (k == "UNLocationCode") return Field::UnLocode;
  if (k == "facilityCode") return Field::Facility;
  return Field::None;
}

Field call_field(std::string_view k) {
  if (k == "transportCallID") return Field::CallId;
  if (k == "modeOfTransport") return Field::Mode;
  if (k == "carrierServiceCode") return Field::Service;
  if (k == "carrierVoyageNumber") return Field::Voyage;
  return location_field(k);
}

const char* field_name(Field f) {
  switch (f) {
    case Field::Type: return "eventType";
    case Field::Classifier: return "eventClassifierCode";
    case Field::EquipmentCode: return "equipmentEventTypeCode";
    case Field::TransportCode: return "transportEventTypeCode";
    case Field::DateTime: return "eventDateTime";
    case Field::Created: return "eventCreatedDateTime";
    case Field::Equipment: return "equipmentReference";
    case Field::IsoCode: return "ISOEquipmentCode";
    case Field::Empty: return "emptyIndicatorCode";
    case Field::UnLocode: return "UNLocationCode";
    case Field::Facility: return "facilityCode";
    case Field::CallId: return "transportCallID";
    case Field::Mode: return "modeOfTransport";
    case Field::Service: return "carrierServiceCode";
    case Field::Voyage: return "carrierVoyageNumber";
    case Field::Location: return "eventLocation";
    case Field::Call: return "transportCall";
    case Field::None: break;
  }
  return "";
}

bool separator(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':'; }

// What a container of the document is to the reader.
enum class Role : std::uint8_t { Root, List, Event, Location, Call, Skip };

class FeedHandler : public nlohmann::json_sax<nlohmann::json> {
 public:
  FeedHandler(DcsaFeed& feed, const std::string& text, scenario::Diagnostics& d, const std::size_t* consumed)
      : feed_(feed), text_(text), d_(d), consumed_(consumed) {}

  bool null() override { return scalar(nullptr); }
  bool boolean(bool) override { return scalar(nullptr); }
  bool number_integer(number_integer_t) override { return scalar(nullptr); }
  bool number_unsigned(number_unsigned_t) override { return scalar(nullptr); }
  bool number_float(number_float_t, const string_t&) override { return scalar(nullptr); }
  bool binary(binary_t&) override { return scalar(nullptr); }
  bool string(string_t& v) override { return scalar(&v); }
  bool key(string_t& k) override {
    start();
    const Role role = stack_.empty() ? Role::Skip : stack_.back();
    if (role == Role::Root) {
      root_key_events_ = k == "events";
    } else if (role == Role::Event) {
      field_ = event_field(k);
    } else if (role == Role::Location) {
      field_ = location_field(k);
    } else if (role == Role::Call) {
      field_ = call_field(k);
    }
    return true;
  }
  bool start_object(std::size_t) override { return open(true); }
  bool start_array(std::size_t) override { return open(false); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
    std::string message = ex.what();
    if (auto colon = message.find(": "); message.rfind("[json.exception", 0) == 0 && colon != std::string::npos) {
      message = message.substr(colon + 2);
    }
    if (message.rfind("syntax error ", 0) == 0) message = message.substr(13);
    d_.error(feed_.mark(position > 0 ? position - 1 : 0), "", "not valid JSON: " + message);
    return false;
  }

  bool found_list() const { return found_list_; }

 private:
  // The event being read, and what of it was not a string where a string belongs.
  struct Pending {
    DcsaEvent event;
    std::string type, classifier, date_time, created, empty;
    std::vector<std::pair<Field, std::string>> problems;  // member, what was found
  };

  std::size_t start() {
    std::size_t at = last_;
    while (at < text_.size() && separator(text_[at])) ++at;
    last_ = *consumed_;
    return at;
  }

  // The role of a value about to start at the current position, given its parent.
  Role child_role(bool object) {
    if (stack_.empty()) return object ? Role::Root : Role::List;
    switch (stack_.back()) {
      case Role::Root: return root_key_events_ && !object ? Role::List : Role::Skip;
      case Role::List: return Role::Event;  // an array in the list is refused below
      case Role::Event:
        if (object && field_ == Field::Location) return Role::Location;
        if (object && field_ == Field::Call) return Role::Call;
        return Role::Skip;
      default: return Role::Skip;
    }
  }

  bool open(bool object) {
    const std::size_t at = start();
    const Role role = child_role(object);
    if (role == Role::List) found_list_ = true;
    if (role == Role::Event) {
      const std::size_t index = index_++;
      if (!object) {
        // Still counts as the list's element: the events after it keep their indices.
        feed_.events.emplace_back().offset = at;
        feed_.error(d_, index, "", "found a JSON array, expected a DCSA event (an object)");
        stack_.push_back(Role::Skip);
        return true;
      }
      pending_ = Pending{};
      pending_.event.offset = at;
    } else if (stack_.size() >= 1 && stack_.back() == Role::Event && field_ != Field::None &&
               role == Role::Skip) {
      pending_.problems.emplace_back(field_, object ? "an object" : "an array");
    }
    stack_.push_back(role);
    field_ = Field::None;
    return true;
  }

  bool close() {
    last_ = *consumed_;
    const Role role = stack_.back();
    stack_.pop_back();
    if (role == Role::Event) finish();
    field_ = Field::None;
    return true;
  }

  bool scalar(string_t* v) {
    const std::size_t at = start();
    if (stack_.empty()) {
      d_.error(feed_.mark(at), "", "found a JSON scalar, expected an array of DCSA events (or an object with an \"events\" array)");
      return true;
    }
    const Role role = stack_.back();
    if (role == Role::List) {
      feed_.events.emplace_back().offset = at;
      feed_.error(d_, index_++, "", "found a JSON " + std::string(v ? "string" : "scalar") + ", expected a DCSA event (an object)");
      return true;
    }
    if (role != Role::Event && role != Role::Location && role != Role::Call) return true;
    if (field_ == Field::None) return true;
    if (!v) {
      pending_.problems.emplace_back(field_, "a non-string value");
      return true;
    }
    DcsaEvent& e = pending_.event;
    switch (field_) {
      case Field::Type: pending_.type = std::move(*v); break;
      case Field::Classifier: pending_.classifier = std::move(*v); break;
      case Field::EquipmentCode:
      case Field::TransportCode: e.code = std::move(*v); break;
      case Field::DateTime: pending_.date_time = std::move(*v); break;
      case Field::Created: pending_.created = std::move(*v); break;
      case Field::Equipment: e.equipment = std::move(*v); break;
      case Field::IsoCode: e.iso_code = std::move(*v); break;
      case Field::Empty: pending_.empty = std::move(*v); break;
      case Field::UnLocode:
        // An event's own location wins over its transport call's.
        if (role == Role::Location || e.un_locode.empty()) e.un_locode = std::move(*v);
        break;
      case Field::Facility:
        if (role == Role::Location || e.facility.empty()) e.facility = std::move(*v);
        break;
      case Field::CallId: e.call_id = std::move(*v); break;
      case Field::Mode: e.mode = std::move(*v); break;
      case Field::Service: e.service = std::move(*v); break;
      case Field::Voyage: e.voyage = std::move(*v); break;
      default: break;
    }
    field_ = Field::None;
    return true;
  }

  void finish() {
    const std::size_t index = index_ - 1;
    Pending& p = pending_;
    feed_.events.push_back(std::move(p.event));  // first, so that its errors are located at it
    DcsaEvent& e = feed_.events.back();
    const auto fail = [&](std::string_view member, const std::string& message) { feed_.error(d_, index, member, message); };
    bool ok = true;
    for (const auto& [field, found] : p.problems) {
      fail(field_name(field), "found " + found + ", expected a string");
      ok = false;
    }
    if (p.type.empty()) {
      fail("", "has no eventType (expected one of " + listed(kTypes) + ")");
      ok = false;
    } else if (p.type == "EQUIPMENT") {
      e.type = DcsaType::Equipment;
    } else if (p.type == "TRANSPORT") {
      e.type = DcsaType::Transport;
    } else if (among(kTypes, p.type)) {
      e.type = DcsaType::Other;
    } else {
      fail("eventType", "found \"" + p.type.substr(0, 40) + "\", expected one of " + listed(kTypes));
      ok = false;
    }
    if (p.classifier.empty()) {
      fail("", "has no eventClassifierCode (expected one of " + listed(kClassifiers) + ")");
      ok = false;
    } else if (among(kClassifiers, p.classifier)) {
      e.classifier = static_cast<DcsaClassifier>(std::find(kClassifiers.begin(), kClassifiers.end(), p.classifier) - kClassifiers.begin());
    } else {
      fail("eventClassifierCode", "found \"" + p.classifier.substr(0, 40) + "\", expected one of " + listed(kClassifiers));
      ok = false;
    }
    if (p.date_time.empty()) {
      fail("", "has no eventDateTime");
      ok = false;
    } else if (const auto t = units::parse_datetime_utc(p.date_time)) {
      e.time = *t;
    } else {
      fail("eventDateTime", "found \"" + p.date_time.substr(0, 60) +
                                "\", expected an ISO 8601 date-time with its zone (2021-01-09T14:12:56+01:00 or ...Z)");
      ok = false;
    }
    e.created = e.time;
    if (!p.created.empty()) {
      if (const auto t = units::parse_datetime_utc(p.created)) {
        e.created = *t;
      } else {
        fail("eventCreatedDateTime", "found \"" + p.created.substr(0, 60) +
                                         "\", expected an ISO 8601 date-time with its zone (2021-01-09T14:12:56+01:00 or ...Z)");
        ok = false;
      }
    }
    if (e.type == DcsaType::Equipment) {
      if (e.code.empty()) {
        fail("", "an EQUIPMENT event has no equipmentEventTypeCode");
        ok = false;
      } else if (!dcsa_equipment_code(e.code) && !dcsa_draft_equipment_code(e.code)) {
        fail("equipmentEventTypeCode", "unknown code \"" + e.code.substr(0, 40) + "\", expected one of " +
                                           listed(kEquipmentCodes) + " (TNT 2.2) or " + listed(kDraftCodes) +
                                           " (TNT 3.0 draft)");
        ok = false;
      }
      if (p.empty == "EMPTY") e.empty = true;
      else if (!p.empty.empty() && p.empty != "LADEN") {
        fail("emptyIndicatorCode", "found \"" + p.empty.substr(0, 40) + "\", expected EMPTY or LADEN");
        ok = false;
      }
    } else if (e.type == DcsaType::Transport) {
      if (e.code.empty()) {
        fail("", "a TRANSPORT event has no transportEventTypeCode");
        ok = false;
      } else if (!dcsa_transport_code(e.code)) {
        fail("transportEventTypeCode", "unknown code \"" + e.code.substr(0, 40) + "\", expected ARRI or DEPA");
        ok = false;
      }
    }
    if (!ok) e.type = DcsaType::Other;  // reported; the state is not built from it
  }

  DcsaFeed& feed_;
  const std::string& text_;
  scenario::Diagnostics& d_;
  const std::size_t* consumed_;
  std::size_t last_ = 0;
  std::vector<Role> stack_;
  Field field_ = Field::None;
  bool root_key_events_ = false;
  bool found_list_ = false;
  std::size_t index_ = 0;
  Pending pending_;
};

}  // namespace

std::string DcsaEvent::truck() const {
  return call_id.starts_with("TRUCK-") ? call_id.substr(6) : std::string();
}

scenario::Mark DcsaFeed::mark(std::size_t offset) const {
  const auto it = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
  const std::size_t line = static_cast<std::size_t>(it - line_starts.begin());
  const std::size_t start = line > 0 ? line_starts[line - 1] : 0;
  return {static_cast<int>(line), static_cast<int>(offset - start + 1)};
}

std::string DcsaFeed::pointer(std::size_t index) const { return snapshot::pointer_append(pointer_prefix, index); }

std::string DcsaFeed::pointer(std::size_t index, std::string_view member) const {
  return member.empty() ? pointer(index) : snapshot::pointer_append(pointer(index), member);
}

void DcsaFeed::error(scenario::Diagnostics& d, std::size_t index, std::string_view member,
                     const std::string& message) const {
  const scenario::Mark at = index < events.size() ? mark(events[index].offset) : scenario::Mark{};
  d.error(at, pointer(index, member), "event " + std::to_string(index) + ": " + message);
}

std::string dcsa_category(const DcsaEvent& e) {
  if (e.empty) return "empty";
  if (e.iso_code.size() == 4 && e.iso_code[2] == 'R') return "reefer";  // ISO 6346 size-type: R? a reefer
  return e.code == "DISC" ? "import" : "export";
}

bool dcsa_equipment_code(std::string_view code) { return among(kEquipmentCodes, code); }
bool dcsa_transport_code(std::string_view code) { return among(kTransportCodes, code); }
bool dcsa_draft_equipment_code(std::string_view code) { return among(kDraftCodes, code); }

DcsaFeed read_dcsa_feed(const std::filesystem::path& file, scenario::Diagnostics& d) {
  DcsaFeed feed;
  feed.source = file.string();
  // Not scenario::read_input_file: a feed is as large as a month of a terminal (hundreds of MiB).
  std::ifstream in(file, std::ios::binary);
  std::optional<std::string> text;
  if (in) text = std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (!in && !in.eof()) text.reset();
  if (!text) {
    d.error({0, 0}, "", "cannot be read (" + std::string(std::strerror(errno)) + ")");
    return feed;
  }
  feed.line_starts.push_back(0);
  for (const char* p = text->data(); (p = static_cast<const char*>(std::memchr(p, '\n', text->data() + text->size() - p)));) {
    ++p;
    feed.line_starts.push_back(static_cast<std::size_t>(p - text->data()));
  }
  std::size_t consumed = 0;
  FeedHandler handler(feed, *text, d, &consumed);
  const char* begin = text->data();
  const char* end = begin + text->size();
  // Until the root is known to be a page, pointers are the bare array's.
  const bool page = [&] {
    const char* p = begin;
    while (p < end && separator(*p)) ++p;
    return p < end && *p == '{';
  }();
  if (page) feed.pointer_prefix = "/events";
  const bool parsed = nlohmann::json::sax_parse(CountingIterator(begin, &consumed), CountingIterator(end, &consumed), &handler);
  feed.parsed = parsed;
  if (parsed && !handler.found_list() && d.ok()) {
    feed.parsed = false;
    d.error({1, 1}, "", page ? "an object without an \"events\" array, expected an array of DCSA events (or an object with an \"events\" array)"
                             : "expected an array of DCSA events (or an object with an \"events\" array)");
  }
  return feed;
}

}  // namespace porttwin::analysis

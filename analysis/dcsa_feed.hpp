// A DCSA Track & Trace 2.2 event feed read for what a terminal's state and KPIs need (docs/dcsa.md,
// "Reading a feed"): each event's type, classifier, code, time, box, place and transport call, kept
// as plain values with its index in the file and where it starts. The file is parsed in one pass
// by a SAX handler (no JSON tree: an export of a 28-day run is 1.5 M events), so a malformed file
// is refused at its line and column, and a later check can point at the event it refuses.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/diagnostics.hpp"

namespace porttwin::analysis {

enum class DcsaType : std::uint8_t { Equipment, Transport, Other };  // Other: SHIPMENT, IOT (not read)
enum class DcsaClassifier : std::uint8_t { Actual, Planned, Estimated, Requested };

struct DcsaEvent {
  std::size_t offset = 0;  // byte of its '{' in the file
  DcsaType type = DcsaType::Other;
  DcsaClassifier classifier = DcsaClassifier::Actual;
  std::string code;        // equipmentEventTypeCode or transportEventTypeCode
  double time = 0;         // eventDateTime, Unix s (UTC)
  double created = 0;      // eventCreatedDateTime, Unix s (UTC); eventDateTime when absent
  std::string equipment;   // equipmentReference
  std::string iso_code;    // ISOEquipmentCode ("22R1")
  bool empty = false;      // emptyIndicatorCode EMPTY
  std::string un_locode, facility;  // eventLocation's (TRANSPORT events: the transportCall's)
  std::string call_id, mode, service, voyage;  // transportCall: transportCallID, modeOfTransport,
                                               // carrierServiceCode, carrierVoyageNumber
  std::string truck() const;  // the truck of a TRUCK-<id> call (a porttwin export's gate events), or ""
};

struct DcsaFeed {
  std::string source;               // the file, as named
  std::string pointer_prefix;       // "" for a bare array, "/events" for a GET /events page
  std::vector<DcsaEvent> events;    // in file order; index = position in the file's array
  std::vector<std::size_t> line_starts;
  bool parsed = false;              // the whole file was read (no syntax error, an events array found)
  scenario::Mark mark(std::size_t offset) const;                 // line and column of a byte
  std::string pointer(std::size_t index) const;                  // "/17"
  std::string pointer(std::size_t index, std::string_view member) const;  // "/17/eventDateTime"
  // Adds an error about event `index` (its member `member` when not empty) to `d`.
  void error(scenario::Diagnostics& d, std::size_t index, std::string_view member, const std::string& message) const;
};

// The DCSA codes: TNT 2.2's, and the TNT 3.0 draft's that porttwin's --tnt3-draft export writes.
bool dcsa_equipment_code(std::string_view code);  // LOAD, DISC, GTIN, GTOT, STUF, STRP, PICK, DROP, INSP, RSEA, RMVD
bool dcsa_transport_code(std::string_view code);  // ARRI, DEPA
bool dcsa_draft_equipment_code(std::string_view code);  // CUSS, CUSI, CUSR, CROS

// The terminal category of a box from the event that brought it: empty (emptyIndicatorCode EMPTY),
// reefer (ISOEquipmentCode of type group R, e.g. 22R1), else import (DISC) or export (GTIN).
std::string dcsa_category(const DcsaEvent& arrival);

// Reads `file`: a JSON array of events, or an object with an "events" array (a DCSA GET /events
// page). Every problem goes to `d` located (file:line:column and the event's JSON pointer): a
// syntax error, an event that is not an object, a missing or malformed eventType,
// eventClassifierCode, event type code or date-time, a code DCSA does not have. Events of other
// types (SHIPMENT, IOT), and events refused, are kept with type Other and not checked further.
DcsaFeed read_dcsa_feed(const std::filesystem::path& file, scenario::Diagnostics& d);

}  // namespace porttwin::analysis

// A real feed of DCSA Track & Trace events as a provable timeline (docs/integrity.md): each event,
// in file order, is a leaf (its canonical JSON: members sorted by name, no whitespace), and tree
// heads come every checkpoint of the events' eventCreatedDateTime, by the same rule as a run's. A
// feed's heads are made when it is received (`porttwin prove --feed FEED --heads`) and published;
// later, `porttwin verify --feed FEED --heads HEADS` proves the feed was not changed since.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "analysis/timeline.hpp"

namespace porttwin::analysis {

inline constexpr const char* kFeedLeafName = "dcsa-event-json-v1";

class FeedTimeline : public Timeline {
 public:
  std::vector<snapshot::Json> events;  // as given
  std::vector<std::string> leaves;     // canonical JSON of each
  std::vector<double> created;         // eventCreatedDateTime, Unix s

  std::uint64_t size() const override { return events.size(); }
  std::vector<std::uint8_t> leaf_bytes(std::uint64_t index) const override;
  std::string describe(std::uint64_t index) const override;
  snapshot::Json event_json(std::uint64_t index) const override { return events.at(index); }
  const char* leaf_format() const override { return kFeedLeafName; }
  const char* unit() const override { return "event"; }
};

// The canonical bytes of an event: its JSON with members sorted by name (byte order) at every
// level, no insignificant whitespace, strings as UTF-8, numbers as the shortest text that reads
// back the same (RFC 8785's rules, except that a number is printed as nlohmann-json does).
std::string canonical_json(const snapshot::Json& event);

// A feed file: a JSON array of events, or an object with an "events" array (a DCSA GET /events
// page). Every event must be an object with an eventCreatedDateTime (ISO 8601 with its zone).
// Every error located (scenario::InvalidScenario); heads made every `checkpoint` s, signed with
// `key` when given.
FeedTimeline read_feed(const std::filesystem::path& file, double checkpoint,
                       std::shared_ptr<const integrity::SigningKey> key);

}  // namespace porttwin::analysis

#include "analysis/feed_timeline.hpp"

#include <algorithm>

#include "sim/core/units.hpp"
#include "sim/integrity/event_timeline.hpp"
#include "sim/snapshot/snapshot.hpp"

namespace porttwin::analysis {

std::vector<std::uint8_t> FeedTimeline::leaf_bytes(std::uint64_t index) const {
  const std::string& leaf = leaves.at(index);
  return {leaf.begin(), leaf.end()};
}

std::string FeedTimeline::describe(std::uint64_t index) const {
  const snapshot::Json& e = events.at(index);
  auto field = [&e](const char* key) {
    const auto it = e.find(key);
    return it != e.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  std::string what = field("eventType");
  for (const char* code : {"equipmentEventTypeCode", "transportEventTypeCode", "shipmentEventTypeCode"}) {
    if (!field(code).empty()) what += " " + field(code);
  }
  if (!field("equipmentReference").empty()) what += ", " + field("equipmentReference");
  return "event " + std::to_string(index) + " (" + what + ", created " + field("eventCreatedDateTime") + ")";
}

std::string canonical_json(const snapshot::Json& event) {
  // nlohmann::json keeps members in a std::map: sorted by name at every level.
  return nlohmann::json::parse(event.dump()).dump();
}

FeedTimeline read_feed(const std::filesystem::path& file, double checkpoint,
                       std::shared_ptr<const integrity::SigningKey> key) {
  scenario::Diagnostics d(file.string());
  auto document = snapshot::JsonDocument::read(file, d);
  if (!document) throw scenario::InvalidScenario(d);
  const snapshot::Snapshot located{file.string(), std::move(*document), 0, 0};
  const snapshot::SectionReader r(located, d);
  const snapshot::Json& root = located.document.root();
  const snapshot::Json* list = &root;
  std::string at;
  if (root.is_object()) {
    list = r.array(root, "", "events", true);
    at = "/events";
  } else if (!root.is_array()) {
    d.error({1, 1}, "", "found a JSON " + std::string(root.type_name()) +
                            ", expected an array of DCSA events (or an object with an \"events\" array)");
  }
  FeedTimeline feed;
  feed.file = file;
  feed.checkpoint = checkpoint;
  if (key) feed.file_key = key->public_key();
  if (list && list->is_array()) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string pointer = snapshot::pointer_append(at, i);
      const snapshot::Json& event = (*list)[i];
      if (!r.is_object(event, pointer)) continue;
      const auto created = r.text(event, pointer, "eventCreatedDateTime");
      if (!created) continue;
      const auto when = units::parse_datetime_utc(*created);
      if (!when) {
        r.error(snapshot::pointer_append(pointer, "eventCreatedDateTime"),
                "found \"" + created->substr(0, 60) +
                    "\", expected an ISO 8601 date-time with its zone (2021-01-09T14:12:56+01:00 or ...Z)");
        continue;
      }
      feed.events.push_back(event);
      feed.leaves.push_back(canonical_json(event));
      feed.created.push_back(*when);
    }
  }
  if (!d.ok()) throw scenario::InvalidScenario(d);
  integrity::EventTimeline timeline({}, {checkpoint, std::move(key)});
  for (std::size_t i = 0; i < feed.events.size(); ++i) {
    const std::string& leaf = feed.leaves[i];
    timeline.append_leaf(feed.created[i], std::span(reinterpret_cast<const std::uint8_t*>(leaf.data()), leaf.size()));
  }
  timeline.close(feed.created.empty() ? 0 : *std::max_element(feed.created.begin(), feed.created.end()));
  feed.heads = timeline.take_heads();
  return feed;
}

}  // namespace porttwin::analysis

// The canonical bytes of one event row, the leaf the run's Merkle tree hashes (docs/integrity.md):
//   time    8 bytes  IEEE 754 binary64, big-endian, s since the scenario's start
//   entity  8 bytes  unsigned, big-endian
//   place   1 byte length n, then n bytes: the place's name (UTF-8), not its index
//   kind    1 byte length n, then n bytes: the event code's name (ASCII), not its number
//   detail  2 bytes  unsigned, big-endian
// Names rather than indices: a leaf means the same thing whatever order places were registered in
// and whatever number a later version gives an event code.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/record/event_kind.hpp"
#include "sim/record/event_row.hpp"

namespace porttwin::integrity {

inline constexpr const char* kEventLeafName = "porttwin-event-leaf-v1";
// What /integrity/leaf says of the encoding, for a reader of the file alone.
inline constexpr const char* kEventLeafFormat =
    "porttwin-event-leaf-v1: time (binary64, big-endian), entity (uint64, big-endian), place name (uint8 "
    "length + UTF-8), event code name (uint8 length + ASCII), detail (uint16, big-endian)";

struct EventLeaf {
  double time = 0;
  std::uint64_t entity = 0;
  std::string place;
  std::string kind;
  std::uint16_t detail = 0;
};

// Names of event codes by number, for encoding rows (the run file's enum of /events/log.kind).
class EventKindNames {
 public:
  explicit EventKindNames(std::span<const EventKindName> kinds);
  // A code the table does not have is written "#<number>" (only a damaged file has one).
  std::string_view operator()(std::uint16_t code) const;

 private:
  std::vector<std::string> names_;
};

void encode_event_leaf(const EventRow& row, std::string_view place, std::string_view kind,
                       std::vector<std::uint8_t>& out);
std::vector<std::uint8_t> encode_event_leaf(const EventLeaf& leaf);
std::optional<EventLeaf> decode_event_leaf(std::span<const std::uint8_t> bytes);  // nullopt: not a leaf

}  // namespace porttwin::integrity

#include "sim/integrity/event_leaf.hpp"

#include <bit>
#include <cstring>

namespace porttwin::integrity {

namespace {

struct Reader {
  std::span<const std::uint8_t> bytes;
  std::size_t at = 0;
  bool ok = true;

  std::uint64_t u(int width) {
    if (bytes.size() - at < static_cast<std::size_t>(width)) {
      ok = false;
      return 0;
    }
    std::uint64_t v = 0;
    for (int i = 0; i < width; ++i) v = v << 8 | bytes[at++];
    return v;
  }
  std::string name() {
    const std::size_t n = u(1);
    if (!ok || bytes.size() - at < n) {
      ok = false;
      return {};
    }
    std::string s(reinterpret_cast<const char*>(bytes.data() + at), n);
    at += n;
    return s;
  }
};

}  // namespace

EventKindNames::EventKindNames(std::span<const EventKindName> kinds) {
  if (kinds.empty()) kinds = kEngineEventNames;
  for (const EventKindName& k : kinds) {
    if (k.code >= names_.size()) names_.resize(k.code + 1u);
    names_[k.code] = k.name;
  }
}

std::string_view EventKindNames::operator()(std::uint16_t code) const {
  if (code < names_.size() && !names_[code].empty()) return names_[code];
  thread_local std::string unknown;
  unknown = "#" + std::to_string(code);
  return unknown;
}

void encode_event_leaf(const EventRow& row, std::string_view place, std::string_view kind,
                       std::vector<std::uint8_t>& out) {
  // Sized once and written in place: the recorder encodes every row of a run.
  const std::size_t np = std::min<std::size_t>(place.size(), 255), nk = std::min<std::size_t>(kind.size(), 255);
  out.resize(8 + 8 + 1 + np + 1 + nk + 2);
  std::uint8_t* at = out.data();
  auto store = [&at](std::uint64_t v, int width) {
    for (int i = width - 1; i >= 0; --i) *at++ = static_cast<std::uint8_t>(v >> (8 * i));
  };
  auto name = [&at](std::string_view text, std::size_t n) {
    *at++ = static_cast<std::uint8_t>(n);
    std::memcpy(at, text.data(), n);
    at += n;
  };
  store(std::bit_cast<std::uint64_t>(row.time), 8);
  store(row.entity, 8);
  name(place, np);
  name(kind, nk);
  store(row.detail, 2);
}

std::vector<std::uint8_t> encode_event_leaf(const EventLeaf& leaf) {
  std::vector<std::uint8_t> out;
  encode_event_leaf({leaf.time, leaf.entity, 0, 0, leaf.detail}, leaf.place, leaf.kind, out);
  return out;
}

std::optional<EventLeaf> decode_event_leaf(std::span<const std::uint8_t> bytes) {
  Reader r{bytes};
  EventLeaf leaf;
  leaf.time = std::bit_cast<double>(r.u(8));
  leaf.entity = r.u(8);
  leaf.place = r.name();
  leaf.kind = r.name();
  leaf.detail = static_cast<std::uint16_t>(r.u(2));
  if (!r.ok || r.at != bytes.size()) return std::nullopt;
  return leaf;
}

}  // namespace porttwin::integrity

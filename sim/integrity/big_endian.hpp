// Network byte order, as the leaf and the signed tree head encode their numbers.
#pragma once

#include <cstdint>
#include <vector>

namespace porttwin::integrity {

inline void append_big_endian(std::uint64_t value, std::vector<std::uint8_t>& out) {
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(value >> shift));
}

}  // namespace porttwin::integrity

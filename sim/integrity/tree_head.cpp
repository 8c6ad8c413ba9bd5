#include "sim/integrity/tree_head.hpp"

#include <bit>
#include <string_view>

namespace porttwin::integrity {

namespace {
void append_big_endian(std::uint64_t value, std::vector<std::uint8_t>& out) {
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(value >> shift));
}
}  // namespace

std::vector<std::uint8_t> signed_message(const TreeHead& head) {
  static constexpr std::string_view context = "porttwin-tree-head-v1";
  std::vector<std::uint8_t> out(context.begin(), context.end());
  append_big_endian(head.tree_size, out);
  append_big_endian(std::bit_cast<std::uint64_t>(head.sim_time), out);
  append_big_endian(std::bit_cast<std::uint64_t>(head.wall_time), out);
  out.insert(out.end(), head.root.begin(), head.root.end());
  return out;
}

void sign(TreeHead& head, const SigningKey& key) { head.signature = key.sign(signed_message(head)); }

bool signature_valid(const TreeHead& head, const PublicKey& key) {
  return head.signature && key.verify(signed_message(head), *head.signature);
}

}  // namespace porttwin::integrity

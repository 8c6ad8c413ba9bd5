// SHA-256 from OpenSSL's libcrypto, with the two RFC 9162 prefixes the Merkle tree hashes with.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace porttwin::integrity {

using Digest = std::array<std::uint8_t, 32>;

Digest sha256(std::span<const std::uint8_t> bytes);
// RFC 9162 2.1.1: a leaf is hashed as SHA-256(0x00 || leaf), an interior node as
// SHA-256(0x01 || left || right), so that a leaf can never pass for a node.
Digest leaf_hash(std::span<const std::uint8_t> leaf);
Digest node_hash(const Digest& left, const Digest& right);

std::string hex(std::span<const std::uint8_t> bytes);  // lower-case, two digits a byte
// Hex of even length (either case) to bytes; nullopt on anything else.
std::optional<std::basic_string<std::uint8_t>> unhex(std::string_view text);
std::optional<Digest> digest_of_hex(std::string_view text);  // exactly 64 hex digits

}  // namespace porttwin::integrity

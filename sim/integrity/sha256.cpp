#include "sim/integrity/sha256.hpp"

#include <algorithm>

// OpenSSL 3 marks its SHA256_* functions deprecated in favour of EVP; they stay in 3.x, and a
// run hashes millions of 40-byte leaves, where EVP's provider dispatch costs more than the hash
// (135 ns against 57 ns a leaf on the reference machine, bench/README.md).
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

namespace porttwin::integrity {

namespace {
// SHA256() itself fetches the digest anew on each call in OpenSSL 3: the context functions do not.
Digest hash_of(const std::uint8_t* first, std::size_t first_size, const std::uint8_t* second, std::size_t second_size) {
  SHA256_CTX context;
  SHA256_Init(&context);
  SHA256_Update(&context, first, first_size);
  if (second_size > 0) SHA256_Update(&context, second, second_size);
  Digest out{};
  SHA256_Final(out.data(), &context);
  return out;
}
}  // namespace

Digest sha256(std::span<const std::uint8_t> bytes) { return hash_of(bytes.data(), bytes.size(), nullptr, 0); }

Digest leaf_hash(std::span<const std::uint8_t> leaf) {
  static constexpr std::uint8_t prefix = 0x00;
  return hash_of(&prefix, 1, leaf.data(), leaf.size());
}

Digest node_hash(const Digest& left, const Digest& right) {
  std::uint8_t message[65];
  message[0] = 0x01;
  std::copy(left.begin(), left.end(), message + 1);
  std::copy(right.begin(), right.end(), message + 33);
  return hash_of(message, sizeof message, nullptr, 0);
}

std::string hex(std::span<const std::uint8_t> bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out(2 * bytes.size(), '0');
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    out[2 * i] = digits[bytes[i] >> 4];
    out[2 * i + 1] = digits[bytes[i] & 15];
  }
  return out;
}

namespace {
int nibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::optional<std::basic_string<std::uint8_t>> unhex(std::string_view text) {
  if (text.size() % 2 != 0) return std::nullopt;
  std::basic_string<std::uint8_t> out(text.size() / 2, 0);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int high = nibble(text[2 * i]), low = nibble(text[2 * i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    out[i] = static_cast<std::uint8_t>(high << 4 | low);
  }
  return out;
}

std::optional<Digest> digest_of_hex(std::string_view text) {
  if (text.size() != 64) return std::nullopt;
  const auto bytes = unhex(text);
  if (!bytes) return std::nullopt;
  Digest d{};
  std::copy(bytes->begin(), bytes->end(), d.begin());
  return d;
}

}  // namespace porttwin::integrity

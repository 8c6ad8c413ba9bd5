// Ed25519 keys (libsodium) for signing tree heads, and their files: one line of hex after comment
// lines starting with '#' (docs/integrity.md). The secret key file holds the 32-byte seed and is
// written readable by its owner only.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>

namespace porttwin::integrity {

using Signature = std::array<std::uint8_t, 64>;

class PublicKey {
 public:
  explicit PublicKey(const std::array<std::uint8_t, 32>& bytes) : bytes_(bytes) {}
  // A key file; scenario::InvalidScenario (file:line:column, what was expected) when it is not one.
  static PublicKey read(const std::filesystem::path& file);
  static std::optional<PublicKey> from_hex(const std::string& text);
  bool verify(std::span<const std::uint8_t> message, const Signature& signature) const;
  std::string hex() const;

 private:
  std::array<std::uint8_t, 32> bytes_;
};

class SigningKey {
 public:
  static SigningKey generate();
  static SigningKey read(const std::filesystem::path& file);  // as PublicKey::read
  // Writes `secret` (mode 0600) and `public_file`; refuses to replace an existing file.
  void write(const std::filesystem::path& secret, const std::filesystem::path& public_file) const;
  Signature sign(std::span<const std::uint8_t> message) const;
  PublicKey public_key() const;

 private:
  explicit SigningKey(const std::array<std::uint8_t, 32>& seed);
  std::array<std::uint8_t, 32> seed_;
  std::array<std::uint8_t, 64> secret_;  // libsodium's expanded form: seed and public key
};

}  // namespace porttwin::integrity

#include "sim/integrity/signing_key.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "sim/integrity/sha256.hpp"
#include "sim/scenario/diagnostics.hpp"

namespace porttwin::integrity {

namespace {

void start_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

// The one line of 64 hex digits of a key file, with its position for errors.
std::array<std::uint8_t, 32> read_key_line(const std::filesystem::path& file, const char* what) {
  scenario::Diagnostics d(file.string());
  std::ifstream in(file);
  if (!in) {
    d.error({}, "", std::string("cannot be read, expected ") + what);
    throw scenario::InvalidScenario(d);
  }
  std::string line;
  int number = 0;
  std::optional<std::array<std::uint8_t, 32>> key;
  while (std::getline(in, line)) {
    ++number;
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line[first] == '#') continue;
    const auto last = line.find_last_not_of(" \t\r");
    const std::string text = line.substr(first, last - first + 1);
    const scenario::Mark mark{number, static_cast<int>(first) + 1};
    if (key) {
      d.error(mark, "", "found a second key line, expected one line of 64 hex digits");
      break;
    }
    const auto digest = digest_of_hex(text);
    if (!digest) {
      d.error(mark, "", "found \"" + text.substr(0, 80) + "\", expected 64 hex digits (" + what + ")");
      break;
    }
    key = *digest;
  }
  if (d.ok() && !key) d.error({number + 1, 1}, "", std::string("found no key line, expected 64 hex digits (") + what + ")");
  if (!d.ok()) throw scenario::InvalidScenario(d);
  return *key;
}

void write_key_file(const std::filesystem::path& file, const std::string& text, bool secret) {
  if (std::filesystem::exists(file)) {
    throw std::runtime_error(file.string() + " exists: a key is never replaced (remove it first)");
  }
  std::ofstream out(file);
  if (!out) throw std::runtime_error(file.string() + ": cannot be written");
  if (secret) ::chmod(file.c_str(), S_IRUSR | S_IWUSR);
  out << text;
  out.close();
  if (!out) throw std::runtime_error(file.string() + ": write failed");
}

}  // namespace

PublicKey PublicKey::read(const std::filesystem::path& file) {
  return PublicKey(read_key_line(file, "an Ed25519 public key"));
}

std::optional<PublicKey> PublicKey::from_hex(const std::string& text) {
  const auto digest = digest_of_hex(text);
  if (!digest) return std::nullopt;
  return PublicKey(*digest);
}

bool PublicKey::verify(std::span<const std::uint8_t> message, const Signature& signature) const {
  start_sodium();
  return crypto_sign_verify_detached(signature.data(), message.data(), message.size(), bytes_.data()) == 0;
}

std::string PublicKey::hex() const { return integrity::hex(bytes_); }

SigningKey::SigningKey(const std::array<std::uint8_t, 32>& seed) : seed_(seed) {
  start_sodium();
  std::array<std::uint8_t, 32> public_bytes{};
  crypto_sign_seed_keypair(public_bytes.data(), secret_.data(), seed_.data());
}

SigningKey SigningKey::generate() {
  start_sodium();
  std::array<std::uint8_t, 32> seed{};
  randombytes_buf(seed.data(), seed.size());
  return SigningKey(seed);
}

SigningKey SigningKey::read(const std::filesystem::path& file) {
  return SigningKey(read_key_line(file, "an Ed25519 secret key seed"));
}

void SigningKey::write(const std::filesystem::path& secret, const std::filesystem::path& public_file) const {
  write_key_file(secret, "# porttwin Ed25519 secret key (the 32-byte seed): keep it private\n" + hex(seed_) + "\n",
                 true);
  write_key_file(public_file, "# porttwin Ed25519 public key: give it to whoever checks your tree heads\n" +
                                  public_key().hex() + "\n",
                 false);
}

Signature SigningKey::sign(std::span<const std::uint8_t> message) const {
  Signature s{};
  crypto_sign_detached(s.data(), nullptr, message.data(), message.size(), secret_.data());
  return s;
}

PublicKey SigningKey::public_key() const {
  std::array<std::uint8_t, 32> bytes{};
  crypto_sign_ed25519_sk_to_pk(bytes.data(), secret_.data());
  return PublicKey(bytes);
}

}  // namespace porttwin::integrity

#include "sim/random/stream.hpp"

#include <xxhash.h>

#include <cmath>
#include <stdexcept>

namespace porttwin::rng {

namespace {

// SplitMix64 finaliser: turns structured inputs (small seeds, consecutive replications)
// into well-spread engine seeds.
std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

std::uint64_t derive_seed(std::uint64_t seed, std::uint32_t replication, std::string_view name) {
  const std::uint64_t name_hash = XXH3_64bits(name.data(), name.size());
  // Chained rather than XOR-ed together, so that swapping inputs gives different seeds.
  std::uint64_t mixed = splitmix64(seed);
  mixed = splitmix64(mixed ^ replication);
  return splitmix64(mixed ^ name_hash);
}

Stream::Stream(std::uint64_t seed, std::uint32_t replication, std::string_view name)
    : name_(name), engine_(derive_seed(seed, replication, name)) {}

double Stream::uniform01() {
  // The top 53 bits, centred in their cell: never exactly 0 or 1.
  constexpr double two_to_minus_53 = 1.0 / 9007199254740992.0;
  return (static_cast<double>(engine_() >> 11) + 0.5) * two_to_minus_53;
}

double Stream::uniform(double lo, double hi) { return lo + (hi - lo) * uniform01(); }

double Stream::exponential(double mean) { return -mean * std::log(uniform01()); }

double Stream::normal(double mean, double sd) { return mean + sd * standard_normal(); }

// Written out rather than std::normal_distribution so that draws are identical across
// standard libraries (the std:: algorithms are implementation-defined).
double Stream::standard_normal() {
  if (has_spare_normal_) {
    has_spare_normal_ = false;
    return spare_normal_;
  }
  double x = 0, y = 0, r2 = 0;
  do {
    x = 2 * uniform01() - 1;
    y = 2 * uniform01() - 1;
    r2 = x * x + y * y;
  } while (r2 >= 1 || r2 == 0);
  const double factor = std::sqrt(-2 * std::log(r2) / r2);
  spare_normal_ = y * factor;
  has_spare_normal_ = true;
  return x * factor;
}

bool Stream::bernoulli(double p) {
  if (!(p >= 0 && p <= 1)) throw std::invalid_argument("bernoulli: p must lie in [0,1]");
  return uniform01() < p;
}

std::uint64_t Stream::below(std::uint64_t n) {
  if (n == 0) throw std::invalid_argument("below: n must be positive");
  // Lemire (2019): the high word of x*n is uniform on [0,n) once the few biased low words are rejected.
  unsigned __int128 product = static_cast<unsigned __int128>(engine_()) * n;
  auto low = static_cast<std::uint64_t>(product);
  if (low < n) {
    const std::uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      product = static_cast<unsigned __int128>(engine_()) * n;
      low = static_cast<std::uint64_t>(product);
    }
  }
  return static_cast<std::uint64_t>(product >> 64);
}

std::mt19937_64& Stream::engine() { return engine_; }

const std::string& Stream::name() const { return name_; }

}  // namespace porttwin::rng

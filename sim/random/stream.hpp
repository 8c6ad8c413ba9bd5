#pragma once
// Named, seeded random streams.
//
// Every component draws from its own stream, seeded from (scenario seed, replication, name).
// Adding or removing a component therefore never shifts another component's draws: this is
// what makes common random numbers work when two scenario variants are compared.

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace porttwin::rng {

// The 64-bit seed of the stream `name` in replication `replication` of a run seeded `seed`:
// SplitMix64 over the scenario seed, the replication index and XXH3_64bits(name).
std::uint64_t derive_seed(std::uint64_t seed, std::uint32_t replication, std::string_view name);

class Stream {
 public:
  Stream(std::uint64_t seed, std::uint32_t replication, std::string_view name);

  // In the open interval (0,1): safe for log() and for 1-u.
  double uniform01();
  double uniform(double lo, double hi);
  // By inversion, one uniform per draw.
  double exponential(double mean);
  // Marsaglia polar method; the second value of each pair is kept for the next call.
  double normal(double mean, double sd);
  // p must lie in [0,1] (std::invalid_argument otherwise).
  bool bernoulli(double p);
  // Uniform integer in [0,n), unbiased (Lemire's multiply-and-reject); n = 0 throws std::invalid_argument.
  std::uint64_t below(std::uint64_t n);

  std::mt19937_64& engine();
  const std::string& name() const;

 private:
  double standard_normal();

  std::string name_;
  std::mt19937_64 engine_;
  double spare_normal_ = 0;
  bool has_spare_normal_ = false;
};

}  // namespace porttwin::rng

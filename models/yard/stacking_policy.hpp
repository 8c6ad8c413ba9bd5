// Where a container goes in a block: when it arrives, and when it is relocated because it blocks a
// retrieval (retrieval.hpp). Three policies, chosen by name (StackingConfig::policy):
//   random      uniformly among the stacks with room (no information);
//   category    stacks keep one departure class (expected time left, bucketed; departure_info.hpp):
//               on a stack topped by the same class, else on an empty stack, else on the closest
//               class leaving later, else on the closest class leaving earlier;
//   predictive  by expected pickup time: on a stack whose boxes all leave after this one (the
//               tightest such fit), else on the stack whose earliest box leaves latest.
// A container that leaves before a box under it costs one rehandle later; the policies differ in
// how much they know to avoid that.
#pragma once

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "models/yard/block.hpp"
#include "models/yard/container.hpp"
#include "models/yard/move.hpp"
#include "models/yard/yard_config.hpp"
#include "sim/random/stream.hpp"

namespace porttwin::yard {

// Stacks a decision must leave alone (other cranes are working them); empty: none. A handful at
// most, so a list checked in place, not a predicate called for every stack of the block.
using ExcludedStacks = std::vector<StackRef>;
inline bool is_excluded(const ExcludedStacks& excluded, StackRef s) {
  return std::find(excluded.begin(), excluded.end(), s) != excluded.end();
}

struct StackChoice {
  StackRef stack;
  // As far as the policy knows, the container will not have to be moved again because of where
  // it now stands. Random stacking never knows.
  bool clean = false;
};

class StackingPolicy {
 public:
  explicit StackingPolicy(ContainerLookup lookup) : lookup_(std::move(lookup)) {}
  virtual ~StackingPolicy() = default;

  virtual std::string_view name() const = 0;
  // The best stack of `candidates` (stacks with room) for `container`, deciding at time `now`;
  // nullopt when there is none. Ties are broken uniformly at random from `stream`.
  virtual std::optional<StackChoice> choose_among(const Block& block, const Container& container,
                                                  const std::vector<StackRef>& candidates, double now,
                                                  rng::Stream& stream) const = 0;

  // Where an arriving container goes: the best of all stacks with room, or nullopt when the block
  // does not accept arrivals (Block::accepts_arrival).
  std::optional<StackRef> choose_stack(const Block& block, const Container& container, double now,
                                       rng::Stream& stream, const ExcludedStacks& excluded = {}) const;

  const Container& container(ContainerId id) const { return lookup_(id); }

 private:
  ContainerLookup lookup_;
  mutable std::vector<StackRef> candidates_;  // choose_stack's scratch, reused across decisions
};

// The policy named by config.policy (std::invalid_argument for an unknown name); `lookup` gives the
// records of the containers in the blocks it will see.
std::unique_ptr<StackingPolicy> make_stacking_policy(const StackingConfig& config, ContainerLookup lookup);

// Stacks an arriving container where the policy says; the move from the handover point, or nullopt
// when the block does not accept it.
std::optional<Move> receive(Block& block, const Container& container, const StackingPolicy& policy, double now,
                            rng::Stream& stream);

}  // namespace porttwin::yard

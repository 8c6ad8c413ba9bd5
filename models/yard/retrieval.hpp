// Taking a container out of a block. Every container above it is first relocated (a rehandle, or
// reshuffle) to another stack, then the container goes to the handover point. A blocker goes to a
// stack where the policy expects it will not block again, searched in the same bay first and then
// in bays farther and farther away, up to StackingConfig::relocation_bays; when there is no such
// stack that close, it goes to the policy's best stack in the nearest bay with room, since
// gantry travel is the slow part of a move.
#pragma once

#include <vector>

#include "models/yard/block.hpp"
#include "models/yard/move.hpp"
#include "models/yard/stacking_policy.hpp"
#include "models/yard/yard_config.hpp"
#include "sim/random/stream.hpp"

namespace porttwin::yard {

struct Retrieval {
  std::vector<Move> moves;  // in crane order: the rehandles top-down, then the delivery
  int rehandles = 0;
};

// std::invalid_argument when `id` is not in the block; std::runtime_error when a blocker finds no
// room anywhere in the block (Block::accepts_arrival keeps enough room for any retrieval).
Retrieval retrieve(Block& block, ContainerId id, const StackingPolicy& policy, const StackingConfig& config,
                   double now, rng::Stream& stream);

// The stack a blocker lifted off `source` is relocated to, by the rule above.
// Stacks `excluded` says are taken are not considered.
StackRef relocation_target(const Block& block, const Container& blocker, StackRef source,
                           const StackingPolicy& policy, const StackingConfig& config, double now,
                           rng::Stream& stream, const ExcludedStacks& excluded = {});

}  // namespace porttwin::yard

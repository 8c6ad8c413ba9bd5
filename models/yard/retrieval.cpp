#include "models/yard/retrieval.hpp"

#include <stdexcept>

namespace porttwin::yard {

namespace {

// The stacks with room `distance` bays from `source` (its own bay at distance 0), except `source`.
std::vector<StackRef> stacks_at_distance(const Block& block, StackRef source, int distance,
                                         const ExcludedStacks& excluded) {
  std::vector<StackRef> out;
  for (const int bay : {source.bay - distance, source.bay + distance}) {
    if (bay < 0 || bay >= block.bays()) continue;
    for (int row = 0; row < block.rows(); ++row) {
      const StackRef s{bay, row};
      if (!(s == source) && block.has_room(s) && !is_excluded(excluded, s)) out.push_back(s);
    }
    if (distance == 0) break;  // the same bay, once
  }
  return out;
}

}  // namespace

StackRef relocation_target(const Block& block, const Container& blocker, StackRef source,
                           const StackingPolicy& policy, const StackingConfig& config, double now,
                           rng::Stream& stream, const ExcludedStacks& excluded) {
  std::optional<StackChoice> nearest;
  for (int distance = 0; distance < block.bays(); ++distance) {
    const auto choice = policy.choose_among(block, blocker, stacks_at_distance(block, source, distance, excluded), now, stream);
    if (!choice) continue;
    if (choice->clean) return choice->stack;
    if (!nearest) nearest = choice;
    if (distance >= config.relocation_bays) break;
  }
  if (!nearest) throw std::runtime_error("block " + block.name() + " has no room to relocate container " +
                                         std::to_string(blocker.id));
  return nearest->stack;
}

Retrieval retrieve(Block& block, ContainerId id, const StackingPolicy& policy, const StackingConfig& config,
                   double now, rng::Stream& stream) {
  const auto slot = block.find(id);
  if (!slot) throw std::invalid_argument("container " + std::to_string(id) + " is not in block " + block.name());
  const StackRef source = slot->stack();
  Retrieval r;
  while (block.height(source) > slot->tier + 1) {
    const Slot from{source.bay, source.row, block.height(source) - 1};
    const ContainerId blocker = block.top(source).value();
    const StackRef target = relocation_target(block, policy.container(blocker), source, policy, config, now, stream);
    block.remove_top(source);
    r.moves.push_back(Move::rehandle(blocker, from, block.place(target, blocker).value()));
    ++r.rehandles;
  }
  block.remove_top(source);
  r.moves.push_back(Move::deliver(id, *slot));
  return r;
}

}  // namespace porttwin::yard

// A yard block: `bays` along the gantry direction (x), `rows` across it (y), `tiers` up (z). Each
// stack (bay, row) holds container ids bottom to top, and every slot has a position in metres, so
// that crane travel can be timed from it. The block keeps an index from container to slot.
//
// Operations keep the invariants: no container in two slots, none floating above an empty slot,
// the index agreeing with the stacks. A digital twin also ingests slot contents from outside (a TOS
// snapshot) that need not keep them; write_slot_unchecked() takes such data and validate() reports
// every violation.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "models/yard/container.hpp"
#include "models/yard/record/yard_slot.hpp"
#include "models/yard/yard_config.hpp"

namespace porttwin::yard {

std::string to_string(StackRef stack);  // "(bay 3, row 2)"
std::string to_string(Slot slot);       // "(bay 3, row 2, tier 0)"

// Terminal coordinates in metres. For a slot: the centre of its footprint and the height of the
// bottom of a container standing in it.
struct Position {
  double x = 0;
  double y = 0;
  double z = 0;
};

class Block {
 public:
  // std::invalid_argument when a dimension is not positive or area/handover is not a known name.
  explicit Block(BlockConfig config);

  const BlockConfig& config() const { return config_; }
  const std::string& name() const { return config_.name; }
  Category area() const { return area_; }
  int bays() const { return config_.bays; }
  int rows() const { return config_.rows; }
  int tiers() const { return config_.tiers; }
  int capacity() const { return bays() * rows() * tiers(); }
  int occupied() const { return occupied_; }
  int free_slots() const { return capacity() - occupied_; }
  bool contains(StackRef s) const { return s.bay >= 0 && s.bay < bays() && s.row >= 0 && s.row < rows(); }
  bool contains(Slot slot) const;

  // Bottom to top. std::out_of_range for a stack outside the block (likewise below).
  // Inline: stacking policies call these for every stack of a block at every decision.
  const std::vector<ContainerId>& stack(StackRef s) const { return stacks_[index_of(s)]; }
  int height(StackRef s) const { return heights_[index_of(s)]; }
  bool has_room(StackRef s) const { return height(s) < tiers(); }
  std::optional<ContainerId> top(StackRef s) const {
    const ContainerId id = tops_[index_of(s)];
    if (id == kNoContainer) return std::nullopt;
    return id;
  }
  // Every stack's top container (kNoContainer when empty), bay-major like stacks_with_room(): one
  // contiguous array, so that a policy scanning a block does not chase a pointer per stack.
  const std::vector<ContainerId>& tops() const { return tops_; }
  std::size_t stack_index(StackRef s) const { return index_of(s); }
  std::vector<StackRef> stacks_with_room() const;
  void stacks_with_room(std::vector<StackRef>& out) const;  // into `out`, reusing its storage
  // New containers are taken only while tiers - 1 slots stay free after them: the most blockers a
  // retrieval can have to relocate.
  bool accepts_arrival() const { return free_slots() >= tiers(); }

  // On top of `stack`; nullopt (and nothing changes) when the stack is full. std::invalid_argument
  // for kNoContainer, std::logic_error for a container already in the block.
  std::optional<Slot> place(StackRef stack, ContainerId id);
  // std::logic_error when the stack is empty.
  ContainerId remove_top(StackRef stack);
  std::optional<Slot> find(ContainerId id) const;
  int containers_above(Slot slot) const;

  Position position(Slot slot) const;
  // Where a truck (or transfer vehicle) is served for `stack`, at ground level.
  Position handover_position(StackRef stack) const;
  // The height a lifted container's bottom travels at: just clear of a full stack.
  double travel_height() const { return tiers() * config_.tier_height; }

  // Sets a slot as an outside source reports it (kNoContainer empties it), without checking
  // gravity or uniqueness; validate() then reports what the data breaks. std::out_of_range for a
  // slot outside the block.
  void write_slot_unchecked(Slot slot, ContainerId id);
  // One message per violation; empty when the block is sound.
  std::vector<std::string> validate() const;

 private:
  std::size_t index_of(StackRef s) const {
    if (!contains(s)) throw_no_stack(s);
    return static_cast<std::size_t>(s.bay * rows() + s.row);
  }
  [[noreturn]] void throw_no_stack(StackRef s) const;
  std::vector<ContainerId>& stack_at(StackRef stack);
  // Drops empty slots left on top by ingested data and refreshes the stack's tops_ and heights_.
  void settle(StackRef stack);
  void validate_stack(StackRef stack, std::unordered_map<ContainerId, Slot>& seen,
                      std::vector<std::string>& problems) const;
  void validate_index(std::vector<std::string>& problems) const;

  BlockConfig config_;
  Category area_;
  std::vector<std::vector<ContainerId>> stacks_;      // bay-major: index bay * rows + row
  std::vector<ContainerId> tops_;                     // stacks_[i].back() or kNoContainer
  std::vector<int> heights_;                          // stacks_[i].size()
  std::unordered_map<ContainerId, Slot> where_;
  int occupied_ = 0;
};

}  // namespace porttwin::yard

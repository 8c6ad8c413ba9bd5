#include "models/yard/block.hpp"

#include <stdexcept>

namespace porttwin::yard {

namespace {

Category area_of(const BlockConfig& c) {
  auto area = parse_category(c.area);
  if (!area) throw std::invalid_argument("block " + c.name + ": unknown area \"" + c.area + "\"");
  return *area;
}

void require_positive(const BlockConfig& c) {
  if (c.bays < 1 || c.rows < 1 || c.tiers < 1) {
    throw std::invalid_argument("block " + c.name + ": bays, rows and tiers must be at least 1");
  }
  if (!(c.bay_length > 0 && c.row_width > 0 && c.tier_height > 0 && c.lane_width > 0)) {
    throw std::invalid_argument("block " + c.name + ": lengths must be positive");
  }
  if (c.handover != "side" && c.handover != "end") {
    throw std::invalid_argument("block " + c.name + ": unknown handover \"" + c.handover + "\"");
  }
}

std::string id_text(ContainerId id) { return "container " + std::to_string(id); }

}  // namespace

std::string to_string(StackRef s) { return "(bay " + std::to_string(s.bay) + ", row " + std::to_string(s.row) + ")"; }

std::string to_string(Slot s) {
  return "(bay " + std::to_string(s.bay) + ", row " + std::to_string(s.row) + ", tier " + std::to_string(s.tier) + ")";
}

Block::Block(BlockConfig config) : config_(std::move(config)), area_(area_of(config_)) {
  require_positive(config_);
  stacks_.resize(static_cast<std::size_t>(bays() * rows()));
  tops_.assign(stacks_.size(), kNoContainer);
  heights_.assign(stacks_.size(), 0);
}

bool Block::contains(Slot s) const { return contains(s.stack()) && s.tier >= 0 && s.tier < tiers(); }

std::vector<ContainerId>& Block::stack_at(StackRef s) { return stacks_[index_of(s)]; }

std::vector<StackRef> Block::stacks_with_room() const {
  std::vector<StackRef> out;
  stacks_with_room(out);
  return out;
}

void Block::stacks_with_room(std::vector<StackRef>& out) const {
  out.clear();
  out.reserve(stacks_.size());
  for (int bay = 0; bay < bays(); ++bay) {
    for (int row = 0; row < rows(); ++row) {
      if (heights_[static_cast<std::size_t>(bay * rows() + row)] < tiers()) {
        out.push_back({bay, row});
      }
    }
  }
}

void Block::throw_no_stack(StackRef s) const {
  throw std::out_of_range("block " + name() + " has no stack " + to_string(s));
}


std::optional<Slot> Block::place(StackRef s, ContainerId id) {
  if (id == kNoContainer) throw std::invalid_argument("block " + name() + ": cannot place the null container id");
  if (where_.count(id)) throw std::logic_error("block " + name() + ": " + id_text(id) + " is already in the block");
  auto& st = stack_at(s);
  if (static_cast<int>(st.size()) >= tiers()) return std::nullopt;
  const Slot slot{s.bay, s.row, static_cast<int>(st.size())};
  st.push_back(id);
  tops_[index_of(s)] = id;
  heights_[index_of(s)] = static_cast<int>(st.size());
  where_[id] = slot;
  ++occupied_;
  return slot;
}

ContainerId Block::remove_top(StackRef s) {
  auto& st = stack_at(s);
  if (st.empty()) throw std::logic_error("block " + name() + ": stack " + to_string(s) + " is empty");
  const ContainerId id = st.back();
  const Slot slot{s.bay, s.row, static_cast<int>(st.size()) - 1};
  st.pop_back();
  settle(s);  // only ingested data can leave holes below
  if (auto it = where_.find(id); it != where_.end() && it->second == slot) where_.erase(it);
  --occupied_;
  return id;
}

std::optional<Slot> Block::find(ContainerId id) const {
  auto it = where_.find(id);
  if (it == where_.end()) return std::nullopt;
  return it->second;
}

int Block::containers_above(Slot slot) const { return height(slot.stack()) - slot.tier - 1; }

Position Block::position(Slot s) const {
  return {config_.origin_x + (s.bay + 0.5) * config_.bay_length, config_.origin_y + (s.row + 0.5) * config_.row_width,
          s.tier * config_.tier_height};
}

Position Block::handover_position(StackRef s) const {
  const Position over = position(Slot{s.bay, s.row, 0});
  if (config_.handover == "end") return {config_.origin_x - config_.lane_width / 2, over.y, 0};
  return {over.x, config_.origin_y + rows() * config_.row_width + config_.lane_width / 2, 0};
}

void Block::settle(StackRef s) {
  auto& st = stack_at(s);
  while (!st.empty() && st.back() == kNoContainer) st.pop_back();
  tops_[index_of(s)] = st.empty() ? kNoContainer : st.back();
  heights_[index_of(s)] = static_cast<int>(st.size());
}

void Block::write_slot_unchecked(Slot slot, ContainerId id) {
  if (!contains(slot)) throw std::out_of_range("block " + name() + " has no slot " + to_string(slot));
  auto& st = stack_at(slot.stack());
  const auto tier = static_cast<std::size_t>(slot.tier);
  if (tier >= st.size()) st.resize(tier + 1, kNoContainer);
  if (st[tier] != kNoContainer) --occupied_;
  st[tier] = id;
  if (id != kNoContainer) {
    ++occupied_;
    where_[id] = slot;  // the container's previous slot, if any, is left as reported
  }
  settle(slot.stack());
}

std::vector<std::string> Block::validate() const {
  std::vector<std::string> problems;
  std::unordered_map<ContainerId, Slot> seen;
  for (int bay = 0; bay < bays(); ++bay) {
    for (int row = 0; row < rows(); ++row) validate_stack({bay, row}, seen, problems);
  }
  if (static_cast<int>(seen.size()) != occupied_) {
    problems.push_back("the block counts " + std::to_string(occupied_) + " containers, its stacks hold " +
                       std::to_string(seen.size()) + " distinct ones");
  }
  validate_index(problems);
  return problems;
}

void Block::validate_stack(StackRef s, std::unordered_map<ContainerId, Slot>& seen,
                           std::vector<std::string>& problems) const {
  const auto& st = stack(s);
  if (static_cast<int>(st.size()) > tiers()) problems.push_back("stack " + to_string(s) + " is higher than the block");
  if (!st.empty() && st.back() == kNoContainer) problems.push_back("stack " + to_string(s) + " ends in an empty slot");
  for (std::size_t t = 0; t < st.size(); ++t) {
    const Slot slot{s.bay, s.row, static_cast<int>(t)};
    const ContainerId id = st[t];
    if (id == kNoContainer) continue;
    if (t > 0 && st[t - 1] == kNoContainer) {
      problems.push_back(id_text(id) + " at " + to_string(slot) + " floats above an empty slot");
    }
    auto [first, inserted] = seen.emplace(id, slot);
    if (!inserted) {
      problems.push_back(id_text(id) + " is in two slots: " + to_string(first->second) + " and " + to_string(slot));
    }
    auto indexed = where_.find(id);
    if (indexed == where_.end()) {
      problems.push_back(id_text(id) + " at " + to_string(slot) + " is missing from the index");
    } else if (!(indexed->second == slot) && inserted) {
      problems.push_back("the index puts " + id_text(id) + " at " + to_string(indexed->second) + ", the stacks at " +
                         to_string(slot));
    }
  }
}

void Block::validate_index(std::vector<std::string>& problems) const {
  for (const auto& [id, slot] : where_) {
    const auto& st = stack(slot.stack());
    const auto tier = static_cast<std::size_t>(slot.tier);
    const ContainerId there = tier < st.size() ? st[tier] : kNoContainer;
    if (there == id) continue;
    problems.push_back("the index puts " + id_text(id) + " at " + to_string(slot) + ", which holds " +
                       (there == kNoContainer ? std::string("nothing") : id_text(there)));
  }
}

}  // namespace porttwin::yard

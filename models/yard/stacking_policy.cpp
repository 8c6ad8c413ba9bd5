#include "models/yard/stacking_policy.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <tuple>

#include "models/yard/departure_info.hpp"

namespace porttwin::yard {

namespace {

constexpr double kNever = std::numeric_limits<double>::infinity();

// How a policy ranks one candidate stack: lower rank first, then lower value. Ranks below a
// policy's `clean_ranks` are placements it expects to cause no rehandle.
struct Rank {
  int rank = 0;
  double value = 0;
  bool operator<(const Rank& o) const { return std::tie(rank, value) < std::tie(o.rank, o.value); }
  bool operator==(const Rank& o) const { return rank == o.rank && value == o.value; }
};

// The best-ranked candidate, ties broken uniformly at random (reservoir sampling, one pass).
// `rank_of(i)` ranks candidates[i].
template <class RankOf>
std::optional<StackChoice> best_ranked(const std::vector<StackRef>& candidates, RankOf rank_of, int clean_ranks,
                                       rng::Stream& stream) {
  std::optional<StackRef> best;
  Rank best_rank;
  std::uint64_t ties = 0;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const Rank r = rank_of(i);
    if (!best || r < best_rank) {
      best = candidates[i];
      best_rank = r;
      ties = 1;
    } else if (r == best_rank && stream.below(++ties) == 0) {
      best = candidates[i];
    }
  }
  if (!best) return std::nullopt;
  return StackChoice{*best, best_rank.rank < clean_ranks};
}

class RandomStacking : public StackingPolicy {
 public:
  using StackingPolicy::StackingPolicy;
  std::string_view name() const override { return "random"; }

  std::optional<StackChoice> choose_among(const Block&, const Container&, const std::vector<StackRef>& candidates,
                                          double, rng::Stream& stream) const override {
    if (candidates.empty()) return std::nullopt;
    return StackChoice{candidates[stream.below(candidates.size())], false};
  }
};

class CategoryStacking : public StackingPolicy {
 public:
  CategoryStacking(const StackingConfig& config, ContainerLookup lookup)
      : StackingPolicy(std::move(lookup)), config_(config) {}
  std::string_view name() const override { return "category"; }

  std::optional<StackChoice> choose_among(const Block& block, const Container& c,
                                          const std::vector<StackRef>& candidates, double now,
                                          rng::Stream& stream) const override {
    const int own = departure_class(now, c.expected_pickup, config_);
    const std::vector<double>& pickups = top_pickups(block, candidates);
    auto rank_of = [&](std::size_t i) -> Rank {
      if (std::isnan(pickups[i])) return {1, 0};  // an empty stack starts a new class
      const int top_class = departure_class(now, pickups[i], config_);
      if (top_class == own) return {0, 0};
      if (top_class > own) return {2, static_cast<double>(top_class - own)};
      return {3, static_cast<double>(own - top_class)};  // it blocks: the closest class blocks least long
    };
    return best_ranked(candidates, rank_of, 3, stream);
  }

 private:
  // The expected pickup of each candidate's top box (NaN for an empty stack). The records are
  // scattered over the registry: all of them are prefetched before the first is read, so that
  // their cache misses overlap (ranking as they were looked up, one miss at a time, was most of a
  // terminal run's stacking time).
  const std::vector<double>& top_pickups(const Block& block, const std::vector<StackRef>& candidates) const {
    records_.resize(candidates.size());
    const std::vector<ContainerId>& tops = block.tops();
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      const ContainerId top = tops[block.stack_index(candidates[i])];
      records_[i] = top == kNoContainer ? nullptr : &container(top);
      __builtin_prefetch(records_[i]);
    }
    pickups_.resize(candidates.size());
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      pickups_[i] = records_[i] ? records_[i]->expected_pickup : std::numeric_limits<double>::quiet_NaN();
    }
    return pickups_;
  }

  mutable std::vector<const Container*> records_;  // scratch, reused across decisions
  mutable std::vector<double> pickups_;  // scratch, reused across decisions
  StackingConfig config_;
};

class PredictiveStacking : public StackingPolicy {
 public:
  using StackingPolicy::StackingPolicy;
  std::string_view name() const override { return "predictive"; }

  std::optional<StackChoice> choose_among(const Block& block, const Container& c,
                                          const std::vector<StackRef>& candidates, double,
                                          rng::Stream& stream) const override {
    const std::vector<double>& earliest = earliest_pickups(block, candidates);
    auto rank_of = [&](std::size_t i) -> Rank {
      // Tightest fit first, so that stacks leaving much later stay free for boxes leaving later.
      if (earliest[i] >= c.expected_pickup) return {0, earliest[i] - c.expected_pickup};
      // It will block the earliest box below it: the later that one leaves, the later the rehandle.
      return {1, -earliest[i]};
    };
    return best_ranked(candidates, rank_of, 1, stream);
  }

 private:
  // Not just the top: a box under the top may leave before it (after an unlucky relocation).
  // Gathered before ranking, like CategoryStacking::top_pickups.
  const std::vector<double>& earliest_pickups(const Block& block, const std::vector<StackRef>& candidates) const {
    earliest_.resize(candidates.size());
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      double earliest = kNever;
      for (const ContainerId id : block.stack(candidates[i])) {
        if (id != kNoContainer) earliest = std::min(earliest, container(id).expected_pickup);
      }
      earliest_[i] = earliest;
    }
    return earliest_;
  }

  mutable std::vector<double> earliest_;  // scratch, reused across decisions
};

}  // namespace

std::optional<StackRef> StackingPolicy::choose_stack(const Block& block, const Container& c, double now,
                                                     rng::Stream& stream, const ExcludedStacks& excluded) const {
  if (!block.accepts_arrival()) return std::nullopt;
  block.stacks_with_room(candidates_);
  if (!excluded.empty()) std::erase_if(candidates_, [&](StackRef s) { return is_excluded(excluded, s); });
  const auto choice = choose_among(block, c, candidates_, now, stream);
  if (!choice) return std::nullopt;
  return choice->stack;
}

std::unique_ptr<StackingPolicy> make_stacking_policy(const StackingConfig& config, ContainerLookup lookup) {
  if (config.policy == "random") return std::make_unique<RandomStacking>(std::move(lookup));
  if (config.policy == "category") return std::make_unique<CategoryStacking>(config, std::move(lookup));
  if (config.policy == "predictive") return std::make_unique<PredictiveStacking>(std::move(lookup));
  throw std::invalid_argument("unknown stacking policy \"" + config.policy + "\"");
}

std::optional<Move> receive(Block& block, const Container& c, const StackingPolicy& policy, double now,
                            rng::Stream& stream) {
  const auto stack = policy.choose_stack(block, c, now, stream);
  if (!stack) return std::nullopt;
  const auto slot = block.place(*stack, c.id);
  if (!slot) throw std::logic_error("stacking policy " + std::string(policy.name()) + " chose the full stack " +
                                    to_string(*stack));
  return Move::receive(c.id, *slot);
}

}  // namespace porttwin::yard

// Stacking policies compared by Monte Carlo on one block, in plain C++ (no SimGrid): containers
// arrive as a Poisson stream, stay for a random dwell, are stacked by the policy and retrieved at
// their actual pickup time. Every policy sees the same arrivals and dwells in a replication
// (common random numbers), so differences are paired; decisions use Student-t intervals over
// replications. Run with -s to see the measured figures.
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <queue>
#include <sstream>

#include "models/yard/crane_kinematics.hpp"
#include "models/yard/departure_info.hpp"
#include "models/yard/retrieval.hpp"
#include "sim/random/distribution.hpp"
#include "sim/stats/confidence.hpp"

using namespace porttwin::yard;
using porttwin::Distribution;
using porttwin::rng::Stream;

namespace {

constexpr double kDay = 86400;

// The experiment's own inputs (the yard's numbers come from BlockConfig, StackingConfig and the
// crane defaults).
struct Experiment {
  BlockConfig block;                // the default RTG block: 30 bays x 6 rows x 5 tiers
  double occupancy = 0.7;           // mean share of slots in use
  // Import dwell of 3-4 days in most ports (World Bank, Raballand et al. 2012), right-skewed.
  Distribution dwell = Distribution::lognormal(3.5 * kDay, 0.8);
  double horizon = 60 * kDay;
  double warmup = 10 * kDay;        // retrievals before it are not counted: the block fills first
  std::uint64_t seed = 20260105;
  int replications = 10;
};

// The containers of one replication in arrival order, id = index + 1. Dwell classes come from the
// actual pickup (categories are coarse but reliable); the expected pickup carries `noise_sd`.
std::vector<Container> draw_containers(const Experiment& e, std::uint32_t replication, double noise_sd) {
  Stream arrivals(e.seed, replication, "yard.test.arrivals");
  Stream dwells(e.seed, replication, "yard.test.dwell");
  Stream noise(e.seed, replication, "yard.test.pickup_noise");
  const StackingConfig classes;  // the default dwell classes
  const double capacity = e.block.bays * e.block.rows * e.block.tiers;
  const double mean_gap = e.dwell.mean() / (e.occupancy * capacity);
  std::vector<Container> out;
  for (double t = arrivals.exponential(mean_gap); t < e.horizon; t += arrivals.exponential(mean_gap)) {
    Container c;
    c.id = out.size() + 1;
    c.arrival = t;
    c.actual_pickup = t + e.dwell.sample(dwells);
    c.expected_pickup = expected_pickup_estimate(t, c.actual_pickup, noise_sd, noise);
    c.dwell_class = dwell_class(t, c.actual_pickup, classes);
    out.push_back(c);
  }
  return out;
}

struct Outcome {
  long retrievals = 0;  // counted ones, after warm-up
  long rehandles = 0;
  double crane_seconds = 0;  // RTG time of the counted retrievals' moves
  long rejected = 0;         // arrivals the block could not take
  std::vector<std::string> violations;  // conservation and validate() findings

  double rehandles_per_retrieval() const { return retrievals ? double(rehandles) / retrievals : 0; }
  double crane_seconds_per_retrieval() const { return retrievals ? crane_seconds / retrievals : 0; }
};

// Runs one policy over `containers`; with `validate_every_step`, Block::validate() after each move.
class PolicyRun {
 public:
  PolicyRun(const Experiment& e, const std::vector<Container>& containers, const std::string& policy,
            std::uint32_t replication, bool validate_every_step)
      : e_(e),
        containers_(containers),
        block_(e.block),
        crane_(rtg_kinematics()),
        stream_(e.seed, replication, "yard.stacking"),
        state_(containers.size() + 1, State::Outside),
        validate_every_step_(validate_every_step) {
    config_.policy = policy;
    policy_ = make_stacking_policy(config_, [this](ContainerId id) -> const Container& { return record(id); });
  }

  Outcome run() {
    for (const Container& c : containers_) {
      retrieve_until(c.arrival);
      arrive(c);
    }
    retrieve_until(e_.horizon);
    check_conservation();
    return outcome_;
  }

 private:
  enum class State { Outside, InBlock, Retrieved };
  using Pickup = std::pair<double, ContainerId>;

  const Container& record(ContainerId id) const { return containers_[id - 1]; }

  void arrive(const Container& c) {
    if (!receive(block_, c, *policy_, stream_)) {
      ++outcome_.rejected;
      return;
    }
    state_[c.id] = State::InBlock;
    pickups_.push({c.actual_pickup, c.id});
    after_step();
  }

  void retrieve_until(double t) {
    while (!pickups_.empty() && pickups_.top().first <= t) {
      const auto [time, id] = pickups_.top();
      pickups_.pop();
      if (state_[id] != State::InBlock) outcome_.violations.push_back("retrieving a container not in the block");
      const Position start = block_.position(block_.find(id).value());
      const Retrieval r = retrieve(block_, id, *policy_, config_, stream_);
      state_[id] = State::Retrieved;
      if (time >= e_.warmup) {
        ++outcome_.retrievals;
        outcome_.rehandles += r.rehandles;
        outcome_.crane_seconds += crane_.moves_time(block_, r.moves, start);
      }
      after_step();
    }
  }

  void after_step() {
    if (!validate_every_step_ || !outcome_.violations.empty()) return;
    for (const auto& problem : block_.validate()) outcome_.violations.push_back(problem);
  }

  // Every container placed is either retrieved exactly once or still in the block.
  void check_conservation() {
    long in_block = 0;
    for (const Container& c : containers_) {
      const bool found = block_.find(c.id).has_value();
      if (found != (state_[c.id] == State::InBlock)) {
        outcome_.violations.push_back("container " + std::to_string(c.id) + " lost or duplicated");
      }
      in_block += found;
    }
    if (in_block != block_.occupied()) outcome_.violations.push_back("the block holds unknown containers");
    for (const auto& problem : block_.validate()) outcome_.violations.push_back(problem);
  }

  const Experiment& e_;
  const std::vector<Container>& containers_;
  StackingConfig config_;
  Block block_;
  CraneKinematics crane_;
  Stream stream_;
  std::unique_ptr<StackingPolicy> policy_;
  std::vector<State> state_;
  std::priority_queue<Pickup, std::vector<Pickup>, std::greater<>> pickups_;
  bool validate_every_step_;
  Outcome outcome_;
};

struct Variant {
  std::string label;
  std::string policy;
  double noise_sd;
};

// Rehandles per retrieval for each variant, one entry per replication.
struct Results {
  std::vector<Variant> variants;
  std::vector<std::vector<Outcome>> outcomes;  // [variant][replication]

  std::vector<double> per_retrieval(std::size_t v) const {
    std::vector<double> xs;
    for (const auto& o : outcomes[v]) xs.push_back(o.rehandles_per_retrieval());
    return xs;
  }
  std::vector<double> crane_seconds(std::size_t v) const {
    std::vector<double> xs;
    for (const auto& o : outcomes[v]) xs.push_back(o.crane_seconds_per_retrieval());
    return xs;
  }
  // Paired (common random numbers): per replication, 1 - this / baseline.
  std::vector<double> reduction(std::size_t v, std::size_t baseline) const {
    std::vector<double> xs;
    const auto a = per_retrieval(v), b = per_retrieval(baseline);
    for (std::size_t r = 0; r < a.size(); ++r) xs.push_back(1 - a[r] / b[r]);
    return xs;
  }
};

Results run_experiment(const Experiment& e, const std::vector<Variant>& variants) {
  Results results{variants, std::vector<std::vector<Outcome>>(variants.size())};
  for (int r = 0; r < e.replications; ++r) {
    const auto replication = static_cast<std::uint32_t>(r);
    for (std::size_t v = 0; v < variants.size(); ++v) {
      const auto containers = draw_containers(e, replication, variants[v].noise_sd);
      results.outcomes[v].push_back(PolicyRun(e, containers, variants[v].policy, replication, false).run());
    }
  }
  return results;
}

std::string interval_text(const std::vector<double>& xs, double scale = 1) {
  const auto ci = porttwin::stats::student_t(xs);
  std::ostringstream out;
  out.precision(3);
  out << ci.mean * scale << " ± " << ci.half_width * scale;
  return out.str();
}

std::string report(const Results& res) {
  std::ostringstream out;
  for (std::size_t v = 0; v < res.variants.size(); ++v) {
    out << res.variants[v].label << ": rehandles/retrieval " << interval_text(res.per_retrieval(v))
        << ", RTG s/retrieval " << interval_text(res.crane_seconds(v)) << ", reduction vs random "
        << interval_text(res.reduction(v, 0), 100) << " %, vs category " << interval_text(res.reduction(v, 1), 100)
        << " %\n";
  }
  return out.str();
}

}  // namespace

TEST_CASE("yard stacking: predictive stacking cuts rehandles against random and category stacking (CRN)",
          "[yard][montecarlo]") {
  const Experiment e;
  const std::vector<Variant> variants = {{"random", "random", 0},
                                         {"category", "category", 0},
                                         {"predictive, exact pickup", "predictive", 0},
                                         {"predictive, pickup sd 1d", "predictive", 1 * kDay}};
  const Results res = run_experiment(e, variants);
  INFO(report(res));
  for (const auto& outcomes : res.outcomes) {
    for (const auto& o : outcomes) {
      CHECK(o.violations.empty());
      CHECK(o.rejected == 0);
      CHECK(o.retrievals > 5000);
    }
  }
  // (a) exact departure information: clearly fewer rehandles than random stacking.
  const auto exact_vs_random = porttwin::stats::student_t(res.reduction(2, 0));
  CHECK(exact_vs_random.lower > 0);
  // (b) imprecise departure information still beats dwell classes.
  const auto noisy_vs_category = porttwin::stats::student_t(res.reduction(3, 1));
  CHECK(noisy_vs_category.lower > 0);
}

TEST_CASE("yard stacking: containers are conserved and the block validates after every move", "[yard]") {
  Experiment e;
  e.block.bays = 10;
  e.horizon = 30 * kDay;
  for (const std::string policy : {"random", "category", "predictive"}) {
    const auto containers = draw_containers(e, 0, 0.5 * kDay);
    const Outcome o = PolicyRun(e, containers, policy, 0, true).run();
    INFO(policy << ": " << (o.violations.empty() ? "" : o.violations.front()));
    CHECK(o.violations.empty());
    CHECK(o.retrievals > 1000);
  }
}

// Stacking policies: their choices on hand-built blocks, what the terminal knows about departures,
// and a Monte-Carlo comparison on one block in plain C++ (no SimGrid): containers arrive as a
// Poisson stream, stay for a random dwell, are stacked by the policy and retrieved at their actual
// pickup time. Every policy sees the same arrivals and dwells in a replication (common random
// numbers), so differences are paired; decisions use Student-t intervals over replications.
// Run with -s to see the measured figures.
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <map>
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

// The containers of one replication in arrival order, id = index + 1; the expected pickup carries
// `noise_sd`.
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
    c.dwell_class = departure_class(t, c.expected_pickup, classes);
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
    if (!receive(block_, c, *policy_, c.arrival, stream_)) {
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
      const Retrieval r = retrieve(block_, id, *policy_, config_, time, stream_);
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

// Outcomes of each variant in each replication; variants[0] is the random and variants[1] the
// category baseline of the reductions reported.
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

TEST_CASE("yard departure info: classes count whole class widths left, the last one open-ended", "[yard]") {
  StackingConfig c;  // 5 classes of 1 day
  CHECK(departure_class(0, 0.5 * kDay, c) == 0);
  CHECK(departure_class(0, 1.0 * kDay, c) == 1);
  CHECK(departure_class(2 * kDay, 3.5 * kDay, c) == 1);  // relative to `now`
  CHECK(departure_class(0, 40 * kDay, c) == 4);
  CHECK(departure_class(5 * kDay, 1 * kDay, c) == 0);  // overdue
}

TEST_CASE("yard departure info: noisy estimates never precede arrival and reuse the exact run's draws", "[yard]") {
  Stream exact(7, 0, "test.yard.noise"), noisy(7, 0, "test.yard.noise");
  double spread = 0;
  for (int i = 0; i < 1000; ++i) {
    const double arrival = i * 100.0, pickup = arrival + 2 * kDay;
    CHECK(expected_pickup_estimate(arrival, pickup, 0, exact) == pickup);
    const double estimate = expected_pickup_estimate(arrival, pickup, kDay, noisy);
    CHECK(estimate >= arrival);
    spread += (estimate - pickup) * (estimate - pickup);
  }
  CHECK(std::sqrt(spread / 1000) == Approx(kDay).epsilon(0.1));
  CHECK(exact.uniform01() == noisy.uniform01());  // both streams drew the same count
}

namespace {

// A 2-bay, 3-row, 3-tier block with the containers of `stacks` (id and expected pickup in hours,
// bottom to top) and a lookup over them.
struct Fixture {
  std::map<ContainerId, Container> records;
  Block block{[] {
    BlockConfig c;
    c.bays = 2;
    c.rows = 3;
    c.tiers = 3;
    return c;
  }()};

  void stack(StackRef s, std::vector<std::pair<ContainerId, double>> boxes) {
    for (const auto& [id, hours] : boxes) {
      records[id] = Container{id, Category::Import, 0, hours * 3600, hours * 3600, 0};
      REQUIRE(block.place(s, id).has_value());
    }
  }
  std::unique_ptr<StackingPolicy> policy(const std::string& name) {
    StackingConfig c;
    c.policy = name;
    return make_stacking_policy(c, [this](ContainerId id) -> const Container& { return records.at(id); });
  }
  static Container arriving(double hours) { return Container{99, Category::Import, 0, hours * 3600, hours * 3600, 0}; }
};

}  // namespace

TEST_CASE("yard stacking policies: where an arriving container goes", "[yard]") {
  Fixture f;
  Stream stream(11, 0, "test.yard.policy");
  f.stack({0, 0}, {{1, 100}, {2, 50}});  // earliest 50 h
  f.stack({0, 1}, {{3, 80}, {4, 20}});   // earliest 20 h
  f.stack({0, 2}, {{5, 30}});            // earliest 30 h
  f.stack({1, 0}, {{6, 40}, {7, 45}});   // mis-ordered: 6 leaves first, at 40 h

  SECTION("predictive: the tightest stack whose boxes all leave later") {
    CHECK(f.policy("predictive")->choose_stack(f.block, Fixture::arriving(25), 0, stream) == StackRef{0, 2});
    CHECK(f.policy("predictive")->choose_stack(f.block, Fixture::arriving(10), 0, stream) == StackRef{0, 1});
  }
  SECTION("predictive: the earliest box counts, not the top") {
    // 42 h fits under 45 (top of (1, 0)) but not under 40 below it: (0, 0) at 50 h is the clean fit.
    CHECK(f.policy("predictive")->choose_stack(f.block, Fixture::arriving(42), 0, stream) == StackRef{0, 0});
  }
  SECTION("predictive: leaving after everything, an empty stack; with none, where the rehandle falls due last") {
    const auto empty = f.policy("predictive")->choose_stack(f.block, Fixture::arriving(200), 0, stream);
    REQUIRE(empty.has_value());
    CHECK(f.block.height(*empty) == 0);
    f.stack({1, 1}, {{8, 1}});
    f.stack({1, 2}, {{9, 2}});
    CHECK(f.policy("predictive")->choose_stack(f.block, Fixture::arriving(200), 0, stream) == StackRef{0, 0});
  }
  SECTION("category: the same class on top, else an empty stack") {
    // Classes of whole days left at t = 0: 50 h -> 2, 20 h -> 0, 30 h -> 1, 45 h -> 1.
    const auto chosen = f.policy("category")->choose_stack(f.block, Fixture::arriving(26), 0, stream).value();
    CHECK((chosen == StackRef{0, 2} || chosen == StackRef{1, 0}));
    const auto empty = f.policy("category")->choose_stack(f.block, Fixture::arriving(75), 0, stream).value();
    CHECK(f.block.height(empty) == 0);
  }
  SECTION("random: every stack with room, never a full one") {
    f.stack({0, 2}, {{10, 1}, {11, 1}});  // now full
    std::map<int, int> hits;
    for (int i = 0; i < 600; ++i) {
      const auto s = f.policy("random")->choose_stack(f.block, Fixture::arriving(1), 0, stream).value();
      ++hits[s.bay * 3 + s.row];
    }
    CHECK(hits.count(2) == 0);
    CHECK(hits.size() == 5);
  }
  SECTION("receive: the move from the handover point; refused once only a retrieval's slack is left") {
    auto policy = f.policy("predictive");
    const auto move = receive(f.block, Fixture::arriving(25), *policy, 0, stream);
    REQUIRE(move.has_value());
    CHECK(move->kind == MoveKind::Receive);
    CHECK_FALSE(move->from.has_value());
    CHECK(move->to == Slot{0, 2, 1});
    ContainerId id = 20;
    while (f.block.accepts_arrival()) f.block.place(f.block.stacks_with_room().front(), id++);
    CHECK(f.block.free_slots() == 2);
    CHECK_FALSE(receive(f.block, Fixture::arriving(25), *policy, 0, stream).has_value());
  }
  SECTION("an unknown policy name") {
    CHECK_THROWS_AS(f.policy("clever"), std::invalid_argument);
  }
}

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

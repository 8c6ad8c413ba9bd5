// Rewindable yard state: a seeded week of arrivals and retrievals (rehandles included) under the
// real stacking policy, every move logged through YardLog into an HDF5 file with keyframes every
// few hours; yard_state_at() must rebuild exactly the block contents the driver held at many
// probe times (at, between and before keyframes, at move times, after the last move).
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <queue>
#include <set>
#include <unordered_map>

#include "analysis/yard_state.hpp"
#include "models/yard/departure_info.hpp"
#include "models/yard/retrieval.hpp"
#include "models/yard/stacking_policy.hpp"
#include "scratch_directory.hpp"
#include "sim/record/h5_file.hpp"
#include "sim/record/h5_row_range.hpp"
#include "models/yard/yard_log.hpp"

using namespace porttwin;
using porttwin::analysis::YardState;
using porttwin::yard::Block;
using porttwin::yard::ContainerId;

namespace {

constexpr double kHour = 3600;
constexpr double kDay = 24 * kHour;
constexpr double kWeek = 7 * kDay;
constexpr double kKeyframeInterval = 4 * kHour;

std::vector<Block> make_blocks() {
  std::vector<Block> blocks;
  for (const char* name : {"A1", "A2", "B1", "B2"}) {
    yard::BlockConfig config;
    config.name = name;
    config.bays = 20;
    config.rows = 6;
    config.tiers = 5;
    blocks.emplace_back(config);
  }
  return blocks;
}

// What the simulator holds, in the form the reader rebuilds, for exact comparison.
YardState state_of(const std::vector<Block>& blocks) {
  YardState state(YardLog::block_rows_of(blocks));
  for (const YardSlotRow& row : YardLog::slot_rows_of(blocks)) {
    state.place(row.container, {row.block, {row.bay, row.row, row.tier}});
  }
  return state;
}

struct Event {
  double time = 0;
  ContainerId pickup = yard::kNoContainer;  // kNoContainer: an arrival
  bool operator>(const Event& other) const {
    return time != other.time ? time > other.time : pickup > other.pickup;
  }
};

// Drives the yard for a week, logging every move and keyframe, and keeps a copy of the yard at
// each probe time (the state after every move with time <= probe).
struct WeekOfYard {
  std::vector<Block> blocks = make_blocks();
  std::unordered_map<ContainerId, yard::Container> records;
  std::unordered_map<ContainerId, std::uint32_t> block_of;
  yard::StackingConfig stacking;
  std::set<double> probes;
  std::map<double, YardState> snapshots;
  std::uint64_t rehandles = 0;
  std::uint64_t moves = 0;

  void run(YardLog& log, std::uint64_t seed) {
    rng::Stream arrivals(seed, 0, "yard_state.test.arrivals");
    rng::Stream dwells(seed, 0, "yard_state.test.dwell");
    rng::Stream noise(seed, 0, "yard_state.test.pickup_noise");
    rng::Stream choices(seed, 0, "yard_state.test.choices");
    stacking.pickup_noise_sd = 6 * kHour;  // imprecise pickups: the policy cannot avoid every rehandle
    const auto policy = yard::make_stacking_policy(
        stacking, [this](ContainerId id) -> const yard::Container& { return records.at(id); });

    std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
    for (double t = std::round(arrivals.exponential(180)); t < kWeek; t += std::round(arrivals.exponential(180))) {
      events.push({t, yard::kNoContainer});
    }
    // Arrivals exactly at keyframe times: moves recorded right after a keyframe at the same time.
    for (double t = kKeyframeInterval; t < kWeek; t += 5 * kKeyframeInterval) events.push({t, yard::kNoContainer});

    ContainerId next_id = 1;
    std::uint64_t event_index = 0;
    while (!events.empty()) {
      const Event event = events.top();
      events.pop();
      if (event.time >= kWeek) break;
      take_snapshots_before(event.time);
      while (event.time >= log.next_keyframe_time()) log.keyframe(log.next_keyframe_time(), blocks);

      std::vector<yard::Move> made;
      std::uint32_t block = 0;
      if (event.pickup == yard::kNoContainer) {
        yard::Container container;
        container.id = next_id++;
        container.arrival = event.time;
        container.actual_pickup = event.time + std::round(dwells.exponential(1.5 * kDay)) + 60;
        container.expected_pickup =
            yard::expected_pickup_estimate(container.arrival, container.actual_pickup, stacking.pickup_noise_sd, noise);
        records[container.id] = container;
        const auto first = static_cast<std::uint32_t>(choices.below(blocks.size()));
        for (std::uint32_t i = 0; i < blocks.size() && made.empty(); ++i) {
          block = (first + i) % blocks.size();
          if (auto move = yard::receive(blocks[block], container, *policy, event.time, choices)) made.push_back(*move);
        }
        if (made.empty()) continue;  // the yard is full: the box is turned away
        block_of[container.id] = block;
        events.push({container.actual_pickup, container.id});
      } else {
        block = block_of.at(event.pickup);
        yard::Retrieval retrieval =
            yard::retrieve(blocks[block], event.pickup, *policy, stacking, event.time, choices);
        rehandles += retrieval.rehandles;
        made = std::move(retrieval.moves);
        block_of.erase(event.pickup);
      }
      for (const yard::Move& move : made) log.record_move(event.time, block, move);
      moves += made.size();
      // Some probes exactly at a move time: state after every move of that instant.
      if (++event_index % 211 == 0) probes.insert(event.time);
    }
    take_snapshots_before(std::numeric_limits<double>::infinity());
  }

  void take_snapshots_before(double time) {
    while (!probes.empty() && *probes.begin() < time) {
      snapshots.emplace(*probes.begin(), state_of(blocks));
      probes.erase(probes.begin());
    }
  }
};

}  // namespace

TEST_CASE("yard state: a week rebuilt from the run file matches the simulator at every probe", "[yard][record]") {
  testing::ScratchDirectory scratch("yard-state");
  const std::string file_name = scratch.file("run.h5");
  WeekOfYard week;
  week.probes = {-1.0, 0.0, 1 * kHour, kKeyframeInterval - 1, kKeyframeInterval, kKeyframeInterval + 1,
                 kWeek - 1, kWeek + kDay};
  for (double t = 0; t < kWeek; t += 5 * kHour + 1237) week.probes.insert(t);          // between keyframes
  for (double t = 0; t < kWeek; t += 3 * kKeyframeInterval) week.probes.insert(t);      // at keyframes

  YardLogOptions options;
  options.keyframe_interval = kKeyframeInterval;
  options.chunk_rows = 1024;
  {
    h5::File file = h5::File::create(file_name);
    h5::Group root = file.root();
    YardLog log(root, week.blocks, options);
    week.run(log, 20261125);
    log.flush();
    REQUIRE(log.move_count() == week.moves);
    REQUIRE(log.keyframe_count() == static_cast<std::uint64_t>(kWeek / kKeyframeInterval) - 1);
    file.close();
  }
  REQUIRE(week.rehandles > 100);
  REQUIRE(week.snapshots.size() > 60);

  const analysis::YardReader reader(file_name);
  CHECK(reader.move_count() == week.moves);
  CHECK(reader.keyframe_interval() == kKeyframeInterval);
  for (const auto& [t, expected] : week.snapshots) {
    INFO("probe at t = " << t << " s");
    const YardState rebuilt = reader.state_at(t);
    CHECK(rebuilt.container_count() == expected.container_count());
    CHECK(rebuilt == expected);
  }
  CHECK(analysis::yard_state_at(file_name, kWeek - 1) == week.snapshots.at(kWeek - 1));
  CHECK(reader.state_at(-1).container_count() == 0);

  // Generous sanity bound only: a late moment of the week, file opened from scratch.
  const auto start = std::chrono::steady_clock::now();
  const YardState late = analysis::yard_state_at(file_name, kWeek - 1);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  CHECK(late.container_count() > 0);
  CHECK(took.count() < 1.0);
}

TEST_CASE("yard state: the rebuilt state locates containers and replays every move kind", "[yard][record]") {
  testing::ScratchDirectory scratch("yard-state-moves");
  const std::string file_name = scratch.file("run.h5");
  std::vector<Block> blocks = make_blocks();
  {
    h5::File file = h5::File::create(file_name);
    h5::Group root = file.root();
    YardLog log(root, blocks, YardLogOptions{});
    log.record_move(10, 1, yard::Move::receive(7, {2, 3, 0}));
    log.record_move(10, 1, yard::Move::receive(8, {2, 3, 1}));
    log.record_move(20, 1, yard::Move::rehandle(8, {2, 3, 1}, {4, 0, 0}));
    log.record_move(20, 1, yard::Move::deliver(7, {2, 3, 0}));
    log.flush();
    file.close();
  }
  const analysis::YardReader reader(file_name);
  REQUIRE(reader.blocks().size() == blocks.size());
  CHECK(std::string(h5::text_of(reader.blocks()[1].name)) == "A2");
  CHECK(reader.keyframes().empty());

  CHECK(reader.state_at(9.5).container_count() == 0);
  const YardState at_10 = reader.state_at(10);
  CHECK(at_10.find(8) == analysis::ContainerPlace{1, {2, 3, 1}});
  CHECK(at_10.at(1, {2, 3, 0}) == 7);
  const YardState at_20 = reader.state_at(20);
  CHECK_FALSE(at_20.find(7).has_value());
  CHECK(at_20.find(8) == analysis::ContainerPlace{1, {4, 0, 0}});
  CHECK(at_20.at(1, {2, 3, 0}) == yard::kNoContainer);
}

TEST_CASE("yard state: the log refuses moves out of time order and unknown blocks", "[yard][record]") {
  testing::ScratchDirectory scratch("yard-state-order");
  h5::File file = h5::File::create(scratch.file("run.h5"));
  h5::Group root = file.root();
  std::vector<Block> blocks = make_blocks();
  YardLog log(root, blocks, YardLogOptions{});
  log.record_move(100, 0, yard::Move::receive(1, {0, 0, 0}));
  CHECK_THROWS_AS(log.record_move(99, 0, yard::Move::receive(2, {0, 1, 0})), std::invalid_argument);
  CHECK_THROWS_AS(log.record_move(100, 9, yard::Move::receive(2, {0, 1, 0})), std::invalid_argument);
  CHECK_THROWS_AS(log.keyframe(50, blocks), std::invalid_argument);
  YardLogOptions no_interval;
  no_interval.keyframe_interval = 0;
  CHECK_THROWS_AS(YardLog(root, blocks, no_interval, "other"), std::invalid_argument);
}

// A multi-server resource serving jobs from one queue, FIFO or by priority (non-preemptive, FIFO
// within a priority). Optional: a finite waiting room (arrivals finding it full balk) and patience
// (a waiting job reneges when its patience runs out). Every arrival, start, finish, balk and renege
// is recorded and feeds the station's statistics.
//
// No actor: a server is a small state machine (free or serving one job). An arrival finding a free
// server starts at once on the lowest-numbered one; a service's end is a SimGrid kernel timer whose
// callback records the finish, calls on_finish and starts the next waiting job on that server; a
// patience deadline is a timer too, cancelled when the job starts. So the handlers run in the
// engine's context (a completion) or in the caller of arrive(): they must never block (no sleep,
// acquire, lock or wait); what has to wait hands off to an actor, or goes through hold_service.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <queue>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <simgrid/kernel/Timer.hpp>
#include <simgrid/s4u/Host.hpp>

#include "sim/engine/job.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/random/distribution.hpp"
#include "sim/stats/tally.hpp"
#include "sim/stats/time_weighted.hpp"

namespace porttwin {

struct StationConfig {
  std::string name;
  int servers = 1;
  Distribution service = Distribution::exponential(60);
  bool priority = false;                 // priority discipline instead of FIFO
  int capacity = -1;                     // max jobs waiting (not in service); -1: unlimited
  std::optional<Distribution> patience;  // none: jobs wait as long as it takes
  std::string entity = "jobs";           // what a job is ("trucks", "boxes"): the unit of its counts and rates
};

class Station {
 public:
  using Handler = std::function<void(Job&)>;
  // Given `go` as service begins (after on_start): the service time runs from when go() is called,
  // at once or later (a review held while its network is down); the server stays taken meanwhile.
  using Hold = std::function<void(std::function<void()> go)>;

  Station(Simulation& sim, StationConfig config, simgrid::s4u::Host* host);
  Station(const Station&) = delete;
  Station& operator=(const Station&) = delete;

  void on_start(Handler h) { on_start_ = std::move(h); }    // when service begins
  void on_finish(Handler h) { on_finish_ = std::move(h); }  // routing after service
  void on_leave(Handler h) { on_leave_ = std::move(h); }    // after a balk or renege
  void hold_service(Hold h) { hold_ = std::move(h); }
  void start() {}                                           // nothing to create: kept for the models' start()
  void arrive(Job job);                                     // from an actor or a timer, at the current time

  const StationConfig& config() const { return config_; }
  const std::string& name() const { return config_.name; }
  std::uint32_t place() const { return place_; }

  // Statistics after warm-up.
  const stats::Tally& waits() const { return waits_; }
  const stats::Tally& sojourns() const { return sojourns_; }
  const stats::TimeWeighted& queue_length() const { return queue_; }
  const stats::TimeWeighted& busy_servers() const { return busy_; }
  stats::TimeWeighted& queue_length() { return queue_; }
  stats::TimeWeighted& busy_servers() { return busy_; }
  std::int64_t arrivals() const { return arrivals_; }
  std::int64_t completions() const { return completions_; }
  std::int64_t balked() const { return balked_; }
  std::int64_t reneged() const { return reneged_count_; }
  std::size_t waiting() const { return waiting_count_; }
  std::int64_t finished_total() const { return finished_total_; }  // including warm-up

  void write_summary(Recorder& recorder, double now) const;

 private:
  struct Waiting {
    Job job;
    std::uint64_t seq;
  };
  struct Later {
    bool operator()(const Waiting& a, const Waiting& b) const {
      return a.job.priority != b.job.priority ? a.job.priority < b.job.priority : a.seq > b.seq;
    }
  };
  struct Patience {  // a waiting job that may renege, and its deadline's timer
    Job job;
    simgrid::kernel::timer::Timer* timer;
  };

  void begin(int server, Job job);  // service starts now
  void run_service(int server, double duration);
  void finish(int server);          // the service timer's callback
  void take_next(int server);       // the server, just finished, serves the next live job or is free
  bool pop(Waiting& w);             // the next live waiting job, if any
  void renege(std::uint64_t seq);   // a patience timer's callback
  bool counts() const;              // past warm-up: arrivals and completions are counted

  Simulation& sim_;
  StationConfig config_;
  std::uint32_t place_;
  rng::Stream service_stream_;
  rng::Stream patience_stream_;
  Handler on_start_, on_finish_, on_leave_;
  Hold hold_;

  std::vector<Job> serving_;  // per server: its job while busy
  std::vector<int> free_;     // free servers, a min-heap: the lowest is taken first
  std::deque<Waiting> fifo_;
  std::priority_queue<Waiting, std::vector<Waiting>, Later> by_priority_;
  std::uint64_t next_seq_ = 0;
  std::size_t waiting_count_ = 0;  // live jobs waiting

  // Reneging: the jobs still waiting by seq with their deadline timers, and the seqs that left
  // (still in the queue, skipped when popped).
  std::unordered_map<std::uint64_t, Patience> patient_;
  std::unordered_set<std::uint64_t> gone_;

  stats::Tally waits_, sojourns_;
  stats::TimeWeighted queue_, busy_;
  std::int64_t arrivals_ = 0, completions_ = 0, balked_ = 0, reneged_count_ = 0, finished_total_ = 0;
};

}  // namespace porttwin

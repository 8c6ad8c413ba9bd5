// A multi-server resource: `servers` long-lived SimGrid actors serve jobs from one shared queue,
// FIFO or by priority (non-preemptive, FIFO within a priority). Optional: a finite waiting room
// (arrivals finding it full balk) and patience (a waiting job reneges when its patience runs out;
// one extra actor keeps the deadlines). Every arrival, start, finish, balk and renege is recorded
// and feeds the station's statistics.
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

#include <simgrid/s4u.hpp>

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

  Station(Simulation& sim, StationConfig config, simgrid::s4u::Host* host);
  Station(const Station&) = delete;
  Station& operator=(const Station&) = delete;

  void on_start(Handler h) { on_start_ = std::move(h); }    // when service begins
  void on_finish(Handler h) { on_finish_ = std::move(h); }  // routing after service
  void on_leave(Handler h) { on_leave_ = std::move(h); }    // after a balk or renege
  void start();                                             // creates the server actors
  void arrive(Job job);                                     // from any actor, at the current time

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
  struct Deadline {
    double time;
    std::uint64_t seq;
    bool operator>(const Deadline& o) const { return time != o.time ? time > o.time : seq > o.seq; }
  };

  void serve(int server);
  void keep_deadlines();
  Waiting pop();
  bool counts() const;  // past warm-up: arrivals and completions are counted

  Simulation& sim_;
  StationConfig config_;
  simgrid::s4u::Host* host_;
  std::uint32_t place_;
  rng::Stream service_stream_;
  rng::Stream patience_stream_;
  Handler on_start_, on_finish_, on_leave_;

  std::deque<Waiting> fifo_;
  std::priority_queue<Waiting, std::vector<Waiting>, Later> by_priority_;
  simgrid::s4u::SemaphorePtr queued_;  // one token per entry in the queue (live or reneged)
  std::uint64_t next_seq_ = 0;
  std::size_t waiting_count_ = 0;      // live jobs waiting

  // Reneging: deadlines in a heap, the jobs still waiting by seq, and the seqs that left (skipped
  // when popped, since their semaphore token is still there).
  std::priority_queue<Deadline, std::vector<Deadline>, std::greater<>> deadlines_;
  std::unordered_map<std::uint64_t, Job> waiting_jobs_;
  std::unordered_set<std::uint64_t> gone_;
  simgrid::s4u::MutexPtr deadline_mutex_;
  simgrid::s4u::ConditionVariablePtr deadline_changed_;

  stats::Tally waits_, sojourns_;
  stats::TimeWeighted queue_, busy_;
  std::int64_t arrivals_ = 0, completions_ = 0, balked_ = 0, reneged_count_ = 0, finished_total_ = 0;
};

}  // namespace porttwin

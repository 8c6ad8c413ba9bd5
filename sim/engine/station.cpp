#include "sim/engine/station.hpp"

#include <algorithm>

#include "sim/engine/delay.hpp"
#include "sim/stats/confidence.hpp"

namespace porttwin {

Station::Station(Simulation& sim, StationConfig config, simgrid::s4u::Host* /*host: no actor runs there*/)
    : sim_(sim),
      config_(std::move(config)),
      place_(sim.recorder().place(config_.name)),
      service_stream_(sim.stream(config_.name + ".service")),
      patience_stream_(sim.stream(config_.name + ".patience")),
      serving_(static_cast<std::size_t>(std::max(config_.servers, 0))),
      waits_(sim.batch_plan(), true),
      sojourns_(sim.batch_plan(), true),
      queue_(sim.batch_plan()),
      busy_(sim.batch_plan()) {
  for (int s = 0; s < config_.servers; ++s) free_.push_back(s);  // ascending: already a min-heap
}

bool Station::counts() const { return Simulation::now() >= sim_.warmup(); }

void Station::arrive(Job job) {
  const double now = Simulation::now();
  job.arrived = now;
  if (counts()) ++arrivals_;
  sim_.recorder().event(now, EventKind::Arrive, job.id, place_);
  // Nobody waiting and a server free: service starts at once (a job waiting means every server is
  // taken, or one is finishing and about to take it: the newcomer goes behind it).
  if (waiting_count_ == 0 && !free_.empty()) {
    std::pop_heap(free_.begin(), free_.end(), std::greater<>());
    const int server = free_.back();
    free_.pop_back();
    queue_.set(0, now);  // the zero-length wait, as the queue saw it before
    return begin(server, job);
  }
  if (config_.capacity >= 0 && waiting_count_ >= static_cast<std::size_t>(config_.capacity) &&
      busy_.level() >= config_.servers) {
    if (counts()) ++balked_;
    sim_.recorder().event(now, EventKind::Balk, job.id, place_);
    if (on_leave_) on_leave_(job);
    return;
  }
  const std::uint64_t seq = next_seq_++;
  if (config_.patience) {
    const double patience = config_.patience->sample(patience_stream_);
    patient_.emplace(seq, Patience{job, after(patience, [this, seq] { renege(seq); })});
  }
  if (config_.priority) by_priority_.push({job, seq});
  else fifo_.push_back({job, seq});
  ++waiting_count_;
  queue_.set(static_cast<double>(waiting_count_), now);
}

void Station::begin(int server, Job job) {
  const double now = Simulation::now();
  busy_.add(1, now);
  waits_.add(now - job.arrived, now);
  sim_.recorder().event(now, EventKind::Start, job.id, place_, static_cast<std::uint16_t>(server));
  const double duration = job.service_time >= 0 ? job.service_time : config_.service.sample(service_stream_);
  job.service_time = -1;  // a preset time is for this station only
  Job& held = serving_[static_cast<std::size_t>(server)];
  held = job;
  if (on_start_) on_start_(held);
  if (hold_) return hold_([this, server, duration] { run_service(server, duration); });
  run_service(server, duration);
}

void Station::run_service(int server, double duration) {
  after(duration, [this, server] { finish(server); });
}

void Station::finish(int server) {
  const double now = Simulation::now();
  Job job = serving_[static_cast<std::size_t>(server)];
  busy_.add(-1, now);
  sojourns_.add(now - job.arrived, now);
  ++finished_total_;
  if (counts()) ++completions_;
  sim_.recorder().event(now, EventKind::Finish, job.id, place_, static_cast<std::uint16_t>(server));
  // Nobody waiting: the server is free before on_finish routes the job, which may send it back
  // here (to the lowest free server, maybe this one). Jobs waiting: it stays taken meanwhile, so a
  // job sent back queues behind them, and it then takes the first in order.
  if (waiting_count_ == 0) {
    free_.push_back(server);
    std::push_heap(free_.begin(), free_.end(), std::greater<>());
    if (on_finish_) on_finish_(job);
    return;
  }
  if (on_finish_) on_finish_(job);
  take_next(server);
}

void Station::take_next(int server) {
  Waiting w;
  if (!pop(w)) {  // the jobs waiting reneged
    free_.push_back(server);
    std::push_heap(free_.begin(), free_.end(), std::greater<>());
    return;
  }
  const double now = Simulation::now();
  --waiting_count_;
  queue_.set(static_cast<double>(waiting_count_), now);
  begin(server, w.job);
}

bool Station::pop(Waiting& w) {
  for (;;) {
    if (config_.priority) {
      if (by_priority_.empty()) return false;
      w = by_priority_.top();
      by_priority_.pop();
    } else {
      if (fifo_.empty()) return false;
      w = fifo_.front();
      fifo_.pop_front();
    }
    if (!config_.patience) return true;
    if (gone_.erase(w.seq)) continue;  // reneged while queued
    auto it = patient_.find(w.seq);
    it->second.timer->remove();  // it will not renege now
    patient_.erase(it);
    return true;
  }
}

void Station::renege(std::uint64_t seq) {
  auto it = patient_.find(seq);
  Job job = it->second.job;
  patient_.erase(it);  // its timer has fired: nothing to remove
  gone_.insert(seq);
  const double now = Simulation::now();
  --waiting_count_;
  queue_.set(static_cast<double>(waiting_count_), now);
  if (counts()) ++reneged_count_;
  sim_.recorder().event(now, EventKind::Renege, job.id, place_);
  if (on_leave_) on_leave_(job);
}

void Station::write_summary(Recorder& r, double now) const {
  const std::string& n = config_.name;
  const std::string& e = config_.entity;
  const double span = now - sim_.warmup();
  r.summary(n + ".arrivals", static_cast<double>(arrivals_), e, "Arrivals after warm-up");
  r.summary(n + ".completions", static_cast<double>(completions_), e, "Services completed after warm-up");
  r.summary(n + ".throughput", span > 0 ? completions_ / span * 3600.0 : 0, e + "/h", "Completions per hour");
  r.summary(n + ".wait.mean", waits_.mean(), "s", "Mean wait in queue", true);
  r.summary(n + ".wait.p95", waits_.count() ? waits_.quantile(0.95) : 0, "s", "95th percentile of the wait");
  r.summary(n + ".sojourn.mean", sojourns_.mean(), "s", "Mean time from arrival to end of service");
  r.summary(n + ".queue.mean", queue_.mean(now), e, "Time-average number waiting", true);
  r.summary(n + ".queue.max", queue_.max(), e, "Most jobs waiting at once");
  r.summary(n + ".utilisation", busy_.mean(now) / config_.servers, "share", "Time-average fraction of servers busy",
            true);
  r.summary(n + ".balked", static_cast<double>(balked_), e, "Arrivals turned away by a full queue");
  r.summary(n + ".reneged", static_cast<double>(reneged_count_), e, "Jobs that left the queue out of patience");
  auto batch_half_width = [](const std::vector<double>& means) {
    return means.size() >= 2 ? stats::student_t(means).half_width : 0.0;
  };
  r.summary(n + ".wait.mean.ci95", batch_half_width(waits_.batch_means()), "s",
            "Half-width of the 95% batch-means confidence interval of the mean wait");
  r.summary(n + ".queue.mean.ci95", batch_half_width(queue_.batch_means(now)), e,
            "Half-width of the 95% batch-means confidence interval of the mean queue length");
}

}  // namespace porttwin

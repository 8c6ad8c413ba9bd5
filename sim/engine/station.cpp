#include "sim/engine/station.hpp"

#include "sim/stats/confidence.hpp"
#include "sim/engine/actor.hpp"

namespace porttwin {

namespace sg4 = simgrid::s4u;

Station::Station(Simulation& sim, StationConfig config, sg4::Host* host)
    : sim_(sim),
      config_(std::move(config)),
      host_(host),
      place_(sim.recorder().place(config_.name)),
      service_stream_(sim.stream(config_.name + ".service")),
      patience_stream_(sim.stream(config_.name + ".patience")),
      queued_(sg4::Semaphore::create(0)),
      waits_(sim.batch_plan(), true),
      sojourns_(sim.batch_plan(), true),
      queue_(sim.batch_plan()),
      busy_(sim.batch_plan()) {
  if (config_.patience) {
    deadline_mutex_ = sg4::Mutex::create();
    deadline_changed_ = sg4::ConditionVariable::create();
  }
}

void Station::start() {
  for (int s = 0; s < config_.servers; ++s) {
    spawn(config_.name + "#" + std::to_string(s), host_, [this, s] {
      sg4::Actor::self()->daemonize();
      serve(s);
    });
  }
  if (config_.patience) {
    spawn(config_.name + ".patience", host_, [this] {
      sg4::Actor::self()->daemonize();
      keep_deadlines();
    });
  }
}

bool Station::counts() const { return Simulation::now() >= sim_.warmup(); }

void Station::arrive(Job job) {
  const double now = Simulation::now();
  job.arrived = now;
  if (counts()) ++arrivals_;
  sim_.recorder().event(now, EventKind::Arrive, job.id, place_);
  if (config_.capacity >= 0 && waiting_count_ >= static_cast<std::size_t>(config_.capacity) &&
      busy_.level() >= config_.servers) {
    if (counts()) ++balked_;
    sim_.recorder().event(now, EventKind::Balk, job.id, place_);
    if (on_leave_) on_leave_(job);
    return;
  }
  const std::uint64_t seq = next_seq_++;
  if (config_.patience) {
    const double deadline = now + config_.patience->sample(patience_stream_);
    const bool earliest = deadlines_.empty() || deadline < deadlines_.top().time;
    deadlines_.push({deadline, seq});
    waiting_jobs_.emplace(seq, job);
    if (earliest) deadline_changed_->notify_all();
  }
  if (config_.priority) by_priority_.push({job, seq});
  else fifo_.push_back({job, seq});
  ++waiting_count_;
  queue_.set(static_cast<double>(waiting_count_), now);
  queued_->release();
}

Station::Waiting Station::pop() {
  Waiting w;
  if (config_.priority) {
    w = by_priority_.top();
    by_priority_.pop();
  } else {
    w = fifo_.front();
    fifo_.pop_front();
  }
  return w;
}

void Station::serve(int server) {
  auto& recorder = sim_.recorder();
  for (;;) {
    queued_->acquire();
    Waiting w = pop();
    if (config_.patience) {
      if (gone_.erase(w.seq)) continue;  // reneged while queued: its token is consumed here
      waiting_jobs_.erase(w.seq);
    }
    double now = Simulation::now();
    --waiting_count_;
    queue_.set(static_cast<double>(waiting_count_), now);
    busy_.add(1, now);
    waits_.add(now - w.job.arrived, now);
    recorder.event(now, EventKind::Start, w.job.id, place_, static_cast<std::uint16_t>(server));
    const double duration = w.job.service_time >= 0 ? w.job.service_time : config_.service.sample(service_stream_);
    w.job.service_time = -1;  // a preset time is for this station only
    if (on_start_) on_start_(w.job);
    sg4::this_actor::sleep_for(duration);
    now = Simulation::now();
    busy_.add(-1, now);
    sojourns_.add(now - w.job.arrived, now);
    ++finished_total_;
    if (counts()) ++completions_;
    recorder.event(now, EventKind::Finish, w.job.id, place_, static_cast<std::uint16_t>(server));
    if (on_finish_) on_finish_(w.job);
  }
}

void Station::keep_deadlines() {
  std::unique_lock lock(*deadline_mutex_);
  for (;;) {
    if (deadlines_.empty()) {
      deadline_changed_->wait(lock);
      continue;
    }
    const Deadline next = deadlines_.top();
    if (Simulation::now() < next.time) {
      deadline_changed_->wait_until(lock, next.time);
      continue;
    }
    deadlines_.pop();
    auto it = waiting_jobs_.find(next.seq);
    if (it == waiting_jobs_.end()) continue;  // already in service
    Job job = it->second;
    waiting_jobs_.erase(it);
    gone_.insert(next.seq);
    const double now = Simulation::now();
    --waiting_count_;
    queue_.set(static_cast<double>(waiting_count_), now);
    if (counts()) ++reneged_count_;
    sim_.recorder().event(now, EventKind::Renege, job.id, place_);
    if (on_leave_) on_leave_(job);
  }
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

#include "models/corridor/triage.hpp"
#include "sim/stats/ratio.hpp"

namespace porttwin::corridor {

Triage::Triage(Simulation& sim, const CentreConfig& config, simgrid::s4u::Host* host, Act act)
    : config_(config),
      act_(std::move(act)),
      operators_(std::make_unique<Station>(
          sim,
          porttwin::StationConfig{"corridor.centre.operators", config.operators, config.by_grade[0].handling_time, true,
                                  -1, std::nullopt, "alarms"},
          host)),
      handling_stream_(sim.stream("corridor.centre.handling")) {
  operators_->on_finish([this](Job& job) { done(job); });
}

void Triage::alarm(std::uint32_t trip, std::uint64_t entity, AlarmKind kind, double now) {
  std::uint32_t slot;
  if (free_.empty()) {
    slot = static_cast<std::uint32_t>(pending_.size());
    pending_.emplace_back();
  } else {
    slot = free_.back();
    free_.pop_back();
  }
  pending_[slot] = {trip, kind, now};
  const int grade = config_.grade(kind);
  Job job;
  job.id = entity;
  job.created = now;
  job.priority = grade;
  job.tag = slot;
  job.service_time = config_.by_grade[static_cast<std::size_t>(grade - 1)].handling_time.sample(handling_stream_);
  operators_->arrive(job);
}

void Triage::done(Job& job) {
  const Pending p = pending_[job.tag];
  free_.push_back(job.tag);
  const auto g = static_cast<std::size_t>(job.priority - 1);
  ++handled_[g];
  response_sum_[g] += Simulation::now() - p.raised;
  act_(p.trip, p.kind, job.priority, p.raised);
}

void Triage::write_summary(Recorder& r, double now) const {
  operators_->write_summary(r, now);
  for (std::size_t g = 0; g < kGrades; ++g) {
    const std::string prefix = "corridor.centre." + std::string(kGradeNames[g]);
    r.summary(prefix + ".handled", static_cast<double>(handled_[g]), "alarms", "Alarms of this grade triaged");
    r.summary(prefix + ".response.mean", stats::ratio(response_sum_[g], static_cast<double>(handled_[g])), "s",
              "Mean time from the alarm to the end of its triage (queue for an operator + handling)", g == 2);
  }
}

}  // namespace porttwin::corridor

// The supervision centre's operators: every alarm joins one queue, served highest grade first (FIFO
// within a grade) by a porttwin Station of `operators` servers on the centre's host, each alarm
// taking its grade's handling time. When an operator is done the alarm's grade decides the action
// (dismiss, warn the destination, dispatch a patrol), which the corridor model carries out.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "models/corridor/centre_config.hpp"
#include "sim/engine/station.hpp"

namespace porttwin::corridor {

class Triage {
 public:
  // After triage: the trip, its alarm, the alarm's grade (1..3) and when it was raised.
  using Act = std::function<void(std::uint32_t trip, AlarmKind kind, int grade, double raised)>;

  Triage(Simulation& sim, const CentreConfig& config, simgrid::s4u::Host* host, Act act);

  void start() { operators_->start(); }
  void alarm(std::uint32_t trip, std::uint64_t entity, AlarmKind kind, double now);
  Station& operators() { return *operators_; }
  void write_summary(Recorder& recorder, double now) const;

 private:
  struct Pending {
    std::uint32_t trip = 0;
    AlarmKind kind{};
    double raised = 0;
  };

  void done(Job& job);

  const CentreConfig& config_;
  Act act_;
  std::unique_ptr<Station> operators_;
  rng::Stream handling_stream_;
  std::vector<Pending> pending_;     // by job tag; slots reused through free_
  std::vector<std::uint32_t> free_;
  std::array<std::int64_t, kGrades> handled_{};
  std::array<double, kGrades> response_sum_{};
};

}  // namespace porttwin::corridor

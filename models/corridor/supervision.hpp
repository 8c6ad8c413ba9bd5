// The supervision centre and the cellular path to it. Real-time devices report in batches, one
// batch per device type and report interval (not one actor or one message per device); events
// (illegal opening, cable cut) go at once as one-report batches. An uplink actor on the vehicles'
// host sends each batch over the SimGrid cellular link to the centre's host (a mailbox put with a
// timeout: a batch not delivered in time is lost). The centre applies the alarm rules
// (alarm_rules.hpp) when a batch arrives, and raises the events themselves.
//
// The centre's actor dies with its host (a platform outage, models/incidents) and restarts with it.
// In `lose` mode the reports sent meanwhile are lost and, on restart, the centre scans every trip at
// once (the flood of no-communication alarms); in `buffer` mode the uplink keeps the batches and
// resends them until the centre takes them.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <vector>

#include <simgrid/s4u.hpp>

#include "models/corridor/alarm_rules.hpp"
#include "models/corridor/corridor_config.hpp"
#include "models/corridor/report.hpp"
#include "models/corridor/trip_registry.hpp"
#include "sim/engine/platform.hpp"

namespace porttwin::corridor {

class SupervisionCentre {
 public:
  using Raise = std::function<void(std::size_t trip, AlarmKind kind, double now)>;

  // `reporting[d]`: the in-transit trips of real-time device type d (kept by the model).
  SupervisionCentre(const SupervisionConfig& config, const Platform& platform, TripRegistry& trips,
                    const AlarmRules& rules, const std::vector<std::vector<std::uint32_t>>& reporting, Raise raise);

  void start();
  void send(ReportBatch batch);  // from any context (actor or kernel timer): queued for the uplink

  std::int64_t reports_sent() const { return sent_; }
  std::int64_t reports_lost() const { return lost_; }
  std::int64_t reports_received() const { return received_; }

 private:
  void uplink();
  void centre();
  void receive(const ReportBatch& batch, double now);
  void scan(std::size_t device, double now);  // the per-interval rules over a device type's trips

  const SupervisionConfig& config_;
  simgrid::s4u::Host* vehicle_host_;
  simgrid::s4u::Host* centre_host_;
  TripRegistry& trips_;
  const AlarmRules& rules_;
  const std::vector<std::vector<std::uint32_t>>& reporting_;
  Raise raise_;
  std::deque<ReportBatch> queue_;
  simgrid::s4u::SemaphorePtr queued_;
  simgrid::s4u::Mailbox* mailbox_ = nullptr;
  std::int64_t sent_ = 0, lost_ = 0, received_ = 0;
  int starts_ = 0;  // of the centre's actor: more than one after an outage
};

}  // namespace porttwin::corridor

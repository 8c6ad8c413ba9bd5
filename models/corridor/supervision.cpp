#include "models/corridor/supervision.hpp"
#include "sim/engine/actor.hpp"

#include <memory>

#include <simgrid/Exception.hpp>

namespace porttwin::corridor {

namespace {
constexpr std::size_t kPrefetchAhead = 8;  // trips ahead of the centre's loops (TripRegistry::prefetch)
}  // namespace

SupervisionCentre::SupervisionCentre(const SupervisionConfig& config, const Platform& platform, TripRegistry& trips,
                                     const AlarmRules& rules,
                                     const std::vector<std::vector<std::uint32_t>>& reporting, Raise raise)
    : config_(config),
      vehicle_host_(platform.host(config.vehicle_host)),
      centre_host_(platform.host(config.host)),
      trips_(trips),
      rules_(rules),
      reporting_(reporting),
      raise_(std::move(raise)),
      queued_(simgrid::s4u::Semaphore::create(0)),
      mailbox_(simgrid::s4u::Mailbox::by_name("corridor.supervision")) {}

void SupervisionCentre::start() {
  spawn("corridor.uplink", vehicle_host_, [this] { uplink(); })->daemonize();
  spawn("corridor.supervision", centre_host_, [this] {
    simgrid::s4u::Actor::self()->daemonize();
    centre();
  })->set_auto_restart(true);
}

void SupervisionCentre::send(ReportBatch batch) {
  batch.created = simgrid::s4u::Engine::get_clock();
  queue_.push_back(std::move(batch));
  queued_->release();
}

void SupervisionCentre::uplink() {
  for (;;) {
    queued_->acquire();
    auto batch = std::make_unique<ReportBatch>(std::move(queue_.front()));
    queue_.pop_front();
    const auto n = static_cast<std::int64_t>(batch->reports.size());
    const double bytes = config_.report_bytes * static_cast<double>(std::max<std::int64_t>(n, 1));
    sent_ += n;
    bool delivered = false;
    try {
      mailbox_->put(batch.get(), static_cast<uint64_t>(bytes), config_.send_timeout);
      batch.release();  // the centre owns it now
      delivered = true;
    } catch (const simgrid::TimeoutException&) {
    } catch (const simgrid::NetworkFailureException&) {
    }
    if (delivered) continue;
    if (config_.outage_mode == "buffer" && !centre_host_->is_on()) {  // kept for a resend
      sent_ -= n;
      queue_.push_front(std::move(*batch));
      simgrid::s4u::this_actor::sleep_for(config_.retry_interval);
      queued_->release();
      continue;
    }
    lost_ += n;
  }
}

void SupervisionCentre::centre() {
  if (starts_++ > 0 && config_.outage_mode == "lose") {  // back after an outage: who has been silent?
    for (std::size_t d = 0; d < reporting_.size(); ++d) scan(d, simgrid::s4u::Engine::get_clock());
  }
  for (;;) {
    std::unique_ptr<ReportBatch> batch = mailbox_->get_unique<ReportBatch>();
    receive(*batch, simgrid::s4u::Engine::get_clock());
  }
}

void SupervisionCentre::receive(const ReportBatch& batch, double now) {
  received_ += static_cast<std::int64_t>(batch.reports.size());
  const auto& reports = batch.reports;
  for (std::size_t k = 0; k < reports.size(); ++k) {
    if (k + kPrefetchAhead < reports.size()) trips_.prefetch(reports[k + kPrefetchAhead].trip);
    const Report& r = reports[k];
    Trip& trip = trips_.at(r.trip);
    if (trip.state != TripState::InTransit) continue;  // arrived while the report travelled
    trip.last_report = now;
    if (r.is_event) {
      raise_(r.trip, r.event, now);
      continue;
    }
    rules_.report(r.trip, trip, r, now);
  }
  // A batch resent from the uplink's buffer says nothing about who is silent now; a fresh one does.
  if (batch.device >= 0 && now - batch.created <= config_.send_timeout) scan(static_cast<std::size_t>(batch.device), now);
}

void SupervisionCentre::scan(std::size_t device, double now) {
  const auto& reporting = reporting_[device];
  for (std::size_t k = 0; k < reporting.size(); ++k) {
    if (k + kPrefetchAhead < reporting.size()) trips_.prefetch(reporting[k + kPrefetchAhead]);
    rules_.scan(reporting[k], trips_.at(reporting[k]), now);
  }
}

}  // namespace porttwin::corridor

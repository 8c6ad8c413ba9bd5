// The full cost of ownership per completed trip of each device type (corridor_model.cpp lists the
// files of CorridorModel): the device's price over its life and its losses, the readers, the
// officers' time at sealing, reading (a stop costs more) and unsealing, the supervision platform
// and the reports of real-time devices, charging, and carrying reusable devices back. A run's costs
// are divided by the trips it completed; each shared cost is split by what uses it (reads,
// reports).
#include "models/corridor/corridor_model.hpp"

#include <numeric>

#include "models/logistics/device_logistics.hpp"
#include "sim/stats/ratio.hpp"

namespace porttwin::corridor {

void CorridorModel::write_cost_summary(Recorder& r, double now) const {
  const auto& k = config_.costs;
  const std::size_t nd = config_.devices.size();
  const double years = now / (365.0 * 86400);
  std::vector<std::int64_t> completed(nd, 0);
  std::vector<double> km(nd, 0);  // route km of the completed trips
  for (const auto& t : trips_.trips()) {
    if (t.state != TripState::Completed) continue;
    ++completed[static_cast<std::size_t>(t.device)];
    km[static_cast<std::size_t>(t.device)] += lines_[static_cast<std::size_t>(t.route)].length_km();
  }
  // Devices lost or written off, per type (with device logistics; without it no device is lost).
  std::vector<std::int64_t> lost(nd, 0);
  if (logistics_) {
    for (logistics::DeviceId id = 0; id < logistics_->fleet().size(); ++id) {
      const auto& device = logistics_->device(id);
      if (device.state == logistics::DeviceState::Lost || device.state == logistics::DeviceState::WrittenOff) {
        ++lost[static_cast<std::size_t>(device.type)];
      }
    }
  }
  double reader_cost = 0;
  for (std::size_t s = 0; s < config_.stations.size(); ++s) {
    reader_cost += (config_.stations[s].readers * k.reader_per_year +
                    config_.stations[s].handheld_readers * k.handheld_per_year) * years;
  }
  const double reads = static_cast<double>(std::accumulate(reads_by_device_.begin(), reads_by_device_.end(), std::int64_t{0}));
  const double reports =
      static_cast<double>(std::accumulate(reports_by_device_.begin(), reports_by_device_.end(), std::int64_t{0}));
  const auto& sealing = config_.sealing;
  const double seal_hours = ((sealing.mode == "quick" ? sealing.quick_time : sealing.manual_time).mean() +
                             sealing.auto_unseal_success * sealing.auto_unseal_time.mean() +
                             (1 - sealing.auto_unseal_success) * sealing.manual_unseal_time.mean()) / 3600;
  double all_total = 0;
  std::int64_t all_trips = 0;
  for (std::size_t d = 0; d < nd; ++d) {
    const auto& type = config_.devices[d];
    const double trips = static_cast<double>(completed[d]);
    if (completed[d] == 0) continue;  // no trip of this type: its cost per trip is undefined
    const std::string p = "corridor." + type.name + ".cost.";
    auto per_trip = [trips](double cost) { return trips > 0 ? cost / trips : 0; };
    const double device = type.unit_cost / type.trips_per_device + per_trip(static_cast<double>(lost[d]) * type.unit_cost);
    const double readers = reads > 0 ? per_trip(reader_cost * static_cast<double>(reads_by_device_[d]) / reads) : 0;
    const double staff = (seal_hours + per_trip(reader_hours_by_device_[d])) * k.staff_hour;
    const bool real_time = devices_[d]->reports();
    const double platform =
        real_time && reports > 0 ? per_trip(k.platform_per_year * years * static_cast<double>(reports_by_device_[d]) / reports) : 0;
    const double comms = per_trip(static_cast<double>(reports_by_device_[d]) * k.report);
    const double used_ah = static_cast<double>(reports_by_device_[d]) * std::max(0.0, type.drain_per_report - type.solar_per_report) +
                           static_cast<double>(reads_by_device_[d]) * type.drain_per_read;
    const double charging = type.trips_per_device > 1 ? per_trip(used_ah * k.charge_per_ah) : 0;
    // A smart container has no store to go back to: its return trip is the empty box's repositioning.
    const double returns = type.type == "smart_container"  ? per_trip(km[d] * k.repositioning_per_km)
                           : type.trips_per_device > 1     ? k.return_per_trip
                                                           : 0;
    const double total = device + readers + staff + platform + comms + charging + returns + type.trip_cost;
    r.summary(p + "device", device, "USD/trip", "Per trip: the device's price over its trips, and its losses");
    r.summary(p + "readers", readers, "USD/trip", "Per trip: the readers and handhelds, shared by the reads");
    r.summary(p + "staff", staff, "USD/trip", "Per trip: officers sealing, reading (a stop costs more) and unsealing");
    r.summary(p + "platform", platform, "USD/trip", "Per trip: the supervision platform, shared by the real-time reports");
    r.summary(p + "comms", comms, "USD/trip", "Per trip: the reports sent (cellular roaming)");
    r.summary(p + "charging", charging, "USD/trip", "Per trip: charging the energy it used (reusable devices)");
    r.summary(p + "returns", returns, "USD/trip",
              "Per trip: carrying the reusable device back to its store (a smart container: repositioning the empty box)");
    r.summary(p + "other", type.trip_cost, "USD/trip", "Per trip: the type's other costs (trip_cost)");
    r.summary(p + "total", total, "USD/trip", "Full cost of ownership per completed trip", true);
    all_total += total * trips;
    all_trips += completed[d];
  }
  r.summary("corridor.cost.total", stats::ratio(all_total, static_cast<double>(all_trips)), "USD/trip",
            "Full cost of ownership per completed trip, over every device type", true);
}

}  // namespace porttwin::corridor

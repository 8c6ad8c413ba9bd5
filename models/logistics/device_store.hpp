// One store of devices at a customs station, for one device type: the ready devices (FIFO), the
// trips waiting for one, the devices checked in, charging and under repair there, the chargers, and
// the store's statistics.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>

#include "models/logistics/device_fleet.hpp"
#include "models/logistics/logistics_config.hpp"
#include "sim/engine/station.hpp"
#include "sim/stats/tally.hpp"
#include "sim/stats/time_weighted.hpp"

namespace porttwin::logistics {

struct DeviceStore {
  const StoreConfig* config = nullptr;
  std::string name;  // "<station>.<device>"
  std::deque<DeviceId> ready;
  std::deque<std::uint64_t> waiting;   // waiting trips' tickets, oldest first
  int checked_in = 0;                  // awaiting a charger or charging
  int faulty = 0;
  int on_order = 0;                    // dispatched towards this store
  int returning = 0;                   // out on one-way or two-way trips, or on their way back here
  std::unique_ptr<Station> chargers;

  // Statistics: counted after warm-up except the levels, which are time-weighted from the start.
  std::int64_t requests = 0, stockouts = 0, waited_served = 0, departures = 0, arrivals = 0, over_capacity = 0;
  std::int64_t reviewed_departures = 0;  // since the last dispatch review (forecast)
  std::int64_t stockouts_all = 0;        // warm-up included (KPI series)
  double forecast_per_day = 0;           // optimised dispatch: smoothed demand
  stats::TimeWeighted ready_level;

  int held() const { return static_cast<int>(ready.size()) + checked_in + faulty; }
};

}  // namespace porttwin::logistics

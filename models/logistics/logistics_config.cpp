#include "models/logistics/logistics_config.hpp"

#include "sim/scenario/name_resolution.hpp"

#include <set>
#include <utility>

namespace porttwin::logistics {

namespace {

void declare_store(scenario::Section& s, StoreConfig& c) {
  s.reference("station", c.station, "Customs station holding the store").required();
  s.reference("device", c.device, "Device type it stocks").required();
  s.integer("initial", c.initial, "Devices ready at the start").min(0);
  s.integer("capacity", c.capacity, "Devices the store can hold in any state (ready, charging, faulty)").min(0);
  s.integer("chargers", c.chargers, "Charging slots").min(1);
  s.integer("level", c.level, "Target stock for periodic and optimised dispatch; -1: the initial stock").min(-1);
  s.integer("reorder_point", c.reorder_point, "(s, S) policy: order when ready + charging + on order <= s").min(0);
  s.integer("order_up_to", c.order_up_to, "(s, S) policy: order up to S; -1: the level").min(-1);
}

void declare_route(scenario::Section& s, RouteReturnConfig& c) {
  s.reference("route", c.route, "Corridor route").required();
  s.choice("variant", c.variant, kReturnVariants,
           "domestic (devices stay at the destination's store), one_way (recovered at the destination, carried "
           "back to the origin in periodic batches) or two_way (back to the origin on the vehicle's return trip)");
  s.probability("loss", c.loss, "Per trip: the device is lost (stolen, destroyed, not returned)");
}

void check_store(StoreConfig& s, const std::string& path, scenario::Diagnostics& d) {
  if (s.initial > s.capacity) {
    d.error(path + ".initial", "found " + std::to_string(s.initial) + ", expected at most the capacity (" +
                                   std::to_string(s.capacity) + ")");
  }
  if (s.level > s.capacity) {
    d.error(path + ".level", "found " + std::to_string(s.level) + ", expected at most the capacity (" +
                                 std::to_string(s.capacity) + ")");
  }
  if (s.level < 0) s.level = s.initial;
  if (s.order_up_to < 0) s.order_up_to = s.level;
  if (s.order_up_to < s.reorder_point) {
    d.error(path + ".order_up_to", "found " + std::to_string(s.order_up_to) +
                                       ", expected at least the reorder point (" + std::to_string(s.reorder_point) + ")");
  }
}

}  // namespace

void declare(scenario::Section& l, LogisticsConfig& c) {
  l.list("stores", c.stores, "Device stores: one per (station, device type) that seals or receives devices",
         declare_store, 1);
  l.list("routes", c.routes, "How devices come back after a trip on each route (unlisted routes: domestic)",
         declare_route);

  auto& s = l.section("stockout", "What a trip does when its origin has no ready device");
  s.choice("action", c.stockout.action, kStockoutActions,
           "wait (for a device, at most max_wait, then the fallback), escort, mechanical_seal or unsupervised");
  s.duration("max_wait", c.stockout.max_wait, "Longest wait for a device before the fallback").min(0);
  s.choice("fallback", c.stockout.fallback, kFallbacks, "After max_wait: escort, mechanical_seal or unsupervised");
  s.real("escort_cost", c.stockout.escort_cost, "Cost of an escorted trip, USD").min(0);
  s.real("mechanical_seal_cost", c.stockout.mechanical_seal_cost, "Cost of a mechanical seal, USD").min(0);

  auto& g = l.section("charging", "Charging returned devices");
  g.real("rate", c.charging.rate, "Charge a charger puts in per hour, Ah/h (time = missing charge / rate)")
      .greater_than(0);
  g.duration("check_in", c.charging.check_in, "Checking a returned device in (inspection, data download)").min(0);

  auto& f = l.section("faults", "Devices found faulty at check-in");
  f.probability("probability", c.faults.probability, "Per trip: the device is found faulty");
  f.distribution("repair", c.faults.repair, "Repair time");
  f.probability("write_off", c.faults.write_off, "Share of faulty devices written off instead of repaired");

  auto& a = l.section("ageing", "Battery capacity fade");
  a.probability("fade_per_cycle", c.ageing.fade_per_cycle, "Share of nominal capacity lost per charge cycle");
  a.probability("end_of_life", c.ageing.end_of_life, "Written off below this share of nominal capacity");

  auto& r = l.section("returns", "Return vehicles carrying devices back to their origin");
  r.duration("batch_interval", c.returns.batch_interval, "Time between batch returns of one-way devices")
      .greater_than(0);
  r.integer("batch_capacity", c.returns.batch_capacity, "Devices per batch vehicle").min(1);
  r.distribution("turnaround", c.returns.turnaround, "Two-way: from unloading to the vehicle's return departure");
  r.real("speed", c.returns.speed, "Speed of return vehicles, km/h").greater_than(0);
  r.distribution("border_handling", c.returns.border_handling,
                 "Customs temporary-admission handling of empty devices at a border crossing");

  auto& p = l.section("dispatch", "Dispatch: moving ready devices between stores");
  p.choice("policy", c.dispatch.policy, kDispatchPolicies,
           "none (devices only come back with returns), periodic (at each review, stock above a store's level goes "
           "to stores below theirs), reorder ((s, S) per store, continuous review), optimised (forecast need, "
           "min-cost flow)");
  p.duration("review_period", c.dispatch.review_period, "Time between dispatch reviews").greater_than(0);
  p.integer("vehicles", c.dispatch.vehicles, "Dispatch vehicles").min(1);
  p.integer("vehicle_capacity", c.dispatch.vehicle_capacity, "Devices per vehicle").min(1);
  p.real("speed", c.dispatch.speed, "Speed of dispatch vehicles, km/h").greater_than(0);
  p.real("road_factor", c.dispatch.road_factor, "Road km per great-circle km where no route links two stations")
      .min(1);
  p.real("cost_per_km", c.dispatch.cost_per_km, "Cost per vehicle-km, USD").min(0);
  p.real("cost_per_vehicle", c.dispatch.cost_per_vehicle, "Fixed cost per vehicle dispatched, USD").min(0);
  p.real("safety", c.dispatch.safety, "Optimised: safety stock in standard deviations of the forecast demand").min(0);
  p.probability("smoothing", c.dispatch.smoothing, "Optimised: weight of the last review's demand in the forecast");
  p.duration("max_lead", c.dispatch.max_lead, "Optimised: longest shipment allowed; the forecast covers a review "
                                              "period plus this")
      .greater_than(0);
}

void check(LogisticsConfig& c, const std::vector<std::string>& stations, const std::vector<std::string>& devices,
           const std::vector<std::string>& routes, scenario::Diagnostics& d) {
  std::set<std::pair<int, int>> seen;
  for (std::size_t i = 0; i < c.stores.size(); ++i) {
    auto& s = c.stores[i];
    const std::string path = "corridor.logistics.stores[" + std::to_string(i) + "]";
    scenario::resolve_name(s.station, stations, "station", d);
    scenario::resolve_name(s.device, devices, "device type", d);
    if (s.station.index >= 0 && s.device.index >= 0 && !seen.insert({s.station.index, s.device.index}).second) {
      d.error(path + ".station", "found a second store for \"" + s.station.name + "\" and \"" + s.device.name +
                                     "\", expected one store per station and device type");
    }
    check_store(s, path, d);
  }
  std::set<int> listed;
  for (std::size_t i = 0; i < c.routes.size(); ++i) {
    auto& r = c.routes[i];
    scenario::resolve_name(r.route, routes, "route", d);
    if (r.route.index >= 0 && !listed.insert(r.route.index).second) {
      d.error("corridor.logistics.routes[" + std::to_string(i) + "].route",
              "found \"" + r.route.name + "\" again, expected each route once");
    }
  }
}

}  // namespace porttwin::logistics

#include "models/network/queue_network.hpp"

#include <cmath>
#include <set>

#include "sim/core/units.hpp"
#include "sim/scenario/name_resolution.hpp"

namespace porttwin {

namespace {

void declare_station(scenario::Section& s, NetworkStationConfig& st) {
  s.text("name", st.name, "Station name, unique in the network").required();
  s.integer("servers", st.servers, "Parallel servers").range(1, 100000);
  s.distribution("service", st.service, "Service time");
  s.choice("discipline", st.discipline, {"fifo", "priority"},
           "Queue discipline: fifo, or priority (non-preemptive, larger priority first, fifo within one)");
  s.integer("capacity", st.capacity, "Jobs that may wait (not counting those in service); -1: unlimited").min(-1);
  auto& r = s.section("reneging", "Waiting jobs leave when their patience runs out", &st.reneging);
  r.distribution("patience", st.patience, "How long a job waits before it leaves the queue");
  s.list("routes", st.routes, "Where a job goes after service; the probability left over leaves the network",
         [](scenario::Section& route, NetworkRouteConfig& rc) {
           route.reference("to", rc.to, "Next station").required();
           route.probability("probability", rc.probability, "Probability of taking this route");
         });
}

void declare_source(scenario::Section& s, NetworkSourceConfig& src) {
  s.text("name", src.name, "Source name").required();
  s.reference("to", src.to, "Station the arrivals join").required();
  s.integer("priority", src.priority, "Priority of the jobs of this source (priority discipline)");
  declare(s.section("arrivals", "Arrival process"), src.arrivals);
}

}  // namespace

void declare(scenario::Section& n, NetworkConfig& c) {
  n.list("sources", c.sources, "Arrival sources", declare_source, 1);
  n.list("stations", c.stations, "Service stations", declare_station, 1);
}

void check(NetworkConfig& c, scenario::Diagnostics& d) {
  const std::vector<std::string> station_names = scenario::names_of(c.stations);
  std::set<std::string> names;
  for (std::size_t i = 0; i < c.stations.size(); ++i) {
    const std::string path = "network.stations[" + std::to_string(i) + "]";
    if (!names.insert(c.stations[i].name).second) {
      d.error(path + ".name", "found \"" + c.stations[i].name + "\" again, expected a unique station name");
    }
    double total = 0;
    for (auto& route : c.stations[i].routes) {
      scenario::resolve_name(route.to, station_names, "station", d);
      total += route.probability;
    }
    if (total > 1 + 1e-9) {
      const double shown = std::round(total * 1e9) / 1e9;  // 0.1 + 0.2 reads as 0.3, not 0.30000000000000004
      d.error(path + ".routes",
              "found routing probabilities summing to " + units::format_number(shown) + ", expected at most 1");
    }
  }
  for (std::size_t i = 0; i < c.sources.size(); ++i) {
    scenario::resolve_name(c.sources[i].to, station_names, "station", d);
    check(c.sources[i].arrivals, "network.sources[" + std::to_string(i) + "].arrivals", d);
  }
}

std::vector<std::string> QueueNetworkModel::hosts(const NetworkConfig& c) {
  std::vector<std::string> names;
  for (const auto& s : c.stations) names.push_back(s.name);
  return names;
}

QueueNetworkModel::QueueNetworkModel(Simulation& sim, const NetworkConfig& config, const Platform& platform)
    : sim_(sim),
      config_(config),
      place_(sim.recorder().place("network")),
      sojourn_(sim.batch_plan(), true),
      in_system_(sim.batch_plan()) {
  for (std::size_t i = 0; i < config.stations.size(); ++i) {
    const auto& c = config.stations[i];
    StationConfig sc{c.name, c.servers, c.service, c.discipline == "priority", c.capacity,
                     c.reneging ? std::optional<Distribution>(c.patience) : std::nullopt};
    stations_.push_back(std::make_unique<Station>(sim, sc, platform.host(c.name)));
    stations_.back()->on_finish([this, i](Job& job) { route(i, job); });
    stations_.back()->on_leave([this](Job& job) { leave(job); });
    routing_streams_.push_back(sim.stream(c.name + ".routing"));
  }
  for (const auto& src : config.sources) {
    Station* target = stations_[static_cast<std::size_t>(src.to.index)].get();
    sources_.push_back(std::make_unique<ArrivalSource>(
        sim, src.name, src.arrivals, platform.host(config.stations[static_cast<std::size_t>(src.to.index)].name),
        [this, target](Job job) {
          in_system_.add(1, Simulation::now());
          target->arrive(job);
        },
        src.priority));
  }
}

void QueueNetworkModel::start() {
  for (auto& s : stations_) s->start();
  for (auto& s : sources_) s->start();
}

std::vector<Station*> QueueNetworkModel::stations() {
  std::vector<Station*> out;
  for (auto& s : stations_) out.push_back(s.get());
  return out;
}

void QueueNetworkModel::route(std::size_t from, Job& job) {
  const auto& routes = config_.stations[from].routes;
  if (!routes.empty()) {
    double u = routing_streams_[from].uniform01();
    for (const auto& r : routes) {
      if (u < r.probability) return stations_[static_cast<std::size_t>(r.to.index)]->arrive(job);
      u -= r.probability;
    }
  }
  leave(job);
}

void QueueNetworkModel::leave(const Job& job) {
  const double now = Simulation::now();
  in_system_.add(-1, now);
  sojourn_.add(now - job.created, now);
  if (now >= sim_.warmup()) ++departed_;
  sim_.recorder().event(now, EventKind::Exit, job.id, place_);
}

void QueueNetworkModel::declare_kpis(Recorder& r) {
  kpi_in_system_ = r.kpi_series("network.in_system", "jobs", "Average number of jobs in the network over the interval");
}

void QueueNetworkModel::sample_kpis(Recorder& r, double now) {
  r.kpi_value(kpi_in_system_, in_system_.take_interval_mean(now));
}

void QueueNetworkModel::write_summary(Recorder& r, double now) const {
  for (const auto& s : stations_) s->write_summary(r, now);
  const double span = now - sim_.warmup();
  r.summary("network.departures", static_cast<double>(departed_), "jobs", "Jobs that left the network after warm-up");
  r.summary("network.throughput", span > 0 ? departed_ / span * 3600 : 0, "jobs/h", "Jobs leaving the network per hour", true);
  r.summary("network.sojourn.mean", sojourn_.mean(), "s", "Mean time from entering to leaving the network", true);
  r.summary("network.in_system.mean", in_system_.mean(now), "jobs", "Time-average number of jobs in the network", true);
}

}  // namespace porttwin

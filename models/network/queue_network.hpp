// An open queueing network: sources feed stations; after service a job moves to another station
// with a routing probability or leaves. M/M/1, M/M/c, M/D/1, M/G/c/K, tandem lines and Jackson
// networks are all scenarios of it, which is how the engine is validated against theory.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "models/model.hpp"
#include "sim/engine/arrival_source.hpp"
#include "sim/engine/platform.hpp"
#include "sim/engine/station.hpp"
#include "sim/scenario/schema.hpp"

namespace porttwin {

struct NetworkSourceConfig {
  std::string name;
  scenario::NameRef to;
  ArrivalConfig arrivals;
  int priority = 0;
};

struct NetworkRouteConfig {
  scenario::NameRef to;
  double probability = 1.0;
};

struct NetworkStationConfig {
  std::string name;
  int servers = 1;
  Distribution service = Distribution::exponential(60);
  std::string discipline = "fifo";
  int capacity = -1;
  bool reneging = false;
  Distribution patience = Distribution::exponential(600);
  std::vector<NetworkRouteConfig> routes;
};

struct NetworkConfig {
  std::vector<NetworkSourceConfig> sources;
  std::vector<NetworkStationConfig> stations;
};

void declare(scenario::Section& network, NetworkConfig& config);
void check(NetworkConfig& config, scenario::Diagnostics& diagnostics);  // resolves station references

class QueueNetworkModel : public Model {
 public:
  QueueNetworkModel(Simulation& sim, const NetworkConfig& config, const Platform& platform);

  static std::vector<std::string> hosts(const NetworkConfig& config);

  void start() override;
  std::vector<Station*> stations() override;
  void declare_kpis(Recorder& recorder) override;
  void sample_kpis(Recorder& recorder, double now) override;
  void write_summary(Recorder& recorder, double now) const override;

 private:
  void route(std::size_t from, Job& job);
  void leave(const Job& job);

  Simulation& sim_;
  const NetworkConfig& config_;
  std::vector<std::unique_ptr<Station>> stations_;
  std::vector<std::unique_ptr<ArrivalSource>> sources_;
  std::vector<rng::Stream> routing_streams_;
  std::uint32_t place_;
  stats::Tally sojourn_;
  stats::TimeWeighted in_system_;
  std::int64_t departed_ = 0;
  std::size_t kpi_in_system_ = 0;
};

}  // namespace porttwin

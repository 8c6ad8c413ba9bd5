// The SimGrid platform built from the scenario: one host per IT/OT system the models run on
// (gate servers, station controllers, ...) in a port zone, each attached to the port network by
// its own access link (routes between two hosts cross both access links). Later models add
// corridor links (cellular, satellite) and failure profiles to the same builder.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <simgrid/s4u.hpp>

#include "sim/scenario/schema.hpp"

namespace porttwin {

struct PlatformConfig {
  double host_speed = 1e9;        // flop/s of each host
  double link_bandwidth = 1.25e9; // bytes/s of each access link (10 Gbit/s fibre)
  double link_latency = 50e-6;    // s
};

void declare(scenario::Section& root, PlatformConfig& platform);

// An access link unlike the default one (a cellular or satellite path instead of fibre).
struct AccessLink {
  double bandwidth = 0;  // bytes/s
  double latency = 0;    // s
};

class Platform {
 public:
  Platform(const PlatformConfig& config, const std::vector<std::string>& host_names,
           const std::map<std::string, AccessLink>& access_links = {});
  simgrid::s4u::Host* host(const std::string& name) const;

 private:
  std::map<std::string, simgrid::s4u::Host*> hosts_;
};

}  // namespace porttwin

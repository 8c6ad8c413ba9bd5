// The SimGrid platform built from the scenario: one host per IT/OT system the models run on
// (gate servers, station controllers, ...) in a port zone, each attached to the port network by
// its own access link (routes between two hosts cross both access links). Hosts may sit in network
// segments (models/incidents): each segment reaches the core through its fibre uplink, which a
// route between two segments crosses, and on a ring through a second fibre the ring reroutes to.
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

// Which segment each host is in (hosts not named here are outside any segment), and whether the
// segments' uplinks form a ring (a second link per segment, "uplink.<segment>.ring").
struct Segments {
  std::map<std::string, std::string> of_host;
  bool ring = false;
};

class Platform {
 public:
  Platform(const PlatformConfig& config, const std::vector<std::string>& host_names,
           const std::map<std::string, AccessLink>& access_links = {}, const Segments& segments = {});
  simgrid::s4u::Host* host(const std::string& name) const;
  bool has_host(const std::string& name) const { return hosts_.count(name) != 0; }
  // "uplink.<segment>" or "uplink.<segment>.ring"; std::logic_error when absent.
  simgrid::s4u::Link* link(const std::string& name) const;

 private:
  std::map<std::string, simgrid::s4u::Host*> hosts_;
  std::map<std::string, simgrid::s4u::Link*> links_;
};

}  // namespace porttwin

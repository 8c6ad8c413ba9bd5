#include "sim/engine/platform.hpp"

#include <set>
#include <stdexcept>

namespace porttwin {

void declare(scenario::Section& root, PlatformConfig& platform) {
  auto& s = root.section("platform", "The IT/OT platform the models run on (SimGrid hosts and links)");
  s.real("host_speed", platform.host_speed, "Compute speed of each host, flop/s").greater_than(0);
  s.real("link_bandwidth", platform.link_bandwidth, "Bandwidth of each host's access link to the port network, bytes/s")
      .greater_than(0);
  s.duration("link_latency", platform.link_latency, "Latency of each access link").min(0);
}

Platform::Platform(const PlatformConfig& config, const std::vector<std::string>& host_names,
                   const std::map<std::string, AccessLink>& access_links, const Segments& segments) {
  auto* zone = simgrid::s4u::create_full_zone("port");
  std::set<std::string> unique(host_names.begin(), host_names.end());
  unique.insert("control");  // the simulation's own actors (simulation.cpp): never turned off
  std::map<std::string, simgrid::s4u::Link*> access;
  for (const auto& name : unique) {
    hosts_[name] = zone->create_host(name, config.host_speed);
    const auto special = access_links.find(name);
    const AccessLink link = special != access_links.end() ? special->second
                                                         : AccessLink{config.link_bandwidth, config.link_latency};
    access[name] = zone->create_link(name + "-access", link.bandwidth)->set_latency(link.latency);
    access[name]->seal();
  }
  for (const auto& [host, segment] : segments.of_host) {
    if (links_.count("uplink." + segment)) continue;
    for (const std::string& name : segments.ring ? std::vector<std::string>{"uplink." + segment, "uplink." + segment + ".ring"}
                                                 : std::vector<std::string>{"uplink." + segment}) {
      links_[name] = zone->create_link(name, config.link_bandwidth)->set_latency(config.link_latency);
      links_[name]->seal();
    }
  }
  auto segment_of = [&](const std::string& host) {
    const auto it = segments.of_host.find(host);
    return it == segments.of_host.end() ? std::string() : it->second;
  };
  for (auto a = unique.begin(); a != unique.end(); ++a) {
    for (auto b = std::next(a); b != unique.end(); ++b) {
      std::vector<simgrid::s4u::LinkInRoute> route{simgrid::s4u::LinkInRoute(access[*a])};
      const std::string sa = segment_of(*a), sb = segment_of(*b);
      if (sa != sb) {  // through the core: each side's uplink
        if (!sa.empty()) route.emplace_back(links_.at("uplink." + sa));
        if (!sb.empty()) route.emplace_back(links_.at("uplink." + sb));
      }
      route.emplace_back(access[*b]);
      zone->add_route(hosts_[*a]->get_netpoint(), hosts_[*b]->get_netpoint(), nullptr, nullptr, route, true);
    }
  }
  zone->seal();
}

simgrid::s4u::Host* Platform::host(const std::string& name) const {
  auto it = hosts_.find(name);
  if (it == hosts_.end()) throw std::logic_error("platform has no host named " + name);
  return it->second;
}

simgrid::s4u::Link* Platform::link(const std::string& name) const {
  auto it = links_.find(name);
  if (it == links_.end()) throw std::logic_error("platform has no link named " + name);
  return it->second;
}

}  // namespace porttwin

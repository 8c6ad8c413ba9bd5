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
                   const std::map<std::string, AccessLink>& access_links) {
  auto* zone = simgrid::s4u::create_full_zone("port");
  std::set<std::string> unique(host_names.begin(), host_names.end());
  if (unique.empty()) unique.insert("control");
  std::map<std::string, simgrid::s4u::Link*> access;
  for (const auto& name : unique) {
    hosts_[name] = zone->create_host(name, config.host_speed);
    const auto special = access_links.find(name);
    const AccessLink link = special != access_links.end() ? special->second
                                                         : AccessLink{config.link_bandwidth, config.link_latency};
    access[name] = zone->create_link(name + "-access", link.bandwidth)->set_latency(link.latency);
    access[name]->seal();
  }
  for (auto a = unique.begin(); a != unique.end(); ++a) {
    for (auto b = std::next(a); b != unique.end(); ++b) {
      zone->add_route(hosts_[*a]->get_netpoint(), hosts_[*b]->get_netpoint(), nullptr, nullptr,
                      {simgrid::s4u::LinkInRoute(access[*a]), simgrid::s4u::LinkInRoute(access[*b])}, true);
    }
  }
  zone->seal();
}

simgrid::s4u::Host* Platform::host(const std::string& name) const {
  auto it = hosts_.find(name);
  if (it == hosts_.end()) throw std::logic_error("platform has no host named " + name);
  return it->second;
}

}  // namespace porttwin

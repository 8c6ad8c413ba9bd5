#include "models/incidents/it_platform.hpp"

#include <algorithm>
#include <iterator>

#include <simgrid/Exception.hpp>

#include "models/incidents/record/incident_events.hpp"
#include "sim/engine/actor.hpp"
#include "sim/engine/delay.hpp"

namespace porttwin::incidents {

namespace s4u = simgrid::s4u;

ItLayout it_layout(const IncidentsConfig& config, int yard_blocks, bool has_terminal, bool has_nii,
                   const std::string& corridor_host) {
  ItLayout layout;
  layout.segments.ring = config.network.topology == "ring";
  auto add = [&](const std::string& host, const std::string& segment) {
    layout.hosts.push_back(host);
    layout.segments.of_host[host] = segment;
  };
  if (has_terminal) {
    add("tos", "it");
    add("backup", "it");
    if (config.tos.hot_standby) add("tos_standby", "dr");
    add("gate_server", "gate");
    add("ocr", "gate");
    add("sts_control", "ot");
    for (int b = 0; b < yard_blocks; ++b) add("crane_control." + std::to_string(b), "ot");
  }
  if (has_nii) add("nii_review", "nii");
  if (!corridor_host.empty()) add(corridor_host, "corridor");
  return layout;
}

ItPlatform::ItPlatform(Simulation& sim, const IncidentsConfig& config, const Platform& platform, const ItLayout& layout)
    : sim_(sim),
      config_(config),
      platform_(platform),
      place_(sim.recorder().place("it")),
      mutex_(s4u::Mutex::create()),
      changed_(s4u::ConditionVariable::create()) {
  for (const auto& [host, segment] : layout.segments.of_host) segments_[segment].push_back(platform.host(host));
}

bool ItPlatform::host_on(const std::string& name) const { return platform_.has_host(name) && platform_.host(name)->is_on(); }

const std::vector<s4u::Host*>& ItPlatform::segment_hosts(const std::string& segment) const {
  static const std::vector<s4u::Host*> none;
  const auto it = segments_.find(segment);
  return it == segments_.end() ? none : it->second;
}

bool ItPlatform::isolated(const std::string& segment) const {
  const auto it = isolated_.find(segment);
  return it != isolated_.end() && it->second;
}

bool ItPlatform::uplink_ok(const std::string& segment) const {
  if (isolated(segment)) return false;
  if (platform_.link("uplink." + segment)->is_on()) return true;
  if (config_.network.topology != "ring" || !platform_.link("uplink." + segment + ".ring")->is_on()) return false;
  const auto cut = cut_since_.find(segment);
  return cut != cut_since_.end() && Simulation::now() >= cut->second + config_.network.reroute_delay;
}

bool ItPlatform::reachable(const std::string& a, const std::string& b) const {
  return a == b || (uplink_ok(a) && uplink_ok(b));
}

bool ItPlatform::tos_serving() const { return standby_active_ ? host_on("tos_standby") : host_on("tos"); }

bool ItPlatform::tos_reachable_from(const std::string& segment) const {
  return tos_serving() && reachable(segment, standby_active_ ? "dr" : "it");
}

void ItPlatform::turn_off(s4u::Host* host, std::uint64_t incident) {
  if (!host->is_on()) return;
  host->turn_off();
  sim_.recorder().event(Simulation::now(), IncidentEvent::SystemDown, incident, sim_.recorder().place("it." + host->get_name()));
  changed();
}

void ItPlatform::turn_on(s4u::Host* host, std::uint64_t incident) {
  if (host->is_on()) return;
  host->turn_on();
  sim_.recorder().event(Simulation::now(), IncidentEvent::SystemUp, incident, sim_.recorder().place("it." + host->get_name()));
  changed();
}

void ItPlatform::cut(const std::string& segment, std::uint64_t incident) {
  s4u::Link* link = platform_.link("uplink." + segment);
  if (!link->is_on()) return;
  link->turn_off();
  cut_since_[segment] = Simulation::now();
  sim_.recorder().event(Simulation::now(), IncidentEvent::SystemDown, incident, sim_.recorder().place("it.uplink." + segment));
  changed();
  if (config_.network.topology == "ring") {  // wake the waiting actors when the ring has rerouted
    spawn("it.reroute." + segment, s4u::this_actor::get_host(), [this] {
      s4u::Actor::self()->daemonize();
      s4u::this_actor::sleep_for(config_.network.reroute_delay);
      changed();
    });
  }
}

void ItPlatform::splice(const std::string& segment, std::uint64_t incident) {
  s4u::Link* link = platform_.link("uplink." + segment);
  if (link->is_on()) return;
  link->turn_on();
  cut_since_.erase(segment);
  sim_.recorder().event(Simulation::now(), IncidentEvent::SystemUp, incident, sim_.recorder().place("it.uplink." + segment));
  changed();
}

void ItPlatform::isolate(const std::string& segment, bool on) {
  isolated_[segment] = on;
  changed();
}

void ItPlatform::set_standby_active(bool active) {
  standby_active_ = active;
  changed();
}

void ItPlatform::changed() {
  changed_->notify_all();
  // Looked at once the changing actor has yielded, as a woken actor would: it may change more first.
  if (!pending_.empty() && !check_due_) {
    check_due_ = true;
    after(0, [this] { run_pending(); });
  }
}

void ItPlatform::when(std::function<bool()> ok, std::function<void()> then) {
  if (ok()) return then();
  pending_.push_back({std::move(ok), std::move(then)});
}

void ItPlatform::run_pending() {
  check_due_ = false;
  std::vector<Pending> ready;
  auto kept = std::stable_partition(pending_.begin(), pending_.end(), [](const Pending& p) { return !p.ok(); });
  std::move(kept, pending_.end(), std::back_inserter(ready));
  pending_.erase(kept, pending_.end());
  for (auto& p : ready) p.then();  // may ask `when` again: pending_ is consistent by now
}

void ItPlatform::wait_until(const std::function<bool()>& ok) {
  if (ok()) return;
  s4u::MutexPtr mutex = mutex_;
  std::unique_lock lock(*mutex);
  try {
    while (!ok()) changed_->wait(lock);
  } catch (const simgrid::ForcefulKillException&) {
    lock.release();  // killed in the wait: no simcall now (actor.hpp)
    throw;
  }
}

int ItPlatform::hosts_down() const {
  int down = 0;
  for (const auto& [segment, hosts] : segments_) {
    down += static_cast<int>(std::count_if(hosts.begin(), hosts.end(), [](s4u::Host* h) { return !h->is_on(); }));
  }
  return down;
}

}  // namespace porttwin::incidents

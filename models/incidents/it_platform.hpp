// The port's IT/OT systems as SimGrid hosts in network segments, and what they make available.
//
//   segment   hosts                                   serves
//   it        tos, backup                             the TOS (gate white lists, crane dispatch)
//   dr        tos_standby (with tos.hot_standby)      the TOS after a failover
//   gate      gate_server, ocr                        automated gate transactions
//   ot        sts_control, crane_control.<block>      quay and yard cranes
//   nii       nii_review (with NII)                   the X-ray image review (models/nii)
//   corridor  the supervision platform's host         device reports (models/corridor)
//
// Each segment reaches the core through its fibre uplink ("uplink.<segment>"); on a ring a second
// fibre ("uplink.<segment>.ring") carries the traffic once the ring has rerouted. Incidents turn these
// hosts and links off and on (SimGrid's Host/Link turn_off/turn_on: the supervision centre's actor dies
// with its host); the availability the models see is computed from those states, never from flags.
// Every change wakes the actors waiting in wait_until, and runs what `when` holds once it may.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <simgrid/s4u.hpp>

#include "models/incidents/incident_config.hpp"
#include "sim/engine/platform.hpp"
#include "sim/engine/simulation.hpp"

namespace porttwin::incidents {

struct ItLayout {
  std::vector<std::string> hosts;
  Segments segments;
};

// The hosts and segments the scenario's incidents section adds to the platform.
ItLayout it_layout(const IncidentsConfig& config, int yard_blocks, bool has_terminal, bool has_nii,
                   const std::string& corridor_host);

class ItPlatform {
 public:
  ItPlatform(Simulation& sim, const IncidentsConfig& config, const Platform& platform, const ItLayout& layout);

  // State of the SimGrid resources, by segment and host name.
  bool host_on(const std::string& name) const;
  const std::vector<simgrid::s4u::Host*>& segment_hosts(const std::string& segment) const;
  bool has_segment(const std::string& segment) const { return segments_.count(segment) != 0; }
  bool uplink_ok(const std::string& segment) const;
  bool reachable(const std::string& a, const std::string& b) const;
  bool isolated(const std::string& segment) const;

  // The TOS service: the primary, or the standby once it has taken over.
  bool tos_serving() const;
  bool tos_reachable_from(const std::string& segment) const;
  bool standby_active() const { return standby_active_; }

  // Changes, from actors only (they wake the waiting actors and are recorded as events).
  void turn_off(simgrid::s4u::Host* host, std::uint64_t incident);
  void turn_on(simgrid::s4u::Host* host, std::uint64_t incident);
  void cut(const std::string& segment, std::uint64_t incident);     // the primary uplink fails
  void splice(const std::string& segment, std::uint64_t incident);  // it is repaired
  void isolate(const std::string& segment, bool on);                // the response cuts the segment off
  void set_standby_active(bool active);
  void changed();  // wakes the waiting actors (also after weather changes)
  void wait_until(const std::function<bool()>& ok);
  // The same for a caller that must not block (a station's timer): `then` runs at once if `ok`
  // holds, else from a timer at the instant of the first change after which it does.
  void when(std::function<bool()> ok, std::function<void()> then);

  // Hosts off, for the KPI series.
  int hosts_down() const;
  simgrid::s4u::Host* host(const std::string& name) const { return platform_.host(name); }

 private:
  Simulation& sim_;
  const IncidentsConfig& config_;
  const Platform& platform_;
  std::map<std::string, std::vector<simgrid::s4u::Host*>> segments_;
  std::map<std::string, double> cut_since_;  // segment -> when its primary uplink went off
  std::map<std::string, bool> isolated_;
  bool standby_active_ = false;
  std::uint32_t place_;
  simgrid::s4u::MutexPtr mutex_;
  simgrid::s4u::ConditionVariablePtr changed_;
  struct Pending {
    std::function<bool()> ok;
    std::function<void()> then;
  };
  std::vector<Pending> pending_;  // of `when`, in the order asked
  bool check_due_ = false;        // a timer will look at pending_ at this instant
  void run_pending();
};

}  // namespace porttwin::incidents

// One occurrence of an incident and where its response is: plain data the incident model fills as
// the drill goes on, scores at the end, and saves in snapshots (incident_state.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace porttwin::incidents {

struct Occurrence {
  std::uint64_t number = 0;  // 1, 2, ... over the whole run
  int incident = 0;          // index into the scenario's incidents
  double start = 0;
  double detected = -1, isolated = -1, restored = -1, recovered = -1;
  bool alerted = false;
  double work_lost = 0;      // events since the last successful backup (TOS outage without standby)
  std::vector<std::string> infected;  // segments a breach reached
  bool contained = false;    // the breach's segments are isolated: it spreads no further
  bool cause_over = false;   // the external cause has ended (power back, cable repaired, storm over)
  double storm_clear = 0;    // storm: when the wind falls below every limit for good
  int steps_done = 0;        // of its playbook
  double step_end = -1;      // the step under way ends then (-1: none under way)
};

}  // namespace porttwin::incidents

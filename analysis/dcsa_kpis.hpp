// A DCSA feed's headline terminal KPIs, by the definitions of the terminal model's own summary
// (models/terminal/terminal_model.cpp; docs/dcsa.md, "KPIs of a feed"), so that a real week and a
// simulated one are measured alike: truck turn (gate arrival to out-gate: a truck's TRANSPORT ARRI
// to its DEPA), vessel turnaround (ARRI to DEPA), trucks through the gate per hour, and, which the
// model does not summarise, box dwell per category and gate box moves per hour. A sample counts when
// its last event lies in the window (the model's warm-up cut: a tally ignores what ends before it).
#pragma once

#include <string>
#include <vector>

#include "analysis/dcsa_feed.hpp"

namespace porttwin::analysis {

struct DcsaKpi {
  std::string name, units, help;
  double value = 0;   // NaN without a sample
  std::uint64_t samples = 0;
  bool headline = false;
};

struct DcsaKpiWindow {
  double from = 0, to = 0;               // Unix s (UTC)
  std::string un_locode, facility_code;  // the terminal's; events at other places are not counted
};

// The window of a feed without a scenario: its first to its last actual event.
DcsaKpiWindow feed_window(const DcsaFeed& feed);

std::vector<DcsaKpi> dcsa_kpis(const DcsaFeed& feed, const DcsaKpiWindow& window);

}  // namespace porttwin::analysis

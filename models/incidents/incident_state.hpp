// The incidents' section of a snapshot (docs/snapshot.md, "incidents"): every occurrence under way
// (not yet recovered) with where its response is. Read and checked against the scenario (every
// error located) into the model's own Occurrence records; the IT platform's damage is rebuilt from
// them when a drill starts from the snapshot.
#pragma once

#include <string>
#include <vector>

#include "models/incidents/incident_config.hpp"
#include "models/incidents/occurrence.hpp"
#include "sim/snapshot/snapshot.hpp"

namespace porttwin::incidents {

snapshot::Json incident_state_schema();

std::vector<Occurrence> read_incident_state(const snapshot::SectionReader& reader, const snapshot::Json& section,
                                            const IncidentsConfig& config);

}  // namespace porttwin::incidents

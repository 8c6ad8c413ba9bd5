// The one place that wires models: a row per model section of a scenario, with what the scenario
// loader needs (key, description, declare, check) and what the run driver needs (the platform's
// hosts and links, and build). Rows are in build order: a row may couple to models built before it
// (NII fed by the terminal's truck gate, drills acting on the terminal, NII and corridor, the port
// coupling the terminal's transit boxes to the corridor).
//
// Adding a model:
//   1. a folder models/<model>/: its config (declare every key once, check), its Model subclass,
//      and its run-file format in models/<model>/record/ (row types, names, *_events.hpp codes);
//   2. its event codes in models/record/event_catalog.cpp;
//   3. its config and presence flag in Scenario (models/scenario.hpp) and its row in model_sections();
//   4. a scenario in scenarios/ with a header saying what it represents, and its fingerprint in
//      tests/fingerprints.txt.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "models/model.hpp"
#include "models/scenario.hpp"
#include "sim/engine/platform.hpp"

namespace porttwin {

class Simulation;

namespace terminal {
class TerminalModel;
}
namespace nii {
class NiiModel;
}
namespace corridor {
class CorridorModel;
}

// The models of one run as they are built, with the ones later rows couple to.
struct BuiltModels {
  std::vector<std::unique_ptr<Model>> all;
  terminal::TerminalModel* terminal = nullptr;
  nii::NiiModel* nii = nullptr;
  corridor::CorridorModel* corridor = nullptr;
};

// What the platform is built of: every row adds its hosts, links and segments.
struct PlatformNeeds {
  std::vector<std::string> hosts;
  std::map<std::string, AccessLink> access_links;
  Segments segments;
};

struct ModelSection {
  const char* key;          // the scenario's top-level key
  const char* description;  // for `porttwin schema`
  bool Scenario::*present;  // set when the scenario has the section
  bool is_model;            // counts as a model: a scenario needs at least one such section
  void (*declare)(scenario::Section& section, Scenario& s);
  void (*check)(Scenario& s, scenario::Diagnostics& d);             // when present
  void (*platform)(const Scenario& s, PlatformNeeds& needs);        // when present
  void (*build)(BuiltModels& models, Simulation& sim, const Scenario& s, const Platform& platform);  // when present
  // Checks the model's section of a snapshot against the scenario, every error located (nullptr:
  // the model holds no state in snapshots yet, and a run from one starts it empty).
  void (*check_state)(const Scenario& s, const snapshot::SectionReader& reader, const snapshot::Json& section);
  snapshot::Json (*state_schema)();  // the section's JSON Schema (with check_state)
};

const std::vector<ModelSection>& model_sections();

// The platform's hosts, links and segments for `s`, in table order.
PlatformNeeds platform_needs(const Scenario& s);

// Builds every model `s` has, in table order.
BuiltModels build_models(Simulation& sim, const Scenario& s, const Platform& platform);

// The JSON Schema of snapshots: the frame and the section of every model that holds state.
snapshot::Json snapshot_schema();

// Checks a snapshot for `s`: its sections are models `s` has that hold state, each checked by its
// row. Every error in `d`.
void check_snapshot(const Scenario& s, const snapshot::Snapshot& snapshot, scenario::Diagnostics& d);

}  // namespace porttwin

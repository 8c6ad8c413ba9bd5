// A whole scenario file: run settings, platform and one section per model. Loading it parses,
// validates (all errors in one pass) and resolves references; models only see the typed structs.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "models/corridor/corridor_config.hpp"
#include "models/gate/gate_model.hpp"
#include "models/incidents/incident_config.hpp"
#include "models/nii/nii_config.hpp"
#include "models/port/port_config.hpp"
#include "models/network/queue_network.hpp"
#include "models/terminal/terminal_config.hpp"
#include "sim/engine/platform.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/run_settings.hpp"
#include "sim/snapshot/snapshot.hpp"

namespace porttwin {

struct Scenario {
  scenario::RunSettings run;
  PlatformConfig platform;
  bool has_gate = false;
  GateConfig gate;
  bool has_network = false;
  NetworkConfig network;
  bool has_terminal = false;
  terminal::TerminalConfig terminal;
  bool has_corridor = false;
  corridor::CorridorConfig corridor;
  bool has_nii = false;
  nii::NiiConfig nii;
  bool has_incidents = false;
  incidents::IncidentsConfig incidents;
  bool has_port = false;  // the terminal and the corridor coupled (boxes in transit)
  port::PortConfig port;

  // Provenance, stored in the run file.
  std::string source;  // file name as given
  std::string text;    // the file's text
  std::string sha256;  // of the text
  std::vector<scenario::Override> overrides;

  // A run from a snapshot (`porttwin run --from`): the state it starts in, checked against this
  // scenario (check_snapshot in model_table.hpp). Null: the run starts empty at the scenario's start.
  std::shared_ptr<const snapshot::Snapshot> from;
};

// The declaration tree bound to `s` (for loading, and for `porttwin schema` on a default Scenario).
scenario::Section declare(Scenario& s);

// Throws scenario::InvalidScenario with every error found (file:line:column: error: path: message).
Scenario load_scenario(const std::filesystem::path& file, const std::vector<scenario::Override>& overrides = {});
Scenario parse_scenario(const std::string& text, const std::string& source,
                        const std::vector<scenario::Override>& overrides = {});

std::string sha256_hex(const std::string& text);

}  // namespace porttwin

// NII's section of a snapshot (docs/snapshot.md, "nii"): the boxes customs has in process or holds,
// each with where it is (transfer, RPM, X-ray, image review, secondary), what was found so far
// and, for a simulated state, the truth and the draws that decide its alarms. Read and checked
// against the scenario (every error located) into the model's own Cargo records.
#pragma once

#include <string>
#include <vector>

#include "models/nii/cargo.hpp"
#include "models/nii/nii_config.hpp"
#include "sim/snapshot/snapshot.hpp"

namespace porttwin::nii {

struct SavedCargo {
  Cargo cargo;        // its id is the standalone box's; a terminal box is named by `box`
  std::string box;    // feed: terminal: the terminal box's ISO 6346 number
  bool has_truth = false;  // without it the truth and draws are made as for a new box
  std::string pointer;
};

snapshot::Json nii_state_schema();

// Reads and checks the section; every problem goes to the reader's diagnostics. A terminal box
// must be among the snapshot's terminal boxes.
std::vector<SavedCargo> read_nii_state(const snapshot::SectionReader& reader, const snapshot::Json& section,
                                       const NiiConfig& config);

}  // namespace porttwin::nii

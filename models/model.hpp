// What the run driver needs of a model: hosts to run on, start its actors, its stations for KPI
// sampling, model-level KPIs, and its summary.
#pragma once

#include <string>
#include <vector>

#include "sim/engine/station.hpp"
#include "sim/record/recorder.hpp"
#include "sim/snapshot/snapshot.hpp"

namespace porttwin {

class Model {
 public:
  virtual ~Model() = default;
  virtual void start() = 0;
  virtual std::vector<Station*> stations() = 0;
  virtual void declare_kpis(Recorder&) {}
  virtual void sample_kpis(Recorder&, double /*now*/) {}
  virtual void write_summary(Recorder& recorder, double now) const = 0;
  // Writes what the model still buffers into the run file, before the recorder closes it.
  virtual void finish_recording() {}
  // The twin's state (docs/snapshot.md): the model's section of a snapshot of now, and, in a run
  // from a snapshot, its state restored at the snapshot's time, just before start() (the section
  // was checked against the scenario before the run began: see ModelSection::check_state).
  virtual void save_state(snapshot::SnapshotWriter&) const {}
  virtual void restore_state(const snapshot::Snapshot&) {}
};

}  // namespace porttwin

// What the run driver needs of a model: hosts to run on, start its actors, its stations for KPI
// sampling, model-level KPIs, and its summary.
#pragma once

#include <string>
#include <vector>

#include "sim/engine/station.hpp"
#include "sim/record/recorder.hpp"

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
};

}  // namespace porttwin

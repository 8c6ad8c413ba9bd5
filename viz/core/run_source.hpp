// An open run file as the viewer sees it: its provenance and calendar, the terminal's geometry
// (/yard/plan; for older files from their stored scenario), the /kpi series, and a kept-open analysis::YardReader
// for "the yard at t" (the one implementation of it; the viewer has no other). Opening reads only
// small tables (blocks, keyframe index, KPI series): a run file of any size opens at once. A run
// without a yard (a corridor run) opens too: its yard is empty at every moment.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "analysis/yard_state.hpp"
#include "models/yard/record/yard_layout.hpp"
#include "viz/core/calendar.hpp"

namespace porttwin::viz {

// What cannot be opened or read, phrased for the person who asked ("run.h5: not an HDF5 file").
class ViewerError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class RunSource {
 public:
  // ViewerError when the file is missing, not a run file (no /meta) or truncated.
  explicit RunSource(const std::filesystem::path& file);

  const std::filesystem::path& file() const { return file_; }
  const std::string& scenario_name() const { return scenario_name_; }
  bool has_yard() const { return has_yard_; }
  double horizon() const { return horizon_; }
  double begin() const { return begin_; }  // a run from a snapshot begins at its time (0 otherwise)
  const Calendar& calendar() const { return calendar_; }

  // The terminal's plan; nullopt for a run without a terminal, or an old file whose stored scenario
  // no longer parses (plan_problem() says why; the viewer then lays the blocks out on its own).
  const std::optional<YardPlan>& plan() const { return plan_; }
  const std::string& plan_problem() const { return plan_problem_; }

  const analysis::YardReader& yard() const { return *yard_; }
  // "state at t" through analysis::YardReader; ViewerError when the stored rows contradict
  // each other (a damaged file).
  analysis::YardState state_at(double t) const;

  // /kpi series by name ("time" holds the sample times).
  const std::map<std::string, std::vector<double>>& kpis() const { return kpis_; }
  // Each series' declared unit ("trucks", "s", "share"; "" when the file says none).
  const std::string& kpi_unit(const std::string& name) const;

 private:
  std::filesystem::path file_;
  std::string scenario_name_;
  bool has_yard_ = false;
  double horizon_ = 0;
  double begin_ = 0;
  Calendar calendar_;
  std::optional<YardPlan> plan_;
  std::string plan_problem_;
  std::unique_ptr<analysis::YardReader> yard_;
  std::map<std::string, std::vector<double>> kpis_;
  std::map<std::string, std::string> kpi_units_;
};

}  // namespace porttwin::viz

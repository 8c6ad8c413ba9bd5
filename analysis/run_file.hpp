// Reading run files back (h5 API only, the same layout h5py sees): summary KPIs, provenance, the
// event log and KPI series. Analysis never re-runs a model.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "sim/record/recorder.hpp"

namespace porttwin::analysis {

struct RunSummary {
  std::filesystem::path file;
  std::vector<SummaryItem> items;  // in file order (sorted by name)
  std::map<std::string, std::string> meta;  // text attributes of /meta
  double value(const std::string& name) const;  // throws std::out_of_range if absent
};

RunSummary read_summary(const std::filesystem::path& file);
std::vector<EventRow> read_events(const std::filesystem::path& file);
std::vector<std::string> read_places(const std::filesystem::path& file);
std::map<std::string, std::vector<double>> read_kpis(const std::filesystem::path& file);  // includes "time"
std::map<std::string, std::string> read_kpi_units(const std::filesystem::path& file);   // of each /kpi series

}  // namespace porttwin::analysis

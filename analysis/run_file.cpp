#include "analysis/run_file.hpp"

#include <stdexcept>

#include "sim/record/h5_file.hpp"
#include "sim/record/run_layout.hpp"
#include "models/record/event_catalog.hpp"

namespace porttwin::analysis {

double RunSummary::value(const std::string& name) const {
  for (const auto& item : items) {
    if (item.name == name) return item.value;
  }
  throw std::out_of_range(file.string() + " has no summary KPI " + name);
}

RunSummary read_summary(const std::filesystem::path& path) {
  const h5::File file = h5::File::open_read(path.string());
  const h5::Group root = file.root();
  RunSummary out;
  out.file = path;
  const h5::Group summary = root.open_group("summary");
  for (const auto& name : summary.children()) {
    const bool headline = summary.open_dataset(name).has_attribute("headline");
    out.items.push_back({name, summary.read_scalar(name), summary.dataset_attribute(name, "units"),
                         summary.dataset_attribute(name, "help"), headline});
  }
  const h5::Group meta = root.open_group("meta");
  for (const char* key : {"scenario_name", "scenario_file", "scenario_sha256", "fingerprint", "porttwin_version",
                          "start", "overrides", "snapshot_file"}) {
    if (meta.has_attribute(key)) out.meta[key] = meta.string_attribute(key);
  }
  return out;
}

// The rows are checked against the run's fingerprint: a file damaged inside /events/log (a flipped
// bit HDF5 reads back without complaint) is refused rather than analysed.
std::vector<EventRow> read_events(const std::filesystem::path& path) {
  const h5::File file = h5::File::open_read(path.string());
  auto rows = h5::read_table<EventRow>(file.root().open_group("events"), "log", event_row_type(event_catalog()));
  const h5::Group root = file.root();
  if (root.has("meta")) {
    const h5::Group meta = root.open_group("meta");
    if (meta.has_attribute("fingerprint") && meta.has_attribute("event_count") &&
        fingerprint_hex(rows) != meta.string_attribute("fingerprint")) {
      throw h5::Error(path.string() + ": /events/log does not match the run's fingerprint " +
                      meta.string_attribute("fingerprint") + ": the file is damaged");
    }
  }
  return rows;
}

std::vector<std::string> read_places(const std::filesystem::path& path) {
  const h5::File file = h5::File::open_read(path.string());
  std::vector<std::string> names;
  for (const auto& row : h5::read_table<PlaceRow>(file.root().open_group("events"), "places", place_row_type())) {
    names.emplace_back(h5::text_of(row.name));
  }
  return names;
}

std::map<std::string, std::vector<double>> read_kpis(const std::filesystem::path& path) {
  const h5::File file = h5::File::open_read(path.string());
  const h5::Group kpi = file.root().open_group("kpi");
  std::map<std::string, std::vector<double>> series;
  for (const auto& name : kpi.children()) series[name] = kpi.read_vector<double>(name);
  return series;
}

std::map<std::string, std::string> read_kpi_units(const std::filesystem::path& path) {
  const h5::File file = h5::File::open_read(path.string());
  const h5::Group kpi = file.root().open_group("kpi");
  std::map<std::string, std::string> units;
  for (const auto& name : kpi.children()) {
    const h5::Object series = kpi.open_dataset(name);
    units[name] = series.has_attribute("units") ? series.string_attribute("units") : "";
  }
  return units;
}

}  // namespace porttwin::analysis

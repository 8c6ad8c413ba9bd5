#include "viz/core/run_source.hpp"

#include <fstream>

#include "analysis/run_file.hpp"
#include "sim/core/units.hpp"
#include "sim/record/h5_file.hpp"
#include "viz/core/legacy_yard_plan.hpp"

namespace porttwin::viz {

namespace {

// HDF5's signature, so that "not a run file" is said before any HDF5 message.
bool looks_like_hdf5(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  char magic[8] = {};
  in.read(magic, sizeof magic);
  return in.gcount() == 8 && std::string(magic, 8) == std::string("\x89HDF\r\n\x1a\n", 8);
}

}  // namespace

RunSource::RunSource(const std::filesystem::path& file) : file_(file) {
  const std::string name = file.string();
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error)) throw ViewerError(name + ": no such run file");
  if (!looks_like_hdf5(file)) throw ViewerError(name + ": not a run file (no HDF5 signature)");
  try {
    const h5::File h5file = h5::File::open_read(name);
    const h5::Group root = h5file.root();
    if (!root.has("meta")) throw ViewerError(name + ": not a porttwin run file (no /meta)");
    has_yard_ = root.has("yard/blocks");
    const h5::Group meta = root.open_group("meta");
    scenario_name_ = meta.has_attribute("scenario_name") ? meta.string_attribute("scenario_name") : "?";
    horizon_ = meta.has_attribute("horizon_s") ? meta.double_attribute("horizon_s") : 0;
    begin_ = meta.has_attribute("begin_s") ? meta.double_attribute("begin_s") : 0;
    if (meta.has_attribute("start")) {
      if (const auto start = units::parse_datetime(meta.string_attribute("start"))) calendar_ = Calendar(*start);
    }
    plan_ = read_yard_plan(root);
    if (!plan_ && has_yard_ && meta.has_attribute("scenario_text")) {
      plan_ = legacy_yard_plan(meta.string_attribute("scenario_text"),
                               meta.has_attribute("scenario_file") ? meta.string_attribute("scenario_file") : name,
                               meta.has_attribute("overrides") ? meta.string_attribute("overrides") : "", plan_problem_);
    }
  } catch (const h5::Error& e) {
    throw ViewerError(name + ": cannot read the run file (truncated or damaged?): " + e.what());
  }
  try {
    yard_ = std::make_unique<analysis::YardReader>(file);
    kpis_ = analysis::read_kpis(file);
    kpi_units_ = analysis::read_kpi_units(file);
  } catch (const std::exception& e) {
    throw ViewerError(name + ": cannot read the run file (truncated or damaged?): " + e.what());
  }
  if (horizon_ <= 0) {
    const auto time = kpis_.find("time");
    if (time != kpis_.end() && !time->second.empty()) horizon_ = time->second.back();
  }
  if (horizon_ <= 0) throw ViewerError(name + ": the run file has no horizon (/meta horizon_s)");
}

analysis::YardState RunSource::state_at(double t) const {
  try {
    return yard_->state_at(t);
  } catch (const std::exception& e) {
    throw ViewerError(file_.string() + ": the yard at t = " + units::format_duration(t) +
                      " cannot be rebuilt (damaged file?): " + e.what());
  }
}

const std::string& RunSource::kpi_unit(const std::string& name) const {
  static const std::string none;
  const auto it = kpi_units_.find(name);
  return it == kpi_units_.end() ? none : it->second;
}

}  // namespace porttwin::viz

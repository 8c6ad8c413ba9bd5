#include "simulation_support.hpp"

#include <stdexcept>

#include <hdf5.h>

#include "sim/app/run/run_replication.hpp"
#include "sim/engine/process_pool.hpp"

namespace porttwin::testing {

std::filesystem::path source_path(const std::string& relative) {
  return std::filesystem::path(PORTTWIN_SOURCE_DIR) / relative;
}

void run_in_child(const Scenario& s, const std::filesystem::path& out, std::uint32_t replication,
                  std::vector<double> save_states) {
  const auto codes = run_in_processes(1, 1, [&](std::size_t) {
    run_replication(s, {out, replication, false, {}, save_states});
    return 0;
  });
  if (codes.front() != 0) {
    throw std::runtime_error("the replication writing " + out.string() + " failed (exit " +
                             std::to_string(codes.front()) + ")");
  }
}

stats::Interval Replications::interval(const std::string& kpi, double level) const {
  std::vector<double> values;
  for (const auto& r : runs) values.push_back(r.value(kpi));
  return stats::student_t(values, level);
}

Replications run_replications(const std::string& scenario, int count,
                              const std::vector<scenario::Override>& overrides, std::uint32_t first) {
  Replications out;
  out.scenario = load_scenario(source_path(scenario), overrides);
  out.scratch = std::make_shared<ScratchDirectory>(out.scenario.run.name);
  const auto& dir = out.scratch->path();
  for (int i = 0; i < count; ++i) out.files.push_back(dir / ("r" + std::to_string(first + i) + ".h5"));
  const auto codes = run_in_processes(static_cast<std::size_t>(count), available_cores(), [&](std::size_t i) {
    run_replication(out.scenario, {out.files[i], first + static_cast<std::uint32_t>(i), false, {}});
    return 0;
  });
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (codes[i] != 0) throw std::runtime_error("replication " + std::to_string(first + i) + " failed");
    out.runs.push_back(analysis::read_summary(out.files[i]));
  }
  return out;
}

void damage_event_row(const std::filesystem::path& file) {
  const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  if (f < 0) throw std::runtime_error("cannot open " + file.string());
  const hid_t d = H5Dopen2(f, "/events/log", H5P_DEFAULT);
  const hid_t space = H5Dget_space(d);
  const hsize_t start = 50, count = 1;
  H5Sselect_hyperslab(space, H5S_SELECT_SET, &start, nullptr, &count, nullptr);
  const hid_t memory = H5Screate_simple(1, &count, nullptr);
  const hid_t type = H5Dget_type(d);
  std::vector<unsigned char> row(H5Tget_size(type));
  const bool read = H5Dread(d, type, memory, space, H5P_DEFAULT, row.data()) >= 0;
  row[0] ^= 0x01;  // the lowest bit of the row's time
  const bool written = read && H5Dwrite(d, type, memory, space, H5P_DEFAULT, row.data()) >= 0;
  H5Tclose(type);
  H5Sclose(memory);
  H5Sclose(space);
  H5Dclose(d);
  H5Fclose(f);
  if (!written) throw std::runtime_error("cannot change a row of " + file.string());
}

}  // namespace porttwin::testing

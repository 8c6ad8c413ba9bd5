// libFuzzer harness: run files on any bytes, read by the project's own readers as the commands use
// them: `compare`/`report` (run sets and summaries), `export --csv` and `--dcsa`, `trip`, and the
// viewer's run source (the yard at its horizon) and event index. Accepted, or refused with an error
// that names the file (so says what is wrong with which file); a crash, a leak, a hang, or an error
// that does not name the file is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>

#include "analysis/csv_export.hpp"
#include "analysis/dcsa_export.hpp"
#include "analysis/run_sets.hpp"
#include "analysis/trip_timeline.hpp"
#include "tests/fuzz/fuzz_input_file.hpp"
#include "viz/core/event_index.hpp"
#include "viz/core/run_source.hpp"

namespace {

// The error must name the run file it is about.
void require_named(const std::exception& e, const std::filesystem::path& file) {
  if (std::string(e.what()).find(file.string()) == std::string::npos) {
    std::fprintf(stderr, "an error that does not name the run file %s: %s\n", file.c_str(), e.what());
    std::abort();
  }
}

template <class Read>
void read_named(const std::filesystem::path& file, Read read) {
  try {
    read();
  } catch (const std::out_of_range& e) {
    // trip_timeline: the file has no trip 1 (a readable run without that trip).
    require_named(e, file);
  } catch (const std::exception& e) {
    require_named(e, file);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const porttwin::fuzz::InputFile input(data, size, ".h5");
  const std::filesystem::path& file = input.path();
  const std::filesystem::path csv_dir = file.string() + ".csv";
  read_named(file, [&] { porttwin::analysis::gather_run_sets({file}); });
  read_named(file, [&] { porttwin::analysis::export_csv(file, csv_dir); });
  read_named(file, [&] {
    std::ostringstream out;
    porttwin::analysis::export_dcsa(file, out);
  });
  read_named(file, [&] { porttwin::analysis::trip_timeline(file, 1); });
  read_named(file, [&] {
    const porttwin::viz::RunSource source(file);
    source.state_at(source.horizon());
  });
  read_named(file, [&] { porttwin::viz::EventIndex(file).finish(); });
  std::error_code ignored;
  std::filesystem::remove_all(csv_dir, ignored);
  return 0;
}

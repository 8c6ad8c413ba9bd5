// porttwin sweep under mpirun: rank 0 dispatches, rank 1 runs; the sweep tables must be the same as
// those of the same sweep on local processes, and a sweep started again under MPI reuses its runs.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "porttwin_command.hpp"
#include "scratch_directory.hpp"
#include "sim/record/h5_columns.hpp"
#include "sim/record/h5_file.hpp"

namespace fs = std::filesystem;
using namespace porttwin;
using testing::ScratchDirectory;

namespace {

const std::string kMm1 = (testing::kSourceDir / "scenarios" / "validation" / "mm1.yaml").string();

// `mpirun -np N porttwin ARGS` in `cwd` (as root too; more ranks than cores allowed).
testing::CommandResult run_mpi(int ranks, const std::vector<std::string>& args, const ScratchDirectory& scratch) {
  std::string command = "cd " + testing::shell_quoted(scratch.path().string()) +
                        " && OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1 "
                        "mpirun -np " + std::to_string(ranks) + " " + testing::shell_quoted(testing::kPorttwinBinary);
  for (const auto& a : args) command += " " + testing::shell_quoted(a);
  const auto out = scratch.path() / "mpi-stdout.txt", err = scratch.path() / "mpi-stderr.txt";
  command += " >" + testing::shell_quoted(out.string()) + " 2>" + testing::shell_quoted(err.string()) + " </dev/null";
  const int status = std::system(command.c_str());
  testing::CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = testing::read_text(out);
  r.err = testing::read_text(err);
  return r;
}

struct Tables {
  std::vector<double> run_values, point_means, point_halves, difference_means;
  std::vector<std::int64_t> points, replications, status;
};

Tables tables_of(const fs::path& sweep_file) {
  const h5::File file = h5::File::open_read(sweep_file.string());
  const h5::Group root = file.root();
  return {h5::read_real_column(root, "runs", "server.wait.mean"),
          h5::read_real_column(root, "points", "server.wait.mean.mean"),
          h5::read_real_column(root, "points", "server.wait.mean.ci95"),
          h5::read_real_column(root, "differences", "server.wait.mean.mean"),
          h5::read_integer_column(root, "runs", "point"),
          h5::read_integer_column(root, "runs", "replication"),
          h5::read_integer_column(root, "runs", "status")};
}

}  // namespace

TEST_CASE("porttwin sweep: under mpirun -np 2 and without MPI the sweep tables are identical", "[sweep][mpi][slow]") {
  REQUIRE(std::system("command -v mpirun >/dev/null 2>&1") == 0);  // scripts/install-deps.sh installs openmpi-bin
  ScratchDirectory scratch("sweep-mpi");
  std::ofstream(scratch.path() / "mm.sweep.yaml") << "name: mm\nbase: " + kMm1 + R"(
replications: 3
parameters:
  - key: network.stations[0].servers
    values: [1, 2]
set: {horizon: 1d, warmup: 2h}
kpis: [server.wait.mean, server.utilisation]
)";
  const auto local = testing::run_porttwin({"sweep", "mm.sweep.yaml", "-j", "2", "-q", "-o", "local"}, scratch.path(),
                                           scratch.path());
  INFO(local.err);
  REQUIRE(local.exit_code == 0);
  const auto mpi = run_mpi(2, {"sweep", "mm.sweep.yaml", "-o", "mpi"}, scratch);
  INFO(mpi.out << mpi.err);
  REQUIRE(mpi.exit_code == 0);
  CHECK(mpi.err.find("1 MPI worker rank (one run each at a time)") != std::string::npos);
  CHECK(mpi.err.find("sweep: 6/6 runs, 0 failed") != std::string::npos);

  const auto a = tables_of(scratch.path() / "local" / "sweep.h5"), b = tables_of(scratch.path() / "mpi" / "sweep.h5");
  CHECK(a.run_values == b.run_values);
  CHECK(a.point_means == b.point_means);
  CHECK(a.point_halves == b.point_halves);
  CHECK(a.difference_means == b.difference_means);
  CHECK(a.points == b.points);
  CHECK(a.replications == b.replications);
  CHECK(b.status == std::vector<std::int64_t>(6, 0));
  // The printed tables too (the last line names the sweep file, which differs).
  CHECK(local.out.substr(0, local.out.rfind("sweep file:")) == mpi.out.substr(0, mpi.out.rfind("sweep file:")));

  SECTION("started again under MPI, it reuses every run") {
    const auto again = run_mpi(3, {"sweep", "mm.sweep.yaml", "-o", "mpi"}, scratch);
    INFO(again.err);
    CHECK(again.exit_code == 0);
    CHECK(again.err.find("0 runs to do (6 reused)") != std::string::npos);
  }
  SECTION("a bad sweep file under MPI: exit code 2, the errors once") {
    std::ofstream(scratch.path() / "bad.sweep.yaml") << "base: " + kMm1 + "\nparameters: []\n";
    const auto bad = run_mpi(2, {"sweep", "bad.sweep.yaml"}, scratch);
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("bad.sweep.yaml:2:13: error") != std::string::npos);
  }
}

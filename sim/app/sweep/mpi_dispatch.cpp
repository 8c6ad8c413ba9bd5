#include "sim/app/sweep/mpi_dispatch.hpp"

// The C API only: the deprecated C++ bindings would need libmpi_cxx.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <deque>
#include <stdexcept>
#include <string>
#include <thread>

#include "sim/engine/process_pool.hpp"

namespace porttwin::sweep {

namespace {

// Rank 0 -> worker: a run index (kRun) or the end (kStop); worker -> rank 0: an outcome (kOutcome).
constexpr int kRun = 1, kStop = 2, kOutcome = 3;

void check(int status, const char* what) {
  if (status != MPI_SUCCESS) throw std::runtime_error(std::string("MPI: ") + what + " failed");
}

void send_run(int worker, std::int64_t index) {
  check(MPI_Send(&index, 1, MPI_INT64_T, worker, kRun, MPI_COMM_WORLD), "sending a run");
}

void send_stop(int worker) {
  std::int64_t none = -1;
  check(MPI_Send(&none, 1, MPI_INT64_T, worker, kStop, MPI_COMM_WORLD), "releasing a worker");
}

// An outcome travels as text: "<run index> <exit code>\n<error>".
std::string encode_outcome(std::size_t index, int code, const std::string& error) {
  return std::to_string(index) + " " + std::to_string(code) + "\n" + error;
}

struct Outcome {
  int worker = 0;
  std::size_t index = 0;
  int code = 0;
  std::string error;
};

// Waits for a message without spinning: Open MPI's blocking receive polls at full speed, which would
// take a core from the runs (rank 0 and idle workers share the cores with the runs).
MPI_Status wait_for(int source, int tag) {
  MPI_Status status;
  for (auto pause = std::chrono::microseconds(50);;) {
    int ready = 0;
    check(MPI_Iprobe(source, tag, MPI_COMM_WORLD, &ready, &status), "probing");
    if (ready) return status;
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::microseconds(5000));
  }
}

Outcome receive_outcome() {
  const MPI_Status status = wait_for(MPI_ANY_SOURCE, kOutcome);
  int length = 0;
  check(MPI_Get_count(&status, MPI_CHAR, &length), "sizing an outcome");
  std::string text(static_cast<std::size_t>(length), '\0');
  check(MPI_Recv(text.data(), length, MPI_CHAR, status.MPI_SOURCE, kOutcome, MPI_COMM_WORLD, MPI_STATUS_IGNORE),
        "receiving an outcome");
  Outcome out;
  out.worker = status.MPI_SOURCE;
  const auto newline = text.find('\n');
  const std::string head = text.substr(0, newline);
  out.index = std::stoull(head.substr(0, head.find(' ')));
  out.code = std::stoi(head.substr(head.find(' ') + 1));
  if (newline != std::string::npos) out.error = text.substr(newline + 1);
  return out;
}

}  // namespace

bool launched_by_mpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "PMI_RANK", "MPI_LOCALNRANKS"}) {
    if (std::getenv(name) != nullptr) return true;
  }
  return false;
}

MpiSession::MpiSession() {
  // Runs are forked children that never touch MPI: Open MPI's warning about fork does not apply.
  ::setenv("OMPI_MCA_mpi_warn_on_fork", "0", 0);
  check(MPI_Init(nullptr, nullptr), "MPI_Init");
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiSession::~MpiSession() {
  release_workers();
  MPI_Finalize();
}

void MpiSession::release_workers() {
  if (released_ || rank_ != 0) return;
  released_ = true;
  for (int worker = 1; worker < size_; ++worker) send_stop(worker);
}

std::size_t execute_distributed(const Sweep& sweep, std::vector<Run>& runs, const ExecuteOptions& options,
                                MpiSession& mpi) {
  if (mpi.size() < 2) throw std::runtime_error("an MPI sweep needs at least 2 ranks: rank 0 dispatches, the others run");
  std::filesystem::create_directories(sweep.output_dir / "runs");
  std::deque<std::size_t> pending;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (runs[i].status == RunStatus::pending) pending.push_back(i);
  }
  bool keep_going = true;
  std::size_t failed = 0, busy = 0;
  auto hand_out = [&](int worker) {
    if (!keep_going || pending.empty()) return;
    send_run(worker, static_cast<std::int64_t>(pending.front()));
    pending.pop_front();
    ++busy;
  };
  for (int worker = 1; worker < mpi.size(); ++worker) hand_out(worker);
  while (busy > 0) {
    const Outcome outcome = receive_outcome();
    --busy;
    Run& run = runs.at(outcome.index);
    record_outcome(run, outcome.code, outcome.error);
    if (run.status == RunStatus::failed) ++failed;
    if (options.on_finished && !options.on_finished(run)) keep_going = false;
    hand_out(outcome.worker);
  }
  for (std::size_t i : pending) runs[i].status = RunStatus::not_run;
  mpi.release_workers();
  return failed;
}

void serve_runs(const Sweep& sweep, const MpiSession&) {
  const auto runs = plan_runs(sweep);
  for (;;) {
    std::int64_t index = -1;
    MPI_Status status = wait_for(0, MPI_ANY_TAG);
    check(MPI_Recv(&index, 1, MPI_INT64_T, 0, status.MPI_TAG, MPI_COMM_WORLD, &status), "waiting for a run");
    if (status.MPI_TAG == kStop) return;
    const Run& run = runs.at(static_cast<std::size_t>(index));
    const int code = run_in_processes(1, 1, [&](std::size_t) { return run_here(sweep, run); }).front();
    const std::string text = encode_outcome(static_cast<std::size_t>(index), code, collect_error(run, code));
    check(MPI_Send(text.data(), static_cast<int>(text.size()), MPI_CHAR, 0, kOutcome, MPI_COMM_WORLD),
          "sending an outcome");
  }
}

}  // namespace porttwin::sweep

#include "viz/core/move_log.hpp"

#include <algorithm>
#include <optional>

#include "sim/record/h5_file.hpp"
#include "sim/record/h5_time_table.hpp"

namespace porttwin::viz {

struct MoveLog::Open {
  h5::File file;
  std::optional<h5::TimeOrderedTable<YardMoveRow>> moves;   // runs without a yard (corridor, gate) have none
  std::optional<h5::TimeOrderedTable<YardCraneRow>> cranes;

  explicit Open(h5::File opened) : file(std::move(opened)) {
    if (!file.root().has("yard/moves")) return;
    const h5::Group yard = file.root().open_group("yard");
    moves.emplace(yard.open_dataset("moves"), yard_move_row_type());
    if (yard.has("crane_track")) cranes.emplace(yard.open_dataset("crane_track"), yard_crane_row_type());
  }
};

MoveLog::MoveLog(const std::filesystem::path& run_file)
    : open_(std::make_unique<Open>(h5::File::open_read(run_file.string()))) {}
MoveLog::~MoveLog() = default;
MoveLog::MoveLog(MoveLog&&) noexcept = default;
MoveLog& MoveLog::operator=(MoveLog&&) noexcept = default;

std::uint64_t MoveLog::count() const { return open_->moves ? open_->moves->size() : 0; }

std::vector<YardMoveRow> MoveLog::between(double from, double to, std::size_t limit) const {
  const Open& o = *open_;
  if (to <= from || !o.moves) return {};
  const std::uint64_t first = o.moves->first_after(from);
  const std::uint64_t end = o.moves->first_after(to);
  const std::uint64_t start = end - std::min<std::uint64_t>(end - first, limit);
  if (end <= start) return {};
  return o.moves->rows(start, static_cast<std::size_t>(end - start));
}

double MoveLog::next_after(double t) const { return open_->moves ? open_->moves->next_time_after(t) : -1; }

double MoveLog::last_before(double t) const { return open_->moves ? open_->moves->last_time_before(t) : -1; }

std::vector<Lift> MoveLog::history(std::uint64_t container) const {
  const Open& o = *open_;
  std::vector<Lift> lifts;
  if (!o.moves) return lifts;
  o.moves->scan(0, [&](const YardMoveRow& m) {
    if (m.container == container) lifts.push_back({m, -1});
    return true;
  });
  if (!o.cranes || lifts.empty()) return lifts;
  // The crane whose job the box was: the last crane-track row carrying it at or before the move.
  struct Job {
    double time;
    int crane, desk;
  };
  std::vector<Job> jobs;
  o.cranes->scan(0, [&](const YardCraneRow& c) {
    if (c.container == container) jobs.push_back({c.time, static_cast<int>(c.crane), c.desk});
    return true;
  });
  for (Lift& lift : lifts) {
    for (const Job& job : jobs) {
      if (job.time > lift.move.time) break;
      lift.crane = job.crane;
      lift.desk = job.desk;
    }
  }
  return lifts;
}

}  // namespace porttwin::viz

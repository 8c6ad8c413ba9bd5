#include "viz/core/move_log.hpp"

#include <algorithm>
#include <optional>

#include "sim/record/h5_file.hpp"
#include "viz/core/row_search.hpp"

namespace porttwin::viz {

namespace {
constexpr std::size_t kPiece = 8192;
}

struct MoveLog::Open {
  h5::File file;
  std::optional<h5::Object> moves;  // runs without a yard (corridor, gate) have none
  std::uint64_t count = 0;
  std::optional<h5::Object> cranes;
  std::uint64_t crane_count = 0;
  h5::CompoundType move_type = yard_move_row_type();
  h5::CompoundType crane_type = yard_crane_row_type();

  explicit Open(h5::File opened) : file(std::move(opened)) {
    if (!file.root().has("yard/moves")) return;
    moves.emplace(file.root().open_group("yard").open_dataset("moves"));
    count = h5::Group::vector_length(*moves);
    const h5::Group yard = file.root().open_group("yard");
    if (yard.has("crane_track")) {
      cranes.emplace(yard.open_dataset("crane_track"));
      crane_count = h5::Group::vector_length(*cranes);
    }
  }
};

MoveLog::MoveLog(const std::filesystem::path& run_file)
    : open_(std::make_unique<Open>(h5::File::open_read(run_file.string()))) {}
MoveLog::~MoveLog() = default;
MoveLog::MoveLog(MoveLog&&) noexcept = default;
MoveLog& MoveLog::operator=(MoveLog&&) noexcept = default;

std::uint64_t MoveLog::count() const { return open_->count; }

std::vector<YardMoveRow> MoveLog::between(double from, double to, std::size_t limit) const {
  const Open& o = *open_;
  if (to <= from || !o.moves) return {};
  const std::uint64_t first = first_row_after<YardMoveRow>(*o.moves, o.move_type, o.count, from);
  const std::uint64_t end = first_row_after<YardMoveRow>(*o.moves, o.move_type, o.count, to);
  const std::uint64_t start = end - std::min<std::uint64_t>(end - first, limit);
  if (end <= start) return {};
  return h5::read_rows<YardMoveRow>(*o.moves, o.move_type, start, static_cast<std::size_t>(end - start));
}

double MoveLog::next_after(double t) const {
  const Open& o = *open_;
  if (!o.moves) return -1;
  const std::uint64_t i = first_row_after<YardMoveRow>(*o.moves, o.move_type, o.count, t);
  return i < o.count ? h5::read_rows<YardMoveRow>(*o.moves, o.move_type, i, 1).front().time : -1;
}

double MoveLog::last_before(double t) const {
  const Open& o = *open_;
  if (!o.moves) return -1;
  const std::uint64_t i = first_row_after<YardMoveRow>(*o.moves, o.move_type, o.count, t, false);
  return i > 0 ? h5::read_rows<YardMoveRow>(*o.moves, o.move_type, i - 1, 1).front().time : -1;
}

std::vector<Lift> MoveLog::history(std::uint64_t container) const {
  const Open& o = *open_;
  std::vector<Lift> lifts;
  for (std::uint64_t next = 0; next < o.count; next += kPiece) {
    const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(kPiece, o.count - next));
    for (const YardMoveRow& m : h5::read_rows<YardMoveRow>(*o.moves, o.move_type, next, n)) {
      if (m.container == container) lifts.push_back({m, -1});
    }
  }
  if (!o.cranes || lifts.empty()) return lifts;
  // The crane whose job the box was: the last crane-track row carrying it at or before the move.
  struct Job {
    double time;
    int crane, desk;
  };
  std::vector<Job> jobs;
  for (std::uint64_t next = 0; next < o.crane_count; next += kPiece) {
    const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(kPiece, o.crane_count - next));
    for (const YardCraneRow& c : h5::read_rows<YardCraneRow>(*o.cranes, o.crane_type, next, n)) {
      if (c.container == container) jobs.push_back({c.time, static_cast<int>(c.crane), c.desk});
    }
  }
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

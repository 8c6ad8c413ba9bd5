// The recorded yard moves, read in bounded pieces: the moves of a time window (what moved since
// 14:20) and one container's history (every lift of it, with the crane that did it).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

#include "models/yard/record/yard_layout.hpp"

namespace porttwin::viz {

struct Lift {
  YardMoveRow move;
  int crane = -1;  // the yard crane whose job the box was then (-1: not recorded)
  int desk = -1;   // the remote desk operating that crane (-1: an operator on board, or not recorded)
};

class MoveLog {
 public:
  // A run without /yard/moves (corridor or gate only) has no moves.
  explicit MoveLog(const std::filesystem::path& run_file);
  ~MoveLog();
  MoveLog(MoveLog&&) noexcept;
  MoveLog& operator=(MoveLog&&) noexcept;

  std::uint64_t count() const;
  // Moves with from < time <= to, at most `limit` of them (the latest ones).
  std::vector<YardMoveRow> between(double from, double to, std::size_t limit = 20000) const;
  // Time of the first move after t (nullopt-like: a negative value when none), and of the last
  // move before t: for stepping through moves.
  double next_after(double t) const;
  double last_before(double t) const;
  // Every move of `container` in time order, each with its crane. Scans the table in pieces.
  std::vector<Lift> history(std::uint64_t container) const;

 private:
  struct Open;
  std::unique_ptr<Open> open_;
};

}  // namespace porttwin::viz

#include "sim/scenario/diagnostics.hpp"

#include <algorithm>
#include <numeric>

namespace porttwin::scenario {

void Diagnostics::error(Mark mark, std::string path, std::string message) {
  list_.push_back({mark, std::move(path), std::move(message), -1, {}, false});
}

void Diagnostics::override_error(int index, std::string override_text, std::string path, std::string message,
                                 bool about_key) {
  list_.push_back({Mark{}, std::move(path), std::move(message), index, std::move(override_text), about_key});
}

void Diagnostics::key_error(Mark mark, std::string path, std::string message) {
  list_.push_back({mark, std::move(path), std::move(message), -1, {}, true});
}

Mark Diagnostics::mark(const std::string& path) const {
  for (std::string at = path; !at.empty();) {
    if (auto it = marks_.find(at); it != marks_.end()) return it->second;
    const auto step = at.find_last_of(".[");
    at.resize(step == std::string::npos ? 0 : step);
  }
  return {};
}

std::string Diagnostics::format() const {
  std::vector<Diagnostic> sorted = list_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.mark.line != b.mark.line ? a.mark.line < b.mark.line : a.mark.column < b.mark.column;
  });
  std::string out;
  for (const auto& d : sorted) {
    out += source_;
    if (d.mark.line > 0) out += ":" + std::to_string(d.mark.line) + ":" + std::to_string(d.mark.column);
    out += ": error: ";
    if (!d.path.empty()) out += d.path + ": ";
    if (d.from_override()) out += "(" + d.override_text + ") ";
    out += d.message + "\n";
  }
  return out;
}

namespace {

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), 0);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

}  // namespace porttwin::scenario

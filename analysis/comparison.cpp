#include "analysis/comparison.hpp"

#include <algorithm>
#include <cmath>

#include "analysis/paired_difference.hpp"
#include "analysis/replications.hpp"
#include "analysis/welch_difference.hpp"
#include "sim/core/quantity.hpp"
#include "sim/stats/ratio.hpp"

namespace porttwin::analysis {

namespace {

std::vector<double> values_of(const RunSet& set, const std::string& kpi) {
  std::vector<double> out;
  for (const auto& run : set.runs) out.push_back(run.value(kpi));
  return stats::defined_values(out);  // a replication without a case has no value to compare
}

std::vector<std::uint32_t> shared_replications(const RunSet& a, const RunSet& b) {
  std::vector<std::uint32_t> out;
  std::set_intersection(a.replications.begin(), a.replications.end(), b.replications.begin(), b.replications.end(),
                        std::back_inserter(out));
  return out;
}

Difference difference_of(const RunSet& set, const RunSet& base, const std::string& kpi, double level) {
  if (!paired(set, base)) {
    const auto w = welch_difference(values_of(set, kpi), values_of(base, kpi), level);
    return {w.interval, false, w.dof};
  }
  std::vector<double> a, b;
  for (auto r : shared_replications(set, base)) {
    const auto at = [r](const RunSet& s) {
      return std::find(s.replications.begin(), s.replications.end(), r) - s.replications.begin();
    };
    const double x = set.runs[static_cast<std::size_t>(at(set))].value(kpi);
    const double y = base.runs[static_cast<std::size_t>(at(base))].value(kpi);
    if (std::isnan(x) || std::isnan(y)) continue;  // a pair needs both
    a.push_back(x);
    b.push_back(y);
  }
  return {paired_difference(a, b, level), true, 0};
}

char letter(std::size_t k) { return static_cast<char>('A' + k % 26); }

std::string set_name(std::size_t k) { return std::string(1, letter(k)) + (k >= 26 ? std::to_string(k / 26) : ""); }

// Terminal columns, not bytes: "±" and "−" take two or three bytes.
std::size_t columns_of(const std::string& text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

}  // namespace

bool paired(const RunSet& a, const RunSet& b) { return a.seed == b.seed && shared_replications(a, b).size() >= 2; }

std::vector<std::string> common_kpis(const std::vector<RunSet>& sets, bool headline_only) {
  std::vector<std::string> out;
  if (sets.empty() || sets.front().runs.empty()) return out;
  for (const auto& item : sets.front().runs.front().items) {
    if (headline_only && !item.headline) continue;
    const bool everywhere = std::all_of(sets.begin(), sets.end(), [&](const RunSet& s) {
      return std::all_of(s.runs.begin(), s.runs.end(), [&](const RunSummary& r) {
        return std::any_of(r.items.begin(), r.items.end(), [&](const SummaryItem& i) { return i.name == item.name; });
      });
    });
    if (everywhere) out.push_back(item.name);
  }
  return out;
}

std::vector<KpiComparison> compare_sets(const std::vector<RunSet>& sets, const std::vector<std::string>& kpis,
                                        double level) {
  std::vector<KpiComparison> rows;
  for (const auto& kpi : kpis) {
    KpiComparison row;
    row.name = kpi;
    for (const auto& item : sets.front().runs.front().items) {
      if (item.name == kpi) row.units = item.units;
    }
    for (const auto& set : sets) {
      stats::Interval i = stats::student_t(values_of(set, kpi), level);
      if (i.n == 0) i.mean = stats::kUndefined;
      row.sets.push_back(i);
    }
    for (std::size_t k = 1; k < sets.size(); ++k) row.differences.push_back(difference_of(sets[k], sets[0], kpi, level));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string format_comparison(const std::vector<RunSet>& sets, const std::vector<KpiComparison>& rows) {
  std::string out;
  for (std::size_t k = 0; k < sets.size(); ++k) {
    out += "  " + set_name(k) + ": " + sets[k].label + " (seed " + std::to_string(sets[k].seed) + ", " +
           std::to_string(sets[k].runs.size()) + " replication" + (sets[k].runs.size() == 1 ? "" : "s") + ")\n";
  }
  std::vector<std::vector<std::string>> cells;
  std::vector<std::string> header = {"kpi", "units"};
  for (std::size_t k = 0; k < sets.size(); ++k) header.push_back(set_name(k));
  for (std::size_t k = 1; k < sets.size(); ++k) {
    header.push_back(set_name(k) + " - A (" + (paired(sets[k], sets[0]) ? "paired" : "Welch") + ")");
  }
  cells.push_back(header);
  for (const auto& row : rows) {
    std::vector<std::string> line = {row.name, units::header_unit(row.units)};
    for (const auto& i : row.sets) line.push_back(units::format_quantity_cell(i.mean, i.half_width, row.units));
    for (const auto& d : row.differences) {
      const bool zero = std::fabs(d.interval.mean) < 1e-12 && d.interval.half_width < 1e-12;
      if (d.interval.n == 0) {
        line.push_back("undefined");  // no replication (pair) where both sets have a case
      } else {
        line.push_back(zero ? "0" : units::format_quantity_cell(d.interval.mean, d.interval.half_width, row.units));
      }
    }
    cells.push_back(std::move(line));
  }
  std::vector<std::size_t> width(header.size(), 0);
  for (const auto& line : cells) {
    for (std::size_t c = 0; c < line.size(); ++c) width[c] = std::max(width[c], columns_of(line[c]));
  }
  for (const auto& line : cells) {
    std::string text = " ";
    for (std::size_t c = 0; c < line.size(); ++c) {
      const std::string pad(width[c] - columns_of(line[c]), ' ');
      text += " " + (c < 2 ? line[c] + pad : pad + line[c]) + " ";
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out += text + "\n";
  }
  return out;
}

}  // namespace porttwin::analysis

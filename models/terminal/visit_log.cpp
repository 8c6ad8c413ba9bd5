#include "models/terminal/visit_log.hpp"

#include "models/yard/record/iso6346.hpp"

namespace porttwin::terminal {

void declare(scenario::Section& s, TruckArrivalsConfig& c) {
  s.choice("process", c.process, {"planned", "trace"},
           "Where truck visits come from: planned (pickups a dwell after discharge, drop-offs a lead before "
           "their call) or trace (the visits of a gate log, at their logged times)");
  scenario::declare_trace(s, c.log, "truck visit",
                          {"trace: the column of visit types (import_pickup, export_drop, dual, empty_return)",
                           "trace: the column of the box's ISO 6346 number (a dual visit: the box it brings)"});
}

void check(TruckArrivalsConfig& c, const std::string& path, scenario::Diagnostics& d) {
  if (c.process != "trace") return;
  const auto log = scenario::read_trace_log(c.log, path, d);
  if (!log) return;
  const std::string& type_column = c.log.column("visit_type");
  const std::string& box_column = c.log.column("container");
  if (type_column.empty()) d.error(path + ".columns.visit_type", "found none, expected the log's column of visit types");
  if (box_column.empty()) d.error(path + ".columns.container", "found none, expected the log's column of container numbers");
  if (type_column.empty() || box_column.empty()) return;
  auto visits = std::make_shared<VisitLog>();
  visits->log = log;
  scenario::TraceErrors errors(d, path, *log);
  for (std::size_t i = 0; i < log->times.size(); ++i) {
    const std::string& type = log->values[0][i];
    const std::string& box = log->values[1][i];
    std::size_t t = 0;
    while (t < kVisitTypes.size() && kVisitTypes[t] != type) ++t;
    if (t == kVisitTypes.size()) {
      errors.row(i, scenario::found_in_column(type, type_column, kVisitTypes));
      continue;
    }
    if (!yard::iso6346_valid(box)) {
      const auto digit = box.size() == 11 ? yard::iso6346_check_digit(std::string_view(box).substr(0, 10)) : std::nullopt;
      errors.row(i, "found \"" + box + "\" in column " + box_column + ", expected an ISO 6346 container number" +
                        (digit ? " with check digit " + std::to_string(*digit)
                               : " (owner code, category letter U, J or Z, six digits, check digit: CSQU3054383)"));
      continue;
    }
    const auto visit = static_cast<VisitType>(t);
    if (visit == VisitType::EmptyReturn && !visits->has_empty_returns) {
      visits->has_empty_returns = true;
      visits->first_empty_return = i;
    }
    visits->types.push_back(visit);
    visits->containers.push_back(box);
  }
  errors.finish();
  if (!errors.any()) c.visits = visits;
}

}  // namespace porttwin::terminal

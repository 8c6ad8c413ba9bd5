#include "models/terminal/call_log.hpp"

#include <charconv>

#include "sim/core/units.hpp"

namespace porttwin::terminal {

void declare(scenario::Section& s, VesselArrivalsConfig& c) {
  s.choice("process", c.process, {"weekly", "trace"},
           "Where vessel calls come from: weekly (each service once a week at its arrival, plus the drawn "
           "delay) or trace (the calls of a schedule log, arriving at their logged times)");
  scenario::declare_trace(s, c.log, "vessel call",
                          {"trace: the column of the call's service (a name in services)",
                           "trace: the column of boxes discharged (none: the service's discharge)",
                           "trace: the column of boxes to load (none: the service's load)",
                           "trace: the column of the scheduled arrival, same kind as the time column (none: the "
                           "logged arrival)"});
}

namespace {

std::optional<int> parse_moves(const std::string& text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0 || value > 50000) return std::nullopt;
  return value;
}

}  // namespace

void check(VesselArrivalsConfig& c, const std::vector<std::string>& services, const std::string& path,
           scenario::Diagnostics& d) {
  if (c.process != "trace") return;
  const auto log = scenario::read_trace_log(c.log, path, d);
  if (!log) return;
  if (c.log.column("service").empty()) {
    d.error(path + ".columns.service", "found none, expected the log's column of services");
    return;
  }
  auto calls = std::make_shared<CallLog>();
  calls->log = log;
  scenario::TraceErrors errors(d, path, *log);
  for (std::size_t i = 0; i < log->times.size(); ++i) {
    LoggedCall call;
    call.row = i;
    std::size_t s = 0;
    while (s < services.size() && services[s] != log->values[0][i]) ++s;
    if (s == services.size()) {
      errors.row(i, scenario::found_in_column(log->values[0][i], c.log.column("service"), services) +
                        " (the names of terminal.vessels.services)");
      continue;
    }
    call.service = static_cast<int>(s);
    bool bad = false;
    for (int k : {1, 2}) {
      const std::string& column = c.log.column(c.log.columns[static_cast<std::size_t>(k)].first);
      if (column.empty()) continue;
      const auto moves = parse_moves(log->values[static_cast<std::size_t>(k)][i]);
      if (!moves) {
        errors.row(i, "found \"" + log->values[static_cast<std::size_t>(k)][i] + "\" in column " + column +
                          ", expected a whole number of boxes in [0, 50000]");
        bad = true;
      }
      (k == 1 ? call.discharge : call.load) = moves.value_or(-1);
    }
    call.scheduled = log->times[i];
    if (const std::string& column = c.log.column("scheduled"); !column.empty()) {
      const std::string& text = log->values[3][i];
      const auto when = log->calendar ? units::parse_datetime(text) : units::parse_duration(text);
      if (!when) {
        errors.row(i, "found \"" + text + "\" in column " + column + ", expected " +
                          std::string(log->calendar ? units::expected_datetime : units::expected_duration) +
                          " like the time column");
        bad = true;
      } else {
        call.scheduled = *when;
      }
    }
    if (!bad) calls->calls.push_back(call);
  }
  errors.finish();
  if (!errors.any()) c.calls = calls;
}

}  // namespace porttwin::terminal

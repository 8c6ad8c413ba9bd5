#include "viz/core/event_index.hpp"

#include <xxhash.h>

#include <algorithm>
#include <optional>

#include "sim/record/event_kind.hpp"
#include "sim/record/h5_file.hpp"
#include "sim/record/run_layout.hpp"
#include "models/yard/record/yard_layout.hpp"
#include "sim/record/h5_time_table.hpp"
#include "models/corridor/record/corridor_events.hpp"
#include "models/incidents/record/incident_events.hpp"
#include "models/nii/record/nii_events.hpp"
#include "models/port/record/port_events.hpp"
#include "models/terminal/record/terminal_events.hpp"
#include "models/record/event_catalog.hpp"
#include "viz/core/run_source.hpp"

namespace porttwin::viz {

struct EventIndex::Open {
  h5::File file;
  std::optional<h5::TimeOrderedTable<EventRow>> log;  // runs recorded without events have none
  std::uint64_t count = 0, next = 0;
  std::optional<h5::TimeOrderedTable<YardMoveRow>> moves;  // runs without a yard have none
  std::uint64_t move_count = 0, next_move = 0;
  bool coupled = false;  // a port: section: the terminal's boxes travel the corridor under their own ids
  // The rows as read, hashed as the recorder hashed them, checked against /meta's fingerprint once
  // all are read: damage confined to /events is refused, not drawn.
  std::string path, fingerprint;
  std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> hash{XXH3_createState(), &XXH3_freeState};

  Open(h5::File opened, std::string run_file) : file(std::move(opened)), path(std::move(run_file)) {
    coupled = file.root().has("port/transit");
    XXH3_64bits_reset(hash.get());
    if (file.root().has("meta")) {
      const h5::Group meta = file.root().open_group("meta");
      if (meta.has_attribute("fingerprint") && meta.has_attribute("event_count")) {
        fingerprint = meta.string_attribute("fingerprint");
      }
    }
    if (file.root().has("events/log")) {
      log.emplace(file.root().open_group("events").open_dataset("log"), event_row_type(event_catalog()));
      count = log->size();
    }
    if (file.root().has("yard/moves")) {
      moves.emplace(file.root().open_group("yard").open_dataset("moves"), yard_move_row_type());
      move_count = moves->size();
    }
  }
};

EventIndex::EventIndex(const std::filesystem::path& run_file)
    : open_(std::make_unique<Open>(h5::File::open_read(run_file.string()), run_file.string())) {}
EventIndex::~EventIndex() = default;
EventIndex::EventIndex(EventIndex&&) noexcept = default;
EventIndex& EventIndex::operator=(EventIndex&&) noexcept = default;

std::uint64_t EventIndex::event_count() const { return open_->count; }

double EventIndex::progress() const {
  const Open& o = *open_;
  const double total = static_cast<double>(o.count + o.move_count);
  return total == 0 ? 1.0 : static_cast<double>(o.next + o.next_move) / total;
}

void EventIndex::take(const EventRow& e) {
  switch (e.kind) {
    case code_of(TerminalEvent::Breakdown):
      breakdowns_.push_back({static_cast<int>(e.entity), e.entity, e.time});
      [[fallthrough]];
    case code_of(CorridorEvent::Alarm):
    case code_of(NiiEvent::NiiAlarm):
    case code_of(NiiEvent::CustomsHold):
    case code_of(IncidentEvent::IncidentStart):
    case code_of(IncidentEvent::SystemDown):
    case code_of(IncidentEvent::SystemUp):
    case code_of(IncidentEvent::IncidentDetected):
    case code_of(IncidentEvent::StepDone):
    case code_of(IncidentEvent::IncidentRestored):
    case code_of(IncidentEvent::IncidentRecovered):
      if (markers_.size() < kMaxMarkers) markers_.push_back({e.time, e.kind, e.entity, e.detail});
      break;
    case code_of(TerminalEvent::Repaired):
      for (auto it = breakdowns_.rbegin(); it != breakdowns_.rend(); ++it) {
        if (it->index == static_cast<int>(e.entity) && it->to > e.time) {
          it->to = e.time;
          break;
        }
      }
      break;
    case code_of(TerminalEvent::Berth): berths_.push_back({e.detail, e.entity, e.time}); break;
    case code_of(TerminalEvent::VesselDepart):
      for (auto it = berths_.rbegin(); it != berths_.rend(); ++it) {
        if (it->entity == e.entity && it->to > e.time) {
          it->to = e.time;
          break;
        }
      }
      break;
    case code_of(NiiEvent::CustomsInspect): inspections_.emplace(e.entity, e.time); break;
    default: break;
  }
}

bool EventIndex::advance(std::size_t rows) {
  Open& o = *open_;
  if (o.next < o.count) {
    const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(rows, o.count - o.next));
    const std::vector<EventRow> rows = o.log->rows(o.next, n);
    XXH3_64bits_update(o.hash.get(), rows.data(), rows.size() * sizeof(EventRow));
    for (const EventRow& e : rows) take(e);
    o.next += n;
    if (o.next == o.count && !o.fingerprint.empty() &&
        fingerprint_hex(XXH3_64bits_digest(o.hash.get())) != o.fingerprint) {
      markers_.clear();
      berths_.clear();
      breakdowns_.clear();
      inspections_.clear();
      throw ViewerError(o.path + ": /events/log does not match the run's fingerprint " + o.fingerprint +
                        ": the file is damaged");
    }
  }
  if (o.next_move < o.move_count) {
    const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(rows, o.move_count - o.next_move));
    for (const YardMoveRow& m : o.moves->rows(o.next_move, n)) {
      if (m.kind == YardMoveKind::Receive) received_.emplace(m.container, m.time);
    }
    o.next_move += n;
  }
  return o.next < o.count || o.next_move < o.move_count;
}

const char* marker_label(int kind) {
  switch (kind) {
    case code_of(TerminalEvent::Breakdown): return "quay crane breakdown";
    case code_of(CorridorEvent::Alarm): return "corridor alarm";
    case code_of(NiiEvent::NiiAlarm): return "NII alarm";
    case code_of(NiiEvent::CustomsHold): return "customs hold";
    case code_of(IncidentEvent::IncidentStart): return "incident";
    case code_of(IncidentEvent::SystemDown): return "system down";
    case code_of(IncidentEvent::SystemUp): return "system up";
    case code_of(IncidentEvent::IncidentDetected): return "incident detected";
    case code_of(IncidentEvent::StepDone): return "playbook step done";
    case code_of(IncidentEvent::IncidentRestored): return "incident: functions restored";
    case code_of(IncidentEvent::IncidentRecovered): return "incident recovered";
    default: return "event";
  }
}

bool is_incident_marker(int kind) { return kind >= static_cast<int>(IncidentEvent::IncidentStart) && kind <= static_cast<int>(IncidentEvent::IncidentRecovered); }

double EventIndex::received(std::uint64_t container) const {
  const auto it = received_.find(container);
  return it == received_.end() ? -1 : it->second;
}

double EventIndex::inspected(std::uint64_t container) const {
  const auto it = inspections_.find(container);
  return it == inspections_.end() ? -1 : it->second;
}

double EventIndex::next_event_after(double t) const { return open_->log ? open_->log->next_time_after(t) : -1; }

double EventIndex::last_event_before(double t) const { return open_->log ? open_->log->last_time_before(t) : -1; }

std::vector<EventRow> EventIndex::container_events(std::uint64_t container) const {
  const Open& o = *open_;
  std::vector<EventRow> found;
  if (!o.log) return found;
  o.log->scan(
      0,
      [&](const EventRow& e) {
        if (e.entity != container) return true;
        switch (e.kind) {
          case code_of(TerminalEvent::Discharge):
          case code_of(TerminalEvent::Load):
          case code_of(NiiEvent::CustomsSelect):
          case code_of(NiiEvent::NiiAlarm):
          case code_of(NiiEvent::CustomsInspect):
          case code_of(NiiEvent::CustomsRelease):
          case code_of(NiiEvent::CustomsHold):
          case code_of(PortEvent::LockWait):
          case code_of(PortEvent::LockReady):
          case code_of(PortEvent::TransitOut): found.push_back(e); break;
          // In a coupled run a box's corridor trip carries its id (other trips are numbered from 2^40).
          case code_of(CorridorEvent::Seal):
          case code_of(CorridorEvent::Inspect):
          case code_of(CorridorEvent::BorderCross):
          case code_of(CorridorEvent::Alarm):
          case code_of(CorridorEvent::BorderCheck):
          case code_of(CorridorEvent::Unseal):
            if (o.coupled) found.push_back(e);
            break;
          default: break;
        }
        return true;
      },
      1 << 15);
  return found;
}

}  // namespace porttwin::viz

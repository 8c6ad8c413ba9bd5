// Collects what a run produces and writes the run file: event rows (buffered, flushed in chunks
// as the run goes), KPI time series, scalar summary KPIs, and provenance. Layout: docs/run-file.md.
// The fingerprint is an XXH3 hash over every event row (time, entity, place, kind, detail) in
// order: two runs behave the same exactly when their fingerprints agree.
#pragma once

#include <span>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/integrity/event_timeline.hpp"
#include "sim/record/event_kind.hpp"
#include "sim/record/event_row.hpp"
#include "sim/record/place_location.hpp"

struct XXH3_state_s;  // xxhash.h stays out of this header

namespace porttwin {

namespace h5 {
class Group;
}

struct RecordOptions {
  // The codes /events/log may hold, for its HDF5 enum type (empty: the engine's own); the run driver
  // gives every model's (models/record/event_catalog).
  std::vector<EventKindName> event_kinds;
  bool events = true;             // write /events/log (the fingerprint is computed either way)
  std::size_t chunk_rows = 65536; // rows buffered before a write; also the HDF5 chunk size
  int deflate = 1;                // 0-9
  // The rows under a Merkle tree with tree heads in /integrity (docs/integrity.md); only when the
  // rows are written to a file, since a tree over rows nobody keeps proves nothing.
  std::optional<integrity::TimelineOptions> timeline;
};

struct SummaryItem {
  std::string name;
  double value;
  std::string units;
  std::string help;
  bool headline = false;  // shown in the short summary `porttwin run` prints
};

// The fingerprint of event rows as the recorder computes it (XXH3 over the rows in order), as the
// 16 hex digits /meta stores: readers check a run file's /events/log against it.
std::string fingerprint_hex(std::span<const EventRow> rows);
std::string fingerprint_hex(std::uint64_t print);  // a digest of those rows, hashed piece by piece

class Recorder {
 public:
  explicit Recorder(RecordOptions options);
  ~Recorder();
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  void open(const std::filesystem::path& file);  // no file: record in memory only (tests, benches)
  bool has_file() const { return file_ != nullptr; }
  // The open file's root group, for models that write groups of their own (/yard); std::logic_error
  // without a file.
  h5::Group root_group();

  std::uint32_t place(const std::string& name);  // registers a place once, returns its id
  const std::vector<std::string>& places() const { return places_; }
  // Where a place is in the ports' codes (/events/place_locations): its UN/LOCODE, facility code and
  // code list, and DCSA's facility type (POTE port terminal, INTE inland terminal, BOCR border crossing).
  // Empty codes are not known.
  void locate_place(std::uint32_t place, std::string_view un_locode, std::string_view facility_code,
                    std::string_view facility_code_list, std::string_view facility_type);

  template <EventCode Code>
  void event(double time, Code kind, std::uint64_t entity, std::uint32_t place, std::uint16_t detail = 0) {
    buffer_.push_back({time, entity, place, static_cast<std::uint16_t>(kind), detail});
    if (buffer_.size() >= options_.chunk_rows) flush_events();
  }
  std::uint64_t event_count() const { return flushed_ + buffer_.size(); }

  // KPI series share one time axis: begin a row, then give every series its value.
  std::size_t kpi_series(const std::string& name, const std::string& units, const std::string& help);
  void kpi_row(double time);
  void kpi_value(std::size_t series, double value);

  void summary(const std::string& name, double value, const std::string& units, const std::string& help,
               bool headline = false);
  const std::vector<SummaryItem>& summaries() const { return summary_; }

  void meta(const std::string& name, const std::string& value);
  void meta(const std::string& name, double value);
  void meta(const std::string& name, std::int64_t value);

  std::uint64_t fingerprint();  // flushes pending rows first
  // The timeline's last tree head, at `end` (the run's last instant); finish() makes it at the last
  // row's time when it was not called.
  void close_timeline(double end);
  void finish();                // writes everything still in memory and closes the file

 private:
  void flush_events();
  void write_tree_heads();

  struct Kpi {
    std::string name, units, help;
    std::vector<double> values;
  };
  struct Meta {
    std::string name;
    std::variant<std::string, double, std::int64_t> value;
  };
  struct File;  // the open HDF5 file and its event table

  RecordOptions options_;
  std::unique_ptr<File> file_;
  std::vector<EventRow> buffer_;
  std::uint64_t flushed_ = 0;
  std::unique_ptr<integrity::EventTimeline> timeline_;
  double last_time_ = 0;
  std::unique_ptr<::XXH3_state_s, void (*)(::XXH3_state_s*)> hash_;
  std::vector<std::string> places_;
  std::vector<PlaceLocationRow> place_locations_;
  std::vector<double> kpi_time_;
  std::vector<Kpi> kpis_;
  std::vector<SummaryItem> summary_;
  std::vector<Meta> meta_;
};

}  // namespace porttwin

#include "sim/record/recorder.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <stdexcept>

#include <xxhash.h>

#include "sim/record/h5_file.hpp"
#include "sim/record/run_layout.hpp"

namespace porttwin {

struct Recorder::File {
  h5::File file;
  h5::Group events;
  std::optional<h5::Table<EventRow>> log;
  std::optional<h5::Group> integrity;
  std::optional<h5::Table<TreeHeadRow>> tree_heads;
  std::optional<h5::Table<LeafTagRow>> leaf_tags;

  File(const std::filesystem::path& path, const RecordOptions& options)
      : file(h5::File::create(path.string())), events(file.root().create_group("events")) {
    if (options.events) {
      log.emplace(events, "log", event_row_type(options.event_kinds), options.chunk_rows, options.deflate);
      log->set_attribute("units", std::string("time: s since the scenario start"));
      log->set_attribute("help", std::string("One row per event: time, entity id, place (index into "
                                             "/events/places), kind (enum), detail (server index on START/FINISH)"));
    }
    if (options.events && options.timeline) {
      integrity.emplace(file.root().create_group("integrity"));
      integrity->set_attribute("tree", std::string("RFC 9162 Merkle tree (SHA-256) over /events/log in row order"));
      integrity->set_attribute("leaf", std::string(integrity::kEventLeafFormat));
      integrity->set_attribute("checkpoint_s", options.timeline->checkpoint);
      if (options.timeline->key) integrity->set_attribute("public_key", options.timeline->key->public_key().hex());
      tree_heads.emplace(*integrity, "tree_heads", tree_head_row_type(), 4096, options.deflate);
      tree_heads->set_attribute("units", std::string("sim_time: s since the scenario start; wall_time: Unix s"));
      tree_heads->set_attribute("help", std::string("One row per tree head: the first tree_size rows of /events/log "
                                                    "have root root_hash (hex); signature: Ed25519 (hex), empty "
                                                    "when unsigned (docs/integrity.md)"));
      leaf_tags.emplace(*integrity, "leaf_tags", leaf_tag_row_type(), options.chunk_rows, 0);
      leaf_tags->set_attribute("help", std::string("The first byte of each /events/log row's leaf hash, row by row: "
                                                   "where verify looks for the row that changed (a locator, not "
                                                   "evidence: no tree head covers it)"));
    }
  }
};

Recorder::Recorder(RecordOptions options)
    : options_(options), hash_(XXH3_createState(), [](XXH3_state_t* s) { XXH3_freeState(s); }) {
  if (!hash_) throw std::bad_alloc();
  XXH3_64bits_reset(hash_.get());
  buffer_.reserve(options_.chunk_rows);
}

Recorder::~Recorder() = default;

void Recorder::open(const std::filesystem::path& path) {
  file_ = std::make_unique<File>(path, options_);
  if (file_->tree_heads) timeline_ = std::make_unique<integrity::EventTimeline>(options_.event_kinds, *options_.timeline);
}

h5::Group Recorder::root_group() {
  if (!file_) throw std::logic_error("the recorder has no file open");
  return file_->file.root();
}

std::uint32_t Recorder::place(const std::string& name) {
  for (std::size_t i = 0; i < places_.size(); ++i) {
    if (places_[i] == name) return static_cast<std::uint32_t>(i);
  }
  places_.push_back(name);
  return static_cast<std::uint32_t>(places_.size() - 1);
}

void Recorder::flush_events() {
  if (buffer_.empty()) return;
  // EventRow has no padding (8+8+4+2+2 bytes), so hashing the raw rows is deterministic.
  static_assert(sizeof(EventRow) == 24);
  XXH3_64bits_update(hash_.get(), buffer_.data(), buffer_.size() * sizeof(EventRow));
  if (file_ && file_->log) file_->log->append(std::span<const EventRow>(buffer_));
  if (timeline_) {
    // The place's name as /events/places keeps it (its column's width), so that a reader's leaf is ours.
    for (const EventRow& row : buffer_) {
      timeline_->append(row, std::string_view(places_[row.place]).substr(0, sizeof(PlaceRow::name)));
    }
    write_tree_heads();
  }
  last_time_ = buffer_.back().time;
  flushed_ += buffer_.size();
  buffer_.clear();
}

std::string fingerprint_hex(std::uint64_t print) {  // as /meta stores a fingerprint: 16 hex digits
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(print));
  return hex;
}

std::string fingerprint_hex(std::span<const EventRow> rows) {
  return fingerprint_hex(XXH3_64bits(rows.data(), rows.size() * sizeof(EventRow)));
}

void Recorder::write_tree_heads() {
  std::vector<TreeHeadRow> rows;
  for (const integrity::TreeHead& head : timeline_->take_heads()) rows.push_back(tree_head_row(head));
  file_->tree_heads->append(std::span<const TreeHeadRow>(rows));
  std::vector<LeafTagRow> tags;
  for (const std::uint8_t tag : timeline_->take_leaf_tags()) tags.push_back({tag});
  file_->leaf_tags->append(std::span<const LeafTagRow>(tags));
}

void Recorder::close_timeline(double end) {
  flush_events();
  if (!timeline_) return;
  timeline_->close(end);
  write_tree_heads();
  file_->integrity->set_attribute("tree_size", timeline_->size());
  timeline_.reset();
}

std::uint64_t Recorder::fingerprint() {
  flush_events();
  return XXH3_64bits_digest(hash_.get());
}

std::size_t Recorder::kpi_series(const std::string& name, const std::string& units, const std::string& help) {
  kpis_.push_back({name, units, help, {}});
  return kpis_.size() - 1;
}

void Recorder::kpi_row(double time) { kpi_time_.push_back(time); }

void Recorder::kpi_value(std::size_t series, double value) { kpis_.at(series).values.push_back(value); }

void Recorder::summary(const std::string& name, double value, const std::string& units, const std::string& help,
                       bool headline) {
  summary_.push_back({name, value, units, help, headline});
}

void Recorder::locate_place(std::uint32_t place, std::string_view un_locode, std::string_view facility_code,
                            std::string_view facility_code_list, std::string_view facility_type) {
  PlaceLocationRow location;
  location.place = place;
  h5::copy_text(location.un_locode, un_locode);
  h5::copy_text(location.facility_code, facility_code);
  h5::copy_text(location.facility_code_list, facility_code_list);
  h5::copy_text(location.facility_type, facility_type);
  for (auto& row : place_locations_) {
    if (row.place == place) {
      row = location;
      return;
    }
  }
  place_locations_.push_back(location);
}

void Recorder::meta(const std::string& name, const std::string& value) { meta_.push_back({name, value}); }
void Recorder::meta(const std::string& name, double value) { meta_.push_back({name, value}); }
void Recorder::meta(const std::string& name, std::int64_t value) { meta_.push_back({name, value}); }

void Recorder::finish() {
  const std::uint64_t print = fingerprint();
  if (!file_) return;
  if (timeline_) close_timeline(last_time_);
  h5::Group root = file_->file.root();
  {
    h5::Table<PlaceRow> places(file_->events, "places", place_row_type(), std::max<std::size_t>(1, places_.size()), 0);
    std::vector<PlaceRow> rows(places_.size());
    for (std::size_t i = 0; i < places_.size(); ++i) {
      rows[i].id = static_cast<std::uint32_t>(i);
      h5::copy_text(rows[i].name, places_[i]);
    }
    places.append(std::span<const PlaceRow>(rows));
    places.set_attribute("help", std::string("Names of the places referred to by /events/log.place"));
  }
  if (!place_locations_.empty()) {
    h5::write_table(file_->events, "place_locations", place_location_row_type(), place_locations_, "1",
                    "Where places of /events/places are in the ports' codes: UN/LOCODE, facility code and its code "
                    "list (SMDG, BIC), DCSA facility type (POTE port terminal, INTE inland terminal, BOCR border "
                    "crossing)");
  }
  file_->events.set_attribute("count", static_cast<std::uint64_t>(flushed_));

  h5::Group kpi = root.create_group("kpi");
  kpi.write_vector("time", kpi_time_, "s", "End of each sampling interval, s since the scenario start");
  for (const auto& k : kpis_) kpi.write_vector(k.name, k.values, k.units, k.help);

  h5::Group summary = root.create_group("summary");
  for (const auto& s : summary_) {
    summary.write_scalar(s.name, s.value, s.units, s.help);
    if (s.headline) summary.open_dataset(s.name).set_attribute("headline", std::int64_t{1});
  }

  h5::Group meta = root.create_group("meta");
  for (const auto& m : meta_) {
    std::visit([&](const auto& value) { meta.set_attribute(m.name, value); }, m.value);
  }
  meta.set_attribute("fingerprint", fingerprint_hex(print));
  meta.set_attribute("event_count", static_cast<std::uint64_t>(flushed_));
  file_->log.reset();
  file_->tree_heads.reset();
  file_->leaf_tags.reset();
  file_->file.close();
  file_.reset();
}

}  // namespace porttwin

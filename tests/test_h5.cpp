// The HDF5 wrapper used by the run-file recorder: tables, vectors, scalars, attributes, errors,
// and byte-for-byte reproducible files.
#include "sim/record/h5_file.hpp"

#include <catch2/catch.hpp>

#include "scratch_directory.hpp"

#include <unistd.h>

#include <array>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>

namespace h5 = porttwin::h5;
namespace fs = std::filesystem;

using porttwin::testing::ScratchDirectory;

namespace {


enum class EventKind : std::uint8_t { arrival = 1, berthing = 2, departure = 3 };

// Laid out with padding inside (before `load`) and at the end, as real row structs often are.
struct EventRow {
  double time;
  std::int64_t vessel;
  EventKind kind;
  char berth[5];
  float load;
  std::uint16_t crane;
};

struct OtherRow {
  double value;
};

h5::CompoundType event_row_type() {
  return h5::CompoundType::of<EventRow>()
      .field("time", &EventRow::time)
      .field("vessel", &EventRow::vessel)
      .enumeration("kind", &EventRow::kind, {{"arrival", 1}, {"berthing", 2}, {"departure", 3}})
      .text("berth", &EventRow::berth)
      .field("load", &EventRow::load)
      .field("crane", &EventRow::crane);
}

// Rows built on top of `filler` bytes: padding and the bytes after each text terminator keep
// them, which must not influence the file.
EventRow make_row(int index, unsigned char filler = 0) {
  EventRow row;
  std::memset(&row, filler, sizeof row);
  row.time = 0.5 * index;
  row.vessel = 1000 + index;
  row.kind = static_cast<EventKind>(1 + index % 3);
  if (index % 4 == 0) {
    std::memcpy(row.berth, "QUAY7", 5);  // fills the column: no terminator
  } else {
    const std::string berth = std::string(1, 'B').append(std::to_string(index % 7));
    std::memcpy(row.berth, berth.c_str(), berth.size() + 1);
  }
  row.load = 0.25f * static_cast<float>(index);
  row.crane = static_cast<std::uint16_t>(index % 5);
  return row;
}

std::vector<EventRow> make_rows(int first, int count, unsigned char filler = 0) {
  std::vector<EventRow> rows;
  for (int index = first; index < first + count; ++index) rows.push_back(make_row(index, filler));
  return rows;
}

void require_same_row(const EventRow& actual, const EventRow& expected) {
  CHECK(actual.time == expected.time);
  CHECK(actual.vessel == expected.vessel);
  CHECK(actual.kind == expected.kind);
  CHECK(h5::text_of(actual.berth) == h5::text_of(expected.berth));
  CHECK(actual.load == expected.load);
  CHECK(actual.crane == expected.crane);
}

// Writes every kind of content the recorder produces, in a fixed order.
void write_sample_run(const std::string& path, unsigned char filler) {
  h5::File file = h5::File::create(path);
  h5::Group root = file.root();
  root.set_attribute("scenario", std::string("two berths"));
  root.set_attribute("seed", std::uint64_t{42});
  h5::Group events = root.create_group("events");
  h5::Table<EventRow> log(events, "log", event_row_type(), 8);
  log.set_attribute("help", "one row per vessel event");
  for (int first = 0; first < 40; first += 13) log.append(make_rows(first, 13, filler));
  h5::Group stats = root.create_group("stats");
  stats.write_vector<double>("waiting", std::vector<double>(20000, 1.5), "h", "time at anchor");
  stats.write_scalar("utilisation", 0.75, "1");
  file.close();
}

std::string file_bytes(const std::string& path) {
  std::ifstream stream(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
}

// Access, modification, change and birth times of an object header; all zero when time tracking
// is off. (Which of them HDF5 sets depends on the object header version.)
std::array<time_t, 4> object_times(const h5::File& file, const char* path) {
#if H5_VERSION_GE(1, 12, 0)
  H5O_info2_t info{};
  REQUIRE(H5Oget_info_by_name3(file.root().id(), path, &info, H5O_INFO_TIME, H5P_DEFAULT) >= 0);
#else
  H5O_info_t info{};
  REQUIRE(H5Oget_info_by_name2(file.root().id(), path, &info, H5O_INFO_TIME, H5P_DEFAULT) >= 0);
#endif
  return {info.atime, info.mtime, info.ctime, info.btime};
}

}  // namespace

TEST_CASE("h5::Table: rows appended across chunk borders read back unchanged") {
  const ScratchDirectory directory("h5-table");
  const std::string path = directory.file("run.h5");
  const std::vector<int> batch_sizes = {5, 20, 1, 0, 33, 16};
  std::vector<EventRow> written;
  {
    h5::File file = h5::File::create(path);
    h5::Group events = file.root().create_group("events");
    h5::Table<EventRow> log(events, "log", event_row_type(), 16);
    for (const int batch_size : batch_sizes) {
      const std::vector<EventRow> batch = make_rows(static_cast<int>(written.size()), batch_size, 0x7f);
      log.append(batch);
      written.insert(written.end(), batch.begin(), batch.end());
    }
    log.append(make_row(static_cast<int>(written.size())));
    written.push_back(make_row(static_cast<int>(written.size())));
    CHECK(log.size() == written.size());
    CHECK(log.path() == "/events/log");
  }
  const h5::File file = h5::File::open_read(path);
  const std::vector<EventRow> read =
      h5::read_table<EventRow>(file.root().open_group("events"), "log", event_row_type());
  REQUIRE(read.size() == written.size());
  for (std::size_t index = 0; index < read.size(); ++index) {
    INFO("row " << index);
    require_same_row(read[index], written[index]);
  }
}

TEST_CASE("h5::Table: deflate level 0 stores rows uncompressed, with only their checksum") {
  const ScratchDirectory directory("h5-uncompressed");
  h5::File file = h5::File::create(directory.file("run.h5"));
  h5::Group root = file.root();
  h5::Table<EventRow> log(root, "log", event_row_type(), 4, 0);
  const std::vector<EventRow> rows = make_rows(0, 10);
  log.append(rows);

  const hid_t dataset = H5Dopen2(root.id(), "log", H5P_DEFAULT);
  const hid_t properties = H5Dget_create_plist(dataset);
  REQUIRE(H5Pget_nfilters(properties) == 1);
  unsigned flags = 0;
  std::size_t values = 0;
  unsigned config = 0;
  CHECK(H5Pget_filter2(properties, 0, &flags, &values, nullptr, 0, nullptr, &config) == H5Z_FILTER_FLETCHER32);
  H5Pclose(properties);
  H5Dclose(dataset);
  const std::vector<EventRow> read = h5::read_table<EventRow>(root, "log", event_row_type());
  REQUIRE(read.size() == rows.size());
  for (std::size_t index = 0; index < read.size(); ++index) require_same_row(read[index], rows[index]);
}

TEST_CASE("h5::CompoundType: members must belong to the row struct the type was made for") {
  auto type = h5::CompoundType::of<EventRow>();
  CHECK_THROWS_AS(type.field("value", &OtherRow::value), h5::Error);
  CHECK_THROWS_AS(h5::CompoundType::of<EventRow>().enumeration("kind", &EventRow::kind, {{"huge", 300}}), h5::Error);

  const ScratchDirectory directory("h5-rowtype");
  h5::File file = h5::File::create(directory.file("run.h5"));
  h5::Group root = file.root();
  const auto other_type = h5::CompoundType::of<OtherRow>().field("value", &OtherRow::value);
  CHECK_THROWS_AS(h5::Table<EventRow>(root, "log", other_type, 4), h5::Error);
}

TEST_CASE("h5::Group: attributes of every type read back unchanged") {
  const ScratchDirectory directory("h5-attributes");
  const std::string path = directory.file("run.h5");
  const std::uint64_t large = std::numeric_limits<std::uint64_t>::max() - 5;
  {
    h5::File file = h5::File::create(path);
    h5::Group root = file.root();
    root.set_attribute("label", std::string("Hafen Süd"));
    root.set_attribute("label", std::string("replaced: Kai Nord"));
    root.set_attribute("horizon", 168.25);
    root.set_attribute("offset", std::int64_t{-7});
    root.set_attribute("seed", large);
    root.set_attribute("replications", 30);  // a plain int
    root.set_attribute("empty", std::string());
    root.set_attribute("source", "literal text");
  }
  const h5::File file = h5::File::open_read(path);
  const h5::Group root = file.root();
  CHECK(root.string_attribute("label") == "replaced: Kai Nord");
  CHECK(root.double_attribute("horizon") == 168.25);
  CHECK(root.int_attribute("offset") == -7);
  CHECK(root.uint_attribute("seed") == large);
  CHECK(root.int_attribute("replications") == 30);
  CHECK(root.double_attribute("replications") == 30.0);
  CHECK(root.string_attribute("empty").empty());
  CHECK(root.string_attribute("source") == "literal text");
  CHECK(root.has_attribute("horizon"));
  CHECK_FALSE(root.has_attribute("missing"));
  CHECK_THROWS_AS(root.string_attribute("horizon"), h5::Error);
  CHECK_THROWS_WITH(root.double_attribute("missing"), Catch::Contains("'missing'") && Catch::Contains(path));
}

TEST_CASE("h5::Group: vectors and scalars keep their values and units") {
  const ScratchDirectory directory("h5-vectors");
  const std::string path = directory.file("run.h5");
  std::vector<double> long_series(40000);
  for (std::size_t index = 0; index < long_series.size(); ++index) long_series[index] = std::sin(0.001 * index);
  const std::vector<std::int32_t> counts = {3, -1, 4, 1, -5};
  {
    h5::File file = h5::File::create(path);
    h5::Group stats = file.root().create_group("stats");
    stats.write_vector<double>("series", long_series, "m", "quay crane trolley position");
    stats.write_vector("counts", counts, "1");
    stats.write_vector("nothing", std::vector<float>{}, "s");
    stats.write_scalar("mean_wait", 2.5, "h", "mean time at anchor");
  }
  const h5::File file = h5::File::open_read(path);
  const h5::Group stats = file.root().open_group("stats");
  CHECK(stats.read_vector<double>("series") == long_series);
  CHECK(stats.read_vector<std::int32_t>("counts") == counts);
  CHECK(stats.read_vector<double>("counts") == std::vector<double>{3, -1, 4, 1, -5});
  CHECK(stats.read_vector<float>("nothing").empty());
  CHECK(stats.read_scalar("mean_wait") == 2.5);
  CHECK(stats.dataset_attribute("series", "units") == "m");
  CHECK(stats.dataset_attribute("series", "help") == "quay crane trolley position");
  CHECK(stats.dataset_attribute("mean_wait", "units") == "h");
  CHECK(stats.dataset_attribute("counts", "help").empty());
  CHECK_THROWS_AS(stats.read_scalar("counts"), h5::Error);
}

TEST_CASE("h5::Group: has() and children() see nested groups and datasets") {
  const ScratchDirectory directory("h5-children");
  h5::File file = h5::File::create(directory.file("run.h5"));
  h5::Group root = file.root();
  h5::Group berths = root.create_group("berths");
  berths.create_group("north");
  root.create_group("events");
  root.write_scalar("duration", 1.0, "h");
  CHECK(root.children() == std::vector<std::string>{"berths", "duration", "events"});
  CHECK(root.has("berths/north"));
  CHECK(root.has("/berths/north"));
  CHECK_FALSE(root.has("berths/south"));
  CHECK_FALSE(root.has("cranes/north"));
  CHECK(berths.open_group("north").path() == "/berths/north");
}

TEST_CASE("h5::File: the same content gives the same bytes") {
  const ScratchDirectory directory("h5-reproducible");
  const std::string first = directory.file("first.h5");
  const std::string second = directory.file("second.h5");
  write_sample_run(first, 0x00);
  write_sample_run(second, 0xa5);  // different garbage in padding and behind text terminators
  const std::string first_bytes = file_bytes(first);
  REQUIRE_FALSE(first_bytes.empty());
  CHECK(first_bytes == file_bytes(second));

  // Equal bytes could also come from both files being written within the same second.
  const h5::File file = h5::File::open_read(first);
  for (const char* object : {"/", "/events", "/events/log", "/stats/waiting"}) {
    INFO(object);
    CHECK(object_times(file, object) == std::array<time_t, 4>{});
  }
}

TEST_CASE("h5::File: errors name the operation and the object") {
  const ScratchDirectory directory("h5-errors");
  const std::string missing = directory.file("missing.h5");
  CHECK_THROWS_AS(h5::File::open_read(missing), h5::Error);
  CHECK_THROWS_WITH(h5::File::open_read(missing), Catch::Contains("open file") && Catch::Contains(missing));

  const std::string path = directory.file("run.h5");
  h5::File file = h5::File::create(path);
  h5::Group events = file.root().create_group("events");
  CHECK_THROWS_WITH(events.open_group("missing"),
                    Catch::Contains("open group") && Catch::Contains("'/events/missing'") && Catch::Contains(path));
  CHECK_THROWS_WITH(file.root().create_group("events"),
                    Catch::Contains("create group") && Catch::Contains("'/events'"));
  CHECK_THROWS_AS(file.root().read_vector<double>("absent"), h5::Error);
}

TEST_CASE("h5::File: close() completes the file even while groups are still open") {
  const ScratchDirectory directory("h5-close");
  const std::string path = directory.file("run.h5");
  h5::File file = h5::File::create(path);
  h5::Group stats = file.root().create_group("stats");
  stats.write_scalar("duration", 3.0, "h");
  file.close();
  file.close();  // idempotent
  CHECK_FALSE(file.is_open());
  CHECK_THROWS_AS(stats.write_scalar("late", 1.0, "h"), h5::Error);

  const h5::File reopened = h5::File::open_read(path);
  CHECK(reopened.root().open_group("stats").read_scalar("duration") == 3.0);
}

TEST_CASE("h5::File: every dataset is stored compact or with a checksum per chunk, every text attribute fixed-length",
          "[h5][damage]") {
  const ScratchDirectory directory("h5-checksummed");
  {
    h5::File file = h5::File::create(directory.file("run.h5"));
    h5::Group root = file.root();
    h5::Group group = root.create_group("kpi");
    for (const std::size_t n : {std::size_t{0}, std::size_t{10}, std::size_t{4096}, std::size_t{5000}, std::size_t{40000}}) {
      group.write_vector("v" + std::to_string(n), std::vector<double>(n, 1.5), "s", "");
    }
    group.write_scalar("scalar", 2.5, "s", "");
    h5::Table<EventRow> log(root, "log", event_row_type(), 4, 6);
    log.append(make_rows(0, 10));
    for (int i = 0; i < 20; ++i) root.set_attribute("text" + std::to_string(i), std::string(i * 100, 'x'));
  }
  const hid_t file = H5Fopen(directory.file("run.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  for (const char* name : {"/kpi/v0", "/kpi/v10", "/kpi/v4096", "/kpi/v5000", "/kpi/v40000", "/kpi/scalar", "/log"}) {
    INFO(name);
    const hid_t dataset = H5Dopen2(file, name, H5P_DEFAULT);
    const hid_t properties = H5Dget_create_plist(dataset);
    const H5D_layout_t layout = H5Pget_layout(properties);
    CHECK(layout != H5D_CONTIGUOUS);
    if (layout == H5D_CHUNKED) {
      const int filters = H5Pget_nfilters(properties);
      REQUIRE(filters >= 1);
      unsigned flags = 0;
      std::size_t values = 0;
      unsigned config = 0;
      CHECK(H5Pget_filter2(properties, static_cast<unsigned>(filters - 1), &flags, &values, nullptr, 0, nullptr,
                           &config) == H5Z_FILTER_FLETCHER32);
    }
    H5Pclose(properties);
    H5Dclose(dataset);
  }
  const hid_t text = H5Aopen(file, "text19", H5P_DEFAULT);
  const hid_t type = H5Aget_type(text);
  CHECK(H5Tis_variable_str(type) == 0);
  H5Tclose(type);
  H5Aclose(text);
  H5Fclose(file);
  // Read back through the API, empty text included.
  const h5::File again = h5::File::open_read(directory.file("run.h5"));
  CHECK(again.root().string_attribute("text0").empty());
  CHECK(again.root().string_attribute("text7") == std::string(700, 'x'));
  CHECK(again.root().open_group("kpi").read_vector<double>("v40000").size() == 40000);
  CHECK(again.root().open_group("kpi").children().size() == 6);
}

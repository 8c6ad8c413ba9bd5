// The provable timeline end to end with the real binary: a run file's rows verified against its
// tree heads, proofs made and checked alone, and every tamper (a changed byte, a changed time, a
// deleted row, two rows swapped, made with h5py as anyone could) named by `verify`, with a proof
// made before the change refused against the changed file.
#include <catch2/catch.hpp>

#include <regex>

#include "porttwin_command.hpp"
#include "scratch_directory.hpp"

using namespace porttwin::testing;

namespace {

// Runs a python snippet with Debian's python3 (h5py) on `files`; true when it exits 0.
bool python(const std::string& code, const std::vector<std::string>& files) {
  std::string command = "/usr/bin/python3 -c " + shell_quoted(code);
  for (const auto& f : files) command += " " + shell_quoted(f);
  return std::system(command.c_str()) == 0;
}

const char* kTamper = R"(
import sys, h5py, numpy as np
path, how, k = sys.argv[1], sys.argv[2], int(sys.argv[3])
with h5py.File(path, 'r+') as f:
    d = f['events/log']
    if how == 'byte':
        b = bytearray(d[k].tobytes()); b[8] ^= 0x01  # the entity's first byte
        d[k] = np.frombuffer(bytes(b), dtype=d.dtype)[0]
    elif how == 'time':
        row = d[k]; row['time'] = row['time'] + 0.25; d[k] = row
    elif how == 'swap':
        rows = d[()]
        j = next(j for j in range(k + 1, len(rows)) if rows[j].tobytes() != rows[k].tobytes())
        a, b = rows[k].copy(), rows[j].copy(); d[k] = b; d[j] = a
    elif how == 'delete':
        rows = d[()]; dtype = d.dtype
        del f['events/log']
        f.create_dataset('events/log', data=np.delete(rows, k), dtype=dtype)
)";

bool tamper(const std::string& file, const std::string& how, int row) {
  const std::string command = "/usr/bin/python3 -c " + shell_quoted(kTamper) + " " + shell_quoted(file) + " " + how +
                              " " + std::to_string(row);
  return std::system(command.c_str()) == 0;
}

// The rows `verify` says the first bad leaf is in: "row A" or "rows A to B".
std::pair<long, long> suspects(const std::string& out) {
  std::smatch m;
  if (std::regex_search(out, m, std::regex("one of rows ([0-9]+) to ([0-9]+)"))) return {std::stol(m[1]), std::stol(m[2])};
  if (std::regex_search(out, m, std::regex("leaf that disagrees is row ([0-9]+)"))) return {std::stol(m[1]), std::stol(m[1])};
  return {-1, -1};
}

std::string gate() { return (kSourceDir / "scenarios/gate_default.yaml").string(); }

}  // namespace

TEST_CASE("verify names the rows a tamper is in; a proof made before it fails against the changed file",
          "[integrity][cli]") {
  ScratchDirectory dir("timeline");
  const std::string run = dir.file("gate.h5");
  auto r = run_porttwin({"run", gate(), "--run", "0", "-q", "--set", "horizon=1d", "--set", "warmup=0s", "--out", run},
                        dir.path());
  REQUIRE(r.exit_code == 0);
  r = run_porttwin({"verify", run}, dir.path());
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("verified: ") && Catch::Contains("tree heads over"));
  REQUIRE(python("import sys, h5py; f = h5py.File(sys.argv[1]); assert len(f['events/log']) > 20000; "
                 "h = f['integrity/tree_heads']; assert h[-1]['tree_size'] == len(f['events/log'])",
                 {run}));

  const int row = 12345;
  const std::string proof = dir.file("proof.json");
  REQUIRE(run_porttwin({"prove", run, "--event", std::to_string(row), "-o", proof}, dir.path()).exit_code == 0);
  const std::string heads = dir.file("heads.json");
  REQUIRE(run_porttwin({"prove", run, "--heads", "-o", heads}, dir.path()).exit_code == 0);
  CHECK(run_porttwin({"verify", "--proof", proof}, dir.path()).exit_code == 0);
  CHECK(run_porttwin({"verify", run, "--proof", proof}, dir.path()).exit_code == 0);
  CHECK(run_porttwin({"verify", run, "--heads", heads}, dir.path()).exit_code == 0);

  for (const std::string how : {"byte", "time", "swap", "delete"}) {
    DYNAMIC_SECTION("a run file with one " << how << " changed") {
      const std::string changed = dir.file(how + ".h5");
      std::filesystem::copy_file(run, changed);
      REQUIRE(tamper(changed, how, row));
      r = run_porttwin({"verify", changed}, dir.path());
      CHECK(r.exit_code == 1);
      CHECK_THAT(r.out, Catch::Contains("NOT VERIFIED"));
      const auto [first, last] = suspects(r.out);
      INFO(r.out);
      CHECK(first >= 0);
      CHECK(first <= row);
      CHECK(row <= last);
      CHECK(last - first < 200);  // located to one checkpoint's rows, not the whole file
      CHECK(first == row);        // and to the row itself, by the leaf tags recorded beside the rows
      CHECK(last == row);
      // The proof alone still holds (it is evidence of the original); against the file it fails.
      CHECK(run_porttwin({"verify", "--proof", proof}, dir.path()).exit_code == 0);
      r = run_porttwin({"verify", changed, "--proof", proof}, dir.path());
      CHECK(r.exit_code == 1);
      CHECK_THAT(r.out, Catch::Contains("NOT VERIFIED"));
      CHECK(run_porttwin({"verify", changed, "--heads", heads}, dir.path()).exit_code == 1);
      // No proof is made from rows that no longer give their head.
      r = run_porttwin({"prove", changed, "--event", std::to_string(row)}, dir.path());
      CHECK(r.exit_code == 1);
      CHECK_THAT(r.err, Catch::Contains("no proof made"));
    }
  }
}

TEST_CASE("With the leaf tags removed as well, a changed row is still found, to one head's rows", "[integrity][cli]") {
  ScratchDirectory dir("retagged");
  const std::string run = dir.file("gate.h5");
  REQUIRE(run_porttwin({"run", gate(), "--run", "0", "-q", "--set", "horizon=1d", "--set", "warmup=0s", "--out", run},
                       dir.path())
              .exit_code == 0);
  const int row = 12345;
  REQUIRE(tamper(run, "byte", row));
  REQUIRE(python("import sys, h5py\nwith h5py.File(sys.argv[1], 'r+') as f:\n    del f['integrity/leaf_tags']", {run}));
  const auto r = run_porttwin({"verify", run}, dir.path());
  CHECK(r.exit_code == 1);
  const auto [first, last] = suspects(r.out);
  INFO(r.out);
  CHECK(first <= row);
  CHECK(row <= last);
  CHECK(last - first < 200);
}

TEST_CASE("Signed tree heads verify with the writer's public key and not with another", "[integrity][cli]") {
  ScratchDirectory dir("signed");
  REQUIRE(run_porttwin({"keygen", dir.file("writer")}, dir.path()).exit_code == 0);
  REQUIRE(run_porttwin({"keygen", dir.file("other")}, dir.path()).exit_code == 0);
  CHECK(run_porttwin({"keygen", dir.file("writer")}, dir.path()).exit_code != 0);  // never replaces a key
  const std::string run = dir.file("signed.h5");
  REQUIRE(run_porttwin({"run", gate(), "--run", "0", "-q", "--set", "horizon=2h", "--set", "warmup=0s", "--out", run,
                        "--sign-key", dir.file("writer.key")},
                       dir.path())
              .exit_code == 0);
  auto r = run_porttwin({"verify", run, "--pubkey", dir.file("writer.pub")}, dir.path());
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("signatures"));
  r = run_porttwin({"verify", run, "--pubkey", dir.file("other.pub")}, dir.path());
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("signature does not verify"));
  const std::string proof = dir.file("c.json");
  REQUIRE(run_porttwin({"prove", run, "--consistency", "30min", "2h", "-o", proof}, dir.path()).exit_code == 0);
  r = run_porttwin({"verify", "--proof", proof, "--pubkey", dir.file("writer.pub")}, dir.path());
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("extends the tree of") && Catch::Contains("signed by public key"));
  CHECK(run_porttwin({"verify", "--proof", proof, "--pubkey", dir.file("other.pub")}, dir.path()).exit_code == 1);
  // An unsigned run asked for signatures is not verified.
  const std::string unsigned_run = dir.file("unsigned.h5");
  REQUIRE(run_porttwin({"run", gate(), "--run", "0", "-q", "--set", "horizon=1h", "--set", "warmup=0s", "--out",
                        unsigned_run},
                       dir.path())
              .exit_code == 0);
  CHECK(run_porttwin({"verify", unsigned_run, "--pubkey", dir.file("writer.pub")}, dir.path()).exit_code == 1);
}

TEST_CASE("prove and verify refuse bad input with exit 2 and say why", "[integrity][cli]") {
  ScratchDirectory dir("proofinput");
  const std::string run = dir.file("plain.h5");
  REQUIRE(run_porttwin({"run", gate(), "--run", "0", "-q", "--set", "horizon=1h", "--set", "warmup=0s", "--set",
                        "integrity.enabled=false", "--out", run},
                       dir.path())
              .exit_code == 0);
  auto r = run_porttwin({"verify", run}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("integrity.enabled: false"));
  const std::string good = dir.file("good.h5");
  REQUIRE(run_porttwin({"run", gate(), "--run", "0", "-q", "--set", "horizon=1h", "--set", "warmup=0s", "--out", good},
                       dir.path())
              .exit_code == 0);
  r = run_porttwin({"prove", good, "--event", "99999999"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("--event 99999999: ") && Catch::Contains(" has 481 events (0 to 480)"));
  r = run_porttwin({"prove", good}, dir.path());
  CHECK(r.exit_code == 2);
  std::ofstream(dir.file("broken.json")) << "{\n  \"format\": \"porttwin-inclusion-proof\",\n  \"leaf_index\": \"x\"\n";
  r = run_porttwin({"verify", "--proof", dir.file("broken.json")}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("broken.json:"));
  std::ofstream(dir.file("wrong.json")) << "{\"format\": \"porttwin-inclusion-proof\", \"version\": 1, \"leaf_index\": \"x\"}";
  r = run_porttwin({"verify", "--proof", dir.file("wrong.json")}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("wrong.json:1:") && Catch::Contains("/leaf_index"));
  std::ofstream(dir.file("bad.pub")) << "zz\n";
  r = run_porttwin({"verify", good, "--pubkey", dir.file("bad.pub")}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("bad.pub:1:1"));
}

TEST_CASE("A real DCSA feed's timeline: heads published when it arrives prove it unchanged, whatever its layout",
          "[integrity][cli]") {
  ScratchDirectory dir("feed");
  const std::string feed = (kSourceDir / "tests/data/feeds/dcsa_events.json").string();
  const std::string heads = dir.file("heads.json");
  REQUIRE(run_porttwin({"prove", "--feed", feed, "--heads", "-o", heads}, dir.path()).exit_code == 0);
  auto r = run_porttwin({"verify", "--feed", feed, "--heads", heads}, dir.path());
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("over 10 events"));
  const std::string proof = dir.file("proof.json");
  REQUIRE(run_porttwin({"prove", "--feed", feed, "--event", "4", "-o", proof}, dir.path()).exit_code == 0);
  r = run_porttwin({"verify", "--proof", proof}, dir.path());
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("DCSA event 3cecb101-7a1a-43a4-9d62-e05e00000004"));
  // The same events re-indented with their members in another order: the same leaves.
  const std::string relaid = dir.file("relaid.json");
  REQUIRE(python("import sys, json; e = json.load(open(sys.argv[1])); "
                 "json.dump([dict(reversed(list(x.items()))) for x in e], open(sys.argv[2], 'w'))",
                 {feed, relaid}));
  CHECK(run_porttwin({"verify", "--feed", relaid, "--heads", heads}, dir.path()).exit_code == 0);
  CHECK(run_porttwin({"verify", "--feed", relaid, "--proof", proof}, dir.path()).exit_code == 0);
  // One container number changed: named, and the proof fails against the changed feed.
  const std::string changed = dir.file("changed.json");
  REQUIRE(python("import sys, json; e = json.load(open(sys.argv[1])); e[4]['equipmentReference'] = 'MSKU0000000'; "
                 "json.dump(e, open(sys.argv[2], 'w'))",
                 {feed, changed}));
  r = run_porttwin({"verify", "--feed", changed, "--heads", heads}, dir.path());
  CHECK(r.exit_code == 1);
  INFO(r.out);
  CHECK_THAT(r.out, Catch::Contains("NOT VERIFIED") && Catch::Contains("event 3"));
  CHECK(run_porttwin({"verify", "--feed", changed, "--proof", proof}, dir.path()).exit_code == 1);
  // A feed event without its creation time: located, exit 2.
  const std::string bad = dir.file("bad.json");
  std::ofstream(bad) << "[\n  {\"eventType\": \"EQUIPMENT\"},\n  {\"eventCreatedDateTime\": \"yesterday\"}\n]\n";
  r = run_porttwin({"prove", "--feed", bad, "--heads"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("bad.json:2:3") && Catch::Contains("/0") && Catch::Contains("eventCreatedDateTime"));
  CHECK_THAT(r.err, Catch::Contains("bad.json:3:28") && Catch::Contains("ISO 8601"));
}

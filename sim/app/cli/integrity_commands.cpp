// The provable timeline's commands (docs/integrity.md): keygen makes an Ed25519 key pair to sign
// tree heads with, prove prints a proof (or the heads to publish) from a run file, verify checks a
// run file against its heads, published heads or a proof, and a proof alone.
#include <fstream>
#include <iostream>
#include <memory>

#include "analysis/feed_timeline.hpp"
#include "analysis/run_timeline.hpp"
#include "analysis/timeline_proof.hpp"
#include "sim/app/cli/command_errors.hpp"
#include "sim/app/cli/command_state.hpp"
#include "sim/core/units.hpp"
#include "sim/integrity/merkle_tree.hpp"
#include "sim/integrity/signing_key.hpp"
#include "sim/snapshot/snapshot.hpp"

namespace porttwin::cli {

namespace {

// A moment of the run: a date-time of its calendar or an offset from its start (s after the start).
double moment(const std::string& text, const analysis::Timeline& t, const char* option) {
  if (auto epoch = units::parse_datetime(text)) return *epoch - t.start;
  if (auto offset = units::parse_duration(text)) return *offset;
  throw CommandError(kInvalidInput, std::string(option) + " " + text + ": expected " +
                                        std::string(units::expected_datetime) + ", or an offset from the run's start (" +
                                        std::string(units::expected_duration) + ")");
}

std::size_t head_at(const analysis::Timeline& t, const std::string& text, const char* option) {
  const double when = moment(text, t, option);
  const auto head = t.head_at(when);
  if (!head) {
    throw CommandError(kInvalidInput, std::string(option) + " " + text + ": the first tree head is at " +
                                          units::format_datetime(t.start + t.heads.front().sim_time) +
                                          ", there is none before");
  }
  return *head;
}

void print(const snapshot::Json& document, const std::string& out) {
  const std::string text = document.dump(2) + "\n";
  if (out.empty()) {
    std::cout << text;
  } else {
    snapshot::write_file(out, text);
    std::cerr << "written: " << out << "\n";
  }
}

// The file's rows must still give the root a proof is made against: a proof of a changed file
// would prove the change.
void require_head_holds(const analysis::Timeline& t, const std::vector<integrity::Digest>& leaves, std::size_t head) {
  const integrity::TreeHead& h = t.heads[head];
  if (h.tree_size > leaves.size() || integrity::tree_root(std::span(leaves.data(), h.tree_size)) != h.root) {
    throw CommandError(kFailed, "no proof made: the file's rows no longer give its tree head at " +
                                    units::format_datetime(t.start + h.sim_time) + " (porttwin verify " +
                                    t.file.string() + " names the rows)");
  }
}

// A run file's timeline, or a feed's with its heads made now (every `checkpoint`, signed with `key`).
std::unique_ptr<analysis::Timeline> load(const std::string& file, const std::string& feed, const std::string& checkpoint,
                                         const std::string& sign_key) {
  if (file.empty() == feed.empty()) throw CommandError(kInvalidInput, "give a run file or --feed FEED.json (one of them)");
  if (!feed.empty()) {
    const auto every = units::parse_duration(checkpoint);
    if (!every || *every < 0) {
      throw CommandError(kInvalidInput, "--checkpoint " + checkpoint + ": expected " + std::string(units::expected_duration));
    }
    std::shared_ptr<const integrity::SigningKey> key;
    if (!sign_key.empty()) key = std::make_shared<integrity::SigningKey>(integrity::SigningKey::read(sign_key));
    return std::make_unique<analysis::FeedTimeline>(analysis::read_feed(feed, *every, key));
  }
  if (!sign_key.empty()) throw CommandError(kInvalidInput, "--sign-key: a run file's heads are signed when it is run (run --sign-key)");
  return std::make_unique<analysis::RunTimeline>(analysis::read_timeline(file));
}

void add_feed_options(CLI::App* cmd, std::string& feed, std::string& checkpoint) {
  cmd->add_option("--feed", feed,
                  "Instead of a run file, a feed of DCSA Track & Trace events (JSON): its events in file order, "
                  "heads every --checkpoint of eventCreatedDateTime")
      ->check(CLI::ExistingFile);
  cmd->add_option("--checkpoint", checkpoint, "With --feed: time between tree heads (default 1min, 0: every instant)");
}

struct ProveArguments {
  std::string file, feed, checkpoint = "1min", sign_key, head, out;
  std::int64_t event = -1;
  std::vector<std::string> consistency;
  bool heads = false;
};

int prove(const ProveArguments& a) {
  const auto timeline = load(a.file, a.feed, a.checkpoint, a.sign_key);
  const analysis::Timeline& t = *timeline;
  if (t.heads.empty()) throw CommandError(kInvalidInput, t.file.string() + ": no tree heads: nothing to prove");
  if (a.heads) {
    print(analysis::tree_heads_document(t), a.out);
    return kOk;
  }
  const auto leaves = t.leaf_hashes();
  if (!a.consistency.empty()) {
    const std::size_t first = head_at(t, a.consistency[0], "--consistency");
    const std::size_t second = head_at(t, a.consistency[1], "--consistency");
    if (t.heads[first].tree_size > t.heads[second].tree_size) {
      throw CommandError(kInvalidInput, "--consistency " + a.consistency[0] + " " + a.consistency[1] +
                                            ": the first head must be the earlier one");
    }
    require_head_holds(t, leaves, first);
    require_head_holds(t, leaves, second);
    print(analysis::consistency_proof(t, leaves, first, second), a.out);
    return kOk;
  }
  const auto event = static_cast<std::uint64_t>(a.event);
  if (event >= t.size()) {
    throw CommandError(kInvalidInput, "--event " + std::to_string(event) + ": " + t.file.string() + " has " +
                                          std::to_string(t.size()) + " events (0 to " + std::to_string(t.size() - 1) + ")");
  }
  std::size_t head = 0;
  if (!a.head.empty()) {
    head = head_at(t, a.head, "--head");
    if (t.heads[head].tree_size <= event) {
      const auto covering = t.first_head_covering(event);
      throw CommandError(kInvalidInput,
                         "--head " + a.head + ": that head covers " + std::to_string(t.heads[head].tree_size) +
                             " events, not event " + std::to_string(event) + " (the first that does is at " +
                             (covering ? units::format_datetime(t.start + t.heads[*covering].sim_time) : "none") + ")");
    }
  } else {
    const auto covering = t.first_head_covering(event);
    if (!covering) throw CommandError(kFailed, "no tree head covers event " + std::to_string(event) + ": the file is damaged");
    head = *covering;
  }
  require_head_holds(t, leaves, head);
  print(analysis::inclusion_proof(t, leaves, event, head), a.out);
  return kOk;
}

struct VerifyArguments {
  std::string file, feed, checkpoint = "1min", proof, pubkey, heads;
};

int verify(const VerifyArguments& a) {
  std::optional<integrity::PublicKey> key;
  if (!a.pubkey.empty()) key = integrity::PublicKey::read(a.pubkey);
  std::unique_ptr<analysis::Timeline> t;
  if (!a.file.empty() || !a.feed.empty()) t = load(a.file, a.feed, a.checkpoint, "");
  if (!a.proof.empty()) {
    const analysis::ProofCheck c = analysis::check_proof(a.proof, key, t.get());
    for (const auto& line : c.proven) std::cout << line << "\n";
    if (!c.ok) {
      std::cout << "NOT VERIFIED: " << a.proof << ": " << c.problem << "\n";
      return kFailed;
    }
    std::cout << "verified: " << a.proof << " (" << c.kind << " proof)\n";
    return kOk;
  }
  if (!t) throw CommandError(kInvalidInput, "give a run file (or --feed), a --proof, or both");
  if (!a.feed.empty() && a.heads.empty()) {
    throw CommandError(kInvalidInput, "--feed: give the heads published when it was received (--heads HEADS.json) or a --proof");
  }
  bool ok = true;
  auto report = [&](const analysis::TimelineCheck& c, const std::string& what) {
    if (c.ok) {
      std::cout << "verified: " << what << ": " << c.heads_checked << " tree heads over " << c.rows << " " << (a.feed.empty() ? "event row" : "event") << "s"
                << (c.signatures_checked ? ", " + std::to_string(c.signatures_checked) + " signatures" : "") << "\n";
    } else {
      std::cout << "NOT VERIFIED: " << what << ": " << c.problem << "\n";
      ok = false;
    }
  };
  if (!key && t->file_key && !t->heads.empty() && t->heads.front().signature) {
    std::cout << "signatures checked with the public key the file names (" << t->file_key->hex()
              << "): give --pubkey with the writer's published key to trust them\n";
  }
  const std::string name = t->file.string();
  if (a.feed.empty()) report(check_timeline(*t, t->heads, key, analysis::HeadsCover::every_row), name + " against its own tree heads");
  if (!a.heads.empty()) {
    const auto published = analysis::read_tree_heads(a.heads);
    report(check_timeline(*t, published, key, analysis::HeadsCover::some_rows), name + " against " + a.heads);
  }
  return ok ? kOk : kFailed;
}

}  // namespace

void add_keygen(CLI::App& app) {
  static std::string name;
  auto* cmd = app.add_subcommand("keygen", "Make an Ed25519 key pair to sign a run's tree heads with (run --sign-key): "
                                           "NAME.key (secret, readable by you only) and NAME.pub (to publish)");
  cmd->add_option("name", name, "Path of the pair without extension, e.g. keys/drill-team")->required();
  cmd->footer("\nExample:\n  porttwin keygen keys/drill-team\n  porttwin run scenarios/gate_default.yaml --run 0 --sign-key keys/drill-team.key");
  cmd->callback([] {
    run_command("keygen", [] {
      const integrity::SigningKey key = integrity::SigningKey::generate();
      key.write(name + ".key", name + ".pub");
      std::cout << "secret key: " << name << ".key (keep it private)\npublic key: " << name << ".pub ("
                << key.public_key().hex() << ")\n";
      return kOk;
    });
  });
}

void add_prove(CLI::App& app) {
  static ProveArguments a;
  auto* cmd = app.add_subcommand(
      "prove", "Print a proof from a run file's event timeline as JSON (RFC 9162 field names): that event N is "
               "unaltered under a tree head (--event), that a later head extends an earlier one (--consistency), or "
               "every tree head, to publish (--heads)");
  cmd->add_option("file", a.file, "Run file (HDF5)")->check(CLI::ExistingFile);
  add_feed_options(cmd, a.feed, a.checkpoint);
  cmd->add_option("--sign-key", a.sign_key, "With --feed: sign the heads made now with this Ed25519 secret key")
      ->check(CLI::ExistingFile);
  auto* event = cmd->add_option("--event", a.event, "Index of the event row (0-based, /events/log order; a feed's in file order)")
                    ->check(CLI::NonNegativeNumber);
  cmd->add_option("--head", a.head,
                  "Prove against the tree head at T, a date-time or an offset from the run's start (default: the "
                  "first head that covers the event)")
      ->needs(event);
  auto* consistency = cmd->add_option("--consistency", a.consistency, "T1 T2: prove the head at T2 extends the head at T1")
                          ->expected(2);
  auto* heads = cmd->add_flag("--heads", a.heads, "Print every tree head (what to publish)");
  event->excludes(consistency)->excludes(heads);
  consistency->excludes(heads);
  cmd->add_option("-o,--out", a.out, "Write the JSON to this file (default: standard output)");
  cmd->footer(
      "\nExamples:\n"
      "  porttwin prove runs/gate_default-s1-r0.h5 --event 1234 -o proof.json\n"
      "  porttwin prove runs/gate_default-s1-r0.h5 --consistency 1h 6h\n"
      "  porttwin prove runs/gate_default-s1-r0.h5 --heads -o heads.json\n"
      "  porttwin prove --feed events.json --heads -o feed-heads.json   (when the feed is received)\n"
      "Check a proof with porttwin verify --proof FILE. Formats: docs/integrity.md.");
  cmd->callback([] {
    run_command("prove", [] {
      if (a.event < 0 && a.consistency.empty() && !a.heads) {
        throw CommandError(kInvalidInput, "say what to prove: --event N, --consistency T1 T2 or --heads (see --help)");
      }
      return prove(a);
    });
  });
}

void add_verify(CLI::App& app) {
  static VerifyArguments a;
  auto* cmd = app.add_subcommand(
      "verify", "Check a run file's event rows against its tree heads (naming the first rows that disagree), against "
                "published heads (--heads), or check a proof alone (--proof), also against a run file when one is given");
  cmd->add_option("file", a.file, "Run file (HDF5)")->check(CLI::ExistingFile);
  add_feed_options(cmd, a.feed, a.checkpoint);
  cmd->add_option("--proof", a.proof, "A proof made by porttwin prove (JSON)")->check(CLI::ExistingFile);
  cmd->add_option("--pubkey", a.pubkey, "The writer's public key (NAME.pub): every head must carry its signature")
      ->check(CLI::ExistingFile);
  cmd->add_option("--heads", a.heads, "Tree heads published earlier (porttwin prove --heads): the file must still give them")
      ->check(CLI::ExistingFile);
  cmd->footer(
      "\nExamples:\n"
      "  porttwin verify runs/gate_default-s1-r0.h5\n"
      "  porttwin verify runs/gate_default-s1-r0.h5 --heads published-heads.json --pubkey keys/drill-team.pub\n"
      "  porttwin verify --proof proof.json --pubkey keys/drill-team.pub\n"
      "  porttwin verify --feed events.json --heads feed-heads.json\n"
      "Exit codes: 0 verified, 1 not verified (something changed), 2 invalid input.");
  cmd->callback([] { run_command("verify", [] { return verify(a); }, {.unexpected = kInvalidInput}); });
}

}  // namespace porttwin::cli

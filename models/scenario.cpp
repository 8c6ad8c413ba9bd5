#include "models/scenario.hpp"

#include <fstream>
#include <sstream>

#include <openssl/evp.h>

namespace porttwin {

scenario::Section declare(Scenario& s) {
  scenario::Section root("", "A porttwin scenario");
  declare(root, s.run);
  declare(root, s.platform);
  declare(root.section("gate", "The gate complex: in-gate lanes, OCR and the exception desk", &s.has_gate), s.gate);
  declare(root.section("network", "An open queueing network of stations (validation and abstract studies)",
                       &s.has_network),
          s.network);
  declare(root.section("terminal",
                       "A container terminal: berths and quay cranes, yard blocks and cranes, the truck gate",
                       &s.has_terminal),
          s.terminal);
  declare(root.section("corridor",
                       "A customs transit corridor: stations, routes, Smart Security Devices, supervision, attacks",
                       &s.has_corridor),
          s.corridor);
  declare(root.section("nii",
                       "Non-intrusive inspection: risk selection, RPM and X-ray lanes, image review, alarm models, "
                       "AI pre-classification, secondary inspection",
                       &s.has_nii),
          s.nii);
  incidents::declare(root.section("incidents",
                                  "Incidents and their response for recovery-time drills: the IT/OT network, TOS "
                                  "backups, degraded modes, teams, playbooks, targets",
                                  &s.has_incidents),
                     s.incidents);
  return root;
}

std::string sha256_hex(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}

namespace {

// Errors in values that came from --set are shown against the override, not a file position.
void relabel_overrides(scenario::Diagnostics& d, const std::vector<scenario::Override>& overrides) {
  scenario::Diagnostics relabelled(d.source());
  for (auto diagnostic : d.list()) {
    const bool labelled = diagnostic.message.rfind("(--set ", 0) == 0;  // a bad path, from apply_overrides
    for (const auto& o : overrides) {
      if (labelled) break;
      const std::string path = scenario::normalize_path(o.path);
      if (diagnostic.path == path || diagnostic.path.rfind(path + ".", 0) == 0 ||
          diagnostic.path.rfind(path + "[", 0) == 0 || diagnostic.path == o.path) {
        diagnostic.mark = {};
        diagnostic.message = "(--set " + o.path + "=" + o.value + ") " + diagnostic.message;
        break;
      }
    }
    relabelled.error(diagnostic.mark, diagnostic.path, diagnostic.message);
  }
  d = relabelled;
}

}  // namespace

Scenario parse_scenario(const std::string& text, const std::string& source,
                        const std::vector<scenario::Override>& overrides) {
  Scenario s;
  scenario::Diagnostics d(source);
  YAML::Node document = scenario::parse_document(text, d);
  if (d.ok()) {
    scenario::apply_overrides(document, overrides, d);
    scenario::Section root = declare(s);
    if (d.ok()) scenario::bind_section(document, root, "", d);
    if (d.ok()) {
      check(s.run, root, d);
      if (s.has_gate) check(s.gate, d);
      if (s.has_network) check(s.network, d);
      if (s.has_terminal) terminal::check(s.terminal, d);
      if (s.has_corridor) corridor::check(s.corridor, d);
      if (s.has_nii) nii::check(s.nii, s.has_terminal, d);
      if (s.has_incidents) incidents::check(s.incidents, s.has_terminal, s.has_corridor, s.has_nii, d);
      if (!s.has_gate && !s.has_network && !s.has_terminal && !s.has_corridor && !s.has_nii) {
        d.error({1, 1}, "",
                "the scenario has no model section, expected at least one of: gate, network, terminal, corridor, nii");
      }
    }
  }
  if (!overrides.empty()) relabel_overrides(d, overrides);
  if (!d.ok()) throw scenario::InvalidScenario(d);
  s.source = source;
  s.text = text;
  s.sha256 = sha256_hex(text);
  s.overrides = overrides;
  return s;
}

Scenario load_scenario(const std::filesystem::path& file, const std::vector<scenario::Override>& overrides) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    scenario::Diagnostics d(file.string());
    d.error({}, "", "cannot read the file (missing or not readable)");
    throw scenario::InvalidScenario(d);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_scenario(text.str(), file.string(), overrides);
}

}  // namespace porttwin

#include "models/scenario.hpp"

#include "models/model_table.hpp"
#include "sim/scenario/input_file.hpp"


#include <openssl/evp.h>

namespace porttwin {

scenario::Section declare(Scenario& s) {
  scenario::Section root("", "A porttwin scenario");
  declare(root, s.run);
  declare(root, s.platform);
  for (const ModelSection& row : model_sections()) row.declare(root.section(row.key, row.description, &(s.*row.present)), s);
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
    for (std::size_t i = 0; i < overrides.size() && !diagnostic.from_override(); ++i) {
      const scenario::Override& o = overrides[i];
      const std::string path = scenario::normalize_path(o.path);
      if (diagnostic.path == path || diagnostic.path.rfind(path + ".", 0) == 0 ||
          diagnostic.path.rfind(path + "[", 0) == 0 || diagnostic.path == o.path) {
        diagnostic.mark = {};
        diagnostic.override_index = static_cast<int>(i);
        diagnostic.override_text = o.text();
      }
    }
    relabelled.add(std::move(diagnostic));
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
      bool any_model = false;
      std::string model_keys;
      for (const ModelSection& row : model_sections()) {
        if (s.*row.present) row.check(s, d);
        if (!row.is_model) continue;
        any_model = any_model || s.*row.present;
        model_keys += (model_keys.empty() ? "" : ", ") + std::string(row.key);
      }
      if (!any_model) d.error({1, 1}, "", "the scenario has no model section, expected at least one of: " + model_keys);
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
  std::string problem;
  const auto text = scenario::read_input_file(file, problem);
  if (!text) {
    scenario::Diagnostics d(file.string());
    d.error({}, "", problem);
    throw scenario::InvalidScenario(d);
  }
  return parse_scenario(*text, file.string(), overrides);
}

}  // namespace porttwin

// Reads a scenario YAML document into declared config structs (schema.hpp), checking every key:
// unknown keys (with did-you-mean), duplicates, wrong types, out-of-range values, missing required
// keys. All errors of a document are collected in one pass.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/schema.hpp"

namespace porttwin::scenario {

// A key path with its value, as given by `--set gate.lanes=6` (lists: stations[1].servers or stations.1.servers).
struct Override {
  Override() = default;
  Override(std::string path_, std::string value_, std::string origin_ = {})
      : path(std::move(path_)), value(std::move(value_)), origin(std::move(origin_)) {}

  std::string path;
  std::string value;
  std::string origin;  // how the user wrote it, for messages ("--seed 7"); empty: "--set path=value"

  std::string text() const { return origin.empty() ? "--set " + path + "=" + value : origin; }
};

// Parses `text`; on a YAML syntax error, reports it with its position and returns a null node.
YAML::Node parse_document(const std::string& text, Diagnostics& diagnostics);

// "a.b.1.c" and "a.b[1].c" -> "a.b[1].c", the form diagnostics use.
std::string normalize_path(const std::string& path);

// Applies `--set` overrides onto the document before binding; bad paths are reported.
void apply_overrides(YAML::Node& document, const std::vector<Override>& overrides, Diagnostics& diagnostics);

// Binds a map node to a declared section; errors go to `diagnostics`.
void bind_section(const YAML::Node& node, Section& section, const std::string& path, Diagnostics& diagnostics);

Mark mark_of(const YAML::Node& node);

}  // namespace porttwin::scenario

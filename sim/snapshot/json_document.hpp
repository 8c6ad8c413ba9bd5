// A JSON file read with the position of every value, so that a check made after parsing can say
// where the value it refuses is (file:line:column and its JSON pointer). nlohmann-json parses; a
// SAX handler builds the tree and notes each value's first byte; duplicate keys are refused (the
// library would keep the last one silently).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/scenario/diagnostics.hpp"

namespace porttwin::snapshot {

using Json = nlohmann::ordered_json;  // members keep their order, as written

class JsonDocument {
 public:
  // Parses `text`; on a syntax error or a duplicate key, adds it to `d` (located) and returns nullopt.
  static std::optional<JsonDocument> parse(std::string text, scenario::Diagnostics& d);
  // Reads `file` (as every input file is read: scenario::read_input_file) and parses it.
  static std::optional<JsonDocument> read(const std::filesystem::path& file, scenario::Diagnostics& d);

  const Json& root() const { return root_; }
  // Where the value at JSON pointer `pointer` ("/terminal/boxes/3/block") starts; {0,0} unknown.
  scenario::Mark mark(const std::string& pointer) const;
  // Line and column (1-based, columns in characters) of byte `offset` of the text.
  scenario::Mark mark_of_offset(std::size_t offset) const;

 private:
  std::string text_;
  std::vector<std::size_t> line_starts_;
  Json root_;
  // Where each value starts, as a tree beside the JSON's: value 0 is the root; a container's
  // children are listed in document order (members in the order ordered_json keeps them).
  // Integers, not pointer strings: a yard of 30,000 boxes has about a million values.
  struct Value {
    std::size_t offset = 0;
    std::int64_t container = -1;  // index into children_, -1 for a scalar
  };
  std::vector<Value> values_;
  std::vector<std::vector<std::uint32_t>> children_;
  friend class DocumentBuilder;
};

// "/a/b" + "c" -> "/a/b/c", escaping '~' and '/' as RFC 6901 says.
std::string pointer_append(const std::string& pointer, std::string_view token);
std::string pointer_append(const std::string& pointer, std::size_t index);

}  // namespace porttwin::snapshot

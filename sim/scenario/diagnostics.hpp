// Errors found in scenario input, each with file:line:column, key path, what was found and what was
// expected. All errors of a file are collected in one pass, then reported together (GNU format).
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace porttwin::scenario {

struct Mark {
  int line = 0;    // 1-based; 0 when the position is unknown (e.g. a --set override)
  int column = 0;
};

struct Diagnostic {
  Mark mark;
  std::string path;     // key path, e.g. gate.lanes or network.stations[1].servers
  std::string message;  // "found X, expected Y"
  // An error in a --set override rather than in the file: which one (index into the overrides,
  // -1 none) and its text path=value. Printed as "(--set path=value) " before the message.
  int override_index = -1;
  std::string override_text;
  // The error is about the key path itself (unknown key, a path that cannot be walked), not its value.
  bool about_key = false;
  bool from_override() const { return override_index >= 0; }
};

class Diagnostics {
 public:
  explicit Diagnostics(std::string source) : source_(std::move(source)) {}

  void error(Mark mark, std::string path, std::string message);
  // For checks made after loading: the position comes from where the loader saw `path`.
  void error(const std::string& path, std::string message) { error(mark(path), path, std::move(message)); }
  // An error in override `index` (text path=value) of the run's --set list: it has no file position.
  void override_error(int index, std::string override_text, std::string path, std::string message,
                      bool about_key);
  // An unknown key, or a path that leads nowhere.
  void key_error(Mark mark, std::string path, std::string message);
  void add(Diagnostic diagnostic) { list_.push_back(std::move(diagnostic)); }
  void note(const std::string& path, Mark mark) { marks_[path] = mark; }
  // Where the loader saw `path`, or else its nearest enclosing key (a key left at its default is
  // located at its section), so that no error about the file is without a position.
  Mark mark(const std::string& path) const;
  bool ok() const { return list_.empty(); }
  const std::vector<Diagnostic>& list() const { return list_; }
  const std::string& source() const { return source_; }
  std::string format() const;  // one "file:line:col: error: path: message" line per error

 private:
  std::string source_;
  std::vector<Diagnostic> list_;
  std::map<std::string, Mark> marks_;
};

// Thrown at the loader's edge once a file's diagnostics are complete; what() is the formatted list.
class InvalidScenario : public std::runtime_error {
 public:
  explicit InvalidScenario(const Diagnostics& d) : std::runtime_error(d.format()), diagnostics_(d) {}
  const Diagnostics& diagnostics() const { return diagnostics_; }

 private:
  Diagnostics diagnostics_;
};

// The closest candidate within a small edit distance, or "" (for "did you mean ...?").
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace porttwin::scenario

// What every harness requires of a refused input: each diagnostic carries its line:column (a
// message without a position is a finding, like a crash). Anything else thrown is one too.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>

#include "sim/app/sweep/sweep_file.hpp"
#include "sim/scenario/diagnostics.hpp"

namespace porttwin::fuzz {

inline void require_located(const scenario::InvalidScenario& e) {
  for (const auto& d : e.diagnostics().list()) {
    if (d.mark.line <= 0 && !d.from_override()) {
      std::fprintf(stderr, "unlocated diagnostic:\n%s", e.what());
      std::abort();
    }
  }
}

// The same for a refusal that comes as formatted text (sweep and size files, with their base
// scenario's errors appended): every "FILE:LINE:COLUMN: error: " line has its LINE and COLUMN.
inline void require_located_text(const std::string& text) {
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    const auto error = line.find(": error: ");
    if (error != std::string::npos) {
      // Back from ": error: " over COLUMN, ":", LINE, ":".
      std::size_t at = error;
      int numbers = 0;
      while (numbers < 2 && at > 0) {
        std::size_t digits = at;
        while (digits > 0 && std::isdigit(static_cast<unsigned char>(line[digits - 1]))) --digits;
        if (digits == at || digits == 0 || line[digits - 1] != ':') break;
        at = digits - 1;
        ++numbers;
      }
      if (numbers < 2) {
        std::fprintf(stderr, "unlocated error line: %s\n", line.c_str());
        std::abort();
      }
    }
    start = end + 1;
  }
}

[[noreturn]] inline void unexpected(const std::exception& e) {
  std::fprintf(stderr, "an exception that is not a located diagnostic: %s\n", e.what());
  std::abort();
}

// One input of a sweep or size file through `parse` (given its text): accepted, or refused with
// every error line located; anything else is a finding.
template <class Parse>
int check_experiment_file(const std::uint8_t* data, std::size_t size, Parse parse) {
  try {
    parse(std::string(reinterpret_cast<const char*>(data), size));
  } catch (const sweep::InvalidSweep& e) {
    require_located_text(e.what());
  } catch (const std::exception& e) {
    unexpected(e);
  }
  return 0;
}

}  // namespace porttwin::fuzz

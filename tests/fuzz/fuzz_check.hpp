// What every harness requires of a refused input: each diagnostic carries its line:column (a
// message without a position is a finding, like a crash). Anything else thrown is one too.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <exception>

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

[[noreturn]] inline void unexpected(const std::exception& e) {
  std::fprintf(stderr, "an exception that is not a located diagnostic: %s\n", e.what());
  std::abort();
}

}  // namespace porttwin::fuzz

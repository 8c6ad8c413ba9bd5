// Small yard blocks for the yard tests: a name and its bays, rows and tiers, the rest as declared.
#pragma once

#include <string>

#include "models/yard/yard_config.hpp"

namespace porttwin::testing {

inline yard::BlockConfig block_config(const std::string& name, int bays, int rows, int tiers) {
  yard::BlockConfig c;
  c.name = name;
  c.bays = bays;
  c.rows = rows;
  c.tiers = tiers;
  return c;
}

}  // namespace porttwin::testing

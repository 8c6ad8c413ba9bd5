// A container as the yard sees it: who it is, what kind of box it is, and what is known about when
// it leaves. The block itself stores only ids; policies read these records through a lookup.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "models/yard/record/yard_slot.hpp"

namespace porttwin::yard {

// Both a container's kind and the kind of yard area it belongs in.
enum class Category { Import, Export, Empty, Reefer };

inline constexpr std::array<std::string_view, 4> kCategoryNames = {"import", "export", "empty", "reefer"};

inline std::string_view category_name(Category c) { return kCategoryNames[static_cast<std::size_t>(c)]; }

inline std::optional<Category> parse_category(std::string_view name) {
  for (std::size_t i = 0; i < kCategoryNames.size(); ++i) {
    if (kCategoryNames[i] == name) return static_cast<Category>(i);
  }
  return std::nullopt;
}

struct Container {
  ContainerId id = kNoContainer;
  Category category = Category::Import;
  double arrival = 0;          // s: when it entered the yard
  // s: when the terminal expects it to leave (appointment, booking, vessel schedule). Possibly
  // wrong: this is what a policy may use.
  double expected_pickup = 0;
  double actual_pickup = 0;    // s: when it really leaves; no stacking decision may read it
  // The departure class at arrival (departure_info.hpp), 0 = leaves soonest: the coarse label the
  // terminal files the box under, for records and reports. The category policy takes classes again
  // at each decision, since a class only compares with others taken at the same moment.
  int dwell_class = 0;
};

// How policies and retrievals read the record of a container stored in a block.
using ContainerLookup = std::function<const Container&(ContainerId)>;

}  // namespace porttwin::yard

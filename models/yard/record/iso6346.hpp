// ISO 6346 container numbers: a three-letter owner code, an equipment category letter (U freight
// container, J detachable equipment, Z trailer or chassis), a six-digit serial and a check digit,
// e.g. CSQU3054383. The check digit is the sum of the first ten characters' values (letters A=10
// upwards skipping 11, 22 and 33; digits their value) weighted by 2^position, modulo 11, with 10
// written as 0.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace porttwin::yard {

// The check digit of the first ten characters of a container number ("CSQU305438" -> 3), or
// nullopt when they are not an owner code, a category letter and six digits.
std::optional<int> iso6346_check_digit(std::string_view first_ten);

// True for an eleven-character number whose last character is its check digit.
bool iso6346_valid(std::string_view number);

// True for four capital letters whose last is U, J or Z (an owner code with its category).
bool iso6346_owner_valid(std::string_view owner_and_category);

// The container number of `serial` (0-999,999) under `owner_and_category` ("CSQU", 3054383 % 10^6
// -> "CSQU3054383"); the owner must pass iso6346_owner_valid (std::invalid_argument otherwise).
std::string iso6346_number(std::string_view owner_and_category, std::uint32_t serial);

}  // namespace porttwin::yard

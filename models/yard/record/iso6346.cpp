#include "models/yard/record/iso6346.hpp"

#include <stdexcept>

namespace porttwin::yard {

namespace {

// A=10, B=12, ..., K=21, L=23, ..., U=32, V=34, ...: the values skip the multiples of 11.
int letter_value(char c) {
  int value = 10;
  for (char l = 'A'; l < c; ++l) {
    if (++value % 11 == 0) ++value;
  }
  return value;
}

bool upper(char c) { return c >= 'A' && c <= 'Z'; }
bool digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool iso6346_owner_valid(std::string_view o) {
  return o.size() == 4 && upper(o[0]) && upper(o[1]) && upper(o[2]) && (o[3] == 'U' || o[3] == 'J' || o[3] == 'Z');
}

std::optional<int> iso6346_check_digit(std::string_view s) {
  if (s.size() < 10 || !iso6346_owner_valid(s.substr(0, 4))) return std::nullopt;
  int sum = 0;
  for (std::size_t i = 0; i < 10; ++i) {
    const char c = s[i];
    int value = 0;
    if (i < 4) {
      value = letter_value(c);
    } else {
      if (!digit(c)) return std::nullopt;
      value = c - '0';
    }
    sum += value << i;
  }
  return sum % 11 % 10;
}

bool iso6346_valid(std::string_view number) {
  if (number.size() != 11 || !digit(number[10])) return false;
  const auto check = iso6346_check_digit(number.substr(0, 10));
  return check && *check == number[10] - '0';
}

std::string iso6346_number(std::string_view owner, std::uint32_t serial) {
  if (!iso6346_owner_valid(owner)) throw std::invalid_argument("not an ISO 6346 owner code and category: " + std::string(owner));
  std::string number(owner);
  std::string digits = std::to_string(serial % 1000000u);
  number += std::string(6 - digits.size(), '0') + digits;
  number += static_cast<char>('0' + *iso6346_check_digit(number));
  return number;
}

}  // namespace porttwin::yard

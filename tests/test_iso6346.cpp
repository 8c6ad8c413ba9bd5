// ISO 6346 container numbers: published check digits, rejection of malformed numbers, and the
// numbers the terminal gives its boxes.
#include <catch2/catch.hpp>

#include <set>

#include "models/yard/record/iso6346.hpp"

using namespace porttwin::yard;

TEST_CASE("ISO 6346 check digits match published container numbers", "[iso6346]") {
  // CSQU3054383 is the standard's worked example (owner CSQ, category U, serial 305438, check 3).
  CHECK(iso6346_check_digit("CSQU305438") == 3);
  CHECK(iso6346_valid("CSQU3054383"));
  CHECK_FALSE(iso6346_valid("CSQU3054384"));
  CHECK(iso6346_number("CSQU", 305438) == "CSQU3054383");
}

TEST_CASE("ISO 6346 letter values skip the multiples of eleven", "[iso6346]") {
  // A alone in the first position weighs 1: the check digit is its value mod 11 (A=10, B=12, K=21,
  // L=23, U=32, V=34, Z=38), plus the rest of a fixed tail.
  const auto first = [](char c) { return *iso6346_check_digit(std::string(1, c) + "AAU000000"); };
  // Hand-computed: the tail "AAU000000" adds 2*10 + 4*10 + 8*32 = 316.
  CHECK(first('A') == (10 + 316) % 11 % 10);  // 326 mod 11 = 7
  CHECK(first('B') == 9);                     // B = 12: 328 mod 11 = 9
  CHECK(first('K') == (21 + 316) % 11 % 10);  // K = 21
  CHECK(first('L') == 9);                     // L = 23 (22 skipped): 339 mod 11 = 9
  CHECK(first('V') == (34 + 316) % 11 % 10);  // V = 34 (33 skipped)
  CHECK(first('Z') == 2);                     // Z = 38: 354 mod 11 = 2
}

TEST_CASE("Malformed container numbers are rejected", "[iso6346]") {
  CHECK_FALSE(iso6346_check_digit("CSQ3054383").has_value());   // owner code too short
  CHECK_FALSE(iso6346_check_digit("CSQX305438").has_value());   // X is not a category
  CHECK_FALSE(iso6346_check_digit("CSQU30543A").has_value());   // a letter in the serial
  CHECK_FALSE(iso6346_check_digit("csqu305438").has_value());   // lower case
  CHECK_FALSE(iso6346_valid("CSQU305438"));
  CHECK_FALSE(iso6346_valid("CSQU30543833"));
  CHECK_THROWS_AS(iso6346_number("CSQ", 1), std::invalid_argument);
}

TEST_CASE("Every number the terminal makes is valid and a serial is unique within an owner", "[iso6346]") {
  std::set<std::string> seen;
  for (std::uint32_t serial = 0; serial < 20000; serial += 7) {
    const std::string n = iso6346_number("PTWU", serial);
    REQUIRE(iso6346_valid(n));
    REQUIRE(seen.insert(n).second);
  }
  // Changing one serial digit changes the check digit here (it can fail to only where the sums mod 11
  // are 0 and 10, both written 0).
  const std::string n = iso6346_number("MSCU", 123456);
  for (std::size_t i = 4; i < 10; ++i) {
    std::string other = n;
    other[i] = other[i] == '9' ? '0' : static_cast<char>(other[i] + 1);
    CHECK_FALSE(iso6346_valid(other));
  }
}

#include "util/utf8.hpp"

#include <doctest/doctest.h>

#include <string>

TEST_CASE("util::is_valid_utf8") {
  CHECK(util::is_valid_utf8(""));
  CHECK(util::is_valid_utf8("plain ascii, long enough for the eight-byte loop"));
  CHECK(util::is_valid_utf8("æøå ÆØÅ — \xF0\x9F\x98\x80"));
  CHECK_FALSE(util::is_valid_utf8("\xC3"));          // cut short
  CHECK_FALSE(util::is_valid_utf8("\xC3\x28"));      // bad continuation
  CHECK_FALSE(util::is_valid_utf8("\xC0\xAF"));      // overlong
  CHECK_FALSE(util::is_valid_utf8("\xE0\x80\xAF"));  // overlong
  CHECK_FALSE(util::is_valid_utf8("\xED\xA0\x80"));  // surrogate
  CHECK_FALSE(util::is_valid_utf8("\xF4\x90\x80\x80")); // above U+10FFFF
  CHECK_FALSE(util::is_valid_utf8("\xFF"));
}

TEST_CASE("util::first_invalid_utf8") {
  CHECK(util::first_invalid_utf8("") == std::string_view::npos);
  CHECK(util::first_invalid_utf8("ascii then ø") == std::string_view::npos);
  CHECK(util::first_invalid_utf8(std::string_view("a\0b", 3)) == std::string_view::npos); // NUL is UTF-8
  CHECK(util::first_invalid_utf8("0123456789ø\xFF") == 12);    // after the eight-byte loop
  CHECK(util::first_invalid_utf8("ab\xC3") == 2);               // cut short: the lead byte
  CHECK(util::first_invalid_utf8("ab\xE2\x82(") == 2);          // bad continuation: the lead byte
}

TEST_CASE("util::codepoints") {
  CHECK(util::codepoints("") == 0);
  CHECK(util::codepoints("abc") == 3);
  CHECK(util::codepoints("æøå") == 3);
  CHECK(util::codepoints("\xF0\x9F\x98\x80!") == 2);
}

TEST_CASE("util::sequence_length") {
  CHECK(util::sequence_length('a') == 1);
  CHECK(util::sequence_length(0xC3) == 2);
  CHECK(util::sequence_length(0xE2) == 3);
  CHECK(util::sequence_length(0xF0) == 4);
  CHECK(util::sequence_length(0x80) == 1); // a continuation byte starts nothing
}

TEST_CASE("util::append_utf8") {
  std::string out;
  for (std::uint32_t cp : {0x41U, 0xF8U, 0x20ACU, 0x1F600U}) util::append_utf8(out, cp);
  CHECK(out == "A\xC3\xB8\xE2\x82\xAC\xF0\x9F\x98\x80");
}

TEST_CASE("util::equal_folded") {
  CHECK(util::equal_folded("Afbud", "afbud"));
  CHECK(util::equal_folded("BORGERFRAVÆR", "borgerfravær"));
  CHECK(util::equal_folded("ÅØÆÉ", "åøæé"));
  CHECK(util::equal_folded("", ""));
  SUBCASE("only case is free") {
    CHECK_FALSE(util::equal_folded("afbud ", "afbud"));
    CHECK_FALSE(util::equal_folded("borgerfravaer", "borgerfravær"));
    CHECK_FALSE(util::equal_folded("\xC3\x97", "\xC3\xB7")); // × is not the capital of ÷
  }
}

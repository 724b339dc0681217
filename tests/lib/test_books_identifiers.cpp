#include "books/identifiers.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

using books::find_cpr_like;

TEST_CASE("books::is_valid_cvr") {
  SUBCASE("a number with a valid modulus-11 check") {
    // 1*2 + 2*7 + 3*6 + 4*5 + 5*4 + 6*3 + 7*2 + 4*1 = 110 = 10 * 11
    CHECK(books::is_valid_cvr("12345674"));
    CHECK(books::is_valid_cvr("38291742")); // the example books' provider
  }
  SUBCASE("a wrong check digit") {
    CHECK_FALSE(books::is_valid_cvr("12345675"));
    CHECK_FALSE(books::is_valid_cvr("12345673"));
  }
  SUBCASE("7 or 9 digits") {
    CHECK_FALSE(books::is_valid_cvr("1234567"));
    CHECK_FALSE(books::is_valid_cvr("123456740"));
    CHECK_FALSE(books::is_valid_cvr(""));
  }
  SUBCASE("letters, spaces or a country prefix") {
    CHECK_FALSE(books::is_valid_cvr("1234567A"));
    CHECK_FALSE(books::is_valid_cvr("1234 5674"));
    CHECK_FALSE(books::is_valid_cvr("DK12345674"));
  }
}

TEST_CASE("books::is_valid_gln") {
  SUBCASE("a 13-digit number with a valid GS1 check digit") {
    // 5*1 + 7*3 + 9*1 + 8*3 = 59 -> check digit 1
    CHECK(books::is_valid_gln("5798000000001"));
    CHECK(books::is_valid_gln("5798000111226"));
  }
  SUBCASE("a wrong check digit") {
    CHECK_FALSE(books::is_valid_gln("5798000111227"));
    CHECK_FALSE(books::is_valid_gln("5798000000002"));
  }
  SUBCASE("a wrong length") {
    CHECK_FALSE(books::is_valid_gln("579800000001"));   // 12 digits
    CHECK_FALSE(books::is_valid_gln("57980000000001")); // 14 digits
    CHECK_FALSE(books::is_valid_gln(""));
  }
  SUBCASE("not only digits") {
    CHECK_FALSE(books::is_valid_gln("579800000000X"));
    CHECK_FALSE(books::is_valid_gln("5798 00000001"));
  }
}

TEST_CASE("books::fik71_payment_id") {
  SUBCASE("the spec's example: invoice 1004") {
    // 00000000001004 from the right: 4*2 + 0 + 0*2 + 1 = 9 -> check (10 - 9) % 10 = 1
    CHECK(books::fik71_payment_id(1004) == "000000000010041");
  }
  SUBCASE("the published Luhn example 7992739871 (check digit 3)") {
    // Zero-padding on the left leaves every weight in place, so the digit is the published one.
    CHECK(books::fik71_payment_id(7992739871) == "000079927398713");
  }
  SUBCASE("examples computed by hand") {
    CHECK(books::fik71_payment_id(1) == "000000000000018");    // 1*2 = 2 -> 8
    CHECK(books::fik71_payment_id(5) == "000000000000059");    // 5*2 = 10 - 9 = 1 -> 9
    CHECK(books::fik71_payment_id(59) == "000000000000596");   // 9*2 = 18 - 9 = 9, + 5 = 14 -> 6
    CHECK(books::fik71_payment_id(1234) == "000000000012344"); // 8 + 3 + 4 + 1 = 16 -> 4
    CHECK(books::fik71_payment_id(0) == "000000000000000");    // sum 0 -> (10 - 0) % 10 = 0
    // fourteen nines: 7 * 9 (18 - 9) + 7 * 9 = 126 -> 4
    CHECK(books::fik71_payment_id(99'999'999'999'999) == "999999999999994");
  }
  SUBCASE("a number of more than 14 digits has no payment id") {
    CHECK_THROWS_AS(books::fik71_payment_id(100'000'000'000'000), std::out_of_range);
    CHECK_THROWS_AS(books::fik71_payment_id(-1), std::out_of_range);
  }
}

TEST_CASE("books::is_valid_fik_creditor") {
  CHECK(books::is_valid_fik_creditor("85404316"));
  CHECK(books::is_valid_fik_creditor("00000001"));
  CHECK_FALSE(books::is_valid_fik_creditor("1234"));
  CHECK_FALSE(books::is_valid_fik_creditor("854043161"));
  CHECK_FALSE(books::is_valid_fik_creditor("8540431X"));
  CHECK_FALSE(books::is_valid_fik_creditor(""));
}

TEST_CASE("books::is_valid_contract_id") {
  SUBCASE("letters, digits, dots, underscores and dashes after an alphanumeric start") {
    CHECK(books::is_valid_contract_id("2C-2025-014"));
    CHECK(books::is_valid_contract_id("a"));
    CHECK(books::is_valid_contract_id("Z9._-x"));
  }
  SUBCASE("at most 64 characters") {
    CHECK(books::is_valid_contract_id(std::string(64, 'a')));
    CHECK_FALSE(books::is_valid_contract_id(std::string(65, 'a')));
  }
  SUBCASE("empty") { CHECK_FALSE(books::is_valid_contract_id("")); }
  SUBCASE("a punctuation mark first") {
    CHECK_FALSE(books::is_valid_contract_id("-2025"));
    CHECK_FALSE(books::is_valid_contract_id(".hidden"));
    CHECK_FALSE(books::is_valid_contract_id("_x"));
  }
  SUBCASE("characters that do not belong in a file name") {
    CHECK_FALSE(books::is_valid_contract_id("a/b"));
    CHECK_FALSE(books::is_valid_contract_id("a b"));
    CHECK_FALSE(books::is_valid_contract_id("a\\b"));
    CHECK_FALSE(books::is_valid_contract_id("Søren"));
  }
}

TEST_CASE("books::find_cpr_like") {
  SUBCASE("DDMMYY-XXXX is found at its offset") {
    CHECK(find_cpr_like("010190-1234") == std::optional<std::size_t>(0));
    CHECK(find_cpr_like("Borger 010190-1234 ringede") == std::optional<std::size_t>(7));
    CHECK(find_cpr_like("cpr:010190-1234") == std::optional<std::size_t>(4));
  }
  SUBCASE("29 February is a valid DDMMYY (the century is unknown)") {
    CHECK(find_cpr_like("290200-1234") == std::optional<std::size_t>(0));
  }
  SUBCASE("a standalone run of ten digits with a valid DDMMYY") {
    CHECK(find_cpr_like("0101901234") == std::optional<std::size_t>(0));
    CHECK(find_cpr_like("nr. 0101901234.") == std::optional<std::size_t>(4));
    CHECK(find_cpr_like("AB0101901234") == std::optional<std::size_t>(2));
  }
  SUBCASE("the first of two is reported") {
    CHECK(find_cpr_like("12 0101901234 og 020290-4321") == std::optional<std::size_t>(3));
  }
  SUBCASE("an 11-digit run is not a CPR number") {
    CHECK_FALSE(find_cpr_like("01019012345").has_value());
    CHECK_FALSE(find_cpr_like("90101901234").has_value());
  }
  SUBCASE("ten digits whose first six are not a date") {
    CHECK_FALSE(find_cpr_like("3213901234").has_value()); // day 32
    CHECK_FALSE(find_cpr_like("0113901234").has_value()); // month 13
    CHECK_FALSE(find_cpr_like("3104901234").has_value()); // 31 April
    CHECK_FALSE(find_cpr_like("0001901234").has_value()); // day 0
    CHECK_FALSE(find_cpr_like("320190-1234").has_value());
  }
  SUBCASE("DDMMYY-XXXX with more or fewer digits around it") {
    CHECK_FALSE(find_cpr_like("010190-12345").has_value());
    CHECK_FALSE(find_cpr_like("010190-123").has_value());
    CHECK_FALSE(find_cpr_like("1010190-1234").has_value());
    CHECK_FALSE(find_cpr_like("010190-12a4").has_value());
  }
  SUBCASE("DDMMYY and four digits separated by a space or a slash") {
    CHECK(find_cpr_like("010190 1234") == std::optional<std::size_t>(0));
    CHECK(find_cpr_like("cpr 010190/1234, ringede") == std::optional<std::size_t>(4));
    CHECK_FALSE(find_cpr_like("320190 1234").has_value()); // day 32
    CHECK_FALSE(find_cpr_like("010190 12345").has_value());
    CHECK_FALSE(find_cpr_like("1010190/1234").has_value());
    CHECK_FALSE(find_cpr_like("010190  1234").has_value()); // two spaces
    CHECK_FALSE(find_cpr_like("010190_1234").has_value());
  }
  SUBCASE("DD.MM.YY-XXXX and DD.MM.YYYY-XXXX") {
    CHECK(find_cpr_like("01.01.90-1234") == std::optional<std::size_t>(0));
    CHECK(find_cpr_like("født 01.01.1990-1234") == std::optional<std::size_t>(6));
    CHECK(find_cpr_like("29.02.00-1234") == std::optional<std::size_t>(0)); // the century is unknown
    CHECK(find_cpr_like("29.02.2000-1234") == std::optional<std::size_t>(0));
    CHECK_FALSE(find_cpr_like("29.02.1900-1234").has_value()); // 1900 was no leap year
    CHECK_FALSE(find_cpr_like("29.02.1990-1234").has_value());
    CHECK_FALSE(find_cpr_like("31.04.90-1234").has_value());
    CHECK_FALSE(find_cpr_like("01.13.1990-1234").has_value());
    CHECK_FALSE(find_cpr_like("01.01.90-12345").has_value());
    CHECK_FALSE(find_cpr_like("01.01.90-123").has_value());
    CHECK_FALSE(find_cpr_like("101.01.90-1234").has_value());
    CHECK_FALSE(find_cpr_like("01.01.190-1234").has_value());
    CHECK_FALSE(find_cpr_like("01.01.90 1234").has_value());
    CHECK_FALSE(find_cpr_like("1.01.90-1234").has_value());
  }
  SUBCASE("a date followed by something other than a CPR number's four digits") {
    CHECK_FALSE(find_cpr_like("01.01.2025").has_value());
    CHECK_FALSE(find_cpr_like("møde 01.01.2025-02.01.2025").has_value());
    CHECK_FALSE(find_cpr_like("01.01.2025 kl. 1000").has_value());
    CHECK_FALSE(find_cpr_like("01.01.2025-12345").has_value());
    CHECK_FALSE(find_cpr_like("010125 kl 10").has_value());
  }
  SUBCASE("a municipal case number") {
    CHECK_FALSE(find_cpr_like("27.24.12-G01-1234-25").has_value());
    CHECK_FALSE(find_cpr_like("27.12.12-G01-1234-25").has_value());
    CHECK_FALSE(find_cpr_like("00.01.00-A00-1-23").has_value());
  }
  SUBCASE("phone numbers, amounts and dates") {
    CHECK_FALSE(find_cpr_like("12345678").has_value());
    CHECK_FALSE(find_cpr_like("tlf. 12 34 56 78").has_value());
    CHECK_FALSE(find_cpr_like("+45 12345678").has_value());
    CHECK_FALSE(find_cpr_like("2025-11-03").has_value());
    CHECK_FALSE(find_cpr_like("525.00").has_value());
  }
  SUBCASE("text without digits") {
    CHECK_FALSE(find_cpr_like("").has_value());
    CHECK_FALSE(find_cpr_like("Støtte- og kontaktpersonsforløb").has_value());
  }
}

TEST_CASE("books::normalise_iban") {
  SUBCASE("spaces removed, upper case: as it is printed and sent") {
    CHECK(books::normalise_iban("DK50 0040 0440 1162 43") == "DK5000400440116243");
    CHECK(books::normalise_iban("dk50 0040 0440 1162 43") == "DK5000400440116243");
    CHECK(books::normalise_iban("GB82 WEST 1234 5698 7654 32") == "GB82WEST12345698765432");
    CHECK(books::normalise_iban("de89370400440532013000") == "DE89370400440532013000");
  }
  SUBCASE("check digits that do not hold, or not an IBAN at all") {
    CHECK_FALSE(books::normalise_iban("DK51 0040 0440 1162 43").has_value());
    CHECK_FALSE(books::normalise_iban("DK50-0040-0440-1162-43").has_value());
    CHECK_FALSE(books::normalise_iban("5000400440116243DK").has_value());
    CHECK_FALSE(books::normalise_iban("DK50").has_value());
    CHECK_FALSE(books::normalise_iban("").has_value());
  }
}

// Amounts as typed and as banks export them (SPEC 9.2).
#include "receivables/amount.hpp"

#include <doctest/doctest.h>

using receivables::AmountStyle;
using receivables::parse_amount;

namespace {
std::int64_t ore(std::string_view text, AmountStyle style = AmountStyle::either) {
  const auto p = parse_amount(text, style);
  REQUIRE_MESSAGE(p.amount, text, ": ", p.error);
  return p.amount->hundredths();
}
std::string error(std::string_view text, AmountStyle style = AmountStyle::either) {
  const auto p = parse_amount(text, style);
  CHECK_FALSE(p.amount);
  return p.error;
}
} // namespace

TEST_CASE("receivables amount: the command line takes a decimal point or a Danish decimal comma") {
  CHECK(ore("1234.50") == 123450);
  CHECK(ore("1.234,50") == 123450);
  CHECK(ore("1234,5") == 123450);
  CHECK(ore("1234") == 123400);
  CHECK(ore("0.05") == 5);
  CHECK(ore("-500") == -50000);
  CHECK(ore("-1.234,50") == -123450);
  CHECK(ore("+12.30") == 1230);
  CHECK(ore("1.234.567") == 123456700);
  CHECK(ore("1,234.50") == 123450);
  CHECK(ore(" 12.00 ") == 1200);
  CHECK(ore("\xE2\x88\x92" "7,25") == -725);
  CHECK(ore("0.00") == 0); // parses; `pay` refuses it
}

TEST_CASE("receivables amount: ambiguous, three decimals, not an amount") {
  CHECK(error("1.234").find("ambiguous") != std::string::npos);
  CHECK(error("12.345").find("ambiguous") != std::string::npos);
  CHECK(error("1234.567").find("more than two decimals") != std::string::npos);
  CHECK(error("1,234").find("more than two decimals") != std::string::npos);
  CHECK(error("12,345").find("more than two decimals") != std::string::npos);
  CHECK(error("0.123").find("more than two decimals") != std::string::npos);
  CHECK(error("abc").find("not an amount") != std::string::npos);
  CHECK(error("").find("not an amount") != std::string::npos);
  CHECK(error("12.").find("not an amount") != std::string::npos);
  CHECK(error("1.23.4").find("not an amount") != std::string::npos);
  CHECK(error("12,3,4").find("not an amount") != std::string::npos);
  CHECK(error("1e5").find("not an amount") != std::string::npos);
  CHECK(error("99999999999999").find("too large") != std::string::npos);
}

TEST_CASE("receivables amount: statements say which mark is the decimal one") {
  CHECK(ore("1.234", AmountStyle::decimal_comma) == 123400);
  CHECK(ore("-1.234,50", AmountStyle::decimal_comma) == -123450);
  CHECK(ore("11737,50", AmountStyle::decimal_comma) == 1173750);
  CHECK(ore("1,234", AmountStyle::decimal_point) == 123400);
  CHECK(ore("1234.50", AmountStyle::decimal_point) == 123450);
  CHECK(error("1234.50", AmountStyle::decimal_comma).find("not an amount") != std::string::npos);
  CHECK(error("12,345", AmountStyle::decimal_comma).find("more than two decimals") != std::string::npos);
}

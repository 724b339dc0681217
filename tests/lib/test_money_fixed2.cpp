#include "money/fixed2.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <type_traits>

using money::Hours;
using money::Money;
using money::Percent;
using money::Rational;

namespace {

constexpr std::int64_t k_max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t k_min = std::numeric_limits<std::int64_t>::min();

// A concept (not a bare requires-expression) so that an ill-formed `a + b` makes the
// expression false instead of the program ill-formed.
template <class A, class B>
concept addable = requires(A a, B b) {
  a + b;
};
template <class A, class B>
concept subtractable = requires(A a, B b) {
  a - b;
};
template <class A, class B>
concept comparable = requires(A a, B b) {
  a < b;
};
template <class A, class B>
concept equality_comparable_with = requires(A a, B b) {
  a == b;
};

// Positive controls: the same-tag operations compile, so the negative checks below are not
// vacuously false.
static_assert(addable<Money, Money>);
static_assert(subtractable<Hours, Hours>);
static_assert(comparable<Percent, Percent>);

// The tags keep money, hours and percentages apart.
static_assert(!addable<Money, Hours>);
static_assert(!addable<Hours, Money>);
static_assert(!subtractable<Money, Hours>);
static_assert(!addable<Money, Percent>);
static_assert(!comparable<Money, Hours>);
static_assert(!equality_comparable_with<Money, Hours>);
// Nor do they mix with raw numbers or floating point.
static_assert(!addable<Money, int>);
static_assert(!addable<Money, std::int64_t>);
static_assert(!addable<Money, double>);
static_assert(!addable<Money, Rational>);
static_assert(!std::is_convertible_v<int, Money>);
static_assert(!std::is_convertible_v<Money, double>);
static_assert(!std::is_convertible_v<Money, std::int64_t>);
static_assert(!std::is_convertible_v<Hours, Money>);

// The named constructors are usable at compile time.
static_assert(Money::from_units(3).hundredths() == 300);
static_assert((Money::from_hundredths(150) + Money::from_hundredths(-50)).hundredths() == 100);

} // namespace

TEST_CASE("money::parse_hundredths") {
  using money::parse_hundredths;

  SUBCASE("plain decimals") {
    CHECK(parse_hundredths("7.5") == 750);
    CHECK(parse_hundredths("525.00") == 52500);
    CHECK(parse_hundredths("5") == 500);
    CHECK(parse_hundredths("-2") == -200);
    CHECK(parse_hundredths("0.05") == 5);
    CHECK(parse_hundredths("0.5") == 50);
    CHECK(parse_hundredths("0") == 0);
    CHECK(parse_hundredths("-0") == 0);
    CHECK(parse_hundredths("-0.00") == 0);
    CHECK(parse_hundredths("+3.25") == 325);
    CHECK(parse_hundredths("-1050.00") == -105000);
    CHECK(parse_hundredths("007.50") == 750);
  }

  SUBCASE("underscores between digits") {
    CHECK(parse_hundredths("1_000") == 100000);
    CHECK(parse_hundredths("1_000.50") == 100050);
    CHECK(parse_hundredths("-1_234_567.89") == -123456789);
    CHECK(parse_hundredths("0.0_5") == 5);
  }

  SUBCASE("the largest values that fit") {
    CHECK(parse_hundredths("92233720368547758.07") == k_max);
    CHECK(parse_hundredths("-92233720368547758.07") == -k_max);
  }

  SUBCASE("rejected") {
    for (const char* text :
         {"",      ".5",    "-.5",  "5.",   "1e2",  "1E2",   "1.5e1", "inf", "-inf", "nan", "NaN",
          "1.234", "0.001", "1,5",  " 5",   "5 ",   "1 000", "+",     "-",   "--5",  "+-5", "_1",
          "1_",    "1__0",  "1_.5", "1._5", "5.0_", "0x10",  "1.5.0", "abc", "5kr",  "\t5", "٥"}) {
      CAPTURE(text);
      CHECK_FALSE(parse_hundredths(text).has_value());
    }
  }

  SUBCASE("overflow is rejected") {
    // One more than the largest, and INT64_MIN, which is excluded so negation stays safe.
    CHECK_FALSE(parse_hundredths("92233720368547758.08").has_value());
    CHECK_FALSE(parse_hundredths("-92233720368547758.08").has_value());
    CHECK_FALSE(parse_hundredths("92233720368547759").has_value());
    CHECK_FALSE(parse_hundredths("99999999999999999999999999").has_value());
    CHECK_FALSE(parse_hundredths("1.00000000000000000000000000").has_value());
  }
}

TEST_CASE("money::format_hundredths") {
  using money::format_hundredths;

  SUBCASE("two decimals with a point") {
    CHECK(format_hundredths(393750) == "3937.50");
    CHECK(format_hundredths(-200) == "-2.00");
    CHECK(format_hundredths(-5) == "-0.05");
    CHECK(format_hundredths(5) == "0.05");
    CHECK(format_hundredths(100) == "1.00");
    CHECK(format_hundredths(123456789) == "1234567.89");
  }

  SUBCASE("zero is never negative") {
    CHECK(format_hundredths(0) == "0.00");
    CHECK(format_hundredths(-0) == "0.00");
  }

  SUBCASE("extremes") {
    CHECK(format_hundredths(k_max) == "92233720368547758.07");
    CHECK(format_hundredths(k_min) == "-92233720368547758.08");
  }

  SUBCASE("round trip through parse_hundredths") {
    for (const std::int64_t h : {std::int64_t{0}, std::int64_t{1}, std::int64_t{-1},
                                 std::int64_t{393750}, std::int64_t{-105000}, k_max, -k_max}) {
      CAPTURE(h);
      CHECK(money::parse_hundredths(format_hundredths(h)) == h);
    }
  }
}

TEST_CASE("money::format_hundredths_danish") {
  using money::format_hundredths_danish;

  SUBCASE("thousands separated by points, decimals by a comma") {
    CHECK(format_hundredths_danish(393750) == "3.937,50");
    CHECK(format_hundredths_danish(-123456789) == "-1.234.567,89");
    CHECK(format_hundredths_danish(-200) == "-2,00");
    CHECK(format_hundredths_danish(-5) == "-0,05");
  }

  SUBCASE("group boundaries") {
    CHECK(format_hundredths_danish(99999) == "999,99");
    CHECK(format_hundredths_danish(100000) == "1.000,00");
    CHECK(format_hundredths_danish(1000000) == "10.000,00");
    CHECK(format_hundredths_danish(10000000) == "100.000,00");
    CHECK(format_hundredths_danish(100000000) == "1.000.000,00");
  }

  SUBCASE("zero is never negative") { CHECK(format_hundredths_danish(0) == "0,00"); }

  SUBCASE("extremes") {
    CHECK(format_hundredths_danish(k_max) == "92.233.720.368.547.758,07");
    CHECK(format_hundredths_danish(k_min) == "-92.233.720.368.547.758,08");
  }
}

TEST_CASE("money::Fixed2") {
  SUBCASE("named constructors") {
    CHECK(Money::from_units(525).hundredths() == 52500);
    CHECK(Money::from_hundredths(-5).hundredths() == -5);
    CHECK(Hours().hundredths() == 0);
    CHECK(Hours().is_zero());
    CHECK(Money::from_hundredths(-1).is_negative());
    CHECK_FALSE(Money::from_hundredths(0).is_negative());
  }

  SUBCASE("parse") {
    const auto rate = Money::parse("525.00");
    REQUIRE(rate.has_value());
    CHECK(rate->hundredths() == 52500);
    CHECK_FALSE(Hours::parse("7.505").has_value());
    CHECK_FALSE(Percent::parse("25%").has_value());
  }

  SUBCASE("arithmetic and comparison") {
    Money total = Money::from_units(3937) + Money::from_hundredths(50);
    CHECK(total.hundredths() == 393750);
    total -= Money::from_units(1050);
    CHECK(total.hundredths() == 288750);
    total += Money::from_hundredths(8500);
    CHECK(total == Money::from_hundredths(297250));
    CHECK((-total).hundredths() == -297250);
    CHECK((Money::from_units(1) - Money::from_units(3)).hundredths() == -200);
    CHECK(Money::from_hundredths(-1) < Money());
    CHECK(Hours::from_hundredths(750) > Hours::from_hundredths(749));
  }

  SUBCASE("exact value as a rational") {
    CHECK(Hours::from_hundredths(750).exact() == Rational(15, 2));
    CHECK(Money::from_hundredths(-5).exact() == Rational(-1, 20));
  }

  SUBCASE("round from an exact value") {
    CHECK(Hours::round(Rational(30, 7)).hundredths() == 429);
    CHECK(Hours::round(Rational(-2345, 1000)).hundredths() == -235);
  }

  SUBCASE("text") {
    CHECK(Money::from_hundredths(393750).to_string() == "3937.50");
    CHECK(Money::from_hundredths(393750).to_danish() == "3.937,50");
    CHECK(Hours::from_hundredths(-200).to_string() == "-2.00");
    CHECK(Money::round(Rational(-4, 1000)).to_string() == "0.00");
  }
}

TEST_CASE("money::line_amount") {
  using money::line_amount;
  const auto amount = [](std::int64_t hours, std::int64_t rate) {
    return line_amount(Hours::from_hundredths(hours), Money::from_hundredths(rate)).hundredths();
  };

  SUBCASE("exact products") {
    CHECK(amount(750, 52500) == 393750); // 7.50 h x 525.00 = 3937.50
    CHECK(amount(171, 52500) == 89775);  // 1.71 h x 525.00 = 897.75
    CHECK(amount(229, 54000) == 123660); // 2.29 h x 540.00 = 1236.60
    CHECK(amount(429, 30000) == 128700); // 4.29 h x 300.00 = 1287.00
    CHECK(amount(0, 52500) == 0);
  }

  SUBCASE("products with more than two decimals are rounded") {
    CHECK(amount(33, 5) == 2); // 0.33 x 0.05 = 0.0165
    CHECK(amount(33, 3) == 1); // 0.33 x 0.03 = 0.0099
    CHECK(amount(12, 3) == 0); // 0.12 x 0.03 = 0.0036
    CHECK(amount(-33, 5) == -2);
    CHECK(amount(-33, 3) == -1);
    CHECK(amount(-12, 3) == 0);
  }

  SUBCASE("exact halves of an øre round away from zero") {
    CHECK(amount(1, 50) == 1); // 0.01 x 0.50 = 0.005
    CHECK(amount(-1, 50) == -1);
    CHECK(amount(3, 50) == 2); // 0.03 x 0.50 = 0.015
    CHECK(amount(-3, 50) == -2);
    CHECK(amount(25, 10) == 3); // 0.25 x 0.10 = 0.025
    CHECK(amount(-25, 10) == -3);
  }

  SUBCASE("negative hours give the negated amount") {
    CHECK(amount(-200, 52500) == -105000);
    for (const std::int64_t hours : {1, 3, 33, 171, 229, 429}) {
      CAPTURE(hours);
      CHECK(amount(-hours, 52501) == -amount(hours, 52501));
    }
  }

  SUBCASE("an amount beyond 64 bits throws") {
    CHECK_THROWS_AS(amount(k_max, 10000), std::overflow_error);
  }
}

TEST_CASE("money::vat_amount") {
  using money::vat_amount;
  const auto vat = [](std::int64_t net, std::int64_t percent) {
    return vat_amount(Money::from_hundredths(net), Percent::from_hundredths(percent)).hundredths();
  };

  SUBCASE("whole percentages") {
    CHECK(vat(939000, 2500) == 234750); // 9390.00 x 25 % = 2347.50
    CHECK(vat(297250, 2500) == 74313);  // 2972.50 x 25 % = 743.125
    CHECK(vat(0, 2500) == 0);
  }

  SUBCASE("exact halves of an øre round away from zero") {
    CHECK(vat(2, 2500) == 1); // 0.02 x 25 % = 0.005
    CHECK(vat(-2, 2500) == -1);
    CHECK(vat(6, 2500) == 2); // 0.06 x 25 % = 0.015
    CHECK(vat(-6, 2500) == -2);
  }

  SUBCASE("below a half rounds toward zero") {
    CHECK(vat(1, 2500) == 0); // 0.0025
    CHECK(vat(-1, 2500) == 0);
  }

  SUBCASE("fractional percentages") {
    CHECK(vat(10000, 1250) == 1250); // 100.00 x 12.5 % = 12.50
    CHECK(vat(4, 1250) == 1);        // 0.04 x 12.5 % = 0.005
    CHECK(vat(-4, 1250) == -1);
    CHECK(vat(3, 1250) == 0);          // 0.00375
    CHECK(vat(100, 1) == 0);           // 1.00 x 0.01 % = 0.0001
    CHECK(vat(10000, 10000) == 10000); // 100 %
  }
}

#include "money/rational.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <stdexcept>

using money::Rational;

namespace {
constexpr std::int64_t k_max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t k_min = std::numeric_limits<std::int64_t>::min();
} // namespace

TEST_CASE("money::Rational") {
  SUBCASE("default is zero") {
    const Rational r;
    CHECK(r.num() == 0);
    CHECK(r.den() == 1);
    CHECK(r.is_zero());
    CHECK_FALSE(r.is_negative());
  }

  SUBCASE("an integer has denominator 1") {
    const Rational r(-7);
    CHECK(r.num() == -7);
    CHECK(r.den() == 1);
    CHECK(r.is_negative());
  }

  SUBCASE("normalised by gcd") {
    const Rational r(30, 12);
    CHECK(r.num() == 5);
    CHECK(r.den() == 2);
  }

  SUBCASE("denominator made positive") {
    const Rational r(3, -6);
    CHECK(r.num() == -1);
    CHECK(r.den() == 2);
    const Rational s(-3, -6);
    CHECK(s.num() == 1);
    CHECK(s.den() == 2);
  }

  SUBCASE("zero numerator normalises to 0/1") {
    const Rational r(0, -17);
    CHECK(r.num() == 0);
    CHECK(r.den() == 1);
    CHECK(r == Rational());
  }

  SUBCASE("equal values with different spellings compare equal") {
    CHECK(Rational(1, 2) == Rational(50, 100));
    CHECK(Rational(-2, 4) == Rational(1, -2));
    CHECK(Rational(6, 3) == Rational(2));
  }

  SUBCASE("zero denominator throws") {
    CHECK_THROWS_AS(Rational(1, 0), std::overflow_error);
    CHECK_THROWS_AS(Rational(0, 0), std::overflow_error);
  }

  SUBCASE("INT64_MIN over -1 does not fit") {
    CHECK_THROWS_AS(Rational(k_min, -1), std::overflow_error);
  }

  SUBCASE("extreme values that reduce are accepted") {
    const Rational r(k_min, k_min);
    CHECK(r == Rational(1));
    const Rational s(k_min, 2);
    CHECK(s.num() == k_min / 2);
    CHECK(s.den() == 1);
  }
}

TEST_CASE("money::Rational arithmetic") {
  SUBCASE("addition") {
    CHECK(Rational(1, 2) + Rational(1, 3) == Rational(5, 6));
    CHECK(Rational(1, 6) + Rational(1, 3) == Rational(1, 2));
    CHECK((Rational(1, 6) + Rational(1, 3)).den() == 2);
    CHECK(Rational(1, 2) + Rational(-1, 2) == Rational(0));
  }

  SUBCASE("subtraction") {
    CHECK(Rational(1, 2) - Rational(1, 3) == Rational(1, 6));
    CHECK(Rational(1, 3) - Rational(1, 2) == Rational(-1, 6));
    CHECK(Rational(5) - Rational(5) == Rational(0));
  }

  SUBCASE("multiplication") {
    CHECK(Rational(2, 3) * Rational(3, 4) == Rational(1, 2));
    CHECK(Rational(-2, 3) * Rational(3, 4) == Rational(-1, 2));
    CHECK(Rational(-2, 3) * Rational(-3, 4) == Rational(1, 2));
    CHECK(Rational(15, 2) * Rational(0) == Rational(0));
  }

  SUBCASE("division") {
    CHECK(Rational(1, 2) / Rational(1, 4) == Rational(2));
    CHECK(Rational(15, 2) / Rational(7) == Rational(15, 14));
    CHECK(Rational(1, 2) / Rational(-1, 4) == Rational(-2));
    CHECK((Rational(1, 2) / Rational(-1, 4)).den() == 1);
  }

  SUBCASE("division by zero throws") {
    CHECK_THROWS_AS(Rational(1) / Rational(0), std::overflow_error);
    CHECK_THROWS_AS(Rational(0) / Rational(), std::overflow_error);
  }

  SUBCASE("negation") {
    CHECK(-Rational(3, 4) == Rational(-3, 4));
    CHECK(-Rational(-3, 4) == Rational(3, 4));
    CHECK(-Rational(0) == Rational(0));
    CHECK_THROWS_AS(-Rational(k_min), std::overflow_error);
  }

  SUBCASE("compound assignment") {
    Rational r(1, 7);
    r += Rational(6, 7);
    CHECK(r == Rational(1));
    r -= Rational(3, 2);
    CHECK(r == Rational(-1, 2));
  }

  SUBCASE("seven days of a week sum to the weekly hours exactly") {
    Rational sum;
    for (int day = 0; day < 7; ++day) sum += Rational(750, 100) / Rational(7);
    CHECK(sum == Rational(15, 2));
  }

  SUBCASE("intermediates wider than 64 bits are exact when the result fits") {
    // Each unreduced product needs more than 64 bits before the gcd brings it back.
    CHECK(Rational(k_max, 2) * Rational(2, k_max) == Rational(1));
    CHECK(Rational(k_max, 3) / Rational(k_max, 3) == Rational(1));
    CHECK(Rational(k_max - 1, k_max) - Rational(k_max - 1, k_max) == Rational(0));
    CHECK(Rational(k_max, 2) + Rational(k_max, 2) == Rational(k_max));
  }

  SUBCASE("results that do not fit throw") {
    CHECK_THROWS_AS(Rational(k_max) + Rational(1), std::overflow_error);
    CHECK_THROWS_AS(Rational(k_min) - Rational(1), std::overflow_error);
    CHECK_THROWS_AS(Rational(k_max) * Rational(2), std::overflow_error);
    CHECK_THROWS_AS(Rational(1, k_max) * Rational(1, 2), std::overflow_error);
    CHECK_THROWS_AS(Rational(k_max) / Rational(1, 2), std::overflow_error);
  }
}

TEST_CASE("money::Rational arithmetic against a plain reference") {
  // The reference: the exact result on 128 bits, reduced by Euclid, then narrowed (throwing as
  // Rational must). Operands from small (hours, rates) to near the int64 limits.
  __extension__ using Wide = __int128;
  struct Exact {
    bool fits = false;
    std::int64_t num = 0, den = 1;
  };
  auto reference = [](Wide num, Wide den) {
    if (den < 0) num = -num, den = -den;
    Wide a = num < 0 ? -num : num, b = den;
    while (b != 0) {
      const Wide r = a % b;
      a = b;
      b = r;
    }
    num /= a;
    den /= a;
    const Wide lo = k_min, hi = k_max;
    Exact e;
    e.fits = num >= lo && num <= hi && den <= hi;
    if (e.fits) e.num = static_cast<std::int64_t>(num), e.den = static_cast<std::int64_t>(den);
    return e;
  };
  std::uint64_t state = 20261206;
  auto next = [&state] { // splitmix64
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  };
  auto operand = [&](bool denominator) {
    const int bits = static_cast<int>(next() % 63) + 1;
    auto v = static_cast<std::int64_t>(next() >> (64 - bits));
    if (denominator) return v == 0 ? std::int64_t{1} : v;
    return next() % 2 ? -v : v;
  };
  for (int i = 0; i < 20000; ++i) {
    const std::int64_t an = operand(false), ad = operand(true), bn = operand(false), bd = operand(true);
    const Exact ea = reference(an, ad), eb = reference(bn, bd);
    REQUIRE(ea.fits);
    REQUIRE(eb.fits);
    const Rational a(an, ad), b(bn, bd);
    CHECK(a.num() == ea.num);
    CHECK(a.den() == ea.den);
    const Wide na = ea.num, da = ea.den, nb = eb.num, db = eb.den;
    const Exact sums[] = {reference(na * db + nb * da, da * db), reference(na * db - nb * da, da * db),
                          reference(na * nb, da * db), nb == 0 ? Exact{} : reference(na * db, da * nb)};
    for (int op = 0; op < 4; ++op) {
      if (op == 3 && nb == 0) continue;
      CAPTURE(op);
      CAPTURE(an);
      CAPTURE(ad);
      CAPTURE(bn);
      CAPTURE(bd);
      auto compute = [&] { return op == 0 ? a + b : op == 1 ? a - b : op == 2 ? a * b : a / b; };
      if (sums[op].fits) {
        const Rational r = compute();
        CHECK(r.num() == sums[op].num);
        CHECK(r.den() == sums[op].den);
      } else {
        CHECK_THROWS_AS(compute(), std::overflow_error);
      }
    }
  }
}

TEST_CASE("money::Rational comparison") {
  SUBCASE("ordering") {
    CHECK(Rational(1, 3) < Rational(1, 2));
    CHECK(Rational(-1, 2) < Rational(-1, 3));
    CHECK(Rational(2, 3) > Rational(3, 5));
    CHECK(Rational(7, 2) >= Rational(7, 2));
    CHECK(Rational(1, 2) != Rational(1, 3));
    CHECK((Rational(1, 2) <=> Rational(2, 4)) == std::strong_ordering::equal);
  }

  SUBCASE("exact for values that differ beyond double precision") {
    // As doubles these two are equal; cross-multiplying in 128 bits tells them apart.
    const Rational a(k_max - 1, k_max);
    const Rational b(k_max - 2, k_max - 1);
    CHECK(b < a);
    CHECK(a > b);
  }

  SUBCASE("min and max") {
    CHECK(money::min(Rational(1, 3), Rational(1, 2)) == Rational(1, 3));
    CHECK(money::max(Rational(1, 3), Rational(1, 2)) == Rational(1, 2));
    CHECK(money::min(Rational(-5), Rational(0)) == Rational(-5));
    CHECK(money::max(Rational(-5), Rational(0)) == Rational(0));
  }
}

TEST_CASE("money::Rational::to_string") {
  CHECK(Rational(7, 2).to_string() == "7/2");
  CHECK(Rational(5).to_string() == "5");
  CHECK(Rational(-14, 4).to_string() == "-7/2");
  CHECK(Rational().to_string() == "0");
}

TEST_CASE("money::round_to_hundredths_half_away_from_zero") {
  using money::round_to_hundredths_half_away_from_zero;

  SUBCASE("exact halves round away from zero") {
    CHECK(round_to_hundredths_half_away_from_zero(Rational(2345, 1000)) == 235);
    CHECK(round_to_hundredths_half_away_from_zero(Rational(-2345, 1000)) == -235);
    CHECK(round_to_hundredths_half_away_from_zero(Rational(5, 1000)) == 1);
    CHECK(round_to_hundredths_half_away_from_zero(Rational(-5, 1000)) == -1);
    CHECK(round_to_hundredths_half_away_from_zero(Rational(1, 8)) == 13);
    CHECK(round_to_hundredths_half_away_from_zero(Rational(-1, 8)) == -13);
  }

  SUBCASE("just below a half rounds toward zero") {
    CHECK(round_to_hundredths_half_away_from_zero(Rational(2344999, 1000000)) == 234);
    CHECK(round_to_hundredths_half_away_from_zero(Rational(-2344999, 1000000)) == -234);
  }

  SUBCASE("thirds") {
    CHECK(round_to_hundredths_half_away_from_zero(Rational(1, 3)) == 33);
    CHECK(round_to_hundredths_half_away_from_zero(Rational(2, 3)) == 67);
    CHECK(round_to_hundredths_half_away_from_zero(Rational(-1, 3)) == -33);
    CHECK(round_to_hundredths_half_away_from_zero(Rational(-2, 3)) == -67);
  }

  SUBCASE("sevenths of weekly hours") {
    CHECK(round_to_hundredths_half_away_from_zero(Rational(30, 7)) == 429);
    CHECK(round_to_hundredths_half_away_from_zero(Rational(16, 7)) == 229);
    CHECK(round_to_hundredths_half_away_from_zero(Rational(12, 7)) == 171);
    CHECK(round_to_hundredths_half_away_from_zero(Rational(-30, 7)) == -429);
  }

  SUBCASE("tiny negative values round to zero, not minus zero") {
    CHECK(round_to_hundredths_half_away_from_zero(Rational(-4, 1000)) == 0);
    CHECK(round_to_hundredths_half_away_from_zero(Rational(4, 1000)) == 0);
  }

  SUBCASE("integers and exact hundredths are unchanged") {
    CHECK(round_to_hundredths_half_away_from_zero(Rational(0)) == 0);
    CHECK(round_to_hundredths_half_away_from_zero(Rational(5)) == 500);
    CHECK(round_to_hundredths_half_away_from_zero(Rational(-2)) == -200);
    CHECK(round_to_hundredths_half_away_from_zero(Rational(15, 2)) == 750);
    CHECK(round_to_hundredths_half_away_from_zero(Rational(-393750, 100)) == -393750);
  }

  SUBCASE("a result beyond 64 bits throws") {
    CHECK_THROWS_AS(round_to_hundredths_half_away_from_zero(Rational(k_max)), std::overflow_error);
  }
}

#include "money/rational.hpp"

#include <limits>
#include <stdexcept>

namespace money {

namespace {

// Products and sums of two int64 values need up to 127 bits; __int128 holds them exactly, so
// every operation is exact until the normalised result is checked against int64.
// __extension__ keeps -Wpedantic quiet about the non-ISO type.
__extension__ using Wide = __int128;

constexpr Wide k_int64_min = std::numeric_limits<std::int64_t>::min();
constexpr Wide k_int64_max = std::numeric_limits<std::int64_t>::max();

std::int64_t narrow(Wide v) {
  if (v < k_int64_min || v > k_int64_max) {
    throw std::overflow_error("rational number does not fit in 64 bits");
  }
  return static_cast<std::int64_t>(v);
}

// Binary GCD on 64 bits: shifts and subtractions instead of divisions.
std::uint64_t gcd64(std::uint64_t a, std::uint64_t b) {
  if (a == 0) return b;
  if (b == 0) return a;
  const int shift = __builtin_ctzll(a | b);
  a >>= __builtin_ctzll(a);
  do {
    b >>= __builtin_ctzll(b);
    if (a > b) std::swap(a, b);
    b -= a;
  } while (b != 0);
  return a << shift;
}

constexpr Wide k_uint64_max = std::numeric_limits<std::uint64_t>::max();

// std::gcd is not guaranteed to accept __int128 in strict ISO mode, hence Euclid on 128 bits
// until both fit in 64 (at once, nearly always: a week's hours and rates are small), then the
// 64-bit GCD. A week's figures call this hundreds of thousands of times in a long history.
Wide gcd_of_non_negative(Wide a, Wide b) {
  while (b != 0) {
    if (a <= k_uint64_max && b <= k_uint64_max)
      return gcd64(static_cast<std::uint64_t>(a), static_cast<std::uint64_t>(b));
    const Wide r = a % b;
    a = b;
    b = r;
  }
  return a;
}

struct Normalised {
  std::int64_t num;
  std::int64_t den;
};

// The single place that establishes the invariant (gcd == 1, den > 0), so that the defaulted
// operator== can compare members. Reducing before narrowing lets results whose unreduced
// form needs more than 64 bits still succeed.
Normalised normalise(Wide num, Wide den) {
  if (den == 0) throw std::overflow_error("rational number with a zero denominator");
  // Inputs are at most 2^127 - 1 in magnitude (a sum of two int64 products), so negating
  // them cannot overflow.
  if (den < 0) {
    num = -num;
    den = -den;
  }
  if (den == 1) return {narrow(num), 1};
  const Wide g = gcd_of_non_negative(num < 0 ? -num : num, den);
  if (g == 1) return {narrow(num), narrow(den)};
  if (num >= k_int64_min && num <= k_int64_max && den <= k_int64_max) // 64-bit division, cheaper
    return {static_cast<std::int64_t>(num) / static_cast<std::int64_t>(g),
            static_cast<std::int64_t>(den) / static_cast<std::int64_t>(g)};
  return {narrow(num / g), narrow(den / g)};
}

} // namespace

Rational::Rational(std::int64_t num, std::int64_t den) {
  const Normalised n = normalise(num, den);
  m_num = n.num;
  m_den = n.den;
}

Rational Rational::operator-() const {
  // -INT64_MIN does not fit; narrow() reports it instead of wrapping.
  return Rational(narrow(-Wide{m_num}), m_den);
}

// The operators below set the members from the reduced pair (Rational::reduced).
Rational operator+(const Rational& a, const Rational& b) {
  const Normalised n =
      normalise(Wide{a.m_num} * b.m_den + Wide{b.m_num} * a.m_den, Wide{a.m_den} * b.m_den);
  return Rational::reduced(n.num, n.den);
}

Rational operator-(const Rational& a, const Rational& b) {
  const Normalised n =
      normalise(Wide{a.m_num} * b.m_den - Wide{b.m_num} * a.m_den, Wide{a.m_den} * b.m_den);
  return Rational::reduced(n.num, n.den);
}

Rational operator*(const Rational& a, const Rational& b) {
  const Normalised n = normalise(Wide{a.m_num} * b.m_num, Wide{a.m_den} * b.m_den);
  return Rational::reduced(n.num, n.den);
}

Rational operator/(const Rational& a, const Rational& b) {
  if (b.m_num == 0) throw std::overflow_error("rational division by zero");
  const Normalised n = normalise(Wide{a.m_num} * b.m_den, Wide{a.m_den} * b.m_num);
  return Rational::reduced(n.num, n.den);
}

std::strong_ordering operator<=>(const Rational& a, const Rational& b) {
  // Denominators are positive, so cross-multiplying keeps the order; __int128 keeps it exact.
  const Wide lhs = Wide{a.m_num} * b.m_den;
  const Wide rhs = Wide{b.m_num} * a.m_den;
  if (lhs < rhs) return std::strong_ordering::less;
  if (lhs > rhs) return std::strong_ordering::greater;
  return std::strong_ordering::equal;
}

std::string Rational::to_string() const {
  if (m_den == 1) return std::to_string(m_num);
  return std::to_string(m_num) + "/" + std::to_string(m_den);
}

Rational min(const Rational& a, const Rational& b) { return b < a ? b : a; }
Rational max(const Rational& a, const Rational& b) { return a < b ? b : a; }

std::int64_t round_to_hundredths_half_away_from_zero(const Rational& x) {
  // Round |x| half up on exact integers, then restore the sign: that is "half away from
  // zero" and makes the rounding symmetric (round(-x) == -round(x)).
  const Wide magnitude = x.num() < 0 ? -Wide{x.num()} : Wide{x.num()};
  const Wide scaled = magnitude * 100;
  const Wide den = x.den();
  Wide quotient = scaled / den;
  const Wide remainder = scaled % den;
  if (2 * remainder >= den) ++quotient;
  return narrow(x.num() < 0 ? -quotient : quotient);
}

} // namespace money

#pragma once
// Exact rational numbers for intermediate hours (hours_per_week / 7, B x A_p / A, minutes / 60).
// Never binary floating point. Always normalised: gcd(num, den) == 1 and den > 0.

#include <compare>
#include <cstdint>
#include <string>

namespace money {

class Rational {
public:
  constexpr Rational() = default;
  constexpr Rational(std::int64_t integer) : m_num(integer) {} // NOLINT: an integer is a rational
  // Throws std::overflow_error on a zero denominator or when a result does not fit in 64 bits.
  Rational(std::int64_t num, std::int64_t den);

  std::int64_t num() const { return m_num; }
  std::int64_t den() const { return m_den; }
  bool is_zero() const { return m_num == 0; }
  bool is_negative() const { return m_num < 0; }

  Rational operator-() const;
  friend Rational operator+(const Rational& a, const Rational& b);
  friend Rational operator-(const Rational& a, const Rational& b);
  friend Rational operator*(const Rational& a, const Rational& b);
  friend Rational operator/(const Rational& a, const Rational& b); // throws on division by zero
  Rational& operator+=(const Rational& other) { return *this = *this + other; }
  Rational& operator-=(const Rational& other) { return *this = *this - other; }

  friend bool operator==(const Rational& a, const Rational& b) = default;
  friend std::strong_ordering operator<=>(const Rational& a, const Rational& b);

  std::string to_string() const; // "7/2", "5" -- for tests and diagnostics only

private:
  // From a pair already reduced (gcd 1, den > 0): what the operators compute.
  static Rational reduced(std::int64_t num, std::int64_t den) {
    Rational r;
    r.m_num = num;
    r.m_den = den;
    return r;
  }
  std::int64_t m_num = 0;
  std::int64_t m_den = 1;
};

Rational min(const Rational& a, const Rational& b);
Rational max(const Rational& a, const Rational& b);

// The one rounding function: x rounded to hundredths, half away from zero, as a count of
// hundredths (2.345 -> 235, -2.345 -> -235, 1/3 -> 33).
std::int64_t round_to_hundredths_half_away_from_zero(const Rational& x);

} // namespace money

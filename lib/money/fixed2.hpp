#pragma once
// Exact two-decimal quantities: money in øre, rounded hours in hundredths, percentages.
// The tag keeps them apart: Money + Hours does not compile.

#include "money/rational.hpp"

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace money {

// Parses a plain decimal with at most `max_decimals` (<= 2) decimals: optional sign, digits,
// optional '.' and digits (TOML's '_' between digits allowed). No exponent, no inf/nan.
// Returns hundredths, or nullopt when the text is not such a number or does not fit.
std::optional<std::int64_t> parse_hundredths(std::string_view text);

// "3937.50", "-2.00", "0.00" (never "-0.00")
std::string format_hundredths(std::int64_t hundredths);
// Danish: "3.937,50", "-2,00"
std::string format_hundredths_danish(std::int64_t hundredths);

template <class Tag>
class Fixed2 {
public:
  constexpr Fixed2() = default;
  static constexpr Fixed2 from_hundredths(std::int64_t h) { return Fixed2(h); }
  static constexpr Fixed2 from_units(std::int64_t u) { return Fixed2(u * 100); }
  static std::optional<Fixed2> parse(std::string_view text) {
    auto h = parse_hundredths(text);
    if (!h) return std::nullopt;
    return Fixed2(*h);
  }
  // Rounded half away from zero to hundredths.
  static Fixed2 round(const Rational& exact) {
    return Fixed2(round_to_hundredths_half_away_from_zero(exact));
  }

  constexpr std::int64_t hundredths() const { return m_hundredths; }
  Rational exact() const { return Rational(m_hundredths, 100); }
  constexpr bool is_zero() const { return m_hundredths == 0; }
  constexpr bool is_negative() const { return m_hundredths < 0; }

  constexpr Fixed2 operator-() const { return Fixed2(-m_hundredths); }
  friend constexpr Fixed2 operator+(Fixed2 a, Fixed2 b) { return Fixed2(a.m_hundredths + b.m_hundredths); }
  friend constexpr Fixed2 operator-(Fixed2 a, Fixed2 b) { return Fixed2(a.m_hundredths - b.m_hundredths); }
  constexpr Fixed2& operator+=(Fixed2 o) { m_hundredths += o.m_hundredths; return *this; }
  constexpr Fixed2& operator-=(Fixed2 o) { m_hundredths -= o.m_hundredths; return *this; }
  constexpr auto operator<=>(const Fixed2&) const = default;

  std::string to_string() const { return format_hundredths(m_hundredths); }
  std::string to_danish() const { return format_hundredths_danish(m_hundredths); }

private:
  constexpr explicit Fixed2(std::int64_t h) : m_hundredths(h) {}
  std::int64_t m_hundredths = 0;
};

struct MoneyTag {};
struct HoursTag {};
struct PercentTag {};

using Money = Fixed2<MoneyTag>;     // DKK with øre
using Hours = Fixed2<HoursTag>;     // hours with two decimals (a line's rounded hours)
using Percent = Fixed2<PercentTag>; // a VAT rate such as 25.00

// A line's amount: its rounded hours x rate, rounded to øre half away from zero.
Money line_amount(Hours hours, Money rate);
// VAT of a document's net: net x percent / 100, rounded to øre half away from zero.
Money vat_amount(Money net, Percent percent);

} // namespace money

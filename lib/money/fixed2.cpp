#include "money/fixed2.hpp"

#include <fmt/format.h>

#include <limits>

namespace money {

namespace {

constexpr std::int64_t k_int64_max = std::numeric_limits<std::int64_t>::max();

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads digits with TOML's '_' allowed only between two digits, appending them to `value`.
// Returns the number of digits read, or nullopt on a misplaced '_' or on overflow.
std::optional<int> read_digits(std::string_view text, std::size_t& pos, std::int64_t& value) {
  int count = 0;
  while (pos < text.size()) {
    const char c = text[pos];
    if (c == '_') {
      const bool between_digits = count > 0 && pos + 1 < text.size() && is_digit(text[pos + 1]);
      if (!between_digits) return std::nullopt;
      ++pos;
      continue;
    }
    if (!is_digit(c)) break;
    const int digit = c - '0';
    if (value > (k_int64_max - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
    ++count;
    ++pos;
  }
  return count;
}

// Magnitude as unsigned so that INT64_MIN formats without overflow.
std::uint64_t magnitude(std::int64_t v) {
  return v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
}

} // namespace

std::optional<std::int64_t> parse_hundredths(std::string_view text) {
  std::size_t pos = 0;
  bool negative = false;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    negative = text[pos] == '-';
    ++pos;
  }

  std::int64_t units = 0;
  const auto unit_digits = read_digits(text, pos, units);
  // A leading digit is required: ".5" is not a number here (nor in TOML).
  if (!unit_digits || *unit_digits == 0) return std::nullopt;

  std::int64_t fraction = 0;
  int fraction_digits = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    const auto digits = read_digits(text, pos, fraction);
    // "5." has no decimals; "1.234" has more than money or hours may carry.
    if (!digits || *digits == 0 || *digits > 2) return std::nullopt;
    fraction_digits = *digits;
  }
  // Anything left over (an exponent, a comma, a space, "inf") makes the text no number.
  if (pos != text.size()) return std::nullopt;

  if (fraction_digits == 1) fraction *= 10;
  if (units > (k_int64_max - fraction) / 100) return std::nullopt;
  // The range is symmetric (INT64_MIN is rejected) so that negating a parsed value is safe.
  const std::int64_t hundredths = units * 100 + fraction;
  return negative ? -hundredths : hundredths;
}

std::string format_hundredths(std::int64_t hundredths) {
  const std::uint64_t m = magnitude(hundredths);
  // hundredths < 0 is false for zero, so "-0.00" cannot occur.
  return fmt::format("{}{}.{:02}", hundredths < 0 ? "-" : "", m / 100, m % 100);
}

std::string format_hundredths_danish(std::int64_t hundredths) {
  const std::uint64_t m = magnitude(hundredths);
  const std::string units = std::to_string(m / 100);
  std::string grouped;
  grouped.reserve(units.size() + units.size() / 3);
  for (std::size_t i = 0; i < units.size(); ++i) {
    // A '.' before every digit whose count of following digits is a positive multiple of 3.
    if (i > 0 && (units.size() - i) % 3 == 0) grouped += '.';
    grouped += units[i];
  }
  return fmt::format("{}{},{:02}", hundredths < 0 ? "-" : "", grouped, m % 100);
}

// Both go through Rational and the one rounding function rather than ad-hoc integer division,
// so there is exactly one place where a rounding mode is decided.
Money line_amount(Hours hours, Money rate) { return Money::round(hours.exact() * rate.exact()); }

Money vat_amount(Money net, Percent percent) {
  return Money::round(net.exact() * percent.exact() / Rational(100));
}

} // namespace money

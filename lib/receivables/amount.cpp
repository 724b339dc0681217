#include "receivables/amount.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace receivables {
namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "1.234.567" with '.' as the group mark: 1-3 digits, then groups of exactly 3.
std::optional<std::string> ungroup(std::string_view s, char group) {
  if (s.find(group) == std::string_view::npos) return all_digits(s) ? std::optional<std::string>(s) : std::nullopt;
  std::string digits;
  std::size_t start = 0;
  bool first = true;
  while (true) {
    const std::size_t end = s.find(group, start);
    const std::string_view part = s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!all_digits(part) || (first ? part.size() > 3 : part.size() != 3)) return std::nullopt;
    digits += part;
    first = false;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return digits;
}

ParsedAmount fail(std::string error) { return {std::nullopt, std::move(error)}; }

} // namespace

ParsedAmount parse_amount(std::string_view text, AmountStyle style) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  const std::string shown(text);
  bool negative = false;
  if (text.starts_with("\xE2\x88\x92")) { // U+2212 MINUS SIGN
    negative = true;
    text.remove_prefix(3);
  } else if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  const std::string not_an_amount = fmt::format("\"{}\" is not an amount (write it as 1234.50 or 1.234,50)", shown);
  if (text.empty() || text.find_first_not_of("0123456789.,") != std::string_view::npos) return fail(not_an_amount);

  const std::size_t last_dot = text.rfind('.');
  const std::size_t last_comma = text.rfind(',');
  const bool dots = last_dot != std::string_view::npos;
  const bool commas = last_comma != std::string_view::npos;
  char decimal = 0; // none
  char group = 0;
  switch (style) {
  case AmountStyle::decimal_comma: decimal = ','; group = '.'; break;
  case AmountStyle::decimal_point: decimal = '.'; group = ','; break;
  case AmountStyle::either:
    if (dots && commas) {
      decimal = last_dot > last_comma ? '.' : ',';
      group = decimal == '.' ? ',' : '.';
    } else if (commas) {
      decimal = ',';
      group = '.';
    } else if (dots && text.find('.') != last_dot) {
      group = '.'; // "1.234.567": grouped thousands, no decimals
    } else if (dots) {
      const std::string_view before = text.substr(0, last_dot);
      const std::string_view after = text.substr(last_dot + 1);
      if (after.size() == 3 && all_digits(after) && all_digits(before) && before.size() <= 3 && before != "0")
        return fail(fmt::format("the amount \"{}\" is ambiguous: write {}{} or {},00 for kroner, or use at most two "
                                "decimals",
                                shown, before, after, shown));
      decimal = '.';
    }
    break;
  }
  std::string_view whole = text;
  std::string_view fraction;
  bool has_mark = false;
  if (decimal != 0) {
    const std::size_t at = text.find(decimal);
    if (at != std::string_view::npos) {
      if (text.find(decimal, at + 1) != std::string_view::npos) return fail(not_an_amount);
      whole = text.substr(0, at);
      fraction = text.substr(at + 1);
      has_mark = true;
    }
  }
  if (has_mark && !all_digits(fraction)) return fail(not_an_amount);
  std::optional<std::string> digits = group != 0 ? ungroup(whole, group) : (all_digits(whole) ? std::optional<std::string>(whole) : std::nullopt);
  if (!digits) return fail(not_an_amount);
  if (fraction.size() > 2) return fail(fmt::format("the amount \"{}\" has more than two decimals", shown));
  if (digits->size() > 13) return fail(fmt::format("the amount \"{}\" is too large", shown));
  std::int64_t hundredths = 0;
  for (char c : *digits) hundredths = hundredths * 10 + (c - '0');
  std::string cents(fraction);
  while (cents.size() < 2) cents += '0';
  hundredths = hundredths * 100 + (cents[0] - '0') * 10 + (cents[1] - '0');
  return {money::Money::from_hundredths(negative ? -hundredths : hundredths), {}};
}

} // namespace receivables

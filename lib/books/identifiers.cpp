#include "books/identifiers.hpp"

#include <array>

namespace books {
namespace {

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int digit(char c) { return c - '0'; }

// DDMMYY with a real day of a real month; the year is any of 00..99.
bool is_ddmmyy(std::string_view s) {
  const int day = digit(s[0]) * 10 + digit(s[1]);
  const int month = digit(s[2]) * 10 + digit(s[3]);
  static constexpr std::array<int, 12> k_days{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month >= 1 && month <= 12 && day >= 1 && day <= k_days[static_cast<std::size_t>(month - 1)];
}

} // namespace

bool is_valid_cvr(std::string_view cvr) {
  if (cvr.size() != 8 || !all_digits(cvr) || cvr[0] == '0') return false;
  static constexpr std::array<int, 8> k_weights{2, 7, 6, 5, 4, 3, 2, 1};
  int sum = 0;
  for (std::size_t i = 0; i < 8; ++i) sum += digit(cvr[i]) * k_weights[i];
  return sum % 11 == 0;
}

bool is_valid_gln(std::string_view gln) {
  if (gln.size() != 13 || !all_digits(gln)) return false;
  int sum = 0;
  // Weights 3,1,3,1,... from the rightmost data digit (position 12) leftwards.
  for (std::size_t i = 0; i < 12; ++i) sum += digit(gln[11 - i]) * (i % 2 == 0 ? 3 : 1);
  return (10 - sum % 10) % 10 == digit(gln[12]);
}

bool is_valid_contract_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  auto alnum = [](char c) {
    return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  };
  if (!alnum(id[0])) return false;
  for (char c : id)
    if (!alnum(c) && c != '.' && c != '_' && c != '-') return false;
  return true;
}

std::optional<std::size_t> find_cpr_like(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_digit(text[i])) {
      ++i;
      continue;
    }
    std::size_t run_end = i;
    while (run_end < text.size() && is_digit(text[run_end])) ++run_end;
    const std::size_t run = run_end - i;
    if (run == 10 && is_ddmmyy(text.substr(i, 6))) return i;
    if (run == 6 && run_end + 5 <= text.size() && text[run_end] == '-' &&
        all_digits(text.substr(run_end + 1, 4)) &&
        (run_end + 5 == text.size() || !is_digit(text[run_end + 5])) && is_ddmmyy(text.substr(i, 6)))
      return i;
    i = run_end;
  }
  return std::nullopt;
}

} // namespace books

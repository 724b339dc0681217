#include "books/identifiers.hpp"

#include <fmt/format.h>

#include <array>
#include <stdexcept>

namespace books {
namespace {

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int digit(char c) { return c - '0'; }

bool is_real_day(int day, int month, bool leap) {
  static constexpr std::array<int, 12> k_days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= k_days[static_cast<std::size_t>(month - 1)] + (month == 2 && leap ? 1 : 0);
}

int two_digits(std::string_view s, std::size_t at) { return digit(s[at]) * 10 + digit(s[at + 1]); }

// DDMMYY with a real day of a real month; the year is any of 00..99, so 29 February is allowed.
bool is_ddmmyy(std::string_view s) { return is_real_day(two_digits(s, 0), two_digits(s, 2), true); }

// DDMMYYYY: the whole date must exist.
bool is_ddmmyyyy(std::string_view s) {
  const int year = two_digits(s, 4) * 100 + two_digits(s, 6);
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return is_real_day(two_digits(s, 0), two_digits(s, 2), leap);
}

// The length of the run of digits starting at `at` (0 past the end).
std::size_t digits_at(std::string_view s, std::size_t at) {
  std::size_t end = at;
  while (end < s.size() && is_digit(s[end])) ++end;
  return end - at;
}

bool char_at(std::string_view s, std::size_t at, char c) { return at < s.size() && s[at] == c; }

// Whether the digit run starting at `i` (not preceded by a digit) begins one of the CPR shapes
// of SPEC 5: a run of ten digits, DDMMYY followed by '-', ' ' or '/' and four digits,
// DD.MM.YY-XXXX or DD.MM.YYYY-XXXX; each ends where a run of digits ends.
bool cpr_shape_at(std::string_view s, std::size_t i) {
  const std::size_t run = digits_at(s, i);
  if (run == 10) return is_ddmmyy(s.substr(i, 6));
  if (run == 6) {
    const bool separated = char_at(s, i + 6, '-') || char_at(s, i + 6, ' ') || char_at(s, i + 6, '/');
    return separated && digits_at(s, i + 7) == 4 && is_ddmmyy(s.substr(i, 6));
  }
  if (run != 2 || !char_at(s, i + 2, '.') || digits_at(s, i + 3) != 2 || !char_at(s, i + 5, '.')) return false;
  const std::size_t year = digits_at(s, i + 6);
  if ((year != 2 && year != 4) || !char_at(s, i + 6 + year, '-') || digits_at(s, i + 7 + year) != 4) return false;
  std::array<char, 8> date{};
  s.copy(date.data(), 2, i);
  s.copy(date.data() + 2, 2, i + 3);
  s.copy(date.data() + 4, year, i + 6);
  const std::string_view digits(date.data(), 4 + year);
  return year == 2 ? is_ddmmyy(digits) : is_ddmmyyyy(digits);
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

std::string fik71_payment_id(std::int64_t number) {
  if (number < 0 || number > 99'999'999'999'999)
    throw std::out_of_range("an FIK 71 payment id holds a document number of at most 14 digits");
  std::string id = fmt::format("{:014}", number);
  // Luhn: weights 2,1,2,1,... from the rightmost digit; a product over 9 has 9 subtracted.
  int sum = 0;
  for (std::size_t i = 0; i < id.size(); ++i) {
    int product = digit(id[id.size() - 1 - i]) * (i % 2 == 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  id += static_cast<char>('0' + (10 - sum % 10) % 10);
  return id;
}

bool is_valid_fik_creditor(std::string_view creditor) { return creditor.size() == 8 && all_digits(creditor); }

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
    if (cpr_shape_at(text, i)) return i;
    i += digits_at(text, i);
  }
  return std::nullopt;
}

std::optional<std::string> normalise_iban(std::string_view text) {
  std::string iban;
  for (const char c : text) {
    if (c == ' ') continue;
    if (c >= 'a' && c <= 'z') iban += static_cast<char>(c - 'a' + 'A');
    else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) iban += c;
    else return std::nullopt;
  }
  auto letter = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (iban.size() < 15 || iban.size() > 34 || !letter(iban[0]) || !letter(iban[1]) || !digit(iban[2]) || !digit(iban[3]))
    return std::nullopt;
  // ISO 7064 MOD 97-10: the first four characters moved to the end, letters as 10..35.
  int remainder = 0;
  for (std::size_t i = 0; i < iban.size(); ++i) {
    const char c = iban[(i + 4) % iban.size()];
    remainder = digit(c) ? (remainder * 10 + (c - '0')) % 97 : (remainder * 100 + (c - 'A' + 10)) % 97;
  }
  if (remainder != 1) return std::nullopt;
  return iban;
}

bool is_mail_address(std::string_view address) {
  const auto at = address.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= address.size() || address.size() > 254) return false;
  if (address.find('@', at + 1) != std::string_view::npos) return false;
  for (const char c : address)
    if (c <= ' ' || c >= 127 || std::string_view("<>()[]\\,;:\"").find(c) != std::string_view::npos) return false;
  const std::string_view domain = address.substr(at + 1);
  if (domain.front() == '.' || domain.back() == '.' || domain.find("..") != std::string_view::npos) return false;
  return domain.find('.') != std::string_view::npos || domain == "localhost";
}

} // namespace books

#include "calendar/payment_terms.hpp"

#include "calendar/rule_text.hpp"

#include <array>
#include <vector>

namespace calendar {

namespace {

using detail::is_symbol;
using detail::is_word;
using detail::Token;

// One language per rule, as for notice rules: "løbende måned + 30 days" is rejected.
struct Spelling {
  std::string_view current;
  std::string_view month;
  std::array<std::string_view, 2> day_units;
  std::string_view net; // "netto 30 dage", "30 dage netto": the plain N days
};

constexpr std::array<Spelling, 2> k_spellings{{
    {"løbende", "måned", {"dage", "dag"}, "netto"},
    {"current", "month", {"days", "day"}, "net"},
}};

bool is_day_unit(const Token& token, const Spelling& spelling) {
  for (const auto unit : spelling.day_units) {
    if (is_word(token, unit)) {
      return true;
    }
  }
  return false;
}

struct Parsed {
  bool from_month_end;
  int days;
};

// "N dage" / "N days", also "netto N dage" and "N dage netto" (and "net" in English).
std::optional<Parsed> parse_plain(const std::vector<Token>& tokens) {
  for (const auto& spelling : k_spellings) {
    std::size_t first = 0;
    std::size_t size = tokens.size();
    if (size == 3 && is_word(tokens[0], spelling.net)) {
      first = 1;
      size = 2;
    } else if (size == 3 && is_word(tokens[2], spelling.net)) {
      size = 2;
    }
    if (size != 2) {
      continue;
    }
    const auto count = detail::rule_count(tokens[first]);
    if (count && is_day_unit(tokens[first + 1], spelling)) {
      return Parsed{false, *count};
    }
  }
  return std::nullopt;
}

// "løbende måned + N dage" / "current month + N days".
std::optional<Parsed> parse_month_end(const std::vector<Token>& tokens) {
  if (tokens.size() != 5 || !is_symbol(tokens[2], '+')) {
    return std::nullopt;
  }
  const auto count = detail::rule_count(tokens[3]);
  if (!count) {
    return std::nullopt;
  }
  for (const auto& spelling : k_spellings) {
    if (is_word(tokens[0], spelling.current) && is_word(tokens[1], spelling.month) &&
        is_day_unit(tokens[4], spelling)) {
      return Parsed{true, *count};
    }
  }
  return std::nullopt;
}

} // namespace

std::optional<PaymentTerms> PaymentTerms::parse(std::string_view text) {
  const auto tokens = detail::tokenize_rule(text);
  auto parsed = parse_plain(tokens);
  if (!parsed) {
    parsed = parse_month_end(tokens);
  }
  if (!parsed) {
    return std::nullopt;
  }
  PaymentTerms terms;
  terms.m_from_month_end = parsed->from_month_end;
  terms.m_days = parsed->days;
  terms.m_text = std::string(text);
  return terms;
}

Date PaymentTerms::due_date(Date issue) const {
  const Date start = m_from_month_end ? Month::of(issue).last_day() : issue;
  return start + m_days;
}

} // namespace calendar

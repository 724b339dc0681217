#include "calendar/notice.hpp"

#include "calendar/rule_text.hpp"

#include <array>
#include <vector>

namespace calendar {

namespace {

using detail::is_symbol;
using detail::is_word;
using detail::Token;

// A rule's words in one language. Mixing ("løbende month + 1") is rejected: no one writes
// that on purpose, and a typo should not silently parse.
struct Spelling {
  std::string_view current; // "løbende" / "current"
  std::string_view month;
  std::string_view week;
  std::string_view none;
  std::array<std::string_view, 2> month_units; // may follow N in "løbende måned + N måned"
  std::array<std::string_view, 2> week_units;
};

constexpr std::array<Spelling, 2> k_spellings{{
    {"løbende", "måned", "uge", "ingen", {"måned", "måneder"}, {"uge", "uger"}},
    {"current", "month", "week", "none", {"month", "months"}, {"week", "weeks"}},
}};

bool is_one_of(const Token& token, const std::array<std::string_view, 2>& words) {
  return is_word(token, words[0]) || is_word(token, words[1]);
}

struct UnitWord {
  std::string_view word;
  NoticeRule::Kind kind;
};

// Singular and plural in both languages; "1 dage" and "2 day" are accepted too, since
// the number already says how many.
constexpr std::array<UnitWord, 12> k_units{{
    {"dage", NoticeRule::Kind::days},
    {"dag", NoticeRule::Kind::days},
    {"days", NoticeRule::Kind::days},
    {"day", NoticeRule::Kind::days},
    {"uger", NoticeRule::Kind::weeks},
    {"uge", NoticeRule::Kind::weeks},
    {"weeks", NoticeRule::Kind::weeks},
    {"week", NoticeRule::Kind::weeks},
    {"måneder", NoticeRule::Kind::months},
    {"måned", NoticeRule::Kind::months},
    {"months", NoticeRule::Kind::months},
    {"month", NoticeRule::Kind::months},
}};

struct Parsed {
  NoticeRule::Kind kind;
  int count;
};

// "løbende måned + N" / "løbende uge + N" and their English twins, optionally with the unit
// after N ("løbende måned plus én måned": tokenize_rule has read "plus" and "én").
std::optional<Parsed> parse_current_plus(const std::vector<Token>& tokens) {
  if ((tokens.size() != 4 && tokens.size() != 5) || !is_symbol(tokens[2], '+')) {
    return std::nullopt;
  }
  const auto count = detail::rule_count(tokens[3]);
  if (!count) {
    return std::nullopt;
  }
  const Token* unit = tokens.size() == 5 ? &tokens[4] : nullptr;
  for (const auto& spelling : k_spellings) {
    if (!is_word(tokens[0], spelling.current)) {
      continue;
    }
    if (is_word(tokens[1], spelling.month) && (!unit || is_one_of(*unit, spelling.month_units))) {
      return Parsed{NoticeRule::Kind::current_month_plus, *count};
    }
    if (is_word(tokens[1], spelling.week) && (!unit || is_one_of(*unit, spelling.week_units))) {
      return Parsed{NoticeRule::Kind::current_week_plus, *count};
    }
  }
  return std::nullopt;
}

// "N dage", "N uger", "N måneder" and their English twins.
std::optional<Parsed> parse_count_unit(const std::vector<Token>& tokens) {
  if (tokens.size() != 2) {
    return std::nullopt;
  }
  const auto count = detail::rule_count(tokens[0]);
  if (!count) {
    return std::nullopt;
  }
  for (const auto& unit : k_units) {
    if (is_word(tokens[1], unit.word)) {
      return Parsed{unit.kind, *count};
    }
  }
  return std::nullopt;
}

std::optional<Parsed> parse_none(const std::vector<Token>& tokens) {
  if (tokens.size() != 1) {
    return std::nullopt;
  }
  for (const auto& spelling : k_spellings) {
    if (is_word(tokens[0], spelling.none)) {
      return Parsed{NoticeRule::Kind::none, 0};
    }
  }
  return std::nullopt;
}

// Upper bound on end_for(g) - g for a rule with count n: "current month + n" reaches at
// most the end of the month after n more months, each at most 31 days; every other form
// is shorter. Used to bound the search in latest_given_for.
int max_span_days(int n) { return 31 * (n + 1) + 7; }

} // namespace

std::optional<NoticeRule> NoticeRule::parse(std::string_view text) {
  const auto tokens = detail::tokenize_rule(text);
  auto parsed = parse_current_plus(tokens);
  if (!parsed) {
    parsed = parse_count_unit(tokens);
  }
  if (!parsed) {
    parsed = parse_none(tokens);
  }
  if (!parsed) {
    return std::nullopt;
  }
  NoticeRule rule;
  rule.m_kind = parsed->kind;
  rule.m_count = parsed->count;
  rule.m_text = std::string(text);
  return rule;
}

Date NoticeRule::end_for(Date given) const {
  switch (m_kind) {
  case Kind::current_month_plus:
    return (Month::of(given) + m_count).last_day();
  case Kind::current_week_plus:
    return IsoWeek::of(given).sunday() + 7 * m_count;
  case Kind::days:
    return given + m_count;
  case Kind::weeks:
    return given + 7 * m_count;
  case Kind::months:
    return add_months(given, m_count);
  case Kind::none:
    return given;
  }
  return given; // unreachable: every Kind is handled above
}

Date NoticeRule::latest_given_for(Date end) const {
  // end_for is non-decreasing in g and never earlier than g, so the answer lies in
  // [end - max span, end]; binary search for the last g with end_for(g) <= end.
  // Invariant: end_for(low) <= end < end_for(high).
  Date low = end - max_span_days(m_count);
  Date high = end + 1;
  while (high - low > 1) {
    const Date mid = low + (high - low) / 2;
    if (end_for(mid) <= end) {
      low = mid;
    } else {
      high = mid;
    }
  }
  return low;
}

} // namespace calendar

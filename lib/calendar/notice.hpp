#pragma once
// Notice rules (§13, SPEC 6.1): when does a course end if notice is given on day g?

#include "calendar/date.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace calendar {

inline constexpr std::string_view k_default_notice_rule = "løbende måned + 1";

class NoticeRule {
public:
  enum class Kind {
    current_month_plus, // "løbende måned + N" / "current month + N"
    current_week_plus,  // "løbende uge + N" / "current week + N"
    days,               // "N dage" / "N days" (also dag, day)
    weeks,              // "N uger" / "N weeks" (also uge, week)
    months,             // "N måneder" / "N months" (also måned, month)
    none,               // "ingen" / "none"
  };

  // Whitespace and case are free; N is a whole number 0..120 or a Danish number word up to
  // "tolv"; "plus" is '+', "lb. md." is "løbende måned", and the unit may follow N in the
  // current-month and current-week forms ("løbende måned plus én måned"). nullopt if it does
  // not parse.
  static std::optional<NoticeRule> parse(std::string_view text);

  Kind kind() const { return m_kind; }
  int count() const { return m_count; }
  const std::string& text() const { return m_text; } // exactly as given

  // The last day of the course for notice given on `given`.
  Date end_for(Date given) const;
  // The last day on which notice can be given so that the course ends on or before `end`.
  Date latest_given_for(Date end) const;

private:
  Kind m_kind = Kind::none;
  int m_count = 0;
  std::string m_text;
};

} // namespace calendar

#pragma once
// Payment terms (SPEC 2.9): the due date of a document issued on a given day.

#include "calendar/date.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace calendar {

inline constexpr std::string_view k_default_payment_terms = "30 dage";

class PaymentTerms {
public:
  // "N dage" / "N days" -> issue + N days; "løbende måned + N dage" / "current month + N days"
  // -> last day of the issue month + N days; "netto N dage" / "N dage netto" (and "net") are
  // "N dage". Whitespace and case free, N 0..120 (also "dag"/"day"), and the words of
  // detail::tokenize_rule ("plus", Danish number words, "lb. md.").
  static std::optional<PaymentTerms> parse(std::string_view text);

  bool from_month_end() const { return m_from_month_end; }
  int days() const { return m_days; }
  const std::string& text() const { return m_text; }

  Date due_date(Date issue) const;

private:
  bool m_from_month_end = false;
  int m_days = 30;
  std::string m_text;
};

} // namespace calendar

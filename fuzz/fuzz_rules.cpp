// The notice-rule (SPEC 6.1) and payment-terms (2.9) grammars on any text, and the dates they
// compute. The first 4 bytes choose a day in 1900..9999, the rest is the rule.
// Invariants: a parsed rule keeps its text and a count 0..120; end_for(g) >= g;
// latest_given_for(e) is the last g with end_for(g) <= e; a due date is not before the issue.
#include "calendar/notice.hpp"
#include "calendar/payment_terms.hpp"
#include "fuzz_common.hpp"

namespace {

calendar::Date day_from(const std::uint8_t* data) {
  const std::uint32_t raw = static_cast<std::uint32_t>(data[0]) | static_cast<std::uint32_t>(data[1]) << 8 |
                            static_cast<std::uint32_t>(data[2]) << 16 | static_cast<std::uint32_t>(data[3]) << 24;
  const calendar::Date first = *calendar::Date::from_ymd(1900, 1, 1);
  const calendar::Date last = *calendar::Date::from_ymd(9999, 12, 31);
  return first + static_cast<int>(raw % static_cast<std::uint32_t>(last - first + 1));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 4) return 0;
  const calendar::Date day = day_from(data);
  const std::string text = fuzz::text_of(data + 4, size - 4);

  if (auto rule = calendar::NoticeRule::parse(text)) {
    fuzz::require(rule->text() == text, "a notice rule keeps its text");
    fuzz::require(rule->count() >= 0 && rule->count() <= 120, "N is 0..120");
    const calendar::Date end = rule->end_for(day);
    fuzz::require(!(end < day), "end_for(g) >= g");
    fuzz::require(!(rule->end_for(day + 1) < end), "end_for is non-decreasing");
    const calendar::Date latest = rule->latest_given_for(day);
    fuzz::require(rule->end_for(latest) <= day, "end_for(latest_given_for(e)) <= e");
    fuzz::require(day < rule->end_for(latest + 1), "latest_given_for(e) is the last such day");
    (void)end.to_string();
  }
  if (auto terms = calendar::PaymentTerms::parse(text)) {
    fuzz::require(terms->text() == text, "payment terms keep their text");
    fuzz::require(terms->days() >= 0 && terms->days() <= 120, "N is 0..120");
    fuzz::require(!(terms->due_date(day) < day), "a due date is not before the issue date");
  }
  return 0;
}

// The strict parsers of dates, months, ISO weeks and two-decimal numbers on any text, with
// round trips: whatever parses prints back as exactly the same text (numbers: the same value).
#include "calendar/date.hpp"
#include "money/fixed2.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = fuzz::text_of(data, size);

  if (auto d = calendar::parse_date(text)) {
    fuzz::require(d->to_string() == text, "a date prints as it was written");
    const calendar::Month m = calendar::Month::of(*d);
    fuzz::require(m.first_day() <= *d && *d <= m.last_day(), "a date lies in its month");
    const calendar::IsoWeek w = calendar::IsoWeek::of(*d);
    fuzz::require(w.monday() <= *d && *d <= w.sunday(), "a date lies in its ISO week");
    fuzz::require(d->iso_weekday() == static_cast<unsigned>(*d - w.monday()) + 1, "the weekday matches the week");
    fuzz::require(calendar::IsoWeek::of(w.sunday() + 1) == w.next(), "the next week follows Sunday");
    for (int months : {-13, -1, 1, 3, 6, 120}) {
      const calendar::Date moved = calendar::add_months(*d, months);
      fuzz::require(calendar::Month::of(moved) == m + months, "add_months lands in the target month");
    }
  }
  if (auto m = calendar::parse_month(text)) {
    fuzz::require(m->to_string() == text, "a month prints as it was written");
    fuzz::require(calendar::Month::of(m->first_day()) == *m && calendar::Month::of(m->last_day()) == *m,
                  "a month's first and last day lie in it");
    fuzz::require((*m + 1) - 1 == *m, "month arithmetic round-trips");
  }
  if (auto w = calendar::parse_iso_week(text)) {
    fuzz::require(w->to_string() == text, "a week prints as it was written");
    fuzz::require(calendar::IsoWeek::of(w->monday()) == *w && calendar::IsoWeek::of(w->sunday()) == *w,
                  "a week's Monday and Sunday lie in it");
    fuzz::require(w->monday().iso_weekday() == 1, "a week starts on a Monday");
  }
  if (auto h = money::parse_hundredths(text)) {
    const std::string printed = money::format_hundredths(*h);
    fuzz::require(money::parse_hundredths(printed) == h, "a number prints to text that parses to it");
    fuzz::require(money::round_to_hundredths_half_away_from_zero(money::Rational(*h, 100)) == *h,
                  "rounding a two-decimal number keeps it");
    (void)money::format_hundredths_danish(*h);
    fuzz::require(money::Money::parse(text) == money::Money::from_hundredths(*h), "Money::parse agrees");
  }
  return 0;
}

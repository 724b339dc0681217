#pragma once
// Morarente (renteloven § 5, SPEC 9.4): the interest a reminder charges on the own amount open of
// an invoice. The one place that knows the rule: reference rate + 8 percentage points a year, per
// day / 365 (also in a leap year), the reference rate of a day being the entry of its half-year,
// summed exactly and rounded once.

#include "calendar/date.hpp"
#include "money/fixed2.hpp"
#include "money/rational.hpp"

#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace receivables {

// Percentage points added to the reference rate (renteloven § 5, stk. 1).
inline constexpr std::int64_t k_interest_margin_hundredths = 8'00;

// The own amount open at the end of each day, as steps ascending by date: from a step's date on
// (inclusive) the own amount open is its amount, until the next step; nothing is open before the
// first step (Ledger::own_open_steps).
using OwnOpenSteps = std::vector<std::pair<calendar::Date, money::Money>>;
// [reminders] reference_rates: percent per half-year, keyed by its first day.
using ReferenceRates = std::map<calendar::Date, money::Percent>;

// The days of one reference rate within an interest period.
struct InterestLine {
  calendar::Date from, to;        // inclusive
  int days = 0;
  money::Percent reference_rate;  // Nationalbanken's rate for the half-year
  money::Percent rate;            // the interest rate charged: reference_rate + 8
  money::Rational exact;          // the interest of these days, exactly (kroner)
  money::Money interest;          // rounded, as printed on the line
};

struct Interest {
  std::vector<InterestLine> lines; // one per half-year of the period, ascending
  money::Money total;              // the exact sum of the lines, rounded once
};

// The reference rate in force on `day`: the entry of its half-year; nullopt when there is none.
std::optional<money::Percent> reference_rate_on(const ReferenceRates& rates, calendar::Date day);

// The interest of the days first..last (inclusive) on the own amount open by `steps`. An empty
// period (last < first) has no lines and 0.00. A negative own amount open (overpaid) bears no
// interest. A day without a reference rate throws diag::Error (data) naming its half-year.
Interest interest(const OwnOpenSteps& steps, calendar::Date first, calendar::Date last, const ReferenceRates& rates);

} // namespace receivables

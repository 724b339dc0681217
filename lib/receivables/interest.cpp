#include "receivables/interest.hpp"

#include "diag/diagnostic.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace receivables {
namespace {

// Interest in kroner = Σ øre × (rate in hundredths of a percent) / (100 øre × 100 × 100 % × 365).
constexpr std::int64_t k_denominator = 100LL * 100 * 100 * 365;

std::int64_t checked_add(std::int64_t a, std::int64_t b) {
  std::int64_t out = 0;
  if (__builtin_add_overflow(a, b, &out))
    throw diag::Error(diag::ErrorKind::data, "the interest of this invoice is too large to compute");
  return out;
}

std::int64_t checked_mul(std::int64_t a, std::int64_t b) {
  std::int64_t out = 0;
  if (__builtin_mul_overflow(a, b, &out))
    throw diag::Error(diag::ErrorKind::data, "the interest of this invoice is too large to compute");
  return out;
}

// The own amount open at the end of `day`, in øre (0 before the first step, never below 0).
std::int64_t open_on(const OwnOpenSteps& steps, calendar::Date day) {
  auto after = std::upper_bound(steps.begin(), steps.end(), day,
                                [](calendar::Date d, const auto& step) { return d < step.first; });
  if (after == steps.begin()) return 0;
  return std::max<std::int64_t>(0, std::prev(after)->second.hundredths());
}

// Σ over from..to of the own amount open at the end of each day, in øre-days.
std::int64_t oere_days(const OwnOpenSteps& steps, calendar::Date from, calendar::Date to) {
  std::int64_t sum = 0;
  calendar::Date day = from;
  while (day <= to) {
    // The amount holds until the next step after `day` (or to the end of the span).
    auto next = std::upper_bound(steps.begin(), steps.end(), day,
                                 [](calendar::Date d, const auto& step) { return d < step.first; });
    const calendar::Date until = next == steps.end() ? to : std::min(to, next->first - 1);
    sum = checked_add(sum, checked_mul(open_on(steps, day), until - day + 1));
    day = until + 1;
  }
  return sum;
}

} // namespace

std::optional<money::Percent> reference_rate_on(const ReferenceRates& rates, calendar::Date day) {
  const auto it = rates.find(calendar::half_year_start(day));
  if (it == rates.end()) return std::nullopt;
  return it->second;
}

Interest interest(const OwnOpenSteps& steps, calendar::Date first, calendar::Date last, const ReferenceRates& rates) {
  Interest out;
  std::int64_t total = 0; // over k_denominator
  for (calendar::Date from = first; from <= last;) {
    const calendar::Date half_year = calendar::half_year_start(from);
    const calendar::Date to = std::min(last, calendar::add_months(half_year, 6) - 1);
    const std::optional<money::Percent> reference = reference_rate_on(rates, from);
    if (!reference)
      throw diag::Error(diag::ErrorKind::data,
                        fmt::format("no reference rate for {}: add {} to [reminders] reference_rates",
                                    calendar::half_year_name(from), half_year.to_string()));
    InterestLine line;
    line.from = from;
    line.to = to;
    line.days = to - from + 1;
    line.reference_rate = *reference;
    line.rate = *reference + money::Percent::from_hundredths(k_interest_margin_hundredths);
    const std::int64_t numerator = checked_mul(oere_days(steps, from, to), line.rate.hundredths());
    line.exact = money::Rational(numerator, k_denominator);
    line.interest = money::Money::round(line.exact);
    total = checked_add(total, numerator);
    out.lines.push_back(line);
    from = to + 1;
  }
  out.total = money::Money::round(money::Rational(total, k_denominator));
  return out;
}

} // namespace receivables

#include "billing/checks.hpp"

#include "billing/week.hpp"
#include "money/fixed2.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace billing {
namespace {

std::string hours_text(const Rational& r) { return money::Hours::round(r).to_string(); }

bool alike(const books::Entry& a, const books::Entry& b) {
  return a.contract == b.contract && a.date == b.date && a.hours == b.hours &&
         a.from_minute == b.from_minute && a.to_minute == b.to_minute &&
         a.status == b.status;
}

// `by_day` holds (biased day << 32 | entry number) of the entries to compare, in log order.
// Returns (entry number, number of the first entry before it alike) for every entry that is a
// possible duplicate -- the same contract, date, hours, from/to and status as an earlier one
// -- sorted by entry number. Alike entries share a day, so only entries of one day and contract
// are compared; logs are mostly in date order, so the grouping by day rarely sorts anything.
std::vector<std::pair<std::uint32_t, std::uint32_t>> duplicates(const std::vector<books::Entry>& entries,
                                                                std::vector<std::uint64_t>& by_day) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
  if (!std::is_sorted(by_day.begin(), by_day.end())) std::sort(by_day.begin(), by_day.end());
  std::vector<std::uint64_t> day_group; // contract << 32 | entry number
  for (std::size_t a = 0; a < by_day.size();) {
    std::size_t b = a + 1;
    while (b < by_day.size() && by_day[b] >> 32 == by_day[a] >> 32) ++b;
    if (b - a > 1) {
      day_group.clear();
      for (std::size_t k = a; k < b; ++k) {
        const auto i = static_cast<std::uint32_t>(by_day[k]);
        day_group.push_back(static_cast<std::uint64_t>(entries[i].contract) << 32 | i);
      }
      std::sort(day_group.begin(), day_group.end());
      for (std::size_t c = 0; c < day_group.size();) {
        std::size_t d = c + 1;
        while (d < day_group.size() && day_group[d] >> 32 == day_group[c] >> 32) ++d;
        for (std::size_t j = c + 1; j < d; ++j) { // ascending entry numbers: the first match is the first alike
          const auto later = static_cast<std::uint32_t>(day_group[j]);
          for (std::size_t k = c; k < j; ++k)
            if (const auto earlier = static_cast<std::uint32_t>(day_group[k]); alike(entries[earlier], entries[later])) {
              out.emplace_back(later, earlier);
              break;
            }
        }
        c = d;
      }
    }
    a = b;
  }
  std::sort(out.begin(), out.end());
  return out;
}

void check_weeks(const books::Books& books, std::size_t index, const EntryIndex& entries, calendar::Date today,
                 diag::Diagnostics& diags) {
  const books::Contract& c = books.contracts[index];
  const Month from = books.settings.invoicing.from;
  const Month until = Month::of(today);
  if (until < from) return;
  for (const WeekFigures& w : weeks_in_months(c, index, entries, from, until)) {
    if (w.unlogged && w.last_active < today)
      diags.warning(c.where, fmt::format("contract {}: week {} is unlogged (no entries); it is billed as {} hours",
                                         c.id, w.week.to_string(), hours_text(w.billable)));
    if (!w.over_delivered.is_zero())
      diags.warning(c.where, fmt::format("contract {}: week {} is over-delivered by {} hours (never billed, "
                                         "never carried over)",
                                         c.id, w.week.to_string(), hours_text(w.over_delivered)));
  }
}

} // namespace

void check_books(const books::Books& books, calendar::Date today, diag::Diagnostics& diags) {
  const EntryIndex entries(books);
  for (std::size_t i = 0; i < books.contracts.size(); ++i) {
    const books::Contract& c = books.contracts[i];
    if (c.terms.empty()) continue; // not valid enough to bill; its errors are reported
    if (!c.handleplan)
      diags.warning(c.where, fmt::format("contract {} has no 'handleplan' date: the payer's action plan is a "
                                         "precondition for the start (§9)", c.id));
    check_weeks(books, i, entries, today, diags);
  }
  // Per entry: is its day active, and is it the same as an earlier entry? A history holds
  // hundreds of thousands of entries: the last days are computed once per contract, the entries
  // are read once in log order, and earlier alike entries are found by day (no std::map of all
  // entries). The duplicate warnings follow the others; check sorts all by place.
  std::vector<std::optional<calendar::Date>> last_days(books.contracts.size());
  for (std::size_t i = 0; i < books.contracts.size(); ++i) last_days[i] = books.contracts[i].last_day();
  std::vector<std::uint64_t> by_day; // biased day << 32 | entry number
  by_day.reserve(books.entries.size());
  for (std::size_t i = 0; i < books.entries.size(); ++i) {
    const books::Entry& e = books.entries[i];
    const books::Contract& c = books.contracts[e.contract];
    if (c.terms.empty()) continue;
    by_day.push_back(static_cast<std::uint64_t>(static_cast<std::uint32_t>(
                         static_cast<std::int64_t>(e.date.days_since_epoch()) + 0x80000000LL))
                         << 32 |
                     i);
    // is_active() and is_billed_suspension() with the contract's last day computed once.
    const auto& last = last_days[e.contract];
    const books::Suspension* s = c.suspension_on(e.date);
    const bool active = e.date >= c.start && (!last || e.date <= *last) && (!s || s->billed);
    if (!active)
      diags.warning(e.where, fmt::format("entry on {}, a day contract {} is not active: it is not counted",
                                         e.date.to_string(), c.id));
    else if (s && s->billed)
      diags.warning(e.where, fmt::format("entry on {}, inside a billed suspension of contract {}: the day is "
                                         "billed in full and the entry is not counted", e.date.to_string(), c.id));
  }
  for (const auto& [later, earlier] : duplicates(books.entries, by_day))
    diags.warning(books.entries[later].where,
                  fmt::format("possible duplicate of the entry at {}", books.entries[earlier].where.to_string()));
  for (const books::Expense& x : books.expenses) {
    const books::Contract& c = books.contracts[x.contract];
    const auto last = c.last_day();
    if (x.date < c.start || (last && x.date > *last))
      diags.warning(x.where, fmt::format("expense dated {}, outside contract {} ({} to {}): it is billed all the same",
                                         x.date.to_string(), c.id, c.start.to_string(),
                                         last ? last->to_string() : std::string("open")));
  }
}

} // namespace billing

#include "billing/checks.hpp"

#include "billing/week.hpp"
#include "money/fixed2.hpp"

#include <fmt/format.h>

#include <map>
#include <tuple>

namespace billing {
namespace {

std::string hours_text(const Rational& r) { return money::Hours::round(r).to_string(); }

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
  using Key = std::tuple<std::size_t, calendar::Date, std::int64_t, std::int64_t, int, int, books::EntryStatus>;
  std::map<Key, const books::Entry*> seen;
  for (const books::Entry& e : books.entries) {
    const books::Contract& c = books.contracts[e.contract];
    if (c.terms.empty()) continue;
    if (!is_active(c, e.date))
      diags.warning(e.where, fmt::format("entry on {}, a day contract {} is not active: it is not counted",
                                         e.date.to_string(), c.id));
    else if (is_billed_suspension(c, e.date))
      diags.warning(e.where, fmt::format("entry on {}, inside a billed suspension of contract {}: the day is "
                                         "billed in full and the entry is not counted", e.date.to_string(), c.id));
    Key key{e.contract, e.date, e.hours.num(), e.hours.den(), e.from_minute.value_or(-1), e.to_minute.value_or(-1), e.status};
    auto [it, inserted] = seen.emplace(key, &e);
    if (!inserted)
      diags.warning(e.where, fmt::format("possible duplicate of the entry at {}", it->second->where.to_string()));
  }
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

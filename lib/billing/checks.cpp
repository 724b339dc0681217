#include "billing/checks.hpp"

#include "billing/deadlines.hpp"
#include "billing/week.hpp"
#include "billing/week_table.hpp"
#include "money/fixed2.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace billing {
namespace {

bool alike(const books::Entry& a, const books::Entry& b) {
  return a.contract == b.contract && a.date == b.date && a.hours == b.hours &&
         a.from_minute == b.from_minute && a.to_minute == b.to_minute &&
         a.status == b.status;
}

// Returns (entry number, number of the first entry before it alike) for every entry that is a
// possible duplicate -- the same contract, date, hours, from/to and status as an earlier one
// -- sorted by entry number. Alike entries share a contract and a week, so only the entries of
// one group of the index are compared (a week of one course: a handful), and within it only
// those of one day. Contracts not valid enough to bill are left out. (check_books finds the same
// in its pass over a log in date order; this is for a log that goes back in time.)
std::vector<std::pair<std::uint32_t, std::uint32_t>> duplicates(const books::Books& books, const EntryIndex& index) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
  const books::Entry* const first_entry = books.entries.data();
  std::vector<std::pair<int, std::uint32_t>> by_day; // (day, entry number) of one group
  for (std::size_t g = 0; g < index.group_count(); ++g) {
    const auto group = index.group(g);
    if (group.size() < 2 || books.contracts[group.front()->contract].terms.empty()) continue;
    by_day.clear();
    for (const books::Entry* e : group)
      by_day.emplace_back(e->date.days_since_epoch(), static_cast<std::uint32_t>(e - first_entry));
    if (!std::is_sorted(by_day.begin(), by_day.end())) std::sort(by_day.begin(), by_day.end());
    for (std::size_t c = 0; c < by_day.size();) {
      std::size_t d = c + 1;
      while (d < by_day.size() && by_day[d].first == by_day[c].first) ++d;
      for (std::size_t j = c + 1; j < d; ++j) { // ascending entry numbers: the first match is the first alike
        const std::uint32_t later = by_day[j].second;
        for (std::size_t k = c; k < j; ++k)
          if (const std::uint32_t earlier = by_day[k].second; alike(books.entries[earlier], books.entries[later])) {
            out.emplace_back(later, earlier);
            break;
          }
      }
      c = d;
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Every part of the week is billed with the hours it has now: nothing about it is left to act on.
// `at`: where the walk through the contract's billed parts (by week, then rate) has got to.
using BilledIterator = std::map<BilledWeekKey, Hours>::const_iterator;
bool settled(const WeekSummary& w, std::span<const PartSummary> parts, const BilledContract& billed, BilledIterator& at) {
  const auto end = billed.weeks.end();
  while (at != end && at->first.week < w.week) ++at;
  for (const PartSummary& p : parts) {
    bool same = false;
    for (auto j = at; j != end && j->first.week == w.week; ++j)
      if (j->first.rate == p.rate) {
        same = j->second == p.billable;
        break;
      }
    if (!same) return false;
  }
  return true;
}

void check_weeks(const books::Books& books, std::size_t index, const WeekTable& table, calendar::Date today,
                 const BilledContract* billed, diag::Diagnostics& diags) {
  const books::Contract& c = books.contracts[index];
  const Month from = books.settings.invoicing.from;
  const Month until = Month::of(today);
  if (until < from) return;
  const ContractWeeks& cw = table.contracts().at(index);
  BilledIterator at = billed ? billed->weeks.begin() : BilledIterator();
  for (const WeekSummary& w : cw.weeks) {
    if (!w.active || w.month < from || w.month > until) continue;
    if (billed && settled(w, cw.parts_of(w), *billed, at)) continue;
    if (w.unlogged && w.last_active < today)
      diags.warning(c.where, fmt::format("contract {}: week {} is unlogged (no entries); it is billed as {} hours",
                                         c.id, w.week.to_string(), w.billable.to_string()));
    if (w.over)
      diags.warning(c.where, fmt::format("contract {}: week {} is over-delivered by {} hours (never billed, "
                                         "never carried over)",
                                         c.id, w.week.to_string(), w.over_delivered.to_string()));
  }
}

void check_handleplan(const books::Contract& c, diag::Diagnostics& diags) {
  if (handleplan_missing(c))
    diags.warning(c.where, fmt::format("contract {} has no 'handleplan' date: the payer's action plan is a "
                                       "precondition for the start (§9)", c.id));
}

// The table through the weeks the checks read (those of months up to today's), built or extended
// into `own` when `given` lacks them.
const WeekTable& table_for(const books::Books& books, const EntryIndex& entries, calendar::Date today,
                           const WeekTable* given, std::optional<WeekTable>& own) {
  const IsoWeek last = IsoWeek::of(Month::of(today).last_day());
  if (!given) return own.emplace(WeekTable::build(books, entries, last));
  if (given->last() >= last) return *given;
  own = *given;
  own->extend_to(books, last);
  return *own;
}

// The warnings about the log: entries on days that are not active, possible duplicates, expenses.
void check_log(const books::Books& books, const EntryIndex& entries, diag::Diagnostics& diags, bool all);

} // namespace

void check_books(const books::Books& books, calendar::Date today, diag::Diagnostics& diags,
                 const CheckOptions& options) {
  check_books(books, EntryIndex(books), today, diags, options);
}

namespace {
const BilledContract* billed_of(const books::Contract& c, const CheckOptions& options) {
  static const BilledContract k_nothing_billed;
  if (!options.billed || options.all) return nullptr;
  auto it = options.billed->find(c.id);
  return it == options.billed->end() ? &k_nothing_billed : &it->second;
}
} // namespace

void check_books(const books::Books& books, const EntryIndex& entries, calendar::Date today, diag::Diagnostics& diags,
                 const CheckOptions& options) {
  std::optional<WeekTable> own;
  const WeekTable& table = table_for(books, entries, today, options.weeks, own);
  for (std::size_t i = 0; i < books.contracts.size(); ++i) {
    const books::Contract& c = books.contracts[i];
    if (c.terms.empty()) continue; // not valid enough to bill; its errors are reported
    check_handleplan(c, diags);
    check_weeks(books, i, table, today, billed_of(c, options), diags);
  }
  check_log(books, entries, diags, options.all);
}

void check_books_static(const books::Books& books, const EntryIndex& entries, diag::Diagnostics& diags, bool all) {
  for (const books::Contract& c : books.contracts)
    if (!c.terms.empty()) check_handleplan(c, diags);
  check_log(books, entries, diags, all);
}

void check_week_warnings(const books::Books& books, const WeekTable& table, calendar::Date today,
                         diag::Diagnostics& diags, const CheckOptions& options) {
  std::optional<WeekTable> own;
  const WeekTable* t = &table;
  if (table.last() < IsoWeek::of(Month::of(today).last_day())) {
    own = table;
    own->extend_to(books, IsoWeek::of(Month::of(today).last_day()));
    t = &*own;
  }
  for (std::size_t i = 0; i < books.contracts.size(); ++i) {
    const books::Contract& c = books.contracts[i];
    if (!c.terms.empty()) check_weeks(books, i, *t, today, billed_of(c, options), diags);
  }
}

namespace {
void check_log(const books::Books& books, const EntryIndex& entries, diag::Diagnostics& diags, bool all) {
  // Per entry: is its day active, and is it the same as an earlier entry? A history holds
  // hundreds of thousands of entries: the last days are computed once per contract and the
  // entries are read once, in log order. While each contract's entries come in date order (as
  // logs do), an entry can only be alike an earlier one of its contract's current day, so only
  // those are compared; a log that goes back in time is compared by week groups instead
  // (duplicates()). The duplicate warnings follow the others; check sorts all by place.
  std::vector<DayClassifier> day_kinds;
  day_kinds.reserve(books.contracts.size());
  for (const books::Contract& c : books.contracts) day_kinds.emplace_back(c);
  struct Day {
    int day = std::numeric_limits<int>::min();
    std::vector<std::uint32_t> entries; // the contract's entries on `day` so far
  };
  std::vector<Day> current(books.contracts.size());
  bool in_date_order = true;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> alike_pairs; // (later, earlier)
  for (std::size_t i = 0; i < books.entries.size(); ++i) {
    const books::Entry& e = books.entries[i];
    const books::Contract& c = books.contracts[e.contract];
    if (c.terms.empty()) continue;
    if (in_date_order) {
      Day& today_of_contract = current[e.contract];
      const int day = e.date.days_since_epoch();
      if (day < today_of_contract.day) {
        in_date_order = false;
      } else {
        if (day > today_of_contract.day) {
          today_of_contract.day = day;
          today_of_contract.entries.clear();
        }
        for (const std::uint32_t earlier : today_of_contract.entries)
          if (alike(books.entries[earlier], e)) {
            alike_pairs.emplace_back(static_cast<std::uint32_t>(i), earlier);
            break;
          }
        today_of_contract.entries.push_back(static_cast<std::uint32_t>(i));
      }
    }
    const DayKind kind = day_kinds[e.contract](e.date);
    if (kind == DayKind::inactive)
      diags.warning(e.where, fmt::format("entry on {}, a day contract {} is not active: it is not counted",
                                         e.date.to_string(), c.id));
    else if (kind == DayKind::billed_suspension)
      diags.warning(e.where, fmt::format("entry on {}, inside a billed suspension of contract {}: the day is "
                                         "billed in full and the entry is not counted", e.date.to_string(), c.id));
  }
  if (!in_date_order) alike_pairs = duplicates(books, entries);
  for (const auto& [later, earlier] : alike_pairs)
    diags.warning(books.entries[later].where,
                  fmt::format("possible duplicate of the entry at {}", books.entries[earlier].where.to_string()));
  // Expenses before invoicing.from: history the tool never bills. By default one warning per
  // contract, at its first such expense in log order, with how many more there are (a provider
  // who starts with a year of logs would otherwise get a warning per old bus ticket); --all lists
  // every one.
  const Month from = books.settings.invoicing.from;
  std::vector<std::vector<const books::Expense*>> before_from(books.contracts.size());
  for (const books::Expense& x : books.expenses) {
    const books::Contract& c = books.contracts[x.contract];
    const auto last = c.last_day();
    if (Month::of(x.date) < from)
      before_from[x.contract].push_back(&x);
    else if (x.date < c.start || (last && x.date > *last))
      diags.warning(x.where, fmt::format("expense dated {}, outside contract {} ({} to {}): it is billed all the same",
                                         x.date.to_string(), c.id, c.start.to_string(),
                                         last ? last->to_string() : std::string("open")));
  }
  for (const auto& expenses : before_from) {
    for (std::size_t i = 0; i < expenses.size() && (i == 0 || all); ++i) {
      const books::Expense& x = *expenses[i];
      const std::size_t more = all ? 0 : expenses.size() - 1;
      diags.warning(x.where,
                    fmt::format("expense dated {}, before [invoicing] from ({}): honorar never bills it (months before "
                                "'from' count as invoiced outside the tool){}",
                                x.date.to_string(), from.to_string(),
                                more == 0 ? std::string()
                                : more == 1
                                    ? fmt::format("; 1 more expense of contract {} is before it too (check --all lists it)",
                                                  books.contracts[x.contract].id)
                                    : fmt::format("; {} more expenses of contract {} are before it too (check --all lists "
                                                  "them)",
                                                  more, books.contracts[x.contract].id)));
    }
  }
}

} // namespace

} // namespace billing

#include "books/day_hours.hpp"

#include "books/entry_rules.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace books {
namespace {

// An entry's hours are hundredths (hours) or minutes (from/to): whole 1/300 hours either way,
// so a day's total is an exact integer.
constexpr std::int64_t k_units_per_hour = 300;
constexpr std::int64_t k_day_units = k_minutes_per_day / 60 * k_units_per_hour;

std::int64_t units_of(const money::Rational& hours) {
  if (k_units_per_hour % hours.den() != 0)
    throw diag::Error(diag::ErrorKind::internal, "entry hours " + hours.to_string() + " are not hundredths or minutes");
  return hours.num() * (k_units_per_hour / hours.den());
}

// The running total of one contract's current day.
struct Day {
  Date date;
  std::int64_t units = 0;
  bool started = false;
  bool over = false;    // reported already
  bool ordered = true;  // the contract's entries have come in date order so far
};

struct Over {
  std::size_t entry; // the entry that took the day over
  std::int64_t units;
};

// Adds an entry to its day; records the day once, when it goes over.
void add(Day& day, std::size_t entry, std::int64_t units, std::vector<Over>& overs) {
  day.units += units;
  if (day.units > k_day_units && !day.over) {
    day.over = true;
    overs.push_back({entry, day.units});
  }
}

} // namespace

void check_hours_per_day(const Books& books, diag::Diagnostics& diags) {
  const std::vector<Entry>& entries = books.entries;
  std::vector<Day> days(books.contracts.size());
  std::vector<Over> overs;
  bool any_unordered = false;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const Entry& e = entries[i];
    Day& day = days[e.contract];
    if (!day.ordered) continue;
    if (day.started && e.date < day.date) {
      day.ordered = false;
      any_unordered = true;
      continue;
    }
    if (!day.started || day.date < e.date) day = Day{e.date, 0, true, false, true};
    add(day, i, units_of(e.hours), overs);
  }
  // What was found for a contract that turned out unordered is found again by date.
  std::erase_if(overs, [&](const Over& o) { return !days[entries[o.entry].contract].ordered; });
  if (any_unordered) {
    std::vector<std::uint32_t> order;
    for (std::size_t i = 0; i < entries.size(); ++i)
      if (!days[entries[i].contract].ordered) order.push_back(static_cast<std::uint32_t>(i));
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      const Entry& x = entries[a];
      const Entry& y = entries[b];
      if (x.contract != y.contract) return x.contract < y.contract;
      if (x.date != y.date) return x.date < y.date;
      return a < b; // log order within a day
    });
    Day day;
    std::uint32_t contract = 0;
    for (std::uint32_t i : order) {
      const Entry& e = entries[i];
      if (!day.started || e.contract != contract || e.date != day.date) day = Day{e.date, 0, true, false, true};
      contract = e.contract;
      add(day, i, units_of(e.hours), overs);
    }
  }
  std::sort(overs.begin(), overs.end(), [](const Over& a, const Over& b) { return a.entry < b.entry; });
  for (const Over& o : overs) {
    const Entry& e = entries[o.entry];
    diags.error(e.where, fmt::format("entries of contract {} on {} add up to {} hours, more than the 24 hours of a day",
                                     books.contracts[e.contract].id, e.date.to_string(),
                                     Hours::round(money::Rational(o.units, k_units_per_hour)).to_string()));
  }
}

} // namespace books

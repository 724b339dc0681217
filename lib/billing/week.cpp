#include "billing/week.hpp"

#include <algorithm>
#include <cstdint>

namespace billing {

bool is_active(const books::Contract& c, Date d) {
  if (d < c.start) return false;
  if (auto last = c.last_day(); last && d > *last) return false;
  const books::Suspension* s = c.suspension_on(d);
  return !s || s->billed;
}

bool is_billed_suspension(const books::Contract& c, Date d) {
  const books::Suspension* s = c.suspension_on(d);
  return s && s->billed && is_active(c, d);
}

Rational billable_hours(const Rational& agreed_n, const Rational& delivered, const Rational& staff_absent,
                        bool absence_billed) {
  if (!absence_billed) return money::min(agreed_n, delivered);
  // The agreed hours, less the contact person's cancelled hours not made up in the same week.
  const Rational not_made_up = money::max(Rational(0), agreed_n - delivered);
  return agreed_n - money::min(staff_absent, not_made_up);
}

Rational over_delivery(const Rational& agreed_n, const Rational& delivered) {
  return money::max(Rational(0), delivered - agreed_n);
}

EntryIndex::EntryIndex(const books::Books& books) : m_by_contract(books.contracts.size()) {
  // A counting sort by contract, then by week within each contract (stable: log order stays
  // within a week). Flat arrays instead of a map of vectors: a history has hundreds of
  // thousands of entries. Each entry is read once, in log order; the week (as the day number of
  // its Monday) travels with its number, and logs are mostly in date order, so the sort by week
  // rarely moves anything.
  const auto& entries = books.entries;
  const std::size_t contracts = books.contracts.size();
  std::vector<std::size_t> start(contracts + 1, 0);
  for (const books::Entry& e : entries) ++start.at(e.contract + 1);
  for (std::size_t c = 0; c < contracts; ++c) start[c + 1] += start[c];
  struct Item {
    int monday; // day number of the Monday of the entry's ISO week
    std::uint32_t entry;
  };
  std::vector<Item> items(entries.size());
  std::vector<std::size_t> next(start.begin(), start.end() - 1);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const int days = entries[i].date.days_since_epoch();
    items[next[entries[i].contract]++] = {days - (days % 7 + 7 + 3) % 7, static_cast<std::uint32_t>(i)}; // 1970-01-01: a Thursday
  }
  m_entries.resize(items.size());
  auto by_week = [](const Item& a, const Item& b) { return a.monday < b.monday; };
  for (std::size_t c = 0; c < contracts; ++c) {
    const auto first = items.begin() + static_cast<std::ptrdiff_t>(start[c]);
    const auto last = items.begin() + static_cast<std::ptrdiff_t>(start[c + 1]);
    if (!std::is_sorted(first, last, by_week)) std::stable_sort(first, last, by_week);
    for (std::size_t i = start[c]; i < start[c + 1]; ++i) {
      m_entries[i] = &entries[items[i].entry];
      if (i == start[c] || items[i].monday != items[i - 1].monday)
        m_by_contract[c].push_back({IsoWeek::of(calendar::Date::from_days(items[i].monday)), i, i});
      m_by_contract[c].back().end = i + 1;
    }
  }
}

std::span<const books::Entry* const> EntryIndex::of(std::size_t contract, IsoWeek week) const {
  const auto& weeks = m_by_contract.at(contract);
  auto it = std::lower_bound(weeks.begin(), weeks.end(), week, [](const Group& g, IsoWeek w) { return g.week < w; });
  if (it == weeks.end() || it->week != week) return {};
  return std::span<const books::Entry* const>(m_entries.data() + it->begin, it->end - it->begin);
}

std::optional<WeekFigures> week_figures(const books::Contract& c, IsoWeek week,
                                        std::span<const books::Entry* const> entries) {
  WeekFigures w;
  w.week = week;
  bool any_active = false;
  for (int i = 0; i < 7; ++i) {
    const Date d = week.monday() + i;
    if (!is_active(c, d)) continue;
    any_active = true;
    w.last_active = d;
    const books::Terms& terms = c.terms_on(d);
    const Rational per_day = terms.hours_per_week.exact() / Rational(7);
    w.agreed += per_day;
    if (is_billed_suspension(c, d)) w.agreed_in_billed_suspension += per_day;
    auto part = std::find_if(w.parts.begin(), w.parts.end(), [&](const RatePart& p) { return p.rate == terms.rate; });
    if (part == w.parts.end()) w.parts.push_back({terms.rate, d, d, per_day, Rational(0)});
    else {
      part->last = d;
      part->agreed += per_day;
    }
  }
  if (!any_active) return std::nullopt;
  w.month = Month::of(w.last_active);

  for (const books::Entry* e : entries) {
    if (!is_active(c, e->date)) continue;
    w.unlogged = false;
    if (is_billed_suspension(c, e->date)) continue; // billed in full whatever the entries say
    switch (e->status) {
    case books::EntryStatus::delivered: w.delivered += e->hours; break;
    case books::EntryStatus::citizen_absent: w.citizen_absent += e->hours; break;
    case books::EntryStatus::staff_absent: w.staff_absent += e->hours; break;
    }
  }
  const Rational agreed_n = w.agreed - w.agreed_in_billed_suspension;
  w.billable = w.agreed_in_billed_suspension + billable_hours(agreed_n, w.delivered, w.staff_absent, c.absence_billed);
  w.over_delivered = over_delivery(agreed_n, w.delivered);
  for (RatePart& p : w.parts) p.billable = w.billable * p.agreed / w.agreed;
  return w;
}

std::vector<WeekFigures> weeks_in_months(const books::Contract& c, std::size_t contract_index,
                                         const EntryIndex& entries, Month from, Month to) {
  std::vector<WeekFigures> out;
  // A week whose last active day lies in [from, to] overlaps that span of days.
  const Date first_day = std::max(c.start, from.first_day());
  Date last_day = to.last_day();
  if (auto last = c.last_day()) last_day = std::min(last_day, *last);
  if (last_day < first_day) return out;
  const IsoWeek end = IsoWeek::of(last_day);
  for (IsoWeek w = IsoWeek::of(first_day); w <= end; w = w.next()) {
    auto figures = week_figures(c, w, entries.of(contract_index, w));
    if (figures && figures->month >= from && figures->month <= to) out.push_back(std::move(*figures));
  }
  return out;
}

} // namespace billing

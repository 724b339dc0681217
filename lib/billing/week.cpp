#include "billing/week.hpp"

#include <algorithm>

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
  for (const books::Entry& e : books.entries) m_by_contract[e.contract][IsoWeek::of(e.date)].push_back(&e);
}

std::span<const books::Entry* const> EntryIndex::of(std::size_t contract, IsoWeek week) const {
  const auto& weeks = m_by_contract.at(contract);
  auto it = weeks.find(week);
  if (it == weeks.end()) return {};
  return it->second;
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

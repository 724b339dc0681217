#include "billing/week_table.hpp"

#include "books/timelog_cache.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <type_traits>

namespace billing {
namespace {

template <class T> void put(std::string& out, const T& v) {
  static_assert(std::is_trivially_copyable_v<T>);
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

IsoWeek week_after(IsoWeek w, int weeks) { return IsoWeek::of(w.monday() + 7 * weeks); }

int weeks_between(IsoWeek a, IsoWeek b) { return (b.monday() - a.monday()) / 7; }

// The first week a table holds for a contract: none before it can belong to a month from
// invoicing.from on.
IsoWeek first_week(const books::Contract& c, calendar::Month from) {
  return IsoWeek::of(std::max(c.start, from.first_day()));
}

WeekExplanation explain(const RatePart& p, bool absence_billed) {
  return {Hours::round(p.agreed),         Hours::round(p.delivered),
          Hours::round(p.citizen_absent), Hours::round(p.staff_absent),
          Hours::round(p.agreed_in_billed_suspension), absence_billed};
}

} // namespace

std::uint64_t terms_digest(const books::Contract& c) {
  std::string bytes;
  put(bytes, c.start.days_since_epoch());
  const std::optional<Date> last = c.last_day();
  put(bytes, last ? 1 : 0);
  put(bytes, last ? last->days_since_epoch() : 0);
  put(bytes, c.absence_billed ? 1 : 0);
  put(bytes, c.terms.size());
  for (const books::Terms& t : c.terms) {
    put(bytes, t.from.days_since_epoch());
    put(bytes, t.hours_per_week.hundredths());
    put(bytes, t.rate.hundredths());
  }
  put(bytes, c.suspensions.size());
  for (const books::Suspension& s : c.suspensions) {
    put(bytes, s.from.days_since_epoch());
    put(bytes, s.to.days_since_epoch());
    put(bytes, s.billed ? 1 : 0);
  }
  return books::content_hash(bytes);
}

void append_week(ContractWeeks& to, IsoWeek week, const std::optional<WeekFigures>& figures, bool absence_billed,
                 std::uint64_t entries) {
  WeekSummary s;
  s.week = week;
  if (figures) {
    s.active = true;
    s.month = figures->month;
    s.last_active = figures->last_active;
    s.billable = Hours::round(figures->billable);
    s.over_delivered = Hours::round(figures->over_delivered);
    s.unlogged = figures->unlogged;
    s.over = !figures->over_delivered.is_zero();
    s.first_part = static_cast<std::uint32_t>(to.parts.size());
    s.part_count = static_cast<std::uint8_t>(figures->parts.size());
    for (const RatePart& p : figures->parts)
      to.parts.push_back({p.rate, p.first, p.last, Hours::round(p.billable), explain(p, absence_billed)});
  }
  to.weeks.push_back(s);
  to.entry_digests.push_back(entries);
}

WeekTable WeekTable::build(const books::Books& books, const EntryIndex& entries, IsoWeek last, const WeekTable* previous) {
  WeekTable t;
  t.m_from = books.settings.invoicing.from;
  t.m_last = last;
  // Each contract's weeks run through `last` or its latest entry's week, whichever is later.
  std::vector<int> latest(books.contracts.size(), std::numeric_limits<int>::min());
  for (const books::Entry& e : books.entries)
    if (e.contract < latest.size()) latest[e.contract] = std::max(latest[e.contract], e.date.days_since_epoch());
  if (previous && previous->m_from != t.m_from) previous = nullptr;
  t.m_contracts.resize(books.contracts.size());
  std::size_t p = 0; // previous contracts are sorted by id, like books.contracts
  for (std::size_t i = 0; i < books.contracts.size(); ++i) {
    const books::Contract& c = books.contracts[i];
    ContractWeeks& cw = t.m_contracts[i];
    cw.id = c.id;
    cw.terms = terms_digest(c);
    cw.first = first_week(c, t.m_from);
    const ContractWeeks* before = nullptr;
    if (previous) {
      const auto& old = previous->m_contracts;
      while (p < old.size() && old[p].id < c.id) ++p;
      if (p < old.size() && old[p].id == c.id && old[p].terms == cw.terms && old[p].first == cw.first) before = &old[p];
    }
    if (c.terms.empty()) continue; // not valid enough to bill (its errors are reported)
    IsoWeek through = last;
    if (latest[i] != std::numeric_limits<int>::min()) through = std::max(through, IsoWeek::of(Date::from_days(latest[i])));
    const int n = weeks_between(cw.first, through) + 1;
    if (n <= 0) continue;
    cw.weeks.reserve(static_cast<std::size_t>(n));
    cw.entry_digests.reserve(static_cast<std::size_t>(n));
    IsoWeek w = cw.first;
    for (int k = 0; k < n; ++k, w = w.next()) {
      const std::uint64_t digest = entries.digest_of(i, w);
      if (before && static_cast<std::size_t>(k) < before->weeks.size() && before->entry_digests[static_cast<std::size_t>(k)] == digest) {
        WeekSummary s = before->weeks[static_cast<std::size_t>(k)];
        const auto parts = before->parts_of(s);
        s.first_part = static_cast<std::uint32_t>(cw.parts.size());
        cw.parts.insert(cw.parts.end(), parts.begin(), parts.end());
        cw.weeks.push_back(s);
        cw.entry_digests.push_back(digest);
        continue;
      }
      append_week(cw, w, week_figures(c, w, entries.of(i, w)), c.absence_billed, digest);
    }
  }
  return t;
}

void WeekTable::extend_to(const books::Books& books, IsoWeek last) {
  if (last <= m_last) return;
  for (std::size_t i = 0; i < m_contracts.size() && i < books.contracts.size(); ++i) {
    const books::Contract& c = books.contracts[i];
    ContractWeeks& cw = m_contracts[i];
    if (c.terms.empty()) continue;
    const int have = static_cast<int>(cw.weeks.size());
    const int n = weeks_between(cw.first, last) + 1;
    IsoWeek w = week_after(cw.first, have);
    for (int k = have; k < n; ++k, w = w.next()) append_week(cw, w, week_figures(c, w, {}), c.absence_billed, 0);
  }
  m_last = last;
}

std::optional<OwnedWeek> WeekTable::week(const books::Books& books, std::size_t c, IsoWeek w,
                                         const EntryIndex* entries) const {
  const books::Contract& contract = books.contracts.at(c);
  const ContractWeeks& cw = m_contracts.at(c);
  if (contract.terms.empty() || w < IsoWeek::of(contract.start)) return std::nullopt; // no active day
  std::optional<WeekFigures> figures;
  if (w >= cw.first) {
    const auto k = static_cast<std::size_t>(weeks_between(cw.first, w));
    if (k < cw.weeks.size()) {
      const WeekSummary& s = cw.weeks[k];
      if (!s.active) return std::nullopt;
      const auto parts = cw.parts_of(s);
      OwnedWeek out{s, {parts.begin(), parts.end()}};
      out.week.first_part = 0;
      return out;
    }
    figures = week_figures(contract, w, {}); // after the contract's weeks: no entry lies there
  } else {
    if (!entries) throw NeedsEntries();
    figures = week_figures(contract, w, entries->of(c, w));
  }
  if (!figures) return std::nullopt;
  ContractWeeks one;
  append_week(one, w, figures, contract.absence_billed, 0);
  return OwnedWeek{one.weeks.front(), std::move(one.parts)};
}

} // namespace billing

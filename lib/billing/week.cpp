#include "billing/week.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <stdexcept>

namespace billing {

DayKind DayClassifier::operator()(Date d) const {
  const books::Contract& c = *m_contract;
  if (d < c.start || (m_last && d > *m_last)) return DayKind::inactive;
  const books::Suspension* s = c.suspension_on(d);
  if (!s) return DayKind::active;
  return s->billed ? DayKind::billed_suspension : DayKind::inactive;
}

Rational billable_hours(const Rational& agreed_n, const Rational& delivered, const Rational& citizen_absent,
                        const Rational& staff_absent, bool absence_billed) {
  if (!absence_billed) return money::min(agreed_n, delivered);
  // The agreed hours, less the contact person's cancelled hours not used otherwise in the same
  // week: a new time offered for them is used when delivered (made up) and when the citizen
  // misses it (the citizen's absence, billed like any other).
  const Rational not_used = money::max(Rational(0), agreed_n - delivered - citizen_absent);
  return agreed_n - money::min(staff_absent, not_used);
}

Rational over_delivery(const Rational& agreed_n, const Rational& delivered) {
  return money::max(Rational(0), delivered - agreed_n);
}

EntryIndex::EntryIndex(const books::Books& books) {
  // A counting sort by contract, then by week within each contract (stable: log order stays
  // within a week). Each entry is read once, in log order; the week (as the day number of its
  // Monday) travels with its number, and logs are mostly in date order, so the sort by week
  // rarely moves anything.
  const auto& entries = books.entries;
  if (entries.size() >= std::numeric_limits<std::uint32_t>::max())
    throw std::length_error("more time-log entries than an EntryIndex can hold");
  const std::size_t contracts = books.contracts.size();
  std::vector<std::uint32_t> start(contracts + 1, 0);
  for (const books::Entry& e : entries) ++start.at(std::size_t{e.contract} + 1);
  for (std::size_t c = 0; c < contracts; ++c) start[c + 1] += start[c];
  struct Item {
    int monday; // day number of the Monday of the entry's ISO week
    std::uint32_t entry;
  };
  const auto items = std::make_unique_for_overwrite<Item[]>(entries.size()); // every slot is written below
  std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const int days = entries[i].date.days_since_epoch();
    items[next[entries[i].contract]++] = {days - (days % 7 + 7 + 3) % 7, static_cast<std::uint32_t>(i)}; // 1970-01-01: a Thursday
  }
  m_entries.reserve(entries.size());
  m_first_group.reserve(contracts + 1);
  std::vector<std::uint32_t> group_of(entries.size());
  auto by_week = [](const Item& a, const Item& b) { return a.monday < b.monday; };
  for (std::size_t c = 0; c < contracts; ++c) {
    m_first_group.push_back(static_cast<std::uint32_t>(m_groups.size()));
    Item* const first = items.get() + start[c];
    Item* const last = items.get() + start[c + 1];
    if (!std::is_sorted(first, last, by_week)) std::stable_sort(first, last, by_week);
    for (const Item* it = first; it != last; ++it) {
      if (it == first || it->monday != (it - 1)->monday)
        m_groups.push_back({it->monday, static_cast<std::uint32_t>(m_entries.size())});
      m_entries.push_back(&entries[it->entry]);
      group_of[it->entry] = static_cast<std::uint32_t>(m_groups.size() - 1);
    }
  }
  m_first_group.push_back(static_cast<std::uint32_t>(m_groups.size()));
  // The digests in one pass over the entries in log order (a pass by group would jump about).
  m_digests.assign(m_groups.size(), 0);
  for (std::size_t i = 0; i < entries.size(); ++i) m_digests[group_of[i]] += entry_hash(entries[i]);
  for (std::uint64_t& d : m_digests) d |= 1;
  m_groups.push_back({0, static_cast<std::uint32_t>(m_entries.size())});
}

const EntryIndex::Group* EntryIndex::find(std::size_t contract, IsoWeek week) const {
  const auto first = m_groups.begin() + m_first_group.at(contract);
  const auto last = m_groups.begin() + m_first_group.at(contract + 1);
  const int monday = week.monday().days_since_epoch();
  auto it = std::lower_bound(first, last, monday, [](const Group& g, int m) { return g.monday < m; });
  if (it == last || it->monday != monday) return nullptr;
  return &*it;
}

std::uint64_t EntryIndex::digest_of(std::size_t contract, IsoWeek week) const {
  const Group* g = find(contract, week);
  return g ? m_digests[static_cast<std::size_t>(g - m_groups.data())] : 0;
}

namespace {
// One step of a 64-bit multiply-fold hash (as books::content_hash mixes).
inline std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
  __extension__ typedef unsigned __int128 u128;
  const u128 r = static_cast<u128>(h ^ 0xa0761d6478bd642fULL) * (v ^ 0xe7037ed1a0b428dbULL);
  return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
}
} // namespace

std::uint64_t entry_hash(const books::Entry& e) {
  const auto day = static_cast<std::uint32_t>(e.date.days_since_epoch());
  std::uint64_t h = mix(0x8ebc6af09c88c6e3ULL, (std::uint64_t{day} << 8) | static_cast<std::uint8_t>(e.status));
  h = mix(h, static_cast<std::uint64_t>(e.hours.num()));
  return mix(h, static_cast<std::uint64_t>(e.hours.den()));
}

std::uint64_t entry_digest(std::span<const books::Entry* const> entries) {
  if (entries.empty()) return 0;
  std::uint64_t d = 0;
  for (const books::Entry* e : entries) d += entry_hash(*e);
  return d | 1;
}

std::span<const books::Entry* const> EntryIndex::of(std::size_t contract, IsoWeek week) const {
  const Group* g = find(contract, week);
  if (!g) return {};
  return std::span<const books::Entry* const>(m_entries.data() + g->begin, (g + 1)->begin - g->begin);
}

std::optional<WeekFigures> week_figures(const books::Contract& c, IsoWeek week,
                                        std::span<const books::Entry* const> entries) {
  WeekFigures w;
  w.week = week;
  const DayClassifier day_kind(c);
  bool any_active = false;
  const Date monday = week.monday();
  for (int i = 0; i < 7; ++i) {
    const Date d = monday + i;
    const DayKind kind = day_kind(d);
    if (kind == DayKind::inactive) continue;
    any_active = true;
    w.last_active = d;
    const books::Terms& terms = c.terms_on(d);
    const Rational per_day = terms.hours_per_week.exact() / Rational(7);
    w.agreed += per_day;
    auto part = std::find_if(w.parts.begin(), w.parts.end(), [&](const RatePart& p) { return p.rate == terms.rate; });
    if (part == w.parts.end()) {
      RatePart fresh;
      fresh.rate = terms.rate;
      fresh.first = d;
      part = w.parts.insert(w.parts.end(), fresh);
    }
    part->last = d;
    part->agreed += per_day;
    if (kind == DayKind::billed_suspension) {
      w.agreed_in_billed_suspension += per_day;
      part->agreed_in_billed_suspension += per_day;
    }
  }
  if (!any_active) return std::nullopt;
  w.month = Month::of(w.last_active);

  for (const books::Entry* e : entries) {
    const DayKind kind = day_kind(e->date);
    if (kind == DayKind::inactive) continue;
    w.unlogged = false;
    if (kind == DayKind::billed_suspension) continue; // billed in full whatever the entries say
    RatePart* part = nullptr; // with one part (nearly always) its figures are the week's, below
    if (w.parts.size() > 1) {
      const money::Money rate = c.terms_on(e->date).rate;
      for (RatePart& p : w.parts)
        if (p.rate == rate) part = &p;
    }
    switch (e->status) {
    case books::EntryStatus::delivered:
      w.delivered += e->hours;
      if (part) part->delivered += e->hours;
      break;
    case books::EntryStatus::citizen_absent:
      w.citizen_absent += e->hours;
      if (part) part->citizen_absent += e->hours;
      break;
    case books::EntryStatus::staff_absent:
      w.staff_absent += e->hours;
      if (part) part->staff_absent += e->hours;
      break;
    }
  }
  if (w.parts.size() == 1) {
    w.parts[0].delivered = w.delivered;
    w.parts[0].citizen_absent = w.citizen_absent;
    w.parts[0].staff_absent = w.staff_absent;
  }
  const Rational agreed_n = w.agreed - w.agreed_in_billed_suspension;
  w.billable = w.agreed_in_billed_suspension +
               billable_hours(agreed_n, w.delivered, w.citizen_absent, w.staff_absent, c.absence_billed);
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

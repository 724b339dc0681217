// billing::WeekTable: every week's figures as week_figures gives them (rounded), and a table
// built with an earlier one at hand equal to one built from scratch, whatever changed.
#include "billing/week.hpp"
#include "billing/week_table.hpp"

#include "testutil.hpp"

#include <doctest/doctest.h>

#include <fmt/format.h>

#include <random>
#include <string>

using calendar::Date;
using calendar::IsoWeek;
using calendar::Month;
using money::Hours;
using money::Money;
using money::Rational;
using testutil::day;

namespace {

using testutil::Random;

books::Books random_books(Random& r) {
  books::Books b;
  b.settings.invoicing.from = Month::of(day(2025, 3, 1));
  for (int i = 0; i < 4; ++i) {
    books::Contract c;
    c.id = fmt::format("K-{}", i);
    c.start = day(2025, 1, 1) + static_cast<int>(r.between(0, 120));
    if (r.chance(30)) c.end = c.start + static_cast<int>(r.between(10, 200));
    c.absence_billed = r.chance(70);
    c.terms.push_back({c.start, Hours::from_hundredths(r.between(1, 40) * 25), Money::from_hundredths(r.between(300, 900) * 100)});
    if (r.chance(50))
      c.terms.push_back({c.start + static_cast<int>(r.between(1, 90)), c.terms[0].hours_per_week,
                         Money::from_hundredths(r.between(300, 900) * 100 + r.between(0, 99))});
    if (r.chance(50)) {
      const Date from = c.start + static_cast<int>(r.between(0, 100));
      c.suspensions.push_back({from, from + static_cast<int>(r.between(0, 20)), r.chance(50)});
    }
    b.contracts.push_back(c);
  }
  for (std::uint32_t i = 0; i < b.contracts.size(); ++i)
    for (int n = static_cast<int>(r.between(0, 60)); n > 0; --n) {
      books::Entry e;
      e.contract = i;
      e.date = b.contracts[i].start + static_cast<int>(r.between(-5, 200));
      e.hours = r.chance(20) ? Rational(r.between(1, 300), 60) : Rational(r.between(1, 800), 100);
      e.status = static_cast<books::EntryStatus>(r.between(0, 2));
      b.entries.push_back(e);
    }
  return b;
}

// The table as text: every week of every contract with what the run and the checks read.
std::string text(const billing::WeekTable& t, IsoWeek through) {
  std::string out;
  for (const billing::ContractWeeks& cw : t.contracts())
    for (const billing::WeekSummary& w : cw.weeks) {
      if (w.week > through) break;
      out += fmt::format("{} {} {}", cw.id, w.week.to_string(), w.active);
      if (w.active) {
        out += fmt::format(" {} {} {} {} {} {}", w.month.to_string(), w.last_active.to_string(), w.billable.to_string(),
                           w.over_delivered.to_string(), w.unlogged, w.over);
        for (const billing::PartSummary& p : cw.parts_of(w))
          out += fmt::format(" [{} {} {} {} {} {} {} {} {}]", p.rate.to_string(), p.first.to_string(), p.last.to_string(),
                             p.billable.to_string(), p.why.agreed.to_string(), p.why.delivered.to_string(),
                             p.why.citizen_absent.to_string(), p.why.staff_absent.to_string(),
                             p.why.billed_suspension.to_string());
      }
      out += "\n";
    }
  return out;
}

} // namespace

TEST_CASE("week table: each week as week_figures gives it, from the first week that can bill") {
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    CAPTURE(seed);
    Random r(seed);
    const books::Books b = random_books(r);
    const billing::EntryIndex index(b);
    const IsoWeek last = IsoWeek::of(day(2025, 12, 31));
    const billing::WeekTable t = billing::WeekTable::build(b, index, last);
    CHECK(t.last() >= last);
    for (std::size_t i = 0; i < b.contracts.size(); ++i) {
      const books::Contract& c = b.contracts[i];
      const auto expected = billing::weeks_in_months(c, i, index, b.settings.invoicing.from, Month::of(day(2025, 12, 1)));
      std::size_t k = 0;
      for (const billing::WeekSummary& w : t.contracts()[i].weeks) {
        if (!w.active || w.month > Month::of(day(2025, 12, 1)) || w.month < b.settings.invoicing.from) continue;
        REQUIRE(k < expected.size());
        const billing::WeekFigures& f = expected[k++];
        CHECK(w.week == f.week);
        CHECK(w.billable == Hours::round(f.billable));
        CHECK(w.unlogged == f.unlogged);
        CHECK(w.over == !f.over_delivered.is_zero());
        REQUIRE(w.part_count == f.parts.size());
        for (std::size_t p = 0; p < f.parts.size(); ++p) {
          CHECK(t.contracts()[i].parts_of(w)[p].billable == Hours::round(f.parts[p].billable));
          CHECK(t.contracts()[i].parts_of(w)[p].rate == f.parts[p].rate);
        }
        // The same week looked up one by one.
        const auto one = t.week(b, i, w.week, &index);
        REQUIRE(one.has_value());
        CHECK(one->week.billable == w.billable);
      }
      CHECK(k == expected.size());
      // Before the table: from the entries; without them, NeedsEntries (or no active day).
      const IsoWeek before = IsoWeek::of(c.start);
      if (before < t.contracts()[i].first) {
        CHECK_NOTHROW((void)t.week(b, i, before, &index));
        CHECK_THROWS_AS((void)t.week(b, i, before, nullptr), billing::NeedsEntries);
      }
      CHECK_FALSE(t.week(b, i, IsoWeek::of(c.start - 7), nullptr).has_value());
    }
  }
}

TEST_CASE("week table: built with an earlier table, equal to one built from scratch after any change") {
  for (std::uint64_t seed = 100; seed < 160; ++seed) {
    CAPTURE(seed);
    Random r(seed);
    books::Books b = random_books(r);
    const IsoWeek last = IsoWeek::of(day(2025, 12, 31));
    const billing::WeekTable before = billing::WeekTable::build(b, billing::EntryIndex(b), last);
    switch (r.between(0, 4)) {
    case 0: if (!b.entries.empty()) b.entries[static_cast<std::size_t>(r.between(0, static_cast<std::int64_t>(b.entries.size()) - 1))].hours = Rational(r.between(1, 800), 100); break;
    case 1: if (!b.entries.empty()) b.entries.erase(b.entries.begin() + r.between(0, static_cast<std::int64_t>(b.entries.size()) - 1)); break;
    case 2: b.contracts[static_cast<std::size_t>(r.between(0, 3))].terms.back().rate = Money::from_hundredths(r.between(300, 900) * 100); break;
    case 3: b.contracts[static_cast<std::size_t>(r.between(0, 3))].absence_billed ^= true; break;
    default: {
      books::Entry e = b.entries.empty() ? books::Entry{} : b.entries.back();
      e.date = b.contracts[e.contract].start + static_cast<int>(r.between(0, 150));
      e.hours = Rational(r.between(1, 800), 100);
      b.entries.push_back(e);
    }
    }
    const billing::EntryIndex index(b);
    const billing::WeekTable fresh = billing::WeekTable::build(b, index, last);
    const billing::WeekTable reused = billing::WeekTable::build(b, index, last, &before);
    CHECK(text(reused, fresh.last()) == text(fresh, fresh.last()));
    billing::WeekTable extended = before;
    extended.extend_to(b, IsoWeek::of(day(2026, 3, 1)));
    CHECK(extended.last() == IsoWeek::of(day(2026, 3, 1)));
  }
}

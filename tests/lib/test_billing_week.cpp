#include "billing/week.hpp"

#include "calendar/notice.hpp"

#include "testutil.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

using billing::Rational;
using billing::WeekFigures;
using books::EntryStatus;
using calendar::Date;
using calendar::IsoWeek;
using calendar::Month;
using testutil::day;
using testutil::iso_week;
using testutil::month;

namespace {

books::Terms terms(std::string_view from, std::int64_t hours_hundredths, std::int64_t rate_hundredths) {
  return {day(from), money::Hours::from_hundredths(hours_hundredths), money::Money::from_hundredths(rate_hundredths)};
}

// A contract starting on `start` with one set of terms.
books::Contract contract(std::string_view start, std::int64_t hours_hundredths = 700,
                         std::int64_t rate_hundredths = 52500) {
  books::Contract c;
  c.id = "C1";
  c.citizen = "AB";
  c.service = "Støtte- og kontaktpersonsforløb";
  c.start = day(start);
  c.terms = {terms(start, hours_hundredths, rate_hundredths)};
  c.notice = *calendar::NoticeRule::parse("løbende måned + 1");
  return c;
}

books::Entry entry(std::string_view date, Rational hours, EntryStatus status = EntryStatus::delivered) {
  books::Entry e;
  e.contract = 0;
  e.date = day(date);
  e.hours = hours;
  e.status = status;
  return e;
}

std::optional<WeekFigures> figures(const books::Contract& c, std::string_view week,
                                   const std::vector<books::Entry>& entries = {}) {
  std::vector<const books::Entry*> pointers;
  for (const books::Entry& e : entries) pointers.push_back(&e);
  return billing::week_figures(c, iso_week(week), pointers);
}

std::vector<std::string> week_names(const std::vector<WeekFigures>& weeks) {
  std::vector<std::string> out;
  for (const WeekFigures& w : weeks) out.push_back(w.week.to_string());
  return out;
}

std::string text(const Rational& r) { return r.to_string(); }

} // namespace

TEST_CASE("billing::billable_hours") {
  // SPEC 2.4, A = 5: billable_hours(A_n, D, C, S, absence_billed).
  const Rational a(5);
  SUBCASE("staff absence made up in the same week") {
    CHECK(text(billing::billable_hours(a, 5, 0, 2, true)) == "5");
  }
  SUBCASE("staff absence not made up") {
    CHECK(text(billing::billable_hours(a, 3, 0, 2, true)) == "3");
  }
  SUBCASE("citizen absence is billed") {
    CHECK(text(billing::billable_hours(a, 0, 5, 0, true)) == "5");
  }
  SUBCASE("staff absent the whole week") {
    CHECK(text(billing::billable_hours(a, 0, 0, 5, true)) == "0");
  }
  SUBCASE("over-delivery is not billed") {
    CHECK(text(billing::billable_hours(a, 7, 0, 0, true)) == "5");
    CHECK(text(billing::over_delivery(a, 7)) == "2");
  }
  SUBCASE("staff absence partly made up") {
    CHECK(text(billing::billable_hours(a, 4, 0, 3, true)) == "4");
  }
  SUBCASE("the new time offered for a staff absence, missed by the citizen, is billed") {
    CHECK(text(billing::billable_hours(a, 3, 2, 2, true)) == "5"); // D=3, S=2, C=2
    CHECK(text(billing::billable_hours(a, 0, 3, 2, true)) == "3"); // D=0, S=2, C=3
  }
  SUBCASE("the issue's example: 7.5 agreed, staff sick 2.5, delivered 5, the make-up missed 2.5") {
    CHECK(text(billing::billable_hours(Rational(15, 2), 5, Rational(5, 2), Rational(5, 2), true)) == "15/2");
  }
  SUBCASE("absence not billed: only delivered hours") {
    CHECK(text(billing::billable_hours(a, 3, 2, 0, false)) == "3"); // D=3, C=2
  }
  SUBCASE("absence not billed: delivered hours capped at A") {
    CHECK(text(billing::billable_hours(a, 7, 0, 0, false)) == "5");
  }
  SUBCASE("no entries: the agreed hours") {
    CHECK(text(billing::billable_hours(a, 0, 0, 0, true)) == "5");
    CHECK(text(billing::billable_hours(Rational(75, 14), 0, 0, 0, true)) == "75/14");
  }
  SUBCASE("no over-delivery when D <= A") {
    CHECK(text(billing::over_delivery(a, 5)) == "0");
    CHECK(text(billing::over_delivery(a, 3)) == "0");
  }
}

TEST_CASE("billing::week_figures") {
  SUBCASE("the worked examples of SPEC 2.4 through a week's entries") {
    struct Example {
      const char* name;
      Rational d, c, s;
      bool absence_billed;
      const char* billable;
      const char* over;
    };
    const Example examples[] = {
        {"D=5,S=2", 5, 0, 2, true, "5", "0"},  {"D=3,S=2", 3, 0, 2, true, "3", "0"},
        {"D=0,C=5", 0, 5, 0, true, "5", "0"},  {"D=0,S=5", 0, 0, 5, true, "0", "0"},
        {"D=7", 7, 0, 0, true, "5", "2"},      {"D=4,S=3", 4, 0, 3, true, "4", "0"},
        {"D=3,S=2,C=2 (the new time missed)", 3, 2, 2, true, "5", "0"},
        {"D=0,S=2,C=3", 0, 3, 2, true, "3", "0"},
        {"D=3,C=2 not billed", 3, 2, 0, false, "3", "0"},
    };
    for (const Example& x : examples) {
      INFO("example ", x.name);
      books::Contract c = contract("2025-11-03", 500);
      c.absence_billed = x.absence_billed;
      std::vector<books::Entry> entries;
      if (!x.d.is_zero()) entries.push_back(entry("2025-11-04", x.d));
      if (!x.c.is_zero()) entries.push_back(entry("2025-11-05", x.c, EntryStatus::citizen_absent));
      if (!x.s.is_zero()) entries.push_back(entry("2025-11-06", x.s, EntryStatus::staff_absent));
      const auto w = figures(c, "2025-W45", entries);
      REQUIRE(w.has_value());
      CHECK(text(w->agreed) == "5");
      CHECK(text(w->delivered) == text(x.d));
      CHECK(text(w->citizen_absent) == text(x.c));
      CHECK(text(w->staff_absent) == text(x.s));
      CHECK(text(w->billable) == x.billable);
      CHECK(text(w->over_delivered) == x.over);
      CHECK_FALSE(w->unlogged);
    }
  }

  SUBCASE("a full week without entries is billed in full and unlogged") {
    const auto w = figures(contract("2025-11-03", 750), "2025-W45");
    REQUIRE(w.has_value());
    CHECK(w->week.to_string() == "2025-W45");
    CHECK(w->month.to_string() == "2025-11");
    CHECK(w->last_active.to_string() == "2025-11-09");
    CHECK(text(w->agreed) == "15/2");
    CHECK(text(w->billable) == "15/2");
    CHECK(text(w->delivered) == "0");
    CHECK(w->unlogged);
  }

  SUBCASE("a course starting on a Wednesday gets 5/7 of the weekly hours") {
    const auto w = figures(contract("2025-11-05", 750), "2025-W45");
    REQUIRE(w.has_value());
    CHECK(text(w->agreed) == "75/14"); // 5 x 7.5 / 7
    CHECK(text(w->billable) == "75/14");
    REQUIRE(w->parts.size() == 1);
    CHECK(w->parts[0].first.to_string() == "2025-11-05");
    CHECK(w->parts[0].last.to_string() == "2025-11-09");
    CHECK(text(w->parts[0].agreed) == "75/14");
  }

  SUBCASE("the week before the start has no active day") {
    CHECK_FALSE(figures(contract("2025-11-05"), "2025-W44").has_value());
  }

  SUBCASE("a rate change on a Thursday splits the week into two parts") {
    books::Contract c = contract("2025-10-06", 700, 50000);
    c.terms.push_back(terms("2025-11-06", 700, 60000));
    // D=4, S=3: B = 7 - min(3, 7 - 4) = 4.
    const auto w = figures(c, "2025-W45",
                           {entry("2025-11-04", 4), entry("2025-11-07", 3, EntryStatus::staff_absent)});
    REQUIRE(w.has_value());
    CHECK(text(w->agreed) == "7");
    CHECK(text(w->billable) == "4");
    REQUIRE(w->parts.size() == 2);
    CHECK(w->parts[0].rate.to_string() == "500.00");
    CHECK(w->parts[0].first.to_string() == "2025-11-03");
    CHECK(w->parts[0].last.to_string() == "2025-11-05");
    CHECK(text(w->parts[0].agreed) == "3");
    CHECK(text(w->parts[0].billable) == "12/7");
    CHECK(w->parts[1].rate.to_string() == "600.00");
    CHECK(w->parts[1].first.to_string() == "2025-11-06");
    CHECK(w->parts[1].last.to_string() == "2025-11-09");
    CHECK(text(w->parts[1].agreed) == "4");
    CHECK(text(w->parts[1].billable) == "16/7");
  }

  SUBCASE("parts are ordered by first day, not by rate") {
    books::Contract c = contract("2025-10-06", 700, 60000);
    c.terms.push_back(terms("2025-11-06", 700, 50000));
    const auto w = figures(c, "2025-W45");
    REQUIRE(w.has_value());
    REQUIRE(w->parts.size() == 2);
    CHECK(w->parts[0].rate.to_string() == "600.00");
    CHECK(w->parts[1].rate.to_string() == "500.00");
    CHECK(text(w->parts[0].billable) == "3");
    CHECK(text(w->parts[1].billable) == "4");
  }

  SUBCASE("a rate that returns later in the week is one part") {
    books::Contract c = contract("2025-10-06", 700, 50000);
    c.terms.push_back(terms("2025-11-05", 700, 60000)); // Wednesday, Thursday
    c.terms.push_back(terms("2025-11-07", 700, 50000)); // Friday on
    const auto w = figures(c, "2025-W45");
    REQUIRE(w.has_value());
    REQUIRE(w->parts.size() == 2);
    CHECK(w->parts[0].rate.to_string() == "500.00");
    CHECK(w->parts[0].first.to_string() == "2025-11-03");
    CHECK(w->parts[0].last.to_string() == "2025-11-09");
    CHECK(text(w->parts[0].agreed) == "5");
    CHECK(w->parts[1].rate.to_string() == "600.00");
    CHECK(w->parts[1].first.to_string() == "2025-11-05");
    CHECK(w->parts[1].last.to_string() == "2025-11-06");
    CHECK(text(w->parts[1].agreed) == "2");
  }

  SUBCASE("an hours_per_week change mid-week sums the per-day values") {
    books::Contract c = contract("2025-10-06", 700, 52500);
    c.terms.push_back(terms("2025-11-05", 500, 52500)); // Mon, Tue at 7; Wed..Sun at 5
    const auto w = figures(c, "2025-W45");
    REQUIRE(w.has_value());
    CHECK(text(w->agreed) == "39/7"); // 2 + 25/7
    CHECK(text(w->billable) == "39/7");
    REQUIRE(w->parts.size() == 1);
    CHECK(text(w->parts[0].agreed) == "39/7");
    CHECK(w->parts[0].first.to_string() == "2025-11-03");
    CHECK(w->parts[0].last.to_string() == "2025-11-09");
  }

  SUBCASE("billed suspension days are billed in full and their entries not counted") {
    books::Contract c = contract("2025-11-03", 700);
    c.suspensions.push_back({day("2025-11-10"), day("2025-11-12"), true});
    const auto w = figures(c, "2025-W46",
                           {entry("2025-11-11", 10), entry("2025-11-13", 2),
                            entry("2025-11-14", 2, EntryStatus::staff_absent)});
    REQUIRE(w.has_value());
    CHECK(text(w->agreed) == "7");
    CHECK(text(w->agreed_in_billed_suspension) == "3");
    CHECK(text(w->delivered) == "2");
    CHECK(text(w->staff_absent) == "2");
    CHECK(text(w->billable) == "5"); // A_s 3 + (A_n 4 - min(2, 4 - 2))
    CHECK(text(w->over_delivered) == "0");
    CHECK_FALSE(w->unlogged);
  }

  SUBCASE("billed suspension days are billed in full also when absence is not billed") {
    books::Contract c = contract("2025-11-03", 700);
    c.absence_billed = false;
    c.suspensions.push_back({day("2025-11-10"), day("2025-11-12"), true});
    const auto w = figures(c, "2025-W46");
    REQUIRE(w.has_value());
    CHECK(text(w->billable) == "3");
  }

  SUBCASE("unbilled suspension days are not active") {
    books::Contract c = contract("2025-11-03", 700);
    c.suspensions.push_back({day("2025-11-10"), day("2025-11-12"), false});
    const auto w = figures(c, "2025-W46", {entry("2025-11-11", 3)});
    REQUIRE(w.has_value());
    CHECK(text(w->agreed) == "4");
    CHECK(text(w->delivered) == "0");
    CHECK(text(w->billable) == "4");
    CHECK(w->unlogged); // the only entry is on a day that is not active
    REQUIRE(w->parts.size() == 1);
    CHECK(w->parts[0].first.to_string() == "2025-11-13");
    CHECK(w->parts[0].last.to_string() == "2025-11-16");
  }

  SUBCASE("a week wholly inside an unbilled suspension has no figures") {
    books::Contract c = contract("2025-11-03", 700);
    c.suspensions.push_back({day("2025-11-08"), day("2025-11-20"), false});
    CHECK_FALSE(figures(c, "2025-W46").has_value());
  }

  SUBCASE("the month of a week is the month of its last active day") {
    const auto w = figures(contract("2025-12-01"), "2026-W01");
    REQUIRE(w.has_value());
    CHECK(w->month.to_string() == "2026-01");
    CHECK(w->last_active.to_string() == "2026-01-04");
    CHECK(text(w->agreed) == "7");
  }

  SUBCASE("the last week of a course belongs to the month in which it ends") {
    books::Contract c = contract("2025-12-01");
    c.end = day("2025-12-31"); // a Wednesday
    const auto w = figures(c, "2026-W01");
    REQUIRE(w.has_value());
    CHECK(w->week.to_string() == "2026-W01");
    CHECK(w->month.to_string() == "2025-12");
    CHECK(w->last_active.to_string() == "2025-12-31");
    CHECK(text(w->agreed) == "3");
  }

  SUBCASE("weeks are named by their ISO week-year") {
    CHECK(IsoWeek::of(day("2025-12-29")).to_string() == "2026-W01");
    const auto w = figures(contract("2026-12-01"), "2026-W53");
    REQUIRE(w.has_value());
    CHECK(w->week.to_string() == "2026-W53");
    CHECK(w->week.monday().to_string() == "2026-12-28");
    CHECK(w->month.to_string() == "2027-01");
  }

  SUBCASE("an entry of any status on an active day makes the week logged") {
    const books::Contract c = contract("2025-11-03", 750);
    const auto citizen = figures(c, "2025-W45", {entry("2025-11-05", 2, EntryStatus::citizen_absent)});
    REQUIRE(citizen.has_value());
    CHECK_FALSE(citizen->unlogged);
    CHECK(text(citizen->billable) == "15/2");
    const auto staff = figures(c, "2025-W45", {entry("2025-11-05", 2, EntryStatus::staff_absent)});
    REQUIRE(staff.has_value());
    CHECK_FALSE(staff->unlogged);
    CHECK(text(staff->billable) == "11/2");
  }

  SUBCASE("entries before the start do not count and do not log the week") {
    const auto w = figures(contract("2025-11-05", 700), "2025-W45", {entry("2025-11-04", 3)});
    REQUIRE(w.has_value());
    CHECK(w->unlogged);
    CHECK(text(w->delivered) == "0");
    CHECK(text(w->agreed) == "5");
  }

  SUBCASE("a multi-rate week's parts share B in proportion to A_p") {
    books::Contract c = contract("2025-10-06", 750, 52500);
    c.terms.push_back(terms("2025-11-06", 750, 54000));
    c.absence_billed = false;
    const auto w = figures(c, "2025-W45", {entry("2025-11-03", 5)});
    REQUIRE(w.has_value());
    CHECK(text(w->billable) == "5");
    REQUIRE(w->parts.size() == 2);
    CHECK(text(w->parts[0].agreed) == "45/14"); // 3 x 7.5 / 7
    CHECK(text(w->parts[1].agreed) == "30/7");  // 4 x 7.5 / 7
    CHECK(text(w->parts[0].billable) == "15/7"); // 5 x 3/7
    CHECK(text(w->parts[1].billable) == "20/7"); // 5 x 4/7
  }
}

TEST_CASE("billing::DayClassifier") {
  // The one classification that week_figures, check_books, is_active and is_billed_suspension use.
  books::Contract c = contract("2025-03-03");
  c.end = day("2025-07-31");
  c.suspensions.push_back({day("2025-06-02"), day("2025-06-08"), false});
  c.suspensions.push_back({day("2025-07-07"), day("2025-07-20"), true});
  const billing::DayClassifier kind(c);
  CHECK(kind(day("2025-03-02")) == billing::DayKind::inactive);
  CHECK(kind(day("2025-03-03")) == billing::DayKind::active);
  CHECK(kind(day("2025-06-02")) == billing::DayKind::inactive);
  CHECK(kind(day("2025-06-09")) == billing::DayKind::active);
  CHECK(kind(day("2025-07-07")) == billing::DayKind::billed_suspension);
  CHECK(kind(day("2025-07-20")) == billing::DayKind::billed_suspension);
  CHECK(kind(day("2025-07-31")) == billing::DayKind::active);
  CHECK(kind(day("2025-08-01")) == billing::DayKind::inactive);
  CHECK(billing::classify_day(c, day("2025-07-10")) == billing::DayKind::billed_suspension);
}

TEST_CASE("billing::is_active") {
  SUBCASE("from the start on") {
    const books::Contract c = contract("2025-11-05");
    CHECK_FALSE(billing::is_active(c, day("2025-11-04")));
    CHECK(billing::is_active(c, day("2025-11-05")));
    CHECK(billing::is_active(c, day("2030-01-01"))); // runs on
  }
  SUBCASE("up to and including the agreed end") {
    books::Contract c = contract("2025-11-05");
    c.end = day("2025-12-31");
    CHECK(billing::is_active(c, day("2025-12-31")));
    CHECK_FALSE(billing::is_active(c, day("2026-01-01")));
  }
  SUBCASE("up to the last day by the notice rule") {
    books::Contract c = contract("2025-03-03");
    c.termination = books::Termination{day("2025-11-18"), std::nullopt};
    CHECK(billing::is_active(c, day("2025-12-31")));
    CHECK_FALSE(billing::is_active(c, day("2026-01-01")));
  }
  SUBCASE("an unbilled suspension is not active") {
    books::Contract c = contract("2025-03-03");
    c.suspensions.push_back({day("2025-07-07"), day("2025-07-20"), false});
    CHECK(billing::is_active(c, day("2025-07-06")));
    CHECK_FALSE(billing::is_active(c, day("2025-07-07")));
    CHECK_FALSE(billing::is_active(c, day("2025-07-20")));
    CHECK(billing::is_active(c, day("2025-07-21")));
    CHECK_FALSE(billing::is_billed_suspension(c, day("2025-07-10")));
  }
  SUBCASE("a billed suspension is active and billed in full") {
    books::Contract c = contract("2025-03-03");
    c.suspensions.push_back({day("2025-07-07"), day("2025-07-20"), true});
    CHECK(billing::is_active(c, day("2025-07-07")));
    CHECK(billing::is_active(c, day("2025-07-20")));
    CHECK(billing::is_billed_suspension(c, day("2025-07-07")));
    CHECK(billing::is_billed_suspension(c, day("2025-07-20")));
    CHECK_FALSE(billing::is_billed_suspension(c, day("2025-07-21")));
  }
  SUBCASE("a billed suspension beyond the last day is not active") {
    books::Contract c = contract("2025-03-03");
    c.end = day("2025-07-10");
    c.suspensions.push_back({day("2025-07-07"), day("2025-07-20"), true});
    CHECK(billing::is_billed_suspension(c, day("2025-07-10")));
    CHECK_FALSE(billing::is_active(c, day("2025-07-11")));
    CHECK_FALSE(billing::is_billed_suspension(c, day("2025-07-11")));
  }
}

TEST_CASE("billing::weeks_in_months") {
  auto select = [](const books::Contract& c, std::string_view from, std::string_view to) {
    books::Books b;
    b.contracts.push_back(c);
    const billing::EntryIndex index(b);
    return billing::weeks_in_months(b.contracts[0], 0, index, month(from), month(to));
  };

  SUBCASE("a week that starts in the previous month belongs to the month of its Sunday") {
    const auto weeks = select(contract("2025-10-29"), "2025-11", "2025-11");
    CHECK(week_names(weeks) == std::vector<std::string>{"2025-W44", "2025-W45", "2025-W46", "2025-W47", "2025-W48"});
    REQUIRE(!weeks.empty());
    CHECK(text(weeks[0].agreed) == "5"); // Wednesday to Sunday at 7 hours a week
    CHECK(weeks[0].month.to_string() == "2025-11");
  }

  SUBCASE("a month whose only week moved to the next month is empty") {
    CHECK(select(contract("2025-10-29"), "2025-10", "2025-10").empty());
  }

  SUBCASE("the first week of a month may begin in the month before") {
    const auto weeks = select(contract("2025-11-03"), "2026-02", "2026-02");
    CHECK(week_names(weeks) == std::vector<std::string>{"2026-W05", "2026-W06", "2026-W07", "2026-W08"});
  }

  SUBCASE("the last week of a course stays in the month it ends") {
    books::Contract c = contract("2025-11-03");
    c.end = day("2025-12-31");
    CHECK(week_names(select(c, "2025-12", "2026-01")) ==
          std::vector<std::string>{"2025-W49", "2025-W50", "2025-W51", "2025-W52", "2026-W01"});
    CHECK(select(c, "2026-01", "2026-03").empty());
  }

  SUBCASE("a range of months, ascending") {
    const auto weeks = select(contract("2025-11-03"), "2025-11", "2025-12");
    CHECK(week_names(weeks) == std::vector<std::string>{"2025-W45", "2025-W46", "2025-W47", "2025-W48", "2025-W49",
                                                         "2025-W50", "2025-W51", "2025-W52"});
  }

  SUBCASE("weeks without an active day are left out") {
    books::Contract c = contract("2025-11-03");
    c.suspensions.push_back({day("2025-11-10"), day("2025-11-23"), false});
    CHECK(week_names(select(c, "2025-11", "2025-11")) == std::vector<std::string>{"2025-W45", "2025-W48"});
  }

  SUBCASE("the index finds each contract's entries by week") {
    books::Books b;
    b.contracts.push_back(contract("2025-11-03"));
    b.contracts.push_back(contract("2025-11-03"));
    b.contracts[1].id = "C2";
    b.entries.push_back(entry("2025-11-04", 3));
    b.entries.push_back(entry("2025-11-11", 9));
    b.entries.back().contract = 1;
    const billing::EntryIndex index(b);
    const auto first = billing::weeks_in_months(b.contracts[0], 0, index, month("2025-11"), month("2025-11"));
    const auto second = billing::weeks_in_months(b.contracts[1], 1, index, month("2025-11"), month("2025-11"));
    REQUIRE(first.size() == 4);
    REQUIRE(second.size() == 4);
    CHECK(text(first[0].delivered) == "3");
    CHECK(text(first[1].delivered) == "0");
    CHECK(text(second[0].delivered) == "0");
    CHECK(text(second[1].delivered) == "9");
    CHECK(text(second[1].over_delivered) == "2");
  }
}

TEST_CASE("billing::EntryIndex: a long history groups like a plain map") {
  // 130k entries over 7 contracts, in an order that is mostly by date with some going back (so
  // that weeks have to be sorted), against a std::map of (contract, Monday) -> entries.
  books::Books b;
  for (int c = 0; c < 7; ++c) b.contracts.emplace_back().id = "K" + std::to_string(c);
  std::uint64_t seed = 20261123;
  auto next = [&seed](std::uint64_t n) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return (seed >> 33) % n;
  };
  const int first_day = Date::from_ymd(2021, 1, 1)->days_since_epoch();
  for (int i = 0; i < 130'000; ++i) {
    books::Entry& e = b.entries.emplace_back();
    e.contract = static_cast<std::uint32_t>(next(7));
    e.date = Date::from_days(first_day + i / 70 - (next(10) == 0 ? static_cast<int>(next(40)) : 0));
  }
  std::map<std::pair<std::uint32_t, int>, std::vector<const books::Entry*>> reference; // (contract, monday)
  for (const books::Entry& e : b.entries)
    reference[{e.contract, IsoWeek::of(e.date).monday().days_since_epoch()}].push_back(&e);

  const billing::EntryIndex index(b);
  REQUIRE(index.group_count() == reference.size());
  std::size_t g = 0;
  for (const auto& [key, expected] : reference) { // the same order: by contract, then week
    const auto group = index.group(g++);
    CHECK(std::vector<const books::Entry*>(group.begin(), group.end()) == expected);
    const auto found = index.of(key.first, IsoWeek::of(Date::from_days(key.second)));
    CHECK(std::vector<const books::Entry*>(found.begin(), found.end()) == expected);
  }
  CHECK(index.of(3, IsoWeek::of(Date::from_days(first_day - 400))).empty());
}

#include "calendar/date.hpp"

#include "testutil.hpp"

#include <date/date.h>
#include <date/iso_week.h>
#include <doctest/doctest.h>

#include <string>
#include <type_traits>
#include <vector>

using calendar::Date;
using calendar::IsoWeek;
using calendar::Month;
using testutil::day;

namespace {

IsoWeek week(int iso_year, unsigned number) {
  const auto parsed = IsoWeek::from_yw(iso_year, number);
  REQUIRE(parsed.has_value());
  return *parsed;
}

Month month(int year, unsigned number) {
  const auto parsed = Month::from_ym(year, number);
  REQUIRE(parsed.has_value());
  return *parsed;
}

// A requires-expression only reports "does not compile" softly inside a template.
template <typename T>
concept addable = requires(T a, T b) { a + b; };

} // namespace

// Misuse that must not compile: a bare day count is not a Date, and dates do not add up.
static_assert(!std::is_convertible_v<int, Date>);
static_assert(!std::is_constructible_v<Date, int>);
static_assert(!addable<Date>);
static_assert(addable<int>); // the probe itself works
static_assert(!std::is_convertible_v<Date, int>);

TEST_CASE("calendar::parse_date") {
  SUBCASE("a valid day") {
    const auto d = calendar::parse_date("2025-11-18");
    REQUIRE(d.has_value());
    CHECK(d->year() == 2025);
    CHECK(d->month() == 11);
    CHECK(d->day() == 18);
    CHECK(d->to_string() == "2025-11-18");
  }
  SUBCASE("leap days") {
    CHECK(calendar::parse_date("2024-02-29").has_value());
    CHECK(calendar::parse_date("2000-02-29").has_value());
    CHECK_FALSE(calendar::parse_date("2025-02-29").has_value());
    CHECK_FALSE(calendar::parse_date("1900-02-29").has_value()); // century, not leap
    CHECK_FALSE(calendar::parse_date("2100-02-29").has_value());
  }
  SUBCASE("days that do not exist") {
    CHECK_FALSE(calendar::parse_date("2025-02-30").has_value());
    CHECK_FALSE(calendar::parse_date("2025-04-31").has_value());
    CHECK_FALSE(calendar::parse_date("2025-01-32").has_value());
    CHECK_FALSE(calendar::parse_date("2025-01-00").has_value());
    CHECK_FALSE(calendar::parse_date("2025-00-10").has_value());
    CHECK_FALSE(calendar::parse_date("2025-13-01").has_value());
  }
  SUBCASE("year range 1900..9999") {
    CHECK(day("1900-01-01").year() == 1900);
    CHECK(day("9999-12-31").year() == 9999);
    CHECK_FALSE(calendar::parse_date("1899-12-31").has_value());
    CHECK_FALSE(calendar::parse_date("0000-01-01").has_value());
  }
  SUBCASE("not exactly YYYY-MM-DD") {
    CHECK_FALSE(calendar::parse_date("").has_value());
    CHECK_FALSE(calendar::parse_date("2025-1-18").has_value());
    CHECK_FALSE(calendar::parse_date("2025-11-8").has_value());
    CHECK_FALSE(calendar::parse_date("2025-11-180").has_value());
    CHECK_FALSE(calendar::parse_date(" 2025-11-18").has_value());
    CHECK_FALSE(calendar::parse_date("2025-11-18 ").has_value());
    CHECK_FALSE(calendar::parse_date("2025/11/18").has_value());
    CHECK_FALSE(calendar::parse_date("20251118").has_value());
    CHECK_FALSE(calendar::parse_date("+025-11-18").has_value());
    CHECK_FALSE(calendar::parse_date("2025-+1-18").has_value());
    CHECK_FALSE(calendar::parse_date("2025-11--1").has_value());
    CHECK_FALSE(calendar::parse_date("2025-1a-18").has_value());
    CHECK_FALSE(calendar::parse_date("18-11-2025").has_value());
  }
}

TEST_CASE("calendar::Date::from_ymd") {
  SUBCASE("valid") {
    const auto d = Date::from_ymd(2024, 2, 29);
    REQUIRE(d.has_value());
    CHECK(d->to_string() == "2024-02-29");
    CHECK(d->days_since_epoch() == 19782);
  }
  SUBCASE("invalid days") {
    CHECK_FALSE(Date::from_ymd(2025, 2, 29).has_value());
    CHECK_FALSE(Date::from_ymd(2025, 0, 1).has_value());
    CHECK_FALSE(Date::from_ymd(2025, 13, 1).has_value());
    CHECK_FALSE(Date::from_ymd(2025, 1, 0).has_value());
  }
  SUBCASE("out-of-range fields do not wrap around") {
    CHECK_FALSE(Date::from_ymd(2025, 257, 1).has_value());
    CHECK_FALSE(Date::from_ymd(2025, 1, 257).has_value());
    CHECK_FALSE(Date::from_ymd(40000, 1, 1).has_value());
    CHECK_FALSE(Date::from_ymd(-40000, 1, 1).has_value());
  }
  SUBCASE("the default is the epoch") {
    CHECK(Date{}.to_string() == "1970-01-01");
    CHECK(Date::from_days(10957).to_string() == "2000-01-01");
    CHECK(Date::from_days(-1).to_string() == "1969-12-31");
  }
}

TEST_CASE("calendar::Date::iso_weekday") {
  CHECK(day("2025-11-17").iso_weekday() == 1); // Monday
  CHECK(day("2025-11-19").iso_weekday() == 3);
  CHECK(day("2025-11-23").iso_weekday() == 7); // Sunday
  CHECK(day("1970-01-01").iso_weekday() == 4); // Thursday
  CHECK(day("2024-02-29").iso_weekday() == 4);
}

TEST_CASE("calendar::Date arithmetic") {
  SUBCASE("adding days crosses months and years") {
    CHECK((day("2025-12-31") + 1).to_string() == "2026-01-01");
    CHECK((day("2024-03-01") - 1).to_string() == "2024-02-29");
    CHECK((day("2025-03-01") - 1).to_string() == "2025-02-28");
    CHECK((day("2025-11-18") + 365).to_string() == "2026-11-18");
  }
  SUBCASE("difference in days") {
    CHECK(day("2026-01-01") - day("2025-01-01") == 365);
    CHECK(day("2025-01-01") - day("2024-01-01") == 366);
    CHECK(day("2025-01-01") - day("2025-01-31") == -30);
  }
  SUBCASE("ordering") {
    CHECK(day("2025-11-18") < day("2025-11-19"));
    CHECK(day("2025-12-31") < day("2026-01-01"));
    CHECK(day("2025-11-18") == Date::from_ymd(2025, 11, 18));
  }
}

TEST_CASE("calendar::add_months") {
  SUBCASE("the day of month is kept") {
    CHECK(calendar::add_months(day("2025-11-18"), 1).to_string() == "2025-12-18");
    CHECK(calendar::add_months(day("2025-12-15"), 1).to_string() == "2026-01-15");
    CHECK(calendar::add_months(day("2025-01-15"), 0).to_string() == "2025-01-15");
    CHECK(calendar::add_months(day("2025-01-31"), 120).to_string() == "2035-01-31");
  }
  SUBCASE("clamped to the last day of a shorter month") {
    CHECK(calendar::add_months(day("2025-11-30"), 3).to_string() == "2026-02-28");
    CHECK(calendar::add_months(day("2025-01-31"), 1).to_string() == "2025-02-28");
    CHECK(calendar::add_months(day("2024-01-31"), 1).to_string() == "2024-02-29");
    CHECK(calendar::add_months(day("2025-05-31"), 1).to_string() == "2025-06-30");
    CHECK(calendar::add_months(day("2024-02-29"), 12).to_string() == "2025-02-28");
    CHECK(calendar::add_months(day("2024-02-29"), 48).to_string() == "2028-02-29");
  }
  SUBCASE("negative months") {
    CHECK(calendar::add_months(day("2025-01-15"), -1).to_string() == "2024-12-15");
    CHECK(calendar::add_months(day("2025-01-15"), -12).to_string() == "2024-01-15");
    CHECK(calendar::add_months(day("2025-03-31"), -1).to_string() == "2025-02-28");
    CHECK(calendar::add_months(day("2024-03-31"), -1).to_string() == "2024-02-29");
    CHECK(calendar::add_months(day("2025-01-31"), -13).to_string() == "2023-12-31");
  }
}

TEST_CASE("calendar::Month") {
  SUBCASE("from_ym") {
    CHECK(month(2025, 11).to_string() == "2025-11");
    CHECK_FALSE(Month::from_ym(2025, 0).has_value());
    CHECK_FALSE(Month::from_ym(2025, 13).has_value());
  }
  SUBCASE("of a day") {
    const auto m = Month::of(day("2025-11-18"));
    CHECK(m.year() == 2025);
    CHECK(m.month() == 11);
    CHECK(Month::of(day("2025-12-31")) == month(2025, 12));
  }
  SUBCASE("first and last day") {
    CHECK(month(2025, 11).first_day().to_string() == "2025-11-01");
    CHECK(month(2025, 11).last_day().to_string() == "2025-11-30");
    CHECK(month(2025, 12).last_day().to_string() == "2025-12-31");
    CHECK(month(2024, 2).last_day().to_string() == "2024-02-29");
    CHECK(month(2025, 2).last_day().to_string() == "2025-02-28");
    CHECK(month(2000, 2).last_day().to_string() == "2000-02-29");
    CHECK(month(1900, 2).last_day().to_string() == "1900-02-28");
  }
  SUBCASE("month arithmetic crosses years") {
    CHECK((month(2025, 11) + 2).to_string() == "2026-01");
    CHECK((month(2025, 1) - 1).to_string() == "2024-12");
    CHECK((month(2025, 6) + 24).to_string() == "2027-06");
    CHECK((month(2025, 6) - 25).to_string() == "2023-05");
    CHECK((month(2025, 6) + 0) == month(2025, 6));
  }
  SUBCASE("ordering") {
    CHECK(month(2025, 12) < month(2026, 1));
    CHECK(month(2025, 2) < month(2025, 11));
  }
  SUBCASE("to_string pads") { CHECK(month(1900, 3).to_string() == "1900-03"); }
}

TEST_CASE("calendar::parse_month") {
  const auto m = calendar::parse_month("2025-11");
  REQUIRE(m.has_value());
  CHECK(*m == month(2025, 11));
  CHECK(calendar::parse_month("1900-01").has_value());
  CHECK_FALSE(calendar::parse_month("1899-12").has_value());
  CHECK_FALSE(calendar::parse_month("2025-13").has_value());
  CHECK_FALSE(calendar::parse_month("2025-00").has_value());
  CHECK_FALSE(calendar::parse_month("2025-1").has_value());
  CHECK_FALSE(calendar::parse_month("2025-011").has_value());
  CHECK_FALSE(calendar::parse_month("2025/11").has_value());
  CHECK_FALSE(calendar::parse_month("2025-11-01").has_value());
  CHECK_FALSE(calendar::parse_month("").has_value());
}

TEST_CASE("calendar::IsoWeek::of") {
  SUBCASE("ISO week-year differs from the calendar year") {
    CHECK(IsoWeek::of(day("2025-12-29")).to_string() == "2026-W01");
    CHECK(IsoWeek::of(day("2024-12-30")).to_string() == "2025-W01");
    CHECK(IsoWeek::of(day("2027-01-01")).to_string() == "2026-W53");
    CHECK(IsoWeek::of(day("2021-01-03")).to_string() == "2020-W53");
  }
  SUBCASE("ordinary weeks") {
    const auto w = IsoWeek::of(day("2025-11-18"));
    CHECK(w.iso_year() == 2025);
    CHECK(w.week() == 47);
    CHECK(IsoWeek::of(day("2021-01-04")).to_string() == "2021-W01");
    CHECK(IsoWeek::of(day("2025-01-01")).to_string() == "2025-W01");
  }
}

TEST_CASE("calendar::IsoWeek: of and monday agree with date.h's iso_week on every day of 1583-2600") {
  // IsoWeek computes with the civil-calendar algorithms directly (for speed); date.h is the
  // reference. Also a few days far out, before 1 March 0000 and near the end of date::year.
  std::vector<int> days;
  const int first = Date::from_ymd(1583, 1, 1)->days_since_epoch();
  const int last = Date::from_ymd(2600, 12, 31)->days_since_epoch();
  for (int z = first; z <= last; ++z) days.push_back(z);
  for (int z : {-719468 - 1, -719468, -800000, -11'000'000, 11'000'000}) days.push_back(z);
  std::size_t wrong = 0;
  for (int z : days) {
    const date::sys_days sys{date::days{z}};
    const iso_week::year_weeknum_weekday ref{sys};
    const IsoWeek w = IsoWeek::of(Date::from_days(z));
    const auto ref_monday = date::sys_days{ref.year() / ref.weeknum() / iso_week::mon}.time_since_epoch().count();
    if (w.iso_year() != static_cast<int>(ref.year()) || w.week() != static_cast<unsigned>(ref.weeknum()) ||
        w.monday().days_since_epoch() != ref_monday) {
      if (++wrong <= 5) FAIL_CHECK("day ", z, ": ", w.to_string(), " monday ", w.monday().days_since_epoch(), ", date.h: ",
                                    static_cast<int>(ref.year()), "-W", static_cast<unsigned>(ref.weeknum()), " monday ",
                                    ref_monday);
    }
  }
  CHECK(wrong == 0);
}

TEST_CASE("calendar::IsoWeek::from_yw") {
  CHECK(week(2026, 53).to_string() == "2026-W53"); // 2026 starts on a Thursday
  CHECK(week(2020, 53).to_string() == "2020-W53"); // leap year starting on a Wednesday
  CHECK_FALSE(IsoWeek::from_yw(2025, 53).has_value());
  CHECK_FALSE(IsoWeek::from_yw(2025, 0).has_value());
  CHECK_FALSE(IsoWeek::from_yw(2026, 54).has_value());
}

TEST_CASE("calendar::IsoWeek::monday") {
  CHECK(week(2026, 1).monday().to_string() == "2025-12-29");
  CHECK(week(2026, 1).sunday().to_string() == "2026-01-04");
  CHECK(week(2026, 53).monday().to_string() == "2026-12-28");
  CHECK(week(2026, 53).sunday().to_string() == "2027-01-03");
  CHECK(week(2025, 47).monday().to_string() == "2025-11-17");
}

TEST_CASE("calendar::IsoWeek::next") {
  CHECK(week(2025, 47).next() == week(2025, 48));
  CHECK(week(2025, 52).next() == week(2026, 1));
  CHECK(week(2026, 52).next() == week(2026, 53));
  CHECK(week(2026, 53).next() == week(2027, 1));
  CHECK(week(2025, 52) < week(2026, 1));
  // The week after each week of four centuries is the week of its Monday + 7.
  for (Date d = IsoWeek::of(day(1900, 1, 1)).monday(); d < day(2300, 1, 1); d = d + 7)
    REQUIRE(IsoWeek::of(d).next() == IsoWeek::of(d + 7));
}

TEST_CASE("calendar::parse_iso_week") {
  const auto w = calendar::parse_iso_week("2026-W53");
  REQUIRE(w.has_value());
  CHECK(*w == week(2026, 53));
  CHECK(*calendar::parse_iso_week("2025-W01") == week(2025, 1));
  CHECK_FALSE(calendar::parse_iso_week("2025-W53").has_value());
  CHECK_FALSE(calendar::parse_iso_week("2025-W00").has_value());
  CHECK_FALSE(calendar::parse_iso_week("2025-w01").has_value());
  CHECK_FALSE(calendar::parse_iso_week("2025W01").has_value());
  CHECK_FALSE(calendar::parse_iso_week("2025-W1").has_value());
  CHECK_FALSE(calendar::parse_iso_week("2025-W001").has_value());
  CHECK_FALSE(calendar::parse_iso_week("1899-W01").has_value());
  CHECK_FALSE(calendar::parse_iso_week("2025-01").has_value());
  CHECK_FALSE(calendar::parse_iso_week("").has_value());
}

TEST_CASE("calendar::parse_date with DateForms") {
  using calendar::DateForms;
  SUBCASE("the day first, as a Danish spreadsheet writes it") {
    CHECK(calendar::parse_date("05-11-2025", DateForms::iso_or_day_first) == day("2025-11-05"));
    CHECK(calendar::parse_date("05.11.2025", DateForms::iso_or_day_first) == day("2025-11-05"));
    CHECK(calendar::parse_date("2025-11-05", DateForms::iso_or_day_first) == day("2025-11-05"));
  }
  SUBCASE("only ISO where ISO is asked for") {
    CHECK(calendar::parse_date("05-11-2025", DateForms::iso) == std::nullopt);
    CHECK(calendar::parse_date("05-11-2025") == std::nullopt);
  }
  SUBCASE("anything else is no date") {
    CHECK(calendar::parse_date("05-11.2025", DateForms::iso_or_day_first) == std::nullopt);
    CHECK(calendar::parse_date("5-11-2025", DateForms::iso_or_day_first) == std::nullopt);
    CHECK(calendar::parse_date("05/11/2025", DateForms::iso_or_day_first) == std::nullopt);
    CHECK(calendar::parse_date("31-11-2025", DateForms::iso_or_day_first) == std::nullopt);
    CHECK(calendar::parse_date("05.11.25", DateForms::iso_or_day_first) == std::nullopt);
  }
}

TEST_CASE("calendar::why_not_a_date") {
  using calendar::DateForms;
  CHECK(calendar::why_not_a_date("2026-11-31", DateForms::iso) == "November has 30 days");
  CHECK(calendar::why_not_a_date("2026-02-29", DateForms::iso) == "February 2026 has 28 days");
  CHECK(calendar::why_not_a_date("2026-02-30", DateForms::iso) == "February 2026 has 28 days");
  CHECK(calendar::why_not_a_date("2024-02-30", DateForms::iso) == "February 2024 has 29 days");
  CHECK(calendar::why_not_a_date("2026-13-01", DateForms::iso) == "there is no month 13");
  CHECK(calendar::why_not_a_date("2026-00-01", DateForms::iso) == "there is no month 0");
  CHECK(calendar::why_not_a_date("2026-01-00", DateForms::iso) == "there is no day 0");
  CHECK(calendar::why_not_a_date("2026-04-32", DateForms::iso) == "April has 30 days");
  CHECK(calendar::why_not_a_date("31.04.2026", DateForms::iso_or_day_first) == "April has 30 days");
  SUBCASE("empty for a valid date or text that is no date at all") {
    CHECK(calendar::why_not_a_date("2026-11-30", DateForms::iso).empty());
    CHECK(calendar::why_not_a_date("31.04.2026", DateForms::iso).empty());
    CHECK(calendar::why_not_a_date("tomorrow", DateForms::iso).empty());
    CHECK(calendar::why_not_a_date("1899-02-30", DateForms::iso).empty());
  }
}

TEST_CASE("calendar::half_year_start") {
  using calendar::half_year_start;
  CHECK(half_year_start(day("2026-01-01")) == day("2026-01-01"));
  CHECK(half_year_start(day("2026-06-30")) == day("2026-01-01"));
  CHECK(half_year_start(day("2026-07-01")) == day("2026-07-01"));
  CHECK(half_year_start(day("2026-12-31")) == day("2026-07-01"));
  CHECK(calendar::half_year_name(day("2026-03-01")) == "the first half of 2026");
  CHECK(calendar::half_year_name(day("2028-12-31")) == "the second half of 2028");
}

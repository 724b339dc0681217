// receivables::interest: morarente by renteloven § 5 (SPEC 9.4), summed exactly, rounded once.
#include "receivables/interest.hpp"

#include "diag/diagnostic.hpp"
#include "testutil.hpp"

#include <doctest/doctest.h>

using money::Money;
using money::Percent;
using testutil::day;

namespace {

Money kr(const char* text) { return *Money::parse(text); }
Percent pct(const char* text) { return *Percent::parse(text); }

receivables::OwnOpenSteps steps(std::initializer_list<std::pair<const char*, const char*>> list) {
  receivables::OwnOpenSteps out;
  for (const auto& [date, amount] : list) out.emplace_back(day(date), kr(amount));
  return out;
}

receivables::ReferenceRates rates(std::initializer_list<std::pair<const char*, const char*>> list) {
  receivables::ReferenceRates out;
  for (const auto& [date, rate] : list) out.emplace(day(date), pct(rate));
  return out;
}

} // namespace

TEST_CASE("receivables::interest") {
  SUBCASE("the SPEC 7 example: 22770.00 at 1.35 % for 1-15 January 2026 is 87.49") {
    const auto result = receivables::interest(steps({{"2025-12-01", "22770.00"}}), day("2026-01-01"),
                                              day("2026-01-15"), rates({{"2026-01-01", "1.35"}}));
    CHECK(result.total == kr("87.49"));
    REQUIRE(result.lines.size() == 1);
    const receivables::InterestLine& line = result.lines[0];
    CHECK(line.from == day("2026-01-01"));
    CHECK(line.to == day("2026-01-15"));
    CHECK(line.days == 15);
    CHECK(line.reference_rate == pct("1.35"));
    CHECK(line.rate == pct("9.35"));
    // 2277000 øre × 15 days × 9.35 % / 365 = 87.4929… kr., exactly:
    CHECK(line.exact == money::Rational(31'934'925'000, 365'000'000));
    CHECK(line.interest == kr("87.49"));
  }

  SUBCASE("a rate change on 1 July: one line per rate, the sum rounded once") {
    // 10000.00 kr.: 30 June at 9.60 % and 1-10 July at 9.35 %.
    const auto result = receivables::interest(steps({{"2026-05-01", "10000.00"}}), day("2026-06-30"),
                                              day("2026-07-10"), rates({{"2026-01-01", "1.60"}, {"2026-07-01", "1.35"}}));
    REQUIRE(result.lines.size() == 2);
    CHECK(result.lines[0].from == day("2026-06-30"));
    CHECK(result.lines[0].to == day("2026-06-30"));
    CHECK(result.lines[0].days == 1);
    CHECK(result.lines[0].rate == pct("9.60"));
    CHECK(result.lines[0].interest == kr("2.63")); // 2.6301…
    CHECK(result.lines[1].from == day("2026-07-01"));
    CHECK(result.lines[1].to == day("2026-07-10"));
    CHECK(result.lines[1].days == 10);
    CHECK(result.lines[1].rate == pct("9.35"));
    CHECK(result.lines[1].interest == kr("25.62")); // 25.6164…
    CHECK(result.total == kr("28.25"));              // 28.2465…
  }

  SUBCASE("a 1 January change across the new year") {
    const auto result = receivables::interest(steps({{"2025-11-01", "3650.00"}}), day("2025-12-31"),
                                              day("2026-01-01"), rates({{"2025-07-01", "2.00"}, {"2026-01-01", "1.00"}}));
    REQUIRE(result.lines.size() == 2);
    CHECK(result.lines[0].interest == kr("1.00")); // 3650 × 10 % / 365
    CHECK(result.lines[1].interest == kr("0.90")); // 3650 × 9 % / 365
    CHECK(result.total == kr("1.90"));
  }

  SUBCASE("rounded once: the lines' exact sum, not the sum of the rounded lines") {
    const auto result = receivables::interest(steps({{"2026-01-01", "1.00"}}), day("2026-06-30"), day("2026-07-01"),
                                              rates({{"2026-01-01", "10.25"}, {"2026-07-01", "10.25"}}));
    // Each day: 1.00 × 18.25 % / 365 = 0.0005 kr. → 0.00 each; together 0.001 → 0.00.
    CHECK(result.lines[0].interest == kr("0.00"));
    CHECK(result.total == kr("0.00"));
    const auto big = receivables::interest(steps({{"2026-01-01", "10.00"}}), day("2026-06-30"), day("2026-07-01"),
                                           rates({{"2026-01-01", "10.25"}, {"2026-07-01", "10.25"}}));
    // Each day 0.005 kr.: each line rounds to 0.01, the sum is exactly 0.01.
    CHECK(big.lines[0].interest == kr("0.01"));
    CHECK(big.lines[1].interest == kr("0.01"));
    CHECK(big.total == kr("0.01"));
  }

  SUBCASE("a leap year still divides by 365") {
    // 29 February 2028 counts as a day at 1/365 of the yearly rate.
    const auto result = receivables::interest(steps({{"2028-01-01", "3650.00"}}), day("2028-02-28"),
                                              day("2028-03-01"), rates({{"2028-01-01", "2.00"}}));
    CHECK(result.lines[0].days == 3);
    CHECK(result.total == kr("3.00")); // 3 × 3650 × 10 % / 365
  }

  SUBCASE("a payment in the middle of the period lowers the interest from its date") {
    // 10000.00 open to 5 January, 4000.00 from 6 January (a payment of 6000.00 that day).
    const auto result = receivables::interest(steps({{"2025-12-01", "10000.00"}, {"2026-01-06", "4000.00"}}),
                                              day("2026-01-01"), day("2026-01-10"), rates({{"2026-01-01", "1.35"}}));
    REQUIRE(result.lines.size() == 1);
    CHECK(result.lines[0].days == 10);
    // (5 × 10000 + 5 × 4000) × 9.35 % / 365 = 17.9315… kr.
    CHECK(result.lines[0].exact == money::Rational(7'000'000LL * 935, 365'000'000));
    CHECK(result.total == kr("17.93"));
  }

  SUBCASE("paid in full: no interest from that day; nothing open before the issue date") {
    const auto result = receivables::interest(steps({{"2026-01-05", "3650.00"}, {"2026-01-08", "0.00"}}),
                                              day("2026-01-01"), day("2026-01-10"), rates({{"2026-01-01", "2.00"}}));
    CHECK(result.total == kr("3.00")); // 5, 6, 7 January only
  }

  SUBCASE("an empty period") {
    const auto result = receivables::interest(steps({{"2026-01-01", "100.00"}}), day("2026-01-02"), day("2026-01-01"),
                                              rates({}));
    CHECK(result.lines.empty());
    CHECK(result.total == kr("0.00"));
  }

  SUBCASE("a day without a reference rate names its half-year") {
    const auto open = steps({{"2026-01-01", "100.00"}});
    try {
      (void)receivables::interest(open, day("2026-06-20"), day("2026-07-05"), rates({{"2026-01-01", "1.35"}}));
      FAIL("no error");
    } catch (const diag::Error& e) {
      CHECK(e.kind() == diag::ErrorKind::data);
      CHECK(std::string(e.what()) ==
            "no reference rate for the second half of 2026: add 2026-07-01 to [reminders] reference_rates");
    }
    try {
      (void)receivables::interest(open, day("2025-12-31"), day("2026-01-05"), rates({{"2026-01-01", "1.35"}}));
      FAIL("no error");
    } catch (const diag::Error& e) {
      CHECK(std::string(e.what()) ==
            "no reference rate for the second half of 2025: add 2025-07-01 to [reminders] reference_rates");
    }
  }
}

TEST_CASE("receivables::reference_rate_on") {
  const auto table = rates({{"2026-01-01", "1.35"}, {"2026-07-01", "1.60"}});
  CHECK(receivables::reference_rate_on(table, day("2026-01-01")) == pct("1.35"));
  CHECK(receivables::reference_rate_on(table, day("2026-06-30")) == pct("1.35"));
  CHECK(receivables::reference_rate_on(table, day("2026-07-01")) == pct("1.60"));
  CHECK(receivables::reference_rate_on(table, day("2026-12-31")) == pct("1.60"));
  CHECK_FALSE(receivables::reference_rate_on(table, day("2025-12-31")));
  CHECK_FALSE(receivables::reference_rate_on(table, day("2027-01-01")));
}

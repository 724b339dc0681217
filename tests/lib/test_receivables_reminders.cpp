// receivables::next_reminder: which reminder an invoice may have today (SPEC 9.4).
#include "receivables/reminders.hpp"

#include "testutil.hpp"

#include <doctest/doctest.h>

using money::Money;
using testutil::day;

namespace {

Money kr(const char* text) { return *Money::parse(text); }

receivables::ReminderHistory overdue_invoice() {
  receivables::ReminderHistory h;
  h.due_date = day("2025-12-31");
  h.own_open = kr("22770.00");
  h.payer_kind = books::PayerKind::municipality;
  return h;
}

books::Reminders settings() {
  books::Reminders s;
  s.compensation = kr("310.00");
  return s;
}

} // namespace

TEST_CASE("receivables::next_reminder") {
  SUBCASE("reminder 1 the day after the due date at the earliest") {
    CHECK_FALSE(receivables::next_reminder(overdue_invoice(), settings(), day("2025-12-31")));
    const auto due = receivables::next_reminder(overdue_invoice(), settings(), day("2026-01-01"));
    REQUIRE(due);
    CHECK(due->sequence == 1);
    CHECK(due->date == day("2026-01-01"));
    CHECK(due->pay_by == day("2026-01-11"));
    CHECK(due->interest_from == day("2026-01-01"));
    CHECK(due->interest_to == day("2026-01-01"));
  }

  SUBCASE("the SPEC 7 example: reminder 1 on 15 January") {
    const auto due = receivables::next_reminder(overdue_invoice(), settings(), day("2026-01-15"));
    REQUIRE(due);
    CHECK(due->fee == kr("100.00"));
    CHECK(due->pay_by == day("2026-01-25"));
    CHECK(due->interest_from == day("2026-01-01"));
    CHECK(due->interest_to == day("2026-01-15"));
  }

  SUBCASE("reminder k+1 the day after reminder k's payment date, so at least 10 days apart") {
    receivables::ReminderHistory h = overdue_invoice();
    h.reminders = 1;
    h.last_reminder_date = day("2026-01-15");
    h.last_pay_by = day("2026-01-25");
    CHECK_FALSE(receivables::next_reminder(h, settings(), day("2026-01-15")));
    CHECK_FALSE(receivables::next_reminder(h, settings(), day("2026-01-25")));
    const auto due = receivables::next_reminder(h, settings(), day("2026-01-26"));
    REQUIRE(due);
    CHECK(due->sequence == 2);
    CHECK(due->pay_by == day("2026-02-05"));
    // Interest from the day after the previous reminder's date: no day charged twice.
    CHECK(due->interest_from == day("2026-01-16"));
    CHECK(due->interest_to == day("2026-01-26"));
    CHECK_FALSE(due->last);
    h.reminders = 2;
    h.last_reminder_date = day("2026-01-26");
    h.last_pay_by = day("2026-02-05");
    const auto third = receivables::next_reminder(h, settings(), day("2026-03-01"));
    REQUIRE(third);
    CHECK(third->sequence == 3);
    CHECK(third->interest_from == day("2026-01-27"));
    CHECK(third->last); // the third warns of collection
  }

  SUBCASE("at most three reminders") {
    receivables::ReminderHistory h = overdue_invoice();
    h.reminders = 3;
    h.last_reminder_date = day("2026-02-06");
    h.last_pay_by = day("2026-02-16");
    CHECK_FALSE(receivables::next_reminder(h, settings(), day("2026-06-01")));
  }

  SUBCASE("the own amount open must exceed [reminders] minimum") {
    receivables::ReminderHistory h = overdue_invoice();
    h.own_open = kr("0.00");
    CHECK_FALSE(receivables::next_reminder(h, settings(), day("2026-01-15")));
    books::Reminders s = settings();
    s.minimum = kr("50.00");
    h.own_open = kr("50.00");
    CHECK_FALSE(receivables::next_reminder(h, s, day("2026-01-15")));
    h.own_open = kr("50.01");
    CHECK(receivables::next_reminder(h, s, day("2026-01-15")));
  }

  SUBCASE("fees or interest open alone get no reminder") {
    receivables::ReminderHistory h = overdue_invoice();
    h.own_open = kr("-0.01"); // overpaid own amount, say; only charges could be open
    CHECK_FALSE(receivables::next_reminder(h, settings(), day("2026-01-15")));
  }

  SUBCASE("compensation: municipalities only, on the first reminder only") {
    const auto first = receivables::next_reminder(overdue_invoice(), settings(), day("2026-01-15"));
    REQUIRE(first);
    CHECK(first->compensation == kr("310.00"));
    receivables::ReminderHistory family = overdue_invoice();
    family.payer_kind = books::PayerKind::private_payer;
    const auto to_family = receivables::next_reminder(family, settings(), day("2026-01-15"));
    REQUIRE(to_family);
    CHECK(to_family->compensation == kr("0.00"));
    CHECK(to_family->fee == kr("100.00"));
    receivables::ReminderHistory h = overdue_invoice();
    h.reminders = 1;
    h.last_reminder_date = day("2026-01-15");
    h.last_pay_by = day("2026-01-25");
    const auto second = receivables::next_reminder(h, settings(), day("2026-02-01"));
    REQUIRE(second);
    CHECK(second->compensation == kr("0.00"));
  }

  SUBCASE("the configured fee") {
    books::Reminders s = settings();
    s.fee = kr("65.00");
    CHECK(receivables::next_reminder(overdue_invoice(), s, day("2026-01-15"))->fee == kr("65.00"));
  }
}

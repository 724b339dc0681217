// invoicing::unsettled_part: the weeks billed as they are and the expenses billed as they are are
// left out, nothing else, and a run on the part bills what a run on the whole bills.
#include "billing/run.hpp"
#include "billing/week.hpp"
#include "billing/week_table.hpp"
#include "invoicing/unsettled.hpp"

#include "testutil.hpp"

#include <doctest/doctest.h>

#include <string>

using billing::BilledExpenseKey;
using billing::BilledState;
using calendar::IsoWeek;
using calendar::Month;
using money::Hours;
using money::Money;
using testutil::day;

namespace {

books::Expense expense(calendar::Date date, std::int64_t amount, bool outlay = false) {
  books::Expense x;
  x.date = date;
  x.amount = Money::from_hundredths(amount);
  x.text = "Bus";
  x.outlay = outlay;
  return x;
}

// One course from 3 March 2025, 7.50 hours a week at 525.00, no entries (every week unlogged:
// billed at the agreed hours), with expenses.
books::Books course() {
  books::Books b;
  b.settings.invoicing.from = Month::of(day(2025, 3, 1));
  books::Contract c;
  c.id = "K-1";
  c.start = day(2025, 3, 3);
  c.terms.push_back({c.start, Hours::from_hundredths(750), Money::from_hundredths(52500)});
  b.contracts.push_back(c);
  b.expenses = {expense(day(2025, 3, 10), 2000), expense(day(2025, 3, 10), 2000), expense(day(2025, 2, 20), 1500),
                expense(day(2025, 6, 5), 3000)};
  return b;
}

// The register after a run of `month` on the books (what record_run keeps of it).
BilledState billed_by_run(const books::Books& b, Month month) {
  const billing::Run run = billing::compute_run(b, {}, {month, month.last_day() + 1, {}});
  BilledState billed;
  for (const billing::ContractRun& cr : run.contracts) {
    auto& bc = billed[cr.contract];
    for (const auto& [key, hours] : cr.weeks) bc.weeks[key] = hours;
    for (const BilledExpenseKey& x : cr.expenses_added) bc.expenses.insert(x);
  }
  return billed;
}

// What a run bills, line by line, as text.
std::string bill(const books::Books& b, const BilledState& billed, Month month, const billing::WeekTable& weeks) {
  const billing::Run run = billing::compute_run(b, billed, {month, month.last_day() + 1, {}, nullptr, &weeks});
  std::string out = run.total.to_string() + "\n";
  for (const billing::Document& d : run.documents)
    for (const billing::Line& l : d.lines)
      out += std::to_string(static_cast<int>(l.type)) + " " + l.week.to_string() + " " + l.date.to_string() + " " +
             l.hours.to_string() + " " + l.amount.to_string() + "\n";
  return out;
}

} // namespace

TEST_CASE("invoicing::unsettled_part") {
  books::Books b = course();
  const billing::EntryIndex entries(b);
  const billing::WeekTable whole = billing::WeekTable::build(b, entries, IsoWeek::of(day(2025, 6, 30)));
  const billing::ContractWeeks& cw = whole.contracts().at(0);
  REQUIRE(cw.first == IsoWeek::of(day(2025, 3, 3)));

  invoicing::RegisterSummary summary;
  summary.billed = billed_by_run(b, Month::of(day(2025, 4, 1)));
  summary.latest_month = Month::of(day(2025, 4, 1));
  summary.billed_contracts["K-1"] = {100};
  REQUIRE(summary.billed["K-1"].expenses.size() == 2); // both tickets of 10 March

  SUBCASE("the weeks billed as they are, up to the first that is not, are left out with their parts") {
    // One week of April billed with other hours (as after a late correction).
    const IsoWeek changed = IsoWeek::of(day(2025, 3, 24));
    summary.billed["K-1"].weeks[{changed, Money::from_hundredths(52500)}] = Hours::from_hundredths(500);
    summary.billed["K-1"].expenses.erase(summary.billed["K-1"].expenses.begin()); // one ticket billed
    const invoicing::UnsettledPart part = invoicing::unsettled_part(b, b.expenses, whole, summary, 3);
    const billing::ContractWeeks& kept = part.weeks.contracts().at(0);
    CHECK(kept.first == changed);
    CHECK(kept.weeks.size() == cw.weeks.size() - 3);
    CHECK(kept.weeks.front().week == changed);
    CHECK(kept.parts.size() == cw.parts.size() - 3);
    CHECK(kept.parts_of(kept.weeks.front()).front().billable == Hours::from_hundredths(750));
    CHECK(kept.entry_digests.size() == kept.weeks.size());
    CHECK(part.weeks.last() == whole.last());
    const auto& billed = part.summary.billed.at("K-1");
    CHECK(billed.weeks.begin()->first.week == changed);
    CHECK(billed.weeks.size() == summary.billed.at("K-1").weeks.size() - 3);
    // The ticket billed matches the first of the two; the second, the one before `from` and the
    // one after the latest month run remain (of those, the run needs the first and the last).
    CHECK(billed.expenses.empty());
    REQUIRE(part.expenses.size() == 2);
    CHECK(part.expenses[0].date == day(2025, 3, 10));
    CHECK(part.expenses[1].date == day(2025, 6, 5));
    CHECK(part.static_warnings == 3);
    CHECK(part.summary.latest_month == summary.latest_month);
    CHECK(part.summary.billed_contracts.contains("K-1"));

    // A run of any later month on the part bills what it bills on the whole.
    books::Books with_part = course();
    with_part.expenses = part.expenses;
    for (const Month m : {Month::of(day(2025, 4, 1)), Month::of(day(2025, 5, 1)), Month::of(day(2025, 6, 1))}) {
      CAPTURE(m.to_string());
      CHECK(bill(with_part, part.summary.billed, m, part.weeks) == bill(b, summary.billed, m, whole));
    }
    // (The changed week is regulated: 5.00 billed, 7.50 now.)
    CHECK(bill(b, summary.billed, Month::of(day(2025, 6, 1)), whole).find("\n1 " + changed.to_string()) !=
          std::string::npos);
  }

  SUBCASE("a part billed that lies before the table: nothing is left out") {
    summary.billed["K-1"].weeks[{IsoWeek::of(day(2025, 2, 24)), Money::from_hundredths(52500)}] = Hours::from_hundredths(100);
    const invoicing::UnsettledPart part = invoicing::unsettled_part(b, b.expenses, whole, summary, 0);
    CHECK(part.weeks.contracts().at(0).first == cw.first);
    CHECK(part.weeks.contracts().at(0).weeks.size() == cw.weeks.size());
    CHECK(part.summary.billed.at("K-1").weeks.size() == summary.billed.at("K-1").weeks.size());
  }

  SUBCASE("every week of the months run is settled; the next month's are not") {
    const invoicing::UnsettledPart part = invoicing::unsettled_part(b, b.expenses, whole, summary, 0);
    const billing::ContractWeeks& kept = part.weeks.contracts().at(0);
    CHECK(kept.first > IsoWeek::of(day(2025, 4, 21)));
    CHECK(kept.first <= IsoWeek::of(day(2025, 5, 5)));
    CHECK(part.summary.billed.at("K-1").weeks.empty());
    CHECK(part.expenses.size() == 1); // both tickets billed; June's left
    books::Books with_part = course();
    with_part.expenses = part.expenses;
    CHECK(bill(with_part, part.summary.billed, Month::of(day(2025, 6, 1)), part.weeks) ==
          bill(b, summary.billed, Month::of(day(2025, 6, 1)), whole));
  }

  SUBCASE("billed expenses alike but for their outlay: all of the contract's are kept") {
    auto& expenses = summary.billed["K-1"].expenses;
    expenses.erase(expenses.begin());
    BilledExpenseKey outlay = *expenses.begin();
    outlay.outlay = true;
    expenses.insert(outlay);
    const invoicing::UnsettledPart part = invoicing::unsettled_part(b, b.expenses, whole, summary, 0);
    CHECK(part.summary.billed.at("K-1").expenses.size() == 2);
    CHECK(part.expenses.size() == 3); // those from invoicing.from on
  }
}

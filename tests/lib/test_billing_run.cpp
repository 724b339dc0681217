#include "billing/run.hpp"

#include "calendar/notice.hpp"
#include "calendar/payment_terms.hpp"

#include "testutil.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

using billing::BilledContract;
using billing::BilledExpenseKey;
using billing::BilledState;
using billing::Document;
using billing::Line;
using books::EntryStatus;
using calendar::Date;
using calendar::IsoWeek;
using calendar::Month;
using money::Hours;
using money::Money;
using money::Rational;
using testutil::day;
using testutil::iso_week;
using testutil::month;

namespace {

Money dkk(std::string_view text) {
  const auto parsed = Money::parse(text);
  REQUIRE_MESSAGE(parsed.has_value(), "test amount does not parse: ", std::string(text));
  return *parsed;
}

Hours hours(std::string_view text) {
  const auto parsed = Hours::parse(text);
  REQUIRE_MESSAGE(parsed.has_value(), "test hours do not parse: ", std::string(text));
  return *parsed;
}

books::Terms terms(std::string_view from, std::string_view hours_per_week, std::string_view rate) {
  return {day(from), hours(hours_per_week), dkk(rate)};
}

books::Contract contract(std::string id, std::string_view start, std::string_view hours_per_week = "7.50",
                         std::string_view rate = "525.00") {
  books::Contract c;
  c.id = std::move(id);
  c.citizen = "AB";
  c.service = "Støtte- og kontaktpersonsforløb";
  c.start = day(start);
  c.terms = {terms(start, hours_per_week, rate)};
  c.notice = *calendar::NoticeRule::parse("løbende måned + 1");
  c.handleplan = day(start);
  c.payer.kind = books::PayerKind::municipality;
  c.payer.name = "Roskilde Kommune";
  c.payer.address = {"Køgevej 80", "4000 Roskilde"};
  c.payer.ean = "5798000000001";
  c.payer.reference = "1234";
  c.expenses_agreed = true;
  return c;
}

// Books invoicing from 2025-11 with one contract C1: from 2025-11-03 (a Monday), 7.50 hours a
// week at 525.00, VAT exempt, payment in 30 days.
books::Books books_with(std::vector<books::Contract> contracts, std::string_view from = "2025-11") {
  books::Books b;
  b.root = "/nonexistent";
  b.settings.provider.name = "2nd Chance 2020";
  b.settings.provider.cvr = "38291742";
  b.settings.provider.address = {"Ringstedvej 12", "4000 Roskilde"};
  b.settings.provider.bank.reg = "5301";
  b.settings.provider.bank.account = "4382917";
  b.settings.invoicing.from = month(from);
  b.settings.invoicing.first_number = 1001;
  b.settings.invoicing.payment_terms = *calendar::PaymentTerms::parse("30 dage");
  b.settings.invoicing.vat_exemption_note = "Momsfritaget jf. momslovens § 13, stk. 1, nr. 2";
  b.contracts = std::move(contracts);
  return b;
}

books::Books standard_books() { return books_with({contract("C1", "2025-11-03")}); }

void add_entry(books::Books& b, std::string_view date, std::string_view h, EntryStatus status = EntryStatus::delivered,
               std::uint32_t contract_index = 0) {
  books::Entry e;
  e.contract = contract_index;
  e.date = day(date);
  e.hours = hours(h).exact();
  e.status = status;
  b.entries.push_back(e);
}

void add_expense(books::Books& b, std::string_view date, std::string text, std::string_view amount,
                 std::size_t contract_index = 0, bool outlay = false) {
  books::Expense x;
  x.contract = contract_index;
  x.outlay = outlay;
  x.date = day(date);
  x.text = std::move(text);
  x.amount = dkk(amount);
  b.expenses.push_back(x);
}

void bill_week(BilledContract& billed, std::string_view week, std::string_view rate, std::string_view h) {
  billed.weeks[{iso_week(week), dkk(rate)}] = hours(h);
}

void bill_expense(BilledContract& billed, std::string_view date, std::string text, std::string_view amount) {
  billed.expenses.insert({day(date), std::move(text), dkk(amount)});
}

// What the November run of standard_books() billed: four full weeks.
BilledContract november_billed(std::string_view rate = "525.00") {
  BilledContract billed;
  for (const char* w : {"2025-W45", "2025-W46", "2025-W47", "2025-W48"}) bill_week(billed, w, rate, "7.50");
  return billed;
}

billing::Run run(const books::Books& b, const BilledState& billed, std::string_view m,
                 std::string_view today = "2025-12-01", std::set<std::string> only = {}) {
  return billing::compute_run(b, billed, {month(m), day(today), std::move(only)});
}

std::string line_text(const Line& l) {
  switch (l.type) {
  case Line::Type::week:
    return "week " + l.week.to_string() + " " + l.from.to_string() + ".." + l.to.to_string() + " " +
           l.hours.to_string() + " x " + l.rate.to_string() + " = " + l.amount.to_string();
  case Line::Type::regulation:
    return "regulation " + l.week.to_string() + " " + l.hours.to_string() + " x " + l.rate.to_string() + " = " +
           l.amount.to_string();
  case Line::Type::expense: return "expense " + l.date.to_string() + " " + l.text + " " + l.amount.to_string();
  }
  return "?";
}

// The lines, one per text line, for exact comparisons with readable failures.
std::string lines_text(const std::vector<Line>& lines) {
  std::string out;
  for (const Line& l : lines) out += line_text(l) + "\n";
  return out;
}

// The register's new memory of (week, rate) -> hours, one per text line.
std::string weeks_text(const std::map<billing::BilledWeekKey, Hours>& weeks) {
  std::string out;
  for (const auto& [key, h] : weeks) out += key.week.to_string() + " " + key.rate.to_string() + " " + h.to_string() + "\n";
  return out;
}

std::string expenses_text(const std::vector<billing::BilledExpenseKey>& expenses) {
  std::string out;
  for (const auto& x : expenses) out += x.date.to_string() + " " + x.text + " " + x.amount.to_string() + "\n";
  return out;
}

} // namespace

TEST_CASE("billing::compute_run") {
  SUBCASE("first run: one week line per week, in order") {
    const books::Books b = standard_books();
    const billing::Run r = run(b, {}, "2025-11");
    CHECK(r.month.to_string() == "2025-11");
    REQUIRE(r.documents.size() == 1);
    const Document& doc = r.documents[0];
    CHECK(lines_text(doc.lines) == "week 2025-W45 2025-11-03..2025-11-09 7.50 x 525.00 = 3937.50\n"
                                   "week 2025-W46 2025-11-10..2025-11-16 7.50 x 525.00 = 3937.50\n"
                                   "week 2025-W47 2025-11-17..2025-11-23 7.50 x 525.00 = 3937.50\n"
                                   "week 2025-W48 2025-11-24..2025-11-30 7.50 x 525.00 = 3937.50\n");
    CHECK(doc.kind == Document::Kind::invoice);
    CHECK_FALSE(doc.number.has_value());
    CHECK(doc.contract == "C1");
    CHECK(doc.month.to_string() == "2025-11");
    CHECK(doc.issue_date.to_string() == "2025-12-01");
    CHECK(doc.due_date.to_string() == "2025-12-31");
    CHECK(doc.net.to_string() == "15750.00");
    CHECK(doc.vat.to_string() == "0.00");
    CHECK(doc.total.to_string() == "15750.00");
    CHECK(r.total.to_string() == "15750.00");
    REQUIRE(r.contracts.size() == 1);
    const billing::ContractRun& cr = r.contracts[0];
    CHECK(cr.contract == "C1");
    CHECK(lines_text(cr.lines) == lines_text(doc.lines));
    REQUIRE(cr.document.has_value());
    CHECK(*cr.document == 0);
    CHECK(weeks_text(cr.weeks) == "2025-W45 525.00 7.50\n2025-W46 525.00 7.50\n"
                                  "2025-W47 525.00 7.50\n2025-W48 525.00 7.50\n");
    CHECK(cr.expenses_added.empty());
    CHECK(cr.expenses_removed.empty());
  }

  SUBCASE("the next month bills only its new weeks") {
    const books::Books b = standard_books();
    const billing::Run r = run(b, {{"C1", november_billed()}}, "2025-12", "2026-01-01");
    REQUIRE(r.documents.size() == 1);
    // 2026-W01 (2025-12-29..2026-01-04) belongs to January.
    CHECK(lines_text(r.documents[0].lines) == "week 2025-W49 2025-12-01..2025-12-07 7.50 x 525.00 = 3937.50\n"
                                              "week 2025-W50 2025-12-08..2025-12-14 7.50 x 525.00 = 3937.50\n"
                                              "week 2025-W51 2025-12-15..2025-12-21 7.50 x 525.00 = 3937.50\n"
                                              "week 2025-W52 2025-12-22..2025-12-28 7.50 x 525.00 = 3937.50\n");
    CHECK(r.documents[0].due_date.to_string() == "2026-01-31");
    CHECK(weeks_text(r.contracts[0].weeks) == "2025-W49 525.00 7.50\n2025-W50 525.00 7.50\n"
                                              "2025-W51 525.00 7.50\n2025-W52 525.00 7.50\n");
  }

  SUBCASE("running the same month again bills nothing") {
    const books::Books b = standard_books();
    const billing::Run r = run(b, {{"C1", november_billed()}}, "2025-11", "2025-12-02");
    CHECK(r.documents.empty());
    CHECK(r.total.to_string() == "0.00");
    REQUIRE(r.contracts.size() == 1);
    CHECK(r.contracts[0].lines.empty());
    CHECK(r.contracts[0].weeks.empty());
    CHECK_FALSE(r.contracts[0].document.has_value());
  }

  SUBCASE("a changed week: a regulation of now - before at its rate") {
    books::Books b = standard_books();
    add_entry(b, "2025-11-04", "5.50");
    add_entry(b, "2025-11-06", "2.00", EntryStatus::staff_absent); // B = 7.50 - 2.00
    const billing::Run r = run(b, {{"C1", november_billed()}}, "2025-12", "2026-01-01");
    REQUIRE(r.documents.size() == 1);
    const Document& doc = r.documents[0];
    CHECK(lines_text(doc.lines) == "week 2025-W49 2025-12-01..2025-12-07 7.50 x 525.00 = 3937.50\n"
                                   "week 2025-W50 2025-12-08..2025-12-14 7.50 x 525.00 = 3937.50\n"
                                   "week 2025-W51 2025-12-15..2025-12-21 7.50 x 525.00 = 3937.50\n"
                                   "week 2025-W52 2025-12-22..2025-12-28 7.50 x 525.00 = 3937.50\n"
                                   "regulation 2025-W45 -2.00 x 525.00 = -1050.00\n");
    CHECK(doc.net.to_string() == "14700.00");
    CHECK(doc.kind == Document::Kind::invoice);
    CHECK(weeks_text(r.contracts[0].weeks) == "2025-W45 525.00 5.50\n2025-W49 525.00 7.50\n2025-W50 525.00 7.50\n"
                                              "2025-W51 525.00 7.50\n2025-W52 525.00 7.50\n");
  }

  SUBCASE("a regulation settles the amount: all a week part was billed adds up to billing it once") {
    // SPEC 3.2: 7.50 h at 512.50 billed 3843.75; corrected to 3.21 h, now due round(3.21 x 512.50)
    // = 1645.13, so the regulation is 1645.13 - 3843.75 = -2198.62 (not round(-4.29 x 512.50)).
    books::Books b = books_with({contract("C1", "2025-11-03", "7.50", "512.50")});
    add_entry(b, "2025-11-04", "3.21");
    add_entry(b, "2025-11-06", "4.29", EntryStatus::staff_absent);
    const billing::Run r = run(b, {{"C1", november_billed("512.50")}}, "2025-11", "2025-12-02");
    REQUIRE(r.documents.size() == 1);
    CHECK(lines_text(r.documents[0].lines) == "regulation 2025-W45 -4.29 x 512.50 = -2198.62\n");
    CHECK((money::line_amount(hours("7.50"), dkk("512.50")) + r.documents[0].lines[0].amount).to_string() ==
          money::line_amount(hours("3.21"), dkk("512.50")).to_string());
  }

  SUBCASE("a negative net makes a credit note") {
    books::Books b = standard_books();
    add_entry(b, "2025-11-04", "5.50");
    add_entry(b, "2025-11-06", "2.00", EntryStatus::staff_absent);
    const billing::Run r = run(b, {{"C1", november_billed()}}, "2025-11", "2025-12-02");
    REQUIRE(r.documents.size() == 1);
    const Document& doc = r.documents[0];
    CHECK(lines_text(doc.lines) == "regulation 2025-W45 -2.00 x 525.00 = -1050.00\n");
    CHECK(doc.kind == Document::Kind::credit_note);
    CHECK(doc.net.to_string() == "-1050.00");
    CHECK(doc.vat.to_string() == "0.00");
    CHECK(doc.total.to_string() == "-1050.00");
    CHECK(r.total.to_string() == "-1050.00");
    CHECK(weeks_text(r.contracts[0].weeks) == "2025-W45 525.00 5.50\n");
  }

  SUBCASE("a vanished week: a regulation of minus the billed hours") {
    books::Books b = standard_books();
    b.contracts[0].suspensions.push_back({day("2025-11-10"), day("2025-11-16"), false});
    const billing::Run r = run(b, {{"C1", november_billed()}}, "2025-11", "2025-12-02");
    REQUIRE(r.documents.size() == 1);
    CHECK(lines_text(r.documents[0].lines) == "regulation 2025-W46 -7.50 x 525.00 = -3937.50\n");
    CHECK(r.documents[0].kind == Document::Kind::credit_note);
    CHECK(weeks_text(r.contracts[0].weeks) == "2025-W46 525.00 0.00\n");
  }

  SUBCASE("a course that ended earlier than billed: the weeks after its end vanish") {
    books::Books b = standard_books();
    b.contracts[0].end = day("2025-11-16");
    const billing::Run r = run(b, {{"C1", november_billed()}}, "2025-12", "2026-01-01");
    REQUIRE(r.documents.size() == 1);
    CHECK(lines_text(r.documents[0].lines) == "regulation 2025-W47 -7.50 x 525.00 = -3937.50\n"
                                              "regulation 2025-W48 -7.50 x 525.00 = -3937.50\n");
    CHECK(r.documents[0].net.to_string() == "-7875.00");
  }

  SUBCASE("a retroactive rate change: minus the old rate, a week line at the new one") {
    const books::Books b = standard_books();
    const billing::Run r = run(b, {{"C1", november_billed("500.00")}}, "2025-11", "2025-12-02");
    REQUIRE(r.documents.size() == 1);
    CHECK(lines_text(r.documents[0].lines) == "week 2025-W45 2025-11-03..2025-11-09 7.50 x 525.00 = 3937.50\n"
                                              "week 2025-W46 2025-11-10..2025-11-16 7.50 x 525.00 = 3937.50\n"
                                              "week 2025-W47 2025-11-17..2025-11-23 7.50 x 525.00 = 3937.50\n"
                                              "week 2025-W48 2025-11-24..2025-11-30 7.50 x 525.00 = 3937.50\n"
                                              "regulation 2025-W45 -7.50 x 500.00 = -3750.00\n"
                                              "regulation 2025-W46 -7.50 x 500.00 = -3750.00\n"
                                              "regulation 2025-W47 -7.50 x 500.00 = -3750.00\n"
                                              "regulation 2025-W48 -7.50 x 500.00 = -3750.00\n");
    CHECK(r.documents[0].net.to_string() == "750.00");
    CHECK(weeks_text(r.contracts[0].weeks) == "2025-W45 500.00 0.00\n2025-W45 525.00 7.50\n"
                                              "2025-W46 500.00 0.00\n2025-W46 525.00 7.50\n"
                                              "2025-W47 500.00 0.00\n2025-W47 525.00 7.50\n"
                                              "2025-W48 500.00 0.00\n2025-W48 525.00 7.50\n");
  }

  SUBCASE("a retroactive rate change from a Thursday splits the week") {
    books::Books b = standard_books();
    b.contracts[0].terms.push_back(terms("2025-11-13", "7.50", "540.00"));
    const billing::Run r = run(b, {{"C1", november_billed()}}, "2025-11", "2025-12-02");
    REQUIRE(r.documents.size() == 1);
    // W46: 3 days at 525 (22.5/7 = 3.214 -> 3.21), 4 days at 540 (30/7 = 4.286 -> 4.29).
    CHECK(lines_text(r.documents[0].lines) == "week 2025-W46 2025-11-13..2025-11-16 4.29 x 540.00 = 2316.60\n"
                                              "week 2025-W47 2025-11-17..2025-11-23 7.50 x 540.00 = 4050.00\n"
                                              "week 2025-W48 2025-11-24..2025-11-30 7.50 x 540.00 = 4050.00\n"
                                              "regulation 2025-W46 -4.29 x 525.00 = -2252.25\n"
                                              "regulation 2025-W47 -7.50 x 525.00 = -3937.50\n"
                                              "regulation 2025-W48 -7.50 x 525.00 = -3937.50\n");
    CHECK(r.documents[0].net.to_string() == "289.35");
    CHECK(weeks_text(r.contracts[0].weeks) == "2025-W46 525.00 3.21\n2025-W46 540.00 4.29\n"
                                              "2025-W47 525.00 0.00\n2025-W47 540.00 7.50\n"
                                              "2025-W48 525.00 0.00\n2025-W48 540.00 7.50\n");
  }

  SUBCASE("a billed week that now belongs to a later month is left for that month") {
    // December was billed while the course ended on Wednesday 2025-12-31; the notice was then
    // withdrawn, so 2026-W01 now belongs to January.
    books::Books b = books_with({contract("C1", "2025-12-01")});
    BilledContract billed;
    for (const char* w : {"2025-W49", "2025-W50", "2025-W51", "2025-W52"}) bill_week(billed, w, "525.00", "7.50");
    bill_week(billed, "2026-W01", "525.00", "3.21"); // 3 x 7.5 / 7
    const billing::Run december = run(b, {{"C1", billed}}, "2025-12", "2026-01-02");
    CHECK(december.documents.empty());
    CHECK(december.contracts[0].lines.empty());
    CHECK(december.contracts[0].weeks.empty());

    const billing::Run january = run(b, {{"C1", billed}}, "2026-01", "2026-02-01");
    REQUIRE(january.documents.size() == 1);
    // 2026-W05 (2026-01-26..2026-02-01) belongs to February.
    CHECK(lines_text(january.documents[0].lines) == "week 2026-W02 2026-01-05..2026-01-11 7.50 x 525.00 = 3937.50\n"
                                                    "week 2026-W03 2026-01-12..2026-01-18 7.50 x 525.00 = 3937.50\n"
                                                    "week 2026-W04 2026-01-19..2026-01-25 7.50 x 525.00 = 3937.50\n"
                                                    "regulation 2026-W01 4.29 x 525.00 = 2252.25\n");
    CHECK(january.documents[0].net.to_string() == "14064.75");
  }

  SUBCASE("weeks and expenses before invoicing.from are never billed") {
    books::Books b = books_with({contract("C1", "2025-10-06")});
    add_entry(b, "2025-10-14", "9.00"); // over-delivered October week: irrelevant
    add_expense(b, "2025-10-15", "Biograf", "85.00");
    add_expense(b, "2025-11-02", "Café", "42.50");
    const billing::Run r = run(b, {}, "2025-11");
    REQUIRE(r.documents.size() == 1);
    // 2025-W44 (2025-10-27..2025-11-02) belongs to November and is billed whole.
    CHECK(lines_text(r.documents[0].lines) == "week 2025-W44 2025-10-27..2025-11-02 7.50 x 525.00 = 3937.50\n"
                                              "week 2025-W45 2025-11-03..2025-11-09 7.50 x 525.00 = 3937.50\n"
                                              "week 2025-W46 2025-11-10..2025-11-16 7.50 x 525.00 = 3937.50\n"
                                              "week 2025-W47 2025-11-17..2025-11-23 7.50 x 525.00 = 3937.50\n"
                                              "week 2025-W48 2025-11-24..2025-11-30 7.50 x 525.00 = 3937.50\n"
                                              "expense 2025-11-02 Café 42.50\n");
  }

  SUBCASE("weeks and expenses after the month are not billed yet") {
    books::Books b = standard_books();
    add_expense(b, "2025-12-01", "Biograf", "85.00");
    const billing::Run r = run(b, {{"C1", november_billed()}}, "2025-11", "2025-12-02");
    CHECK(r.documents.empty());
    CHECK(r.contracts[0].expenses_added.empty());
  }

  SUBCASE("an expense added") {
    books::Books b = standard_books();
    add_expense(b, "2025-11-05", "Biograf (entré)", "85.00");
    const billing::Run r = run(b, {{"C1", november_billed()}}, "2025-11", "2025-12-02");
    REQUIRE(r.documents.size() == 1);
    CHECK(lines_text(r.documents[0].lines) == "expense 2025-11-05 Biograf (entré) 85.00\n");
    CHECK(r.documents[0].net.to_string() == "85.00");
    CHECK(expenses_text(r.contracts[0].expenses_added) == "2025-11-05 Biograf (entré) 85.00\n");
    CHECK(r.contracts[0].expenses_removed.empty());
  }

  SUBCASE("an expense dated outside the contract is billed all the same") {
    books::Books b = standard_books();
    add_expense(b, "2025-11-01", "Materialer", "120.00"); // before the start on 2025-11-03
    const billing::Run r = run(b, {{"C1", november_billed()}}, "2025-11", "2025-12-02");
    REQUIRE(r.documents.size() == 1);
    CHECK(lines_text(r.documents[0].lines) == "expense 2025-11-01 Materialer 120.00\n");
  }

  SUBCASE("an expense removed from the log is credited") {
    const books::Books b = standard_books();
    BilledContract billed = november_billed();
    bill_expense(billed, "2025-11-05", "Café", "42.50");
    const billing::Run r = run(b, {{"C1", billed}}, "2025-11", "2025-12-02");
    REQUIRE(r.documents.size() == 1);
    CHECK(lines_text(r.documents[0].lines) == "expense 2025-11-05 Café -42.50\n");
    CHECK(r.documents[0].kind == Document::Kind::credit_note);
    CHECK(r.documents[0].total.to_string() == "-42.50");
    CHECK(r.contracts[0].expenses_added.empty());
    CHECK(expenses_text(r.contracts[0].expenses_removed) == "2025-11-05 Café 42.50\n");
  }

  SUBCASE("an expense whose amount was corrected: the old one credited, the new one billed") {
    books::Books b = standard_books();
    add_expense(b, "2025-11-05", "Café", "45.00");
    BilledContract billed = november_billed();
    bill_expense(billed, "2025-11-05", "Café", "42.50");
    const billing::Run r = run(b, {{"C1", billed}}, "2025-11", "2025-12-02");
    REQUIRE(r.documents.size() == 1);
    CHECK(lines_text(r.documents[0].lines) == "expense 2025-11-05 Café 45.00\nexpense 2025-11-05 Café -42.50\n");
    CHECK(r.documents[0].net.to_string() == "2.50");
  }

  SUBCASE("two identical expenses are two") {
    books::Books b = standard_books();
    add_expense(b, "2025-11-06", "Bus", "24.00");
    add_expense(b, "2025-11-06", "Bus", "24.00");
    const BilledContract none = november_billed();
    const billing::Run both = run(b, {{"C1", none}}, "2025-11", "2025-12-02");
    REQUIRE(both.documents.size() == 1);
    CHECK(lines_text(both.documents[0].lines) == "expense 2025-11-06 Bus 24.00\nexpense 2025-11-06 Bus 24.00\n");
    CHECK(expenses_text(both.contracts[0].expenses_added) == "2025-11-06 Bus 24.00\n2025-11-06 Bus 24.00\n");

    BilledContract one = november_billed();
    bill_expense(one, "2025-11-06", "Bus", "24.00");
    const billing::Run second = run(b, {{"C1", one}}, "2025-11", "2025-12-02");
    REQUIRE(second.documents.size() == 1);
    CHECK(lines_text(second.documents[0].lines) == "expense 2025-11-06 Bus 24.00\n");

    BilledContract two = one;
    bill_expense(two, "2025-11-06", "Bus", "24.00");
    CHECK(run(b, {{"C1", two}}, "2025-11", "2025-12-02").documents.empty());
  }

  SUBCASE("removing one of two identical expenses credits one") {
    books::Books b = standard_books();
    add_expense(b, "2025-11-06", "Bus", "24.00");
    BilledContract billed = november_billed();
    bill_expense(billed, "2025-11-06", "Bus", "24.00");
    bill_expense(billed, "2025-11-06", "Bus", "24.00");
    const billing::Run r = run(b, {{"C1", billed}}, "2025-11", "2025-12-02");
    REQUIRE(r.documents.size() == 1);
    CHECK(lines_text(r.documents[0].lines) == "expense 2025-11-06 Bus -24.00\n");
    CHECK(expenses_text(r.contracts[0].expenses_removed) == "2025-11-06 Bus 24.00\n");
  }

  SUBCASE("week lines by week, then the part's first day") {
    books::Books b = books_with({contract("C1", "2025-11-03", "7.00", "600.00")});
    b.contracts[0].terms.push_back(terms("2025-11-13", "7.00", "525.00")); // a Thursday
    const billing::Run r = run(b, {}, "2025-11");
    REQUIRE(r.documents.size() == 1);
    CHECK(lines_text(r.documents[0].lines) == "week 2025-W45 2025-11-03..2025-11-09 7.00 x 600.00 = 4200.00\n"
                                              "week 2025-W46 2025-11-10..2025-11-12 3.00 x 600.00 = 1800.00\n"
                                              "week 2025-W46 2025-11-13..2025-11-16 4.00 x 525.00 = 2100.00\n"
                                              "week 2025-W47 2025-11-17..2025-11-23 7.00 x 525.00 = 3675.00\n"
                                              "week 2025-W48 2025-11-24..2025-11-30 7.00 x 525.00 = 3675.00\n");
    CHECK(r.documents[0].net.to_string() == "15450.00");
  }

  SUBCASE("regulations by week, changed parts by first day before vanished parts by rate") {
    books::Books b = books_with({contract("C1", "2025-11-03", "7.00", "600.00")});
    b.contracts[0].terms.push_back(terms("2025-11-13", "7.00", "525.00"));
    BilledContract billed;
    bill_week(billed, "2025-W45", "600.00", "6.00");
    bill_week(billed, "2025-W46", "525.00", "3.00");
    bill_week(billed, "2025-W46", "600.00", "4.00");
    bill_week(billed, "2025-W46", "700.00", "2.00");
    bill_week(billed, "2025-W46", "650.00", "1.00");
    bill_week(billed, "2025-W47", "525.00", "7.00");
    const billing::Run r = run(b, {{"C1", billed}}, "2025-11", "2025-12-02");
    REQUIRE(r.documents.size() == 1);
    CHECK(lines_text(r.documents[0].lines) == "week 2025-W48 2025-11-24..2025-11-30 7.00 x 525.00 = 3675.00\n"
                                              "regulation 2025-W45 1.00 x 600.00 = 600.00\n"
                                              "regulation 2025-W46 -1.00 x 600.00 = -600.00\n"
                                              "regulation 2025-W46 1.00 x 525.00 = 525.00\n"
                                              "regulation 2025-W46 -1.00 x 650.00 = -650.00\n"
                                              "regulation 2025-W46 -2.00 x 700.00 = -1400.00\n");
    CHECK(r.documents[0].net.to_string() == "2150.00");
  }

  SUBCASE("expenses by date; new ones in log order before credited ones by (text, amount)") {
    books::Books b = standard_books();
    add_expense(b, "2025-11-10", "Zoo", "100.00");
    add_expense(b, "2025-11-05", "Café", "30.00");
    add_expense(b, "2025-11-10", "Biograf", "85.00");
    BilledContract billed = november_billed();
    bill_expense(billed, "2025-11-10", "Bus", "24.00");
    bill_expense(billed, "2025-11-10", "Autobus", "48.00");
    bill_expense(billed, "2025-11-10", "Autobus", "24.00");
    bill_expense(billed, "2025-11-04", "Tog", "50.00");
    const billing::Run r = run(b, {{"C1", billed}}, "2025-11", "2025-12-02");
    REQUIRE(r.documents.size() == 1);
    CHECK(lines_text(r.documents[0].lines) == "expense 2025-11-04 Tog -50.00\n"
                                              "expense 2025-11-05 Café 30.00\n"
                                              "expense 2025-11-10 Zoo 100.00\n"
                                              "expense 2025-11-10 Biograf 85.00\n"
                                              "expense 2025-11-10 Autobus -24.00\n"
                                              "expense 2025-11-10 Autobus -48.00\n"
                                              "expense 2025-11-10 Bus -24.00\n");
    CHECK(r.documents[0].net.to_string() == "69.00");
  }

  SUBCASE("week lines, then regulations, then expenses") {
    books::Books b = standard_books();
    add_entry(b, "2025-11-04", "5.50");
    add_entry(b, "2025-11-06", "2.00", EntryStatus::staff_absent);
    add_expense(b, "2025-11-05", "Biograf (entré)", "85.00");
    add_expense(b, "2025-12-03", "Café", "42.00");
    const billing::Run r = run(b, {{"C1", november_billed()}}, "2025-12", "2026-01-01");
    REQUIRE(r.documents.size() == 1);
    CHECK(lines_text(r.documents[0].lines) == "week 2025-W49 2025-12-01..2025-12-07 7.50 x 525.00 = 3937.50\n"
                                              "week 2025-W50 2025-12-08..2025-12-14 7.50 x 525.00 = 3937.50\n"
                                              "week 2025-W51 2025-12-15..2025-12-21 7.50 x 525.00 = 3937.50\n"
                                              "week 2025-W52 2025-12-22..2025-12-28 7.50 x 525.00 = 3937.50\n"
                                              "regulation 2025-W45 -2.00 x 525.00 = -1050.00\n"
                                              "expense 2025-11-05 Biograf (entré) 85.00\n"
                                              "expense 2025-12-03 Café 42.00\n");
    CHECK(r.documents[0].net.to_string() == "14827.00");
  }

  SUBCASE("a contract whose lines are all 0.00 gets no document, but its weeks are recorded") {
    books::Books b = standard_books();
    b.contracts[0].absence_billed = false; // no entries: nothing delivered, nothing billed
    const billing::Run r = run(b, {}, "2025-11");
    CHECK(r.documents.empty());
    CHECK(r.total.to_string() == "0.00");
    REQUIRE(r.contracts.size() == 1);
    CHECK_FALSE(r.contracts[0].document.has_value());
    CHECK(lines_text(r.contracts[0].lines) == "week 2025-W45 2025-11-03..2025-11-09 0.00 x 525.00 = 0.00\n"
                                              "week 2025-W46 2025-11-10..2025-11-16 0.00 x 525.00 = 0.00\n"
                                              "week 2025-W47 2025-11-17..2025-11-23 0.00 x 525.00 = 0.00\n"
                                              "week 2025-W48 2025-11-24..2025-11-30 0.00 x 525.00 = 0.00\n");
    CHECK(weeks_text(r.contracts[0].weeks) == "2025-W45 525.00 0.00\n2025-W46 525.00 0.00\n"
                                              "2025-W47 525.00 0.00\n2025-W48 525.00 0.00\n");
  }

  SUBCASE("0.00 lines stay on a document that has other lines") {
    books::Books b = standard_books();
    b.contracts[0].absence_billed = false;
    add_entry(b, "2025-11-11", "3.00");
    const billing::Run r = run(b, {}, "2025-11");
    REQUIRE(r.documents.size() == 1);
    CHECK(lines_text(r.documents[0].lines) == "week 2025-W45 2025-11-03..2025-11-09 0.00 x 525.00 = 0.00\n"
                                              "week 2025-W46 2025-11-10..2025-11-16 3.00 x 525.00 = 1575.00\n"
                                              "week 2025-W47 2025-11-17..2025-11-23 0.00 x 525.00 = 0.00\n"
                                              "week 2025-W48 2025-11-24..2025-11-30 0.00 x 525.00 = 0.00\n");
    CHECK(r.documents[0].net.to_string() == "1575.00");
  }

  SUBCASE("a regulation of 0.00 hours is no line") {
    books::Books b = standard_books();
    add_entry(b, "2025-11-04", "3.00");
    add_entry(b, "2025-11-05", "4.50", EntryStatus::citizen_absent); // still 7.50 billable
    BilledContract billed = november_billed();
    bill_week(billed, "2025-W44", "525.00", "0.00"); // a vanished part billed at 0.00
    const billing::Run r = run(b, {{"C1", billed}}, "2025-11", "2025-12-02");
    CHECK(r.documents.empty());
    CHECK(r.contracts[0].lines.empty());
  }

  SUBCASE("a change in exact hours that rounds to the billed hours is no line") {
    books::Books b = books_with({contract("C1", "2025-11-05")}); // W45: 5 x 7.5 / 7 = 5.357 -> 5.36
    b.contracts[0].terms[0].hours_per_week = hours("7.51");    // 5 x 7.51 / 7 = 5.364 -> 5.36
    BilledContract billed = november_billed();
    bill_week(billed, "2025-W45", "525.00", "5.36");
    billed.weeks[{iso_week("2025-W46"), dkk("525.00")}] = hours("7.51");
    billed.weeks[{iso_week("2025-W47"), dkk("525.00")}] = hours("7.51");
    billed.weeks[{iso_week("2025-W48"), dkk("525.00")}] = hours("7.51");
    const billing::Run r = run(b, {{"C1", billed}}, "2025-11", "2025-12-02");
    CHECK(r.documents.empty());
    CHECK(r.contracts[0].weeks.empty());
  }

  SUBCASE("VAT 25 % on the net, rounded half away from zero") {
    books::Books b = standard_books();
    b.contracts[0].end = day("2025-11-09");
    b.contracts[0].vat = books::Vat{money::Percent::from_units(25)};
    const billing::Run first = run(b, {}, "2025-11");
    REQUIRE(first.documents.size() == 1);
    CHECK(first.documents[0].net.to_string() == "3937.50");
    CHECK(first.documents[0].vat.to_string() == "984.38"); // 984.375
    CHECK(first.documents[0].total.to_string() == "4921.88");
    CHECK(first.total.to_string() == "4921.88");

    add_entry(b, "2025-11-04", "7.50", EntryStatus::staff_absent);
    BilledContract billed;
    bill_week(billed, "2025-W45", "525.00", "7.50");
    const billing::Run credit = run(b, {{"C1", billed}}, "2025-11", "2025-12-02");
    REQUIRE(credit.documents.size() == 1);
    CHECK(credit.documents[0].kind == Document::Kind::credit_note);
    CHECK(credit.documents[0].net.to_string() == "-3937.50");
    CHECK(credit.documents[0].vat.to_string() == "-984.38");
    CHECK(credit.documents[0].total.to_string() == "-4921.88");
  }

  SUBCASE("an outlay is charged no VAT on a VAT contract (issue 16: a bus ticket)") {
    books::Books b = standard_books();
    b.contracts[0].end = day("2025-11-09");
    b.contracts[0].vat = books::Vat{money::Percent::from_units(25)};
    add_expense(b, "2025-11-05", "Biograf", "85.00");
    add_expense(b, "2025-11-06", "Bus", "24.00", 0, true);
    const billing::Run r = run(b, {}, "2025-11");
    REQUIRE(r.documents.size() == 1);
    const Document& doc = r.documents[0];
    REQUIRE(doc.lines.size() == 3);
    CHECK_FALSE(doc.lines[1].outlay);
    CHECK(doc.lines[2].outlay);
    CHECK(doc.net.to_string() == "4046.50");
    CHECK(doc.vat.to_string() == "1005.63"); // 25 % of 4022.50 = 1005.625: not of the bus ticket
    CHECK(doc.total.to_string() == "5052.13");
    // The register's identity of a billed expense is (date, text, amount); it remembers the flag
    // beside it (schema 2), so that a credit is an outlay too.
    REQUIRE(r.contracts[0].expenses_added.size() == 2);
    CHECK(r.contracts[0].expenses_added[1].text == "Bus");
    CHECK(r.contracts[0].expenses_added[1].outlay);
    CHECK(r.contracts[0].expenses_added[1] == BilledExpenseKey{day("2025-11-06"), "Bus", dkk("24.00"), false});

    SUBCASE("an outlay removed from the log is credited without VAT, as it was billed") {
      BilledContract billed;
      for (const BilledExpenseKey& x : r.contracts[0].expenses_added) billed.expenses.insert(x);
      bill_week(billed, "2025-W45", "525.00", "7.50");
      books::Books later = b;
      later.expenses.pop_back(); // the bus ticket
      const billing::Run credit = run(later, {{"C1", billed}}, "2025-11", "2025-12-02");
      REQUIRE(credit.documents.size() == 1);
      REQUIRE(credit.documents[0].lines.size() == 1);
      CHECK(credit.documents[0].lines[0].outlay);
      CHECK(credit.documents[0].net.to_string() == "-24.00");
      CHECK(credit.documents[0].vat.to_string() == "0.00");
      CHECK(credit.documents[0].total.to_string() == "-24.00");
    }
  }

  SUBCASE("the contract's VAT treatment overrides [invoicing]") {
    books::Books b = books_with({contract("C1", "2025-11-03"), contract("C2", "2025-11-03")});
    b.settings.invoicing.vat = books::Vat{money::Percent::from_units(25)};
    b.contracts[0].vat = books::Vat{}; // exempt
    const billing::Run r = run(b, {}, "2025-11");
    REQUIRE(r.documents.size() == 2);
    CHECK(r.documents[0].vat.to_string() == "0.00");
    CHECK(r.documents[1].vat.to_string() == "3937.50"); // 25 % of 15750.00
    CHECK(r.documents[1].total.to_string() == "19687.50");
    CHECK(r.total.to_string() == "35437.50");
  }

  SUBCASE("one document per contract, in contract-id order") {
    books::Books b = books_with({contract("C1", "2025-11-03"), contract("C2", "2025-11-24", "5.00", "600.00")});
    const billing::Run r = run(b, {}, "2025-11");
    REQUIRE(r.documents.size() == 2);
    CHECK(r.documents[0].contract == "C1");
    CHECK(r.documents[1].contract == "C2");
    CHECK(lines_text(r.documents[1].lines) == "week 2025-W48 2025-11-24..2025-11-30 5.00 x 600.00 = 3000.00\n");
    CHECK(r.total.to_string() == "18750.00");
    REQUIRE(r.contracts.size() == 2);
    CHECK(r.contracts[1].document == std::optional<std::size_t>(1));
  }

  SUBCASE("--contract bills only the named contracts") {
    books::Books b = books_with({contract("C1", "2025-11-03"), contract("C2", "2025-11-24", "5.00", "600.00")});
    const billing::Run r = run(b, {}, "2025-11", "2025-12-01", {"C2"});
    REQUIRE(r.contracts.size() == 1);
    CHECK(r.contracts[0].contract == "C2");
    REQUIRE(r.documents.size() == 1);
    CHECK(r.documents[0].contract == "C2");
    CHECK(r.total.to_string() == "3000.00");
  }

  SUBCASE("the register of another contract does not leak") {
    books::Books b = books_with({contract("C1", "2025-11-03"), contract("C2", "2025-11-03")});
    const billing::Run r = run(b, {{"C1", november_billed()}}, "2025-11");
    REQUIRE(r.documents.size() == 1);
    CHECK(r.documents[0].contract == "C2");
    CHECK(r.documents[0].net.to_string() == "15750.00");
  }
}

TEST_CASE("billing::settle_document") {
  auto with_amounts = [](std::initializer_list<std::string_view> amounts) {
    Document doc;
    for (std::string_view a : amounts) {
      Line l;
      l.type = Line::Type::expense;
      l.amount = dkk(a);
      doc.lines.push_back(l);
    }
    return doc;
  };
  const books::Vat exempt{};
  const books::Vat vat25{money::Percent::from_units(25)};

  SUBCASE("net is the sum of the line amounts") {
    Document doc = with_amounts({"100.00", "-30.25", "0.00"});
    billing::settle_document(doc, exempt);
    CHECK(doc.net.to_string() == "69.75");
    CHECK(doc.vat.to_string() == "0.00");
    CHECK(doc.total.to_string() == "69.75");
    CHECK(doc.kind == Document::Kind::invoice);
  }
  SUBCASE("half an øre of VAT rounds away from zero") {
    Document up = with_amounts({"0.02"});
    billing::settle_document(up, vat25);
    CHECK(up.vat.to_string() == "0.01");
    CHECK(up.total.to_string() == "0.03");
    Document down = with_amounts({"-0.02"});
    billing::settle_document(down, vat25);
    CHECK(down.vat.to_string() == "-0.01");
    CHECK(down.total.to_string() == "-0.03");
    CHECK(down.kind == Document::Kind::credit_note);
  }
  SUBCASE("VAT is on the net less the outlays, credited ones too (SPEC 2.7)") {
    Document doc = with_amounts({"100.00", "24.00", "-10.00", "0.02"});
    doc.lines[1].outlay = true;
    doc.lines[2].outlay = true; // a credited outlay
    billing::settle_document(doc, vat25);
    CHECK(doc.net.to_string() == "114.02");
    CHECK(doc.vat.to_string() == "25.01"); // 25 % of 100.02 = 25.005
    CHECK(doc.total.to_string() == "139.03");
    billing::settle_document(doc, exempt);
    CHECK(doc.vat.to_string() == "0.00");
    Document only_outlays = with_amounts({"24.00"});
    only_outlays.lines[0].outlay = true;
    billing::settle_document(only_outlays, vat25);
    CHECK(only_outlays.vat.to_string() == "0.00");
    CHECK(only_outlays.total.to_string() == "24.00");
  }
  SUBCASE("a zero net is an invoice") {
    Document doc = with_amounts({"10.00", "-10.00"});
    billing::settle_document(doc, vat25);
    CHECK(doc.kind == Document::Kind::invoice);
    CHECK(doc.total.to_string() == "0.00");
  }
}

// The receivables ledger (SPEC 9.2): settlement order, surplus, credits, credit notes, refunds,
// the own amount open by day.
#include "receivables/ledger.hpp"

#include "render/document.hpp"
#include "testutil.hpp"

#include <doctest/doctest.h>

using receivables::Ledger;
using receivables::LedgerInput;
using receivables::Money;
using testutil::day;

namespace {

Money kr(std::int64_t kroner) { return Money::from_units(kroner); }

struct Books {
  LedgerInput in;
  std::int64_t next_payment = 1;

  Books& invoice(std::int64_t n, const std::string& contract, const std::string& issued, const std::string& due,
                 const std::string& total) {
    in.documents.push_back({n, false, contract, issued, due, total, "Køge Kommune", "municipality"});
    return *this;
  }
  Books& credit_note(std::int64_t n, const std::string& contract, const std::string& issued, const std::string& total,
                     std::vector<std::int64_t> corrects) {
    in.documents.push_back({n, true, contract, issued, issued, total, "Køge Kommune", "municipality"});
    in.corrections[n] = std::move(corrects);
    return *this;
  }
  std::int64_t pay(std::int64_t invoice, const std::string& contract, const std::string& date, std::int64_t ore,
                   const std::string& recorded = "") {
    const std::int64_t id = next_payment++;
    in.payments.push_back({id, invoice, contract, date, ore, "", recorded.empty() ? date : recorded});
    return id;
  }
  Books& remind(std::int64_t number, std::int64_t invoice, const std::string& date, std::int64_t fee,
                std::int64_t interest, std::int64_t compensation = 0) {
    in.reminders.push_back({number, invoice, static_cast<int>(number), date, (day(date) + 10).to_string(), fee,
                            interest, compensation});
    return *this;
  }
  Ledger ledger() const { return Ledger::replay(in); }
};

} // namespace

TEST_CASE("receivables: a payment settles fees and compensation, then interest, then the own amount") {
  Books b;
  b.invoice(1001, "K1", "2026-01-01", "2026-01-31", "1000.00");
  b.remind(1, 1001, "2026-02-05", 10000, 1234, 31000);
  const std::int64_t p = b.pay(1001, "K1", "2026-02-10", 50000);
  const Ledger l = b.ledger();
  const auto* a = l.invoice(1001);
  REQUIRE(a);
  CHECK(a->fees == kr(100));
  CHECK(a->compensation == kr(310));
  CHECK(a->interest == Money::from_hundredths(1234));
  CHECK(a->paid == kr(500));
  CHECK(a->settled_fees == kr(100));
  CHECK(a->settled_compensation == kr(310));
  CHECK(a->settled_interest == Money::from_hundredths(1234));
  CHECK(a->settled_own == Money::from_hundredths(50000 - 10000 - 31000 - 1234));
  CHECK(a->open() == Money::from_hundredths(100000 + 10000 + 31000 + 1234 - 50000));
  CHECK(a->own_open() == a->open()); // all charges settled: what is open is own amount
  CHECK(a->reminders == 1);
  CHECK(a->last_reminder_date == day("2026-02-05"));
  CHECK(a->last_pay_by == day("2026-02-15"));
  const auto* s = l.settlement(p);
  REQUIRE(s);
  REQUIRE(s->settled.size() == 1);
  CHECK(s->settled[0].fees == kr(100));
  CHECK(s->settled[0].interest == Money::from_hundredths(1234));
  CHECK(s->credit == Money{});
}

TEST_CASE("receivables: a surplus settles the contract's other open invoices, oldest due date first, then a credit") {
  Books b;
  b.invoice(1001, "K1", "2026-01-01", "2026-01-31", "100.00");
  b.invoice(1002, "K2", "2026-01-01", "2026-01-31", "100.00"); // another contract: untouched
  b.invoice(1003, "K1", "2026-02-01", "2026-03-15", "200.00");
  b.invoice(1004, "K1", "2026-02-01", "2026-03-03", "300.00"); // due before 1003
  const std::int64_t p = b.pay(1001, "K1", "2026-02-10", 50000);
  const Ledger l = b.ledger();
  CHECK(l.invoice(1001)->open() == Money{});
  CHECK(l.invoice(1004)->open() == Money{});
  CHECK(l.invoice(1003)->open() == kr(200 - 100));
  CHECK(l.invoice(1002)->open() == kr(100));
  CHECK(l.credits().empty());
  const auto* s = l.settlement(p);
  REQUIRE(s->settled.size() == 3);
  CHECK(s->settled[0].invoice == 1001);
  CHECK(s->settled[1].invoice == 1004);
  CHECK(s->settled[2].invoice == 1003);
  CHECK(s->settled[2].own == kr(100));

  const std::int64_t q = b.pay(1003, "K1", "2026-02-11", 15000);
  const Ledger m = b.ledger();
  CHECK(m.invoice(1003)->open() == Money{});
  CHECK(m.credit("K1") == kr(50));
  CHECK(m.credits() == std::map<std::string, Money>{{"K1", kr(50)}});
  CHECK(m.settlement(q)->credit == kr(50));
  CHECK(m.open_invoices().size() == 1); // 1002
}

TEST_CASE("receivables: a credit settles the contract's next invoice when it is issued") {
  Books b;
  b.invoice(1001, "K1", "2026-01-01", "2026-01-31", "100.00");
  b.pay(1001, "K1", "2026-01-20", 25000);
  b.invoice(1002, "K1", "2026-02-01", "2026-03-03", "100.00");
  b.invoice(1003, "K1", "2026-03-01", "2026-03-31", "100.00");
  const Ledger l = b.ledger();
  CHECK(l.invoice(1002)->paid == kr(100));
  CHECK(l.invoice(1002)->open() == Money{});
  CHECK(l.invoice(1003)->paid == kr(50));
  CHECK(l.invoice(1003)->open() == kr(50));
  CHECK(l.credits().empty());
  // The credit counts from the day the invoice was issued.
  const auto steps = l.own_open_steps(1003);
  REQUIRE(steps.size() == 1);
  CHECK(steps[0] == std::pair{day("2026-03-01"), kr(50)});
}

TEST_CASE("receivables: payments recorded the same day as a run come after its documents, reminders after them") {
  Books b;
  b.invoice(1001, "K1", "2026-01-01", "2026-01-31", "100.00");
  b.remind(1, 1001, "2026-02-10", 5000, 0);
  // Recorded on 2026-02-10 (same day as the reminder): the payment comes first, settles the own
  // amount, and the reminder's fee stays open.
  b.pay(1001, "K1", "2026-02-08", 10000, "2026-02-10");
  const Ledger l = b.ledger();
  CHECK(l.invoice(1001)->settled_own == kr(100));
  CHECK(l.invoice(1001)->open() == kr(50));
  CHECK(l.invoice(1001)->own_open() == Money{});
}

TEST_CASE("receivables: a credit note lowers the own amount of what it corrects, newest first; the rest settles like a payment") {
  Books b;
  b.invoice(1001, "K1", "2026-01-01", "2026-01-31", "400.00");
  b.invoice(1002, "K1", "2026-02-01", "2026-03-03", "300.00");
  b.invoice(1003, "K2", "2026-02-01", "2026-03-03", "300.00");
  b.invoice(1004, "K1", "2026-01-10", "2026-01-20", "50.00"); // not corrected, due first
  b.remind(1, 1001, "2026-02-10", 10000, 0);
  b.credit_note(1005, "K1", "2026-03-01", "-800.00", {1001, 1002});
  const Ledger l = b.ledger();
  CHECK(l.invoice(1002)->credited == kr(300)); // newest first
  CHECK(l.invoice(1002)->open() == Money{});
  CHECK(l.invoice(1001)->settled_own == kr(400));
  // 800 − 300 − 400 = 100 left: settles like a payment: 1004 (oldest due date), then 1001's fee.
  CHECK(l.invoice(1004)->credited == kr(50));
  CHECK(l.invoice(1001)->settled_fees == kr(50));
  CHECK(l.invoice(1001)->open() == kr(50));
  CHECK(l.invoice(1001)->credited == kr(450));
  CHECK(l.invoice(1001)->paid == Money{});
  CHECK(l.invoice(1003)->open() == kr(300));
  CHECK(l.credits().empty());
  const auto steps = l.own_open_steps(1001);
  REQUIRE(steps.size() == 2);
  CHECK(steps[1] == std::pair{day("2026-03-01"), Money{}});
}

TEST_CASE("receivables: a credit note on a paid invoice leaves a credit") {
  Books b;
  b.invoice(1001, "K1", "2026-01-01", "2026-01-31", "400.00");
  b.pay(1001, "K1", "2026-01-15", 40000);
  b.credit_note(1002, "K1", "2026-02-01", "-100.00", {1001});
  const Ledger l = b.ledger();
  CHECK(l.invoice(1001)->open() == Money{});
  CHECK(l.credit("K1") == kr(100));
}

TEST_CASE("receivables: a refund pays out the credit first, then reopens the invoice by what payments settled") {
  Books b;
  b.invoice(1001, "K1", "2026-01-01", "2026-01-31", "400.00");
  b.pay(1001, "K1", "2026-01-15", 50000); // 100.00 credit
  const std::int64_t r = b.pay(1001, "K1", "2026-01-20", -15000);
  const Ledger l = b.ledger();
  CHECK(l.credit("K1") == Money{});
  CHECK(l.invoice(1001)->paid == kr(350));
  CHECK(l.invoice(1001)->open() == kr(50));
  const auto* s = l.settlement(r);
  CHECK(s->credit == kr(-100));
  REQUIRE(s->settled.size() == 1);
  CHECK(s->settled[0].own == kr(-50));
  CHECK(s->unsettled == Money{});
  const auto steps = l.own_open_steps(1001);
  REQUIRE(steps.size() == 3);
  CHECK(steps[0] == std::pair{day("2026-01-01"), kr(400)});
  CHECK(steps[1] == std::pair{day("2026-01-15"), Money{}});
  CHECK(steps[2] == std::pair{day("2026-01-20"), kr(50)});

  // More than the credit and what was paid: unsettled (pay refuses it).
  const std::int64_t t = b.pay(1001, "K1", "2026-01-21", -40000);
  const Ledger m = b.ledger();
  CHECK(m.settlement(t)->unsettled == kr(50));
}

TEST_CASE("receivables: own amount open by day counts payments from their payment date") {
  Books b;
  b.invoice(1001, "K1", "2026-01-01", "2026-01-31", "1000.00");
  b.pay(1001, "K1", "2026-02-10", 30000, "2026-02-20");
  b.pay(1001, "K1", "2026-02-05", 20000, "2026-02-20"); // recorded later, paid earlier
  const Ledger l = b.ledger();
  const auto steps = l.own_open_steps(1001);
  REQUIRE(steps.size() == 3);
  CHECK(steps[1] == std::pair{day("2026-02-05"), kr(800)});
  CHECK(steps[2] == std::pair{day("2026-02-10"), kr(500)});
  CHECK(l.own_open_steps(4711).empty());
  CHECK(l.invoice(4711) == nullptr);
}

TEST_CASE("receivables: open invoices by due date, then number") {
  Books b;
  b.invoice(1001, "K1", "2026-01-01", "2026-02-28", "1.00");
  b.invoice(1002, "K2", "2026-01-01", "2026-01-31", "1.00");
  b.invoice(1003, "K3", "2026-01-01", "2026-01-31", "1.00");
  b.invoice(1004, "K4", "2026-01-01", "2026-01-31", "0.00"); // nothing open
  const Ledger l = b.ledger();
  std::vector<std::int64_t> numbers;
  for (const auto* a : l.open_invoices()) numbers.push_back(a->number);
  CHECK(numbers == std::vector<std::int64_t>{1002, 1003, 1001});
}

TEST_CASE("receivables: a damaged register is a data error") {
  Books b;
  b.pay(999, "K1", "2026-01-01", 100);
  CHECK_THROWS_AS(b.ledger(), diag::Error);
}

namespace {

render::IssuedDocument doc(std::int64_t number, const std::string& contract, bool credit_note) {
  render::IssuedDocument d;
  d.number = number;
  d.contract = contract;
  d.kind = credit_note ? billing::Document::Kind::credit_note : billing::Document::Kind::invoice;
  return d;
}
billing::Line week_line(const std::string& week, std::int64_t rate, billing::Line::Type type = billing::Line::Type::week) {
  billing::Line l;
  l.type = type;
  l.week = testutil::iso_week(week);
  l.rate = Money::from_units(rate);
  return l;
}
billing::Line expense(const std::string& date, const std::string& text, std::int64_t kroner) {
  billing::Line l;
  l.type = billing::Line::Type::expense;
  l.date = day(date);
  l.text = text;
  l.amount = Money::from_units(kroner);
  return l;
}

} // namespace

TEST_CASE("receivables: what a credit note corrects (SPEC 9.2)") {
  auto a = doc(1001, "K1", false);
  a.lines = {week_line("2026-W01", 500), expense("2026-01-05", "Bus", 20)};
  auto b = doc(1002, "K1", false);
  b.lines = {week_line("2026-W01", 500, billing::Line::Type::regulation), expense("2026-01-05", "Bus", 20)};
  auto other = doc(1003, "K2", false);
  other.lines = {week_line("2026-W01", 500)};
  auto c = doc(1004, "K1", true);
  c.lines = {week_line("2026-W01", 500, billing::Line::Type::regulation)};
  // Every earlier invoice that billed the (week, rate), newest first; not another contract's.
  CHECK(receivables::corrected_invoices(c, {a, b, other}) == std::vector<std::int64_t>{1002, 1001});
  // A credited expense: only the latest document that billed it.
  c.lines = {expense("2026-01-05", "Bus", -20)};
  CHECK(receivables::corrected_invoices(c, {a, b, other}) == std::vector<std::int64_t>{1002});
  c.lines = {expense("2026-01-05", "Bus", -25)};
  CHECK(receivables::corrected_invoices(c, {a, b}).empty());
  c.lines = {week_line("2026-W02", 500, billing::Line::Type::regulation)};
  CHECK(receivables::corrected_invoices(c, {a, b}).empty());
}

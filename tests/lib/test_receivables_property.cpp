// Property: over random sequences of invoices, credit notes, reminders, payments and refunds,
// what was paid plus what is open equals what was billed plus fees, interest and compensation,
// plus the credits the contracts hold, to the øre (issue 17); each part settled within what was
// charged; a contract with a credit has no own amount open.
#include "receivables/ledger.hpp"

#include "testutil.hpp"

#include <doctest/doctest.h>

#include <random>

using receivables::Ledger;
using receivables::LedgerInput;
using receivables::Money;

TEST_CASE("receivables property: paid + open == billed + charges + credits, to the øre") {
  for (unsigned seed = 1; seed <= 150; ++seed) {
    CAPTURE(seed);
    std::mt19937 rng(seed);
    auto pick = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    const std::vector<std::string> contracts{"K1", "K2", "K3"};
    LedgerInput in;
    calendar::Date today = testutil::day("2026-01-01");
    std::int64_t next_document = 1001, next_payment = 1, next_reminder = 1;
    std::int64_t received = 0, credit_noted = 0, billed = 0, charged = 0;
    std::vector<std::int64_t> invoices;
    std::map<std::int64_t, int> reminders;
    const int events = pick(5, 60);
    for (int event = 0; event < events; ++event) {
      today = today + pick(0, 6);
      const Ledger now = Ledger::replay(in);
      const int what = pick(0, 9);
      const std::string contract = contracts[static_cast<std::size_t>(pick(0, 2))];
      if (what <= 2 || invoices.empty()) { // an invoice
        const std::int64_t total = pick(0, 500'000);
        in.documents.push_back({next_document, false, contract, today.to_string(), (today + 30).to_string(),
                                Money::from_hundredths(total).to_string(), "P", "municipality"});
        invoices.push_back(next_document++);
        billed += total;
      } else if (what == 3) { // a credit note correcting some earlier invoices of its contract
        const std::int64_t total = pick(1, 300'000);
        std::vector<std::int64_t> corrects;
        for (std::int64_t n : invoices)
          if (now.invoice(n)->contract == contract && pick(0, 1)) corrects.push_back(n);
        in.documents.push_back({next_document, true, contract, today.to_string(), (today + 30).to_string(),
                                Money::from_hundredths(-total).to_string(), "P", "municipality"});
        in.corrections[next_document++] = corrects;
        credit_noted += total;
      } else if (what == 4) { // a reminder on an invoice with own amount open
        const std::int64_t n = invoices[static_cast<std::size_t>(pick(0, static_cast<int>(invoices.size()) - 1))];
        if (now.invoice(n)->own_open() > Money{} && reminders[n] < 3) {
          const std::int64_t fee = pick(0, 10'000), interest = pick(0, 5'000), comp = reminders[n] == 0 ? pick(0, 31'000) : 0;
          in.reminders.push_back({next_reminder++, n, ++reminders[n], today.to_string(), (today + 10).to_string(), fee,
                                  interest, comp});
          charged += fee + interest + comp;
        }
      } else { // a payment, or now and then a refund within what may be paid out
        const std::int64_t n = invoices[static_cast<std::size_t>(pick(0, static_cast<int>(invoices.size()) - 1))];
        const auto* a = now.invoice(n);
        std::int64_t amount = pick(1, 400'000);
        if (what == 9) {
          const std::int64_t most = (now.credit(a->contract) + a->paid).hundredths();
          if (most <= 0) continue;
          amount = -std::min<std::int64_t>(amount, most);
        }
        in.payments.push_back({next_payment++, n, a->contract, (today - pick(0, 5)).to_string(), amount, "",
                               today.to_string()});
        received += amount;
      }
    }
    const Ledger l = Ledger::replay(in);
    std::int64_t paid = 0, open = 0, credits = 0;
    for (const auto* a : l.invoices()) {
      paid += (a->paid + a->credited).hundredths();
      open += a->open().hundredths();
      CHECK(a->open() >= Money{});
      CHECK(a->settled_fees >= Money{});
      CHECK(a->settled_fees <= a->fees);
      CHECK(a->settled_compensation <= a->compensation);
      CHECK(a->settled_interest <= a->interest);
      CHECK(a->settled_own <= a->total);
      CHECK(a->settled_own >= Money{});
      CHECK(a->paid >= Money{});
      CHECK(a->open() == a->total + a->fees + a->interest + a->compensation - a->paid - a->credited);
      CHECK(a->open() == a->own_open() + (a->fees - a->settled_fees) + (a->compensation - a->settled_compensation) +
                             (a->interest - a->settled_interest));
      const auto steps = l.own_open_steps(a->number);
      REQUIRE(!steps.empty());
      CHECK(steps.front().first == a->issue_date);
      CHECK(steps.back().second == a->own_open());
      for (std::size_t i = 1; i < steps.size(); ++i) CHECK(steps[i - 1].first < steps[i].first);
      if (l.credit(a->contract) > Money{}) CHECK(a->own_open() == Money{});
    }
    for (const auto& [contract, credit] : l.credits()) credits += credit.hundredths();
    // What came in (payments less refunds, and credit notes) is settled on invoices or held as credit.
    CHECK(paid + credits == received + credit_noted);
    // paid + open == billed + fees + interest + compensation, with the credits beside it.
    CHECK(received + credit_noted + open == billed + charged + credits);

    // Appending the last payment (as an import does) gives what replaying everything gives.
    if (!in.payments.empty()) {
      LedgerInput before = in;
      const auto last = before.payments.back();
      before.payments.pop_back();
      Ledger appended = Ledger::replay(before);
      if (appended.appends_after(testutil::day(last.recorded))) {
        appended.append_payment(last);
        for (const auto* a : l.invoices()) {
          const auto* b = appended.invoice(a->number);
          REQUIRE(b);
          CHECK(b->paid == a->paid);
          CHECK(b->credited == a->credited);
          CHECK(b->settled_own == a->settled_own);
          CHECK(appended.own_open_steps(a->number) == l.own_open_steps(a->number));
        }
        CHECK(appended.credits() == l.credits());
        CHECK(appended.settlement(last.id)->settled.size() == l.settlement(last.id)->settled.size());
      }
    }
  }
}

#include "receivables/ledger.hpp"

#include "render/document.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <tuple>

namespace receivables {
namespace {

[[noreturn]] void damaged(const std::string& what) {
  throw diag::Error(diag::ErrorKind::data,
                    fmt::format("honorar.db is damaged: {} (restore the register from a backup; the file is left "
                                "untouched)",
                                what));
}

calendar::Date date_of(const std::string& text, const std::string& what) {
  auto d = calendar::parse_date(text);
  if (!d) damaged(fmt::format("{} has the date \"{}\"", what, text));
  return *d;
}

Money money_of(const std::string& text, const std::string& what) {
  auto m = Money::parse(text);
  if (!m) damaged(fmt::format("{} has the amount \"{}\"", what, text));
  return *m;
}

// The order things were recorded in: by day; within a day the run's documents, then payments,
// then reminders (the bookkeeper's day: invoice, import the statement, remind), each by number.
struct Event {
  calendar::Date day;
  int order = 0; // 0 document, 1 payment, 2 reminder
  std::int64_t id = 0;
  std::size_t index = 0;
  auto key() const { return std::tie(day, order, id); }
};

} // namespace

Money InvoiceAccount::open() const { return total + fees + interest + compensation - paid - credited; }
Money InvoiceAccount::own_open() const { return total - settled_own; }

// Settles what `e` owes, in the order of SPEC 9.2: fees and compensation, interest, the own
// amount. Returns what is left of `amount`.
Money Ledger::settle(Entry& e, Money amount, Origin origin, calendar::Date date, std::vector<Settled>* record) {
  InvoiceAccount& a = e.account;
  auto take = [&amount](Money owed, Money& settled) {
    const Money due = owed - settled;
    if (amount <= Money{} || due <= Money{}) return Money{};
    const Money x = std::min(amount, due);
    settled += x;
    amount -= x;
    return x;
  };
  Settled s{a.number, {}, {}, {}, {}};
  s.fees = take(a.fees, a.settled_fees);
  s.compensation = take(a.compensation, a.settled_compensation);
  s.interest = take(a.interest, a.settled_interest);
  s.own = take(a.total, a.settled_own);
  if (!s.own.is_zero()) e.own_changes.push_back({std::max(date, a.issue_date), s.own});
  if (s.sum().is_zero()) return amount;
  (origin == Origin::payment ? a.paid : a.credited) += s.sum();
  if (record) record->push_back(s);
  return amount;
}

// Settles the contract's open invoices but `except`, oldest due date first.
Money Ledger::settle_contract(const std::string& contract, std::int64_t except, Money amount, Origin origin,
                              calendar::Date date, std::vector<Settled>* record) {
  if (amount <= Money{}) return amount;
  auto it = m_by_contract.find(contract);
  if (it == m_by_contract.end()) return amount;
  std::vector<Entry*> open;
  for (std::int64_t n : it->second) {
    Entry& e = m_invoices.at(n);
    if (n != except && e.account.open() > Money{}) open.push_back(&e);
  }
  std::stable_sort(open.begin(), open.end(), [](const Entry* x, const Entry* y) {
    return std::tie(x->account.due_date, x->account.number) < std::tie(y->account.due_date, y->account.number);
  });
  for (Entry* e : open) {
    if (amount <= Money{}) break;
    amount = settle(*e, amount, origin, date, record);
  }
  return amount;
}

void Ledger::issue(const invoice_register::DocumentAccountRow& row, const LedgerInput& input) {
  const std::string what = fmt::format("document {}", row.number);
  const calendar::Date issued = date_of(row.issue_date, what);
  const Money total = money_of(row.total, what);
  Credit& credit = m_credits[row.contract];
  if (row.credit_note) {
    // Lowers the own amount of the invoices it corrects, newest first; the rest settles like a
    // payment: the contract's open invoices, then a credit.
    Money rest = -total;
    std::vector<std::int64_t> corrected;
    if (auto c = input.corrections.find(row.number); c != input.corrections.end()) corrected = c->second;
    std::sort(corrected.rbegin(), corrected.rend());
    for (std::int64_t n : corrected) {
      auto it = m_invoices.find(n);
      if (it == m_invoices.end() || it->second.account.contract != row.contract || rest <= Money{}) continue;
      InvoiceAccount& a = it->second.account;
      const Money x = std::min(rest, a.own_open());
      if (x <= Money{}) continue;
      a.settled_own += x;
      a.credited += x;
      it->second.own_changes.push_back({std::max(issued, a.issue_date), x});
      rest -= x;
    }
    rest = settle_contract(row.contract, 0, rest, Origin::credit_note, issued, nullptr);
    if (rest > Money{}) credit.from_credit_notes += rest;
    return;
  }
  Entry e;
  InvoiceAccount& a = e.account;
  a.number = row.number;
  a.contract = row.contract;
  a.payer = row.payer;
  a.payer_kind = row.payer_kind == "private" ? books::PayerKind::private_payer : books::PayerKind::municipality;
  a.issue_date = issued;
  a.due_date = date_of(row.due_date, what);
  a.total = total;
  Entry& placed = m_invoices[row.number] = std::move(e);
  m_by_contract[row.contract].push_back(row.number);
  // The contract's credit settles its next invoice when it is issued.
  if (credit.from_credit_notes > Money{})
    credit.from_credit_notes = settle(placed, credit.from_credit_notes, Origin::credit_note, issued, nullptr);
  if (credit.from_payments > Money{})
    credit.from_payments = settle(placed, credit.from_payments, Origin::payment, issued, nullptr);
}

void Ledger::pay(const invoice_register::PaymentRow& row) {
  auto it = m_invoices.find(row.invoice);
  if (it == m_invoices.end()) damaged(fmt::format("payment B{} is on {}, which is no invoice", row.id, row.invoice));
  Entry& e = it->second;
  const calendar::Date date = date_of(row.date, fmt::format("payment B{}", row.id));
  PaymentSettlement& out = m_settlements[row.id];
  out.payment = row.id;
  out.invoice = row.invoice;
  Credit& credit = m_credits[e.account.contract];
  const Money amount = Money::from_hundredths(row.amount);
  if (amount >= Money{}) {
    Money rest = settle(e, amount, Origin::payment, date, &out.settled);
    rest = settle_contract(e.account.contract, row.invoice, rest, Origin::payment, date, &out.settled);
    credit.from_payments += rest;
    out.credit = rest;
    return;
  }
  // A refund pays out the contract's credit first, then reopens this invoice by at most what
  // payments settled on it: the own amount first, then interest, compensation, fees.
  Money rest = -amount;
  for (Money* pool : {&credit.from_payments, &credit.from_credit_notes}) {
    const Money x = std::min(rest, *pool);
    if (x <= Money{}) continue;
    *pool -= x;
    rest -= x;
    out.credit -= x;
  }
  InvoiceAccount& a = e.account;
  Money reopen = std::min(rest, std::max(a.paid, Money{}));
  rest -= reopen;
  a.paid -= reopen;
  Settled s{a.number, {}, {}, {}, {}};
  auto give_back = [&reopen](Money& settled, Money& shown) {
    const Money x = std::min(reopen, settled);
    if (x <= Money{}) return;
    settled -= x;
    shown = -x;
    reopen -= x;
  };
  give_back(a.settled_own, s.own);
  give_back(a.settled_interest, s.interest);
  give_back(a.settled_compensation, s.compensation);
  give_back(a.settled_fees, s.fees);
  if (!s.own.is_zero()) e.own_changes.push_back({std::max(date, a.issue_date), s.own});
  if (!s.sum().is_zero()) out.settled.push_back(s);
  if (rest > Money{}) {
    // Only a register written outside `pay` gets here: the money went out all the same.
    a.paid -= rest;
    out.unsettled = rest;
  }
}

void Ledger::charge(const invoice_register::ReminderChargeRow& row) {
  auto it = m_invoices.find(row.invoice);
  if (it == m_invoices.end()) damaged(fmt::format("reminder R{} is on {}, which is no invoice", row.number, row.invoice));
  InvoiceAccount& a = it->second.account;
  a.fees += Money::from_hundredths(row.fee);
  a.interest += Money::from_hundredths(row.interest);
  a.compensation += Money::from_hundredths(row.compensation);
  ++a.reminders;
  const calendar::Date date = date_of(row.date, fmt::format("reminder R{}", row.number));
  if (!a.last_reminder_date || *a.last_reminder_date <= date) {
    a.last_reminder_date = date;
    a.last_pay_by = date_of(row.pay_by, fmt::format("reminder R{}", row.number));
  }
}

Ledger Ledger::replay(const LedgerInput& input) {
  Ledger ledger;
  std::map<std::int64_t, calendar::Date> issued; // invoices and credit notes
  std::vector<Event> events;
  for (std::size_t i = 0; i < input.documents.size(); ++i) {
    const auto& d = input.documents[i];
    const calendar::Date day = date_of(d.issue_date, fmt::format("document {}", d.number));
    issued[d.number] = day;
    events.push_back({day, 0, d.number, i});
  }
  // A payment or reminder never comes before its document (whatever --today said).
  auto day_after_document = [&issued](calendar::Date day, std::int64_t number) {
    auto it = issued.find(number);
    return it == issued.end() ? day : std::max(day, it->second);
  };
  for (std::size_t i = 0; i < input.payments.size(); ++i) {
    const auto& p = input.payments[i];
    events.push_back({day_after_document(date_of(p.recorded, fmt::format("payment B{}", p.id)), p.invoice), 1, p.id, i});
  }
  for (std::size_t i = 0; i < input.reminders.size(); ++i) {
    const auto& r = input.reminders[i];
    events.push_back({day_after_document(date_of(r.date, fmt::format("reminder R{}", r.number)), r.invoice), 2, r.number, i});
  }
  std::stable_sort(events.begin(), events.end(), [](const Event& x, const Event& y) { return x.key() < y.key(); });
  if (!events.empty()) ledger.m_last = std::pair{events.back().day, events.back().order};
  for (const Event& ev : events) {
    switch (ev.order) {
    case 0: ledger.issue(input.documents[ev.index], input); break;
    case 1: ledger.pay(input.payments[ev.index]); break;
    default: ledger.charge(input.reminders[ev.index]); break;
    }
  }
  return ledger;
}

Ledger Ledger::load(const invoice_register::Register& reg) {
  LedgerInput input;
  input.documents = reg.document_accounts();
  input.payments = reg.payments();
  input.reminders = reg.reminder_charges();
  // Credit notes need the lines of their contract's earlier documents: only those are parsed.
  std::set<std::string> contracts;
  for (const auto& d : input.documents)
    if (d.credit_note) contracts.insert(d.contract);
  if (!contracts.empty()) {
    std::map<std::string, std::vector<render::IssuedDocument>> by_contract;
    for (const auto& d : input.documents) {
      if (!contracts.count(d.contract)) continue;
      auto stored = reg.document(d.number);
      if (!stored) damaged(fmt::format("document {} is missing", d.number));
      render::IssuedDocument doc;
      try {
        doc = render::document_from_json(render::Json::parse(stored->json));
      } catch (const std::exception& e) {
        damaged(fmt::format("document {} is not a document ({})", d.number, e.what()));
      }
      std::vector<render::IssuedDocument>& earlier = by_contract[d.contract];
      if (d.credit_note) input.corrections[d.number] = corrected_invoices(doc, earlier);
      earlier.push_back(std::move(doc));
    }
  }
  return replay(input);
}

const InvoiceAccount* Ledger::invoice(std::int64_t number) const {
  auto it = m_invoices.find(number);
  return it == m_invoices.end() ? nullptr : &it->second.account;
}

std::vector<const InvoiceAccount*> Ledger::invoices() const {
  std::vector<const InvoiceAccount*> out;
  out.reserve(m_invoices.size());
  for (const auto& [n, e] : m_invoices) out.push_back(&e.account);
  return out;
}

std::vector<const InvoiceAccount*> Ledger::open_invoices() const {
  std::vector<const InvoiceAccount*> out;
  for (const auto& [n, e] : m_invoices)
    if (!e.account.open().is_zero()) out.push_back(&e.account);
  std::stable_sort(out.begin(), out.end(), [](const InvoiceAccount* x, const InvoiceAccount* y) {
    return std::tie(x->due_date, x->number) < std::tie(y->due_date, y->number);
  });
  return out;
}

std::map<std::string, Money> Ledger::credits() const {
  std::map<std::string, Money> out;
  for (const auto& [contract, c] : m_credits)
    if (c.sum() > Money{}) out[contract] = c.sum();
  return out;
}

Money Ledger::credit(const std::string& contract) const {
  auto it = m_credits.find(contract);
  return it == m_credits.end() ? Money{} : it->second.sum();
}

std::vector<std::pair<calendar::Date, Money>> Ledger::own_open_steps(std::int64_t number) const {
  std::vector<std::pair<calendar::Date, Money>> steps;
  auto it = m_invoices.find(number);
  if (it == m_invoices.end()) return steps;
  const InvoiceAccount& a = it->second.account;
  std::vector<std::pair<calendar::Date, Money>> changes = it->second.own_changes;
  std::stable_sort(changes.begin(), changes.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  steps.push_back({a.issue_date, a.total});
  Money open = a.total;
  for (const auto& [date, settled] : changes) {
    open -= settled;
    if (steps.back().first == date) steps.back().second = open;
    else steps.push_back({date, open});
  }
  return steps;
}

bool Ledger::appends_after(calendar::Date recorded) const {
  return !m_last || *m_last <= std::pair{recorded, 1};
}

const PaymentSettlement& Ledger::append_payment(const invoice_register::PaymentRow& row) {
  pay(row);
  const calendar::Date recorded = date_of(row.recorded, fmt::format("payment B{}", row.id));
  if (!m_last || *m_last < std::pair{recorded, 1}) m_last = std::pair{recorded, 1};
  return m_settlements.at(row.id);
}

const PaymentSettlement* Ledger::settlement(std::int64_t payment) const {
  auto it = m_settlements.find(payment);
  return it == m_settlements.end() ? nullptr : &it->second;
}

std::vector<std::int64_t> corrected_invoices(const render::IssuedDocument& doc,
                                             const std::vector<render::IssuedDocument>& earlier) {
  using billing::Line;
  std::set<std::int64_t> numbers;
  auto is_earlier_invoice = [&doc](const render::IssuedDocument& d) {
    return d.contract == doc.contract && d.number && (!doc.number || *d.number < *doc.number);
  };
  for (const Line& line : doc.lines) {
    if (line.type == Line::Type::regulation) {
      // Every earlier document that billed the (week, rate) it regulates.
      for (const render::IssuedDocument& before : earlier) {
        if (!is_earlier_invoice(before) || before.credit_note()) continue;
        for (const Line& old : before.lines)
          if (old.type != Line::Type::expense && old.week == line.week && old.rate == line.rate)
            numbers.insert(*before.number);
      }
    } else if (line.credits_expense()) {
      // The latest earlier document that billed the expense it credits.
      const render::IssuedDocument* latest = nullptr;
      for (const render::IssuedDocument& before : earlier) {
        if (!is_earlier_invoice(before)) continue;
        for (const Line& old : before.lines)
          if (old.type == Line::Type::expense && old.date == line.date && old.text == line.text &&
              old.amount == -line.amount && (!latest || *before.number > *latest->number))
            latest = &before;
      }
      if (latest && !latest->credit_note()) numbers.insert(*latest->number);
    }
  }
  return {numbers.rbegin(), numbers.rend()};
}

} // namespace receivables

#include "bookkeeping/journal.hpp"

#include <algorithm>
#include <array>
#include <tuple>

namespace bookkeeping {
namespace {

constexpr std::array k_accounts{Account::debtors,  Account::sales_exempt,  Account::sales_vat,
                                Account::output_vat, Account::outlays,     Account::bank,
                                Account::reminder_fees, Account::interest, Account::compensation};
static_assert(k_accounts.size() == std::size(books::k_account_keys));

void post(std::vector<Posting>& out, const Posting& head, Account debit, Account credit, money::Money amount) {
  if (amount.is_zero()) return; // SPEC 10.1: 0.00 postings are left out
  Posting p = head;
  p.debit = debit;
  p.credit = credit;
  p.amount = amount;
  out.push_back(std::move(p));
}

} // namespace

std::string_view key_of(Account account) { return books::k_account_keys[static_cast<std::size_t>(account)]; }

const std::string& number_of(const books::Accounts& a, Account account) {
  switch (account) {
  case Account::debtors: return a.debtors;
  case Account::sales_exempt: return a.sales_exempt;
  case Account::sales_vat: return a.sales_vat;
  case Account::output_vat: return a.output_vat;
  case Account::outlays: return a.outlays;
  case Account::bank: return a.bank;
  case Account::reminder_fees: return a.reminder_fees;
  case Account::interest: return a.interest;
  case Account::compensation: return a.compensation;
  }
  return a.debtors; // unreachable: every role is listed
}

std::vector<Posting> document_postings(const render::IssuedDocument& doc) {
  money::Money outlays;
  for (const billing::Line& line : doc.lines)
    if (line.outlay) outlays += line.amount;
  Posting head;
  head.date = doc.issue_date;
  head.source = Source::document;
  head.number = doc.number.value_or(0);
  head.voucher = std::to_string(head.number);
  head.text = (doc.credit_note() ? "Kreditnota " : "Faktura ") + head.voucher + " " + doc.payer;
  // The sales account follows the document's VAT treatment, not the VAT amount: a VAT document
  // whose VAT rounds to 0.00 still sold under VAT (SPEC 2.7, 10.1).
  const Account sales = doc.exempt() ? Account::sales_exempt : Account::sales_vat;
  std::vector<Posting> out;
  post(out, head, Account::debtors, sales, doc.net - outlays);
  post(out, head, Account::debtors, Account::outlays, outlays);
  post(out, head, Account::debtors, Account::output_vat, doc.vat);
  return out;
}

std::vector<Posting> payment_postings(const Payment& payment) {
  Posting head;
  head.date = payment.date;
  head.source = Source::payment;
  head.number = payment.id;
  head.voucher = "B" + std::to_string(payment.id);
  head.text = "Indbetaling faktura " + std::to_string(payment.invoice) + " " + payment.payer;
  std::vector<Posting> out;
  post(out, head, Account::bank, Account::debtors, payment.amount);
  return out;
}

std::vector<Posting> reminder_postings(const Reminder& reminder) {
  Posting head;
  head.date = reminder.date;
  head.source = Source::reminder;
  head.number = reminder.number;
  head.voucher = "R" + std::to_string(reminder.number);
  head.text = "Rykker " + head.voucher + " faktura " + std::to_string(reminder.invoice) + " " + reminder.payer;
  std::vector<Posting> out;
  post(out, head, Account::debtors, Account::reminder_fees, reminder.fee);
  post(out, head, Account::debtors, Account::interest, reminder.interest);
  post(out, head, Account::debtors, Account::compensation, reminder.compensation);
  return out;
}

std::vector<Posting> journal(const Sources& sources) {
  std::vector<Posting> out;
  auto append = [&out](std::vector<Posting> p) {
    out.insert(out.end(), std::make_move_iterator(p.begin()), std::make_move_iterator(p.end()));
  };
  for (const render::IssuedDocument& doc : sources.documents) append(document_postings(doc));
  for (const Reminder& reminder : sources.reminders) append(reminder_postings(reminder));
  for (const Payment& payment : sources.payments) append(payment_postings(payment));
  // Stable: a voucher's postings keep the order its rule gave them.
  std::stable_sort(out.begin(), out.end(), [](const Posting& a, const Posting& b) {
    return std::tie(a.date, a.source, a.number) < std::tie(b.date, b.source, b.number);
  });
  return out;
}

std::vector<std::string_view> missing_accounts(const std::vector<Posting>& postings, const books::Accounts& accounts) {
  std::array<bool, k_accounts.size()> used{};
  for (const Posting& p : postings) {
    used[static_cast<std::size_t>(p.debit)] = true;
    used[static_cast<std::size_t>(p.credit)] = true;
  }
  std::vector<std::string_view> out;
  for (const Account a : k_accounts)
    if (used[static_cast<std::size_t>(a)] && number_of(accounts, a).empty()) out.push_back(key_of(a));
  return out;
}

} // namespace bookkeeping

#pragma once
// The posting journal (SPEC 10.1, bogføringsloven): every document, reminder and payment dated in
// a period as double-entry postings for an accounting system (e-conomic, Dinero, Billy). The
// posting rules are decided here and nowhere else; the formats are in journal_format.hpp, the
// register is read in sources.hpp.

#include "books/model.hpp"
#include "calendar/date.hpp"
#include "money/fixed2.hpp"
#include "render/document.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bookkeeping {

// The accounts of [accounts] (books::Accounts), by role.
enum class Account { debtors, sales_exempt, sales_vat, output_vat, outlays, bank, reminder_fees, interest, compensation };

// The key in [accounts]: "debtors", "sales_exempt", ...
std::string_view key_of(Account account);
// The account number [accounts] gives the role; empty when not set.
const std::string& number_of(const books::Accounts& accounts, Account account);

// What a posting comes from; postings of one day are ordered documents, reminders, payments.
enum class Source { document, reminder, payment };

// One line of the journal: `amount` debited to `debit` and credited to `credit` (a negative
// amount reverses both: a credit note, a refund).
struct Posting {
  calendar::Date date;
  Source source = Source::document;
  std::int64_t number = 0; // the document's, reminder's or payment's number, for the order
  std::string voucher;     // bilag: "1001", "R3", "B7"
  std::string text;        // "Faktura 1001 Køge Kommune"
  Account debit = Account::debtors;
  Account credit = Account::debtors;
  money::Money amount;
};

// The postings of one invoice or credit note, dated its issue date, voucher its number:
// debtors are debited with its total, credited to the sales (net less outlays: sales_vat when the
// document is under VAT, sales_exempt when it is exempt), the outlays and the VAT. A credit
// note's amounts are negative as its figures are. 0.00 postings are left out.
std::vector<Posting> document_postings(const render::IssuedDocument& doc);

// A payment as the register records it (SPEC 9.2): voucher B<id>; a refund is negative.
struct Payment {
  std::int64_t id = 0;
  std::int64_t invoice = 0;
  std::string payer; // the invoice's payer, as its document names it
  calendar::Date date;
  money::Money amount;
};

// A reminder as the register records it (SPEC 9.4): voucher R<number>, what it charged.
struct Reminder {
  std::int64_t number = 0;
  std::int64_t invoice = 0;
  std::string payer;
  calendar::Date date;
  money::Money fee;
  money::Money interest;
  money::Money compensation;
};

// A payment: the bank debited, the debtors credited with its amount (a refund: negative), dated
// the payment's date, text "Indbetaling faktura N PAYER".
std::vector<Posting> payment_postings(const Payment& payment);
// A reminder: the debtors debited with what it charged, credited to reminder_fees, interest and
// compensation (outside VAT), dated its date, text "Rykker R<n> faktura N PAYER".
std::vector<Posting> reminder_postings(const Reminder& reminder);

// What the journal of a period is made from: what is dated in it (sources.hpp reads it).
struct Sources {
  std::vector<render::IssuedDocument> documents;
  std::vector<Reminder> reminders;
  std::vector<Payment> payments;
};

// Every posting of the sources, by date, then documents, reminders, payments, each by number
// (a voucher's postings in the order its rule gives them).
std::vector<Posting> journal(const Sources& sources);

// The keys of the accounts the postings use that [accounts] does not set, in [accounts] order.
std::vector<std::string_view> missing_accounts(const std::vector<Posting>& postings, const books::Accounts& accounts);

} // namespace bookkeeping

#pragma once
// The receivables ledger (SPEC 9.2, 9.3): what every invoice owes, what settled it, and each
// contract's credit. Nothing of it is stored: the ledger replays the register's documents,
// payments and reminders in the order they were recorded (ARCHITECTURE.md, "Receivables"), so the
// settlement rules live here alone and a register written by any command reads the same.

#include "books/model.hpp"
#include "calendar/date.hpp"
#include "money/fixed2.hpp"
#include "register/register.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace render {
struct IssuedDocument;
}

namespace receivables {

using money::Money;

struct InvoiceAccount {
  std::int64_t number = 0;
  std::string contract, payer;           // payer = the buyer's name on the document
  books::PayerKind payer_kind = books::PayerKind::municipality;
  calendar::Date issue_date, due_date;
  money::Money total;                    // the invoice's total (its own amount)
  money::Money fees, interest, compensation;   // charged so far by reminders
  money::Money paid;                     // payments settled on this invoice (all parts)
  money::Money credited;                 // lowered by credit notes
  int reminders = 0;                     // reminders issued so far
  std::optional<calendar::Date> last_reminder_date, last_pay_by;
  money::Money open() const;             // total + fees + interest + compensation − paid − credited
  money::Money own_open() const;         // what is open of the own amount (total) alone

  // What of each part is settled (by payments and credit notes together).
  money::Money settled_fees, settled_compensation, settled_interest, settled_own;
};

// What one payment (or the rest of a credit note) settled on one invoice. A refund's are negative:
// what it reopened.
struct Settled {
  std::int64_t invoice = 0;
  Money fees, compensation, interest, own;
  Money sum() const { return fees + compensation + interest + own; }
};

// What a payment did, in the order it did it.
struct PaymentSettlement {
  std::int64_t payment = 0;
  std::int64_t invoice = 0;
  std::vector<Settled> settled;
  Money credit;     // added to its contract's credit (a refund: negative, the credit paid out)
  Money unsettled;  // a refund beyond the credit and what payments settled on its invoice (pay refuses it)
};

// What the ledger replays; Ledger::load reads it from a register, tests build it by hand.
struct LedgerInput {
  std::vector<invoice_register::DocumentAccountRow> documents;
  std::vector<invoice_register::PaymentRow> payments;
  std::vector<invoice_register::ReminderChargeRow> reminders;
  // Each credit note's corrected invoices (SPEC 9.2: corrected_invoices), any order.
  std::map<std::int64_t, std::vector<std::int64_t>> corrections;
};

class Ledger {
public:
  // Reads documents, payments, reminders (and whatever settlement needs) from an open register.
  static Ledger load(const invoice_register::Register& reg);
  // Replays the input (SPEC 9.2). Throws a data error (65) for rows that do not fit together
  // (a payment on no invoice, a malformed date): a damaged register.
  static Ledger replay(const LedgerInput& input);

  const InvoiceAccount* invoice(std::int64_t number) const;     // nullptr: no such invoice
  std::vector<const InvoiceAccount*> open_invoices() const;     // open() != 0, by due date, number
  std::vector<const InvoiceAccount*> invoices() const;          // every invoice, by number
  std::map<std::string, money::Money> credits() const;          // contract → credit (> 0)
  money::Money credit(const std::string& contract) const;       // 0.00 when none
  // The own amount open at the end of each day, as steps ascending by date: from `date` on
  // (inclusive) the own amount open is `amount`, until the next step. The first step is the
  // issue date with what is open at its end (the total, unless a credit settled some of it that
  // day). Payments count from their payment date, credit notes from their issue date.
  std::vector<std::pair<calendar::Date, money::Money>> own_open_steps(std::int64_t number) const;
  // What payment `id` settled; nullptr: no such payment.
  const PaymentSettlement* settlement(std::int64_t payment) const;

  // Whether a payment recorded on `recorded` comes after everything the ledger holds (then
  // append_payment gives what a replay would); false when a reminder of that day or a later
  // document is in it.
  bool appends_after(calendar::Date recorded) const;
  // Settles one more payment as a replay would, when appends_after(its recorded day).
  const PaymentSettlement& append_payment(const invoice_register::PaymentRow& row);

private:
  struct Entry {
    InvoiceAccount account;
    std::vector<std::pair<calendar::Date, Money>> own_changes; // own amount settled (+) or reopened (−)
  };
  struct Credit {
    Money from_payments;     // paid out first by a refund, used last for a new invoice
    Money from_credit_notes;
    Money sum() const { return from_payments + from_credit_notes; }
  };
  enum class Origin { payment, credit_note };

  Money settle(Entry& e, Money amount, Origin origin, calendar::Date date, std::vector<Settled>* record);
  Money settle_contract(const std::string& contract, std::int64_t except, Money amount, Origin origin,
                        calendar::Date date, std::vector<Settled>* record);
  void issue(const invoice_register::DocumentAccountRow& row, const LedgerInput& input);
  void pay(const invoice_register::PaymentRow& row);
  void charge(const invoice_register::ReminderChargeRow& row);

  std::map<std::int64_t, Entry> m_invoices;
  std::map<std::string, std::vector<std::int64_t>> m_by_contract; // invoice numbers, ascending
  std::map<std::string, Credit> m_credits;
  std::map<std::int64_t, PaymentSettlement> m_settlements;
  std::optional<std::pair<calendar::Date, int>> m_last; // the last event replayed: day, order
};

// The invoices a credit note corrects (SPEC 9.2), newest first: every earlier invoice of its
// contract that billed a (week, rate) it regulates, and the latest earlier document that billed
// an expense it credits (when that document is an invoice). `earlier` may hold any documents.
std::vector<std::int64_t> corrected_invoices(const render::IssuedDocument& credit_note,
                                             const std::vector<render::IssuedDocument>& earlier);

} // namespace receivables

#pragma once
// Recording one payment or refund on an invoice (SPEC 9.2, `honorar pay N AMOUNT`): checked,
// recorded and settled in one transaction of the register.

#include "calendar/date.hpp"
#include "money/fixed2.hpp"
#include "receivables/ledger.hpp"

#include <cstdint>
#include <filesystem>
#include <string>

namespace receivables {

struct PayRequest {
  std::string document;   // "1003" (an invoice); "R3" is a reminder and refused
  std::string amount;     // as typed: "1234.50", "1.234,50", "-500"
  calendar::Date date;    // the payment's date (--date, default today)
  std::string text;       // --text
  calendar::Date today;   // the day it is recorded
  int busy_timeout_ms = 10'000;
};

struct PayOutcome {
  std::int64_t payment = 0; // voucher B<payment>
  std::int64_t invoice = 0;
  std::string contract;
  calendar::Date date;
  Money amount;
  PaymentSettlement settlement;
  Money invoice_open;    // what is open on the invoice afterwards
  Money contract_credit; // the contract's credit afterwards
};

// The document number a payment names: digits. Throws a data error (65) for a reminder ("R3")
// or anything else.
std::int64_t payment_document_number(const std::string& text);

// Checks and records the payment. Throws a data error (65), nothing recorded, for an amount that
// is not one (ambiguous, more than two decimals, 0.00), an unknown number, a credit note, a
// payment dated after today, or a refund larger than the contract's credit and what payments
// settled on the invoice; busy (75) when the register stays locked.
PayOutcome record_payment(const std::filesystem::path& books_dir, const PayRequest& request);

} // namespace receivables

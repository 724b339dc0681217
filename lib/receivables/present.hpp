#pragma once
// Receivables for people and scripts (SPEC §7, 9): the JSON and text of `pay`. Presentation only:
// every figure comes from the ledger.

#include "receivables/ledger.hpp"
#include "receivables/pay.hpp"
#include "receivables/statement.hpp"
#include "render/csv.hpp"
#include "render/document.hpp"

#include <string>

namespace receivables {

// {"payment", "invoice", "date", "amount", "settled": [{"invoice", "fees", "interest", "own",
// "compensation"}], "credit"}; `credit` is what the payment added to its contract's credit
// (negative: what a refund paid out of it).
render::Json pay_json(const PayOutcome& outcome);
std::string pay_text(const PayOutcome& outcome);

// `open` (SPEC 9.3): the invoices with anything open as of a day, by due date then number.
struct OpenItem {
  const InvoiceAccount* account = nullptr;
  int days_overdue = 0; // as_of − due date, 0 before it
};
struct CreditItem {
  std::string contract;
  std::string payer; // of the contract's latest invoice
  Money credit;
};
struct OpenReport {
  calendar::Date as_of;
  std::vector<OpenItem> open;
  std::vector<CreditItem> credits;
  Money total_open;
};
// `overdue`: only invoices whose due date is before as_of.
OpenReport open_report(const Ledger& ledger, calendar::Date as_of, bool overdue);
render::Json open_json(const OpenReport& report);
// Grouped by payer (by name), totals per payer and overall, then the credits.
std::string open_text(const OpenReport& report);
std::string open_csv(const OpenReport& report, render::CsvLocale locale);

// `pay --import` (SPEC §7): {"matched", "unmatched", "known"}.
render::Json import_json(const ImportOutcome& outcome);
std::string import_text(const ImportOutcome& outcome);

} // namespace receivables

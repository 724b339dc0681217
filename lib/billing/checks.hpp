#pragma once
// The warnings of SPEC §5 that need the billing rules: unlogged weeks, over-delivery, entries on
// days that are not active, expenses outside the contract, possible duplicates, no handleplan.

#include "billing/run.hpp"
#include "billing/week.hpp"
#include "billing/week_table.hpp"
#include "books/model.hpp"
#include "calendar/date.hpp"
#include "diag/diagnostic.hpp"

namespace billing {

// What the checks know beyond the books.
struct CheckOptions {
  // What the register has billed, if there is a register. A week billed with the hours it has now
  // is settled history: its warnings (unlogged, over-delivered) are left out (SPEC 5) ...
  const BilledState* billed = nullptr;
  // ... unless every warning is asked for (check --all).
  bool all = false;
  // Every week's figures, if already computed (else built from the entries).
  const WeekTable* weeks = nullptr;
};

void check_books(const books::Books& books, calendar::Date today, diag::Diagnostics& diags,
                 const CheckOptions& options = {});
// The same with the books' entry index already built (a command that also bills reuses it).
void check_books(const books::Books& books, const EntryIndex& entries, calendar::Date today, diag::Diagnostics& diags,
                 const CheckOptions& options = {});

// check_books in two parts, which together give the same warnings (in another order):
// those about the books alone (no handleplan, the entries, the expenses), which the books cache
// keeps with the week table ...
void check_books_static(const books::Books& books, const EntryIndex& entries, diag::Diagnostics& diags, bool all);
// ... and those about weeks (unlogged, over-delivered), which depend on today and the register.
void check_week_warnings(const books::Books& books, const WeekTable& table, calendar::Date today,
                         diag::Diagnostics& diags, const CheckOptions& options = {});

} // namespace billing

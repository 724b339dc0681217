#pragma once
// The warnings of SPEC §5 that need the billing rules: unlogged weeks, over-delivery, entries on
// days that are not active, expenses outside the contract, possible duplicates, no handleplan.

#include "billing/week.hpp"
#include "books/model.hpp"
#include "calendar/date.hpp"
#include "diag/diagnostic.hpp"

namespace billing {

void check_books(const books::Books& books, calendar::Date today, diag::Diagnostics& diags);
// The same with the books' entry index already built (a command that also bills reuses it).
void check_books(const books::Books& books, const EntryIndex& entries, calendar::Date today, diag::Diagnostics& diags);

} // namespace billing

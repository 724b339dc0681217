#pragma once
// The warnings of SPEC §5 that need the billing rules: unlogged weeks, over-delivery, entries on
// days that are not active, expenses outside the contract, possible duplicates, no handleplan.

#include "books/model.hpp"
#include "calendar/date.hpp"
#include "diag/diagnostic.hpp"

namespace billing {

void check_books(const books::Books& books, calendar::Date today, diag::Diagnostics& diags);

} // namespace billing

#pragma once
// The hours of one contract on one day (SPEC 5): together at most the 24 hours of a day.

#include "books/model.hpp"
#include "diag/diagnostic.hpp"

namespace books {

// Reports every (contract, day) whose entries, of all statuses, add up to more than 24 hours, at
// the entry (in log order) that takes the day over. Runs once all time logs are loaded, whichever
// reader or the cache gave the entries. One pass in log order with a state per contract; only a
// contract whose log goes back in date somewhere is sorted.
void check_hours_per_day(const Books& books, diag::Diagnostics& diags);

} // namespace books

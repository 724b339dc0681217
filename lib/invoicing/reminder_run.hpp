#pragma once
// The remind run (SPEC 9.4) end to end: for each overdue invoice the next reminder it may have
// (receivables::next_reminder, with receivables::interest on the ledger's own-amount-open steps),
// numbered in the reminders' own gapless series, registered in one transaction, then written as
// invoices/YYYY/R<n>.{json,txt,pdf}.

#include "books/model.hpp"
#include "calendar/date.hpp"
#include "render/reminder.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace invoicing {

struct RemindRequest {
  calendar::Date today;
  std::vector<std::string> only; // --contract
  bool dry_run = false;
  int busy_timeout_ms = 10'000;
};

struct RemindOutcome {
  render::ReminderRun run; // render::reminder_run_json gives its JSON
  std::vector<std::filesystem::path> written; // reminder files written by this run
};

// Throws diag::Error: usage (unknown --contract), data (a day of an interest period without a
// reference rate: nothing is recorded), busy (75), cant_write (73: nothing is recorded).
RemindOutcome remind(const books::Books& books, const RemindRequest& request);

// A registered reminder from its canonical JSON; a data error (65) naming R<number> when the
// register holds something else (a damaged register).
render::ReminderDocument parse_stored_reminder(std::int64_t number, const std::string& json);

} // namespace invoicing

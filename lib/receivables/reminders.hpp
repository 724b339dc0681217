#pragma once
// Which reminder an invoice may have today (renteloven §§ 9 a, 9 b; SPEC 9.4): the one place that
// decides the reminder's number in the invoice's sequence, its payment date, fee, compensation
// and interest period. The interest itself is receivables::interest (interest.hpp).

#include "books/model.hpp"
#include "calendar/date.hpp"
#include "money/fixed2.hpp"

#include <optional>

namespace receivables {

// At most three reminders per invoice; each gives the payer ten days (renteloven § 9 b).
inline constexpr int k_max_reminders = 3;
inline constexpr int k_days_to_pay = 10;

// What the rule needs to know of an invoice (Ledger's InvoiceAccount has it all).
struct ReminderHistory {
  calendar::Date due_date;
  money::Money own_open;  // what is open of the invoice's own amount (its total) now
  books::PayerKind payer_kind = books::PayerKind::municipality;
  int reminders = 0;      // reminders issued so far
  std::optional<calendar::Date> last_reminder_date, last_pay_by;
};

struct ReminderDue {
  int sequence = 1;               // 1, 2 or 3
  calendar::Date date;            // today: the reminder's date
  calendar::Date pay_by;          // date + 10 days
  money::Money fee;
  money::Money compensation;      // first reminder to a municipality only
  calendar::Date interest_from;   // the day after the due date or after the previous reminder
  calendar::Date interest_to;     // the reminder's date (inclusive)
  bool last = false;              // the third: it warns that the claim goes to collection (inkasso)
};

// The reminder the invoice may have on `today`, or nullopt: not overdue, nothing open above
// [reminders] minimum, three reminders issued, or the previous reminder's payment date not yet
// passed (reminder k+1 comes the day after reminder k's pay_by at the earliest).
std::optional<ReminderDue> next_reminder(const ReminderHistory& invoice, const books::Reminders& settings,
                                         calendar::Date today);

} // namespace receivables

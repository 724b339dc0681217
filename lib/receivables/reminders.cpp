#include "receivables/reminders.hpp"

namespace receivables {

std::optional<ReminderDue> next_reminder(const ReminderHistory& invoice, const books::Reminders& settings,
                                         calendar::Date today) {
  if (invoice.reminders >= k_max_reminders) return std::nullopt; // the rest is for collection
  if (today <= invoice.due_date) return std::nullopt;
  if (invoice.own_open <= settings.minimum) return std::nullopt;
  const bool first = invoice.reminders == 0;
  if (!first && (!invoice.last_pay_by || today <= *invoice.last_pay_by)) return std::nullopt;
  ReminderDue due;
  due.sequence = invoice.reminders + 1;
  due.date = today;
  due.pay_by = today + k_days_to_pay;
  due.fee = settings.fee;
  // Kompensationsbeløb (§ 9 a) only between businesses and public payers, once per claim.
  if (first && invoice.payer_kind == books::PayerKind::municipality) due.compensation = settings.compensation;
  // Interest runs from the day after the due date, or after the previous reminder's date, so that
  // no day is charged twice.
  const calendar::Date charged_to = first ? invoice.due_date : invoice.last_reminder_date.value_or(invoice.due_date);
  due.interest_from = charged_to + 1;
  due.interest_to = today;
  due.last = due.sequence == k_max_reminders;
  return due;
}

} // namespace receivables

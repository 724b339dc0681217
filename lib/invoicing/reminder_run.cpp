#include "invoicing/reminder_run.hpp"

#include "books/identifiers.hpp"
#include "diag/diagnostic.hpp"
#include "invoicing/monthly_run.hpp"
#include "receivables/interest.hpp"
#include "receivables/ledger.hpp"
#include "receivables/reminders.hpp"
#include "register/register.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace invoicing {

render::ReminderDocument parse_stored_reminder(std::int64_t number, const std::string& json) {
  render::Json j;
  try {
    j = render::Json::parse(json);
  } catch (const std::exception&) {
    throw diag::Error(diag::ErrorKind::data,
                      fmt::format("honorar.db is damaged: reminder R{} is not the JSON it was issued as (restore the "
                                  "register from a backup; the file is left untouched)",
                                  number));
  }
  try {
    return render::reminder_from_json(j);
  } catch (const diag::Error& e) {
    throw diag::Error(diag::ErrorKind::data,
                      fmt::format("honorar.db is damaged: reminder R{} is not a reminder ({}); restore the register "
                                  "from a backup (the file is left untouched)",
                                  number, e.what()));
  }
}

namespace {

void refuse_unknown_contracts(const books::Books& books, const std::vector<std::string>& only) {
  for (const std::string& id : only)
    if (!books.find_contract(id))
      throw diag::Error(diag::ErrorKind::usage, fmt::format("--contract {}: no such contract in the books", id));
}

receivables::ReminderHistory history_of(const receivables::InvoiceAccount& account) {
  receivables::ReminderHistory h;
  h.due_date = account.due_date;
  h.own_open = account.own_open();
  h.payer_kind = account.payer_kind;
  h.reminders = account.reminders;
  h.last_reminder_date = account.last_reminder_date;
  h.last_pay_by = account.last_pay_by;
  return h;
}

// The reminder as it is issued: the invoice's payer and course as the invoice has them, the
// seller (where to pay) as the books have it now, the invoice's FIK payment id.
render::ReminderDocument make_reminder(const receivables::InvoiceAccount& account, const render::IssuedDocument& invoice,
                                       const receivables::ReminderDue& due, const receivables::Interest& interest,
                                       const books::Settings& settings) {
  render::ReminderDocument r;
  r.reminder = due.sequence;
  r.contract = account.contract;
  r.payer = invoice.payer;
  r.date = due.date;
  r.pay_by = due.pay_by;
  r.invoice = account.number;
  r.invoice_issue_date = account.issue_date;
  r.invoice_due_date = account.due_date;
  r.invoice_total = account.total;
  r.paid = account.paid + account.credited;
  r.charged_before = account.fees + account.interest + account.compensation;
  r.open_before = account.open();
  r.fee = due.fee;
  r.interest_from = due.interest_from;
  r.interest_to = due.interest_to;
  for (const receivables::InterestLine& l : interest.lines)
    r.interest_lines.push_back({l.from, l.to, l.days, l.reference_rate, l.rate, l.interest});
  r.interest = interest.total;
  r.compensation = due.compensation;
  r.open = r.open_before + r.fee + r.interest + r.compensation;
  r.collection_warning = due.last;
  r.currency = invoice.currency;
  r.seller = render::printed_seller(settings.provider);
  if (!r.seller.fik_creditor.empty()) r.payment_id = books::fik71_payment_id(account.number);
  r.buyer = invoice.buyer;
  r.course = invoice.course;
  return r;
}

} // namespace

RemindOutcome remind(const books::Books& books, const RemindRequest& request) {
  refuse_unknown_contracts(books, request.only);
  RemindOutcome outcome;
  outcome.run.as_of = request.today;
  // No register: nothing was ever invoiced, so nothing is overdue; none is created.
  std::error_code ec;
  if (!std::filesystem::exists(books.root / invoice_register::k_file_name, ec)) return outcome;
  auto reg = request.dry_run ? invoice_register::Register::open_read_only(books.root, request.busy_timeout_ms)
                             : invoice_register::Register::open_for_run(books.root, request.busy_timeout_ms);
  if (!reg) return outcome;

  const books::Reminders& settings = books.settings.reminders;
  const receivables::Ledger ledger = receivables::Ledger::load(*reg);
  const std::vector<const receivables::InvoiceAccount*> accounts = ledger.invoices(); // by number
  std::int64_t number = request.dry_run ? 0 : reg->next_reminder_number(settings.first_number);
  std::vector<invoice_register::StoredReminder> stored;
  for (const receivables::InvoiceAccount* account : accounts) {
    if (!request.only.empty() &&
        std::find(request.only.begin(), request.only.end(), account->contract) == request.only.end())
      continue;
    const std::optional<receivables::ReminderDue> due = receivables::next_reminder(history_of(*account), settings, request.today);
    if (!due) continue;
    const receivables::Interest interest = receivables::interest(ledger.own_open_steps(account->number),
                                                                 due->interest_from, due->interest_to,
                                                                 settings.reference_rates);
    // The invoice's document gives the reminder its payer's address and the course; only a
    // registered reminder's document shows them. A dry run prints the run (SPEC 7: figures and
    // the payer's name, which the ledger has), so it reads no document: on years of invoices
    // parsing thousands of them was most of its time (bench/README.md, "Receivables").
    render::IssuedDocument invoice;
    if (request.dry_run) {
      invoice.payer = account->payer;
    } else {
      const std::optional<invoice_register::StoredDocument> doc = reg->document(account->number);
      if (!doc)
        throw diag::Error(diag::ErrorKind::internal, fmt::format("invoice {} is not in the register", account->number));
      invoice = parse_stored_document(doc->number, doc->json);
    }
    render::ReminderDocument r = make_reminder(*account, invoice, *due, interest, books.settings);
    if (!request.dry_run) {
      r.number = number++;
      stored.push_back({*r.number, r.invoice, r.reminder, r.date.to_string(), r.pay_by.to_string(), r.fee.hundredths(),
                        r.interest.hundredths(), r.compensation.hundredths(), render::to_json(r).dump()});
    }
    outcome.run.reminders.push_back(std::move(r));
  }
  if (request.dry_run) return outcome;

  // Before the commit: the files of the new reminders and of earlier ones that lack them, to
  // temporary names; a failure to write (73) leaves the register as it was.
  std::vector<render::ReminderDocument> all;
  for (const invoice_register::StoredReminder& s : reg->reminders()) all.push_back(parse_stored_reminder(s.number, s.json));
  all.insert(all.end(), outcome.run.reminders.begin(), outcome.run.reminders.end());
  StagedFiles staged = stage_missing_reminder_files(books.root, all);
  reg->record_reminders(stored);
  reg->commit();
  outcome.written = staged.publish();
  return outcome;
}

} // namespace invoicing

#pragma once
// A reminder (rykker, SPEC 9.4) as a C++ type: what it says, self-contained and frozen when it is
// issued, with one canonical JSON that the register stores (to_json(reminder_from_json(j)) gives
// back the same bytes) and renderings in Danish text and PDF made from the typed value only. Every
// figure is decided before (receivables::next_reminder, receivables::interest); nothing here
// computes a rule.

#include "calendar/date.hpp"
#include "money/fixed2.hpp"
#include "render/document.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace render {

// The days of one reference rate in the interest period (receivables::InterestLine, as printed).
struct ReminderInterestLine {
  calendar::Date from, to; // inclusive
  int days = 0;
  money::Percent reference_rate;
  money::Percent rate; // reference_rate + 8: the yearly rate charged
  money::Money interest;
};

struct ReminderDocument {
  std::optional<std::int64_t> number; // R<number>; none in a dry run
  int reminder = 1;                   // the invoice's 1st, 2nd or 3rd reminder
  std::string contract;
  std::string payer;
  calendar::Date date;   // issued
  calendar::Date pay_by; // date + 10 days
  // The invoice it reminds of.
  std::int64_t invoice = 0;
  calendar::Date invoice_issue_date, invoice_due_date;
  money::Money invoice_total;
  money::Money paid;           // paid and credited on the invoice before this reminder
  money::Money charged_before; // fees, interest and compensation of earlier reminders
  money::Money open_before;    // what was open: invoice_total + charged_before − paid
  money::Money fee;
  calendar::Date interest_from, interest_to; // inclusive
  std::vector<ReminderInterestLine> interest_lines;
  money::Money interest; // the lines' exact sum, rounded once
  money::Money compensation;
  money::Money open; // what is open with this reminder: open_before + fee + interest + compensation
  bool collection_warning = false; // the last reminder: the claim goes to collection (inkasso)
  std::string currency = "DKK";
  // The FIK 71 payment id of the invoice it reminds of (SPEC 9.1), when the seller has FIK.
  std::optional<std::string> payment_id;
  Seller seller;
  Buyer buyer;
  Course course;
};

// "R3"; "(prøve)" in a dry run.
std::string reminder_name(const ReminderDocument& r);

// The canonical JSON: {"kind": "reminder", "number", "reminder", "invoice", ...}.
Json to_json(const ReminderDocument& r);
// The inverse of to_json. Throws diag::Error (data) naming the key when `j` is not a reminder.
ReminderDocument reminder_from_json(const Json& j);

// "+71<000000000010041+85404316<": the invoice's FIK payment line; nullopt without FIK.
std::optional<std::string> fik_payment_line(const ReminderDocument& r);

// "1. rykker"
std::string reminder_ordinal(int reminder);
// One line per reference rate, in Danish, for text and PDF:
// "01.01.2026–15.01.2026: 15 dage à 9,35 % (referencerente 1,35 % + 8 %): 87,49"
std::string interest_line_text(const ReminderInterestLine& line);
// The warning of the last reminder: the claim goes to collection (inkasso) when it is not paid.
std::string collection_warning_text(const ReminderDocument& r);

// The reminder as a Danish fixed-width text (invoices/YYYY/R<n>.txt).
std::string reminder_text(const ReminderDocument& r);
// The reminder as an A4 Danish PDF, laid out like the invoices (invoices/YYYY/R<n>.pdf).
std::string reminder_pdf(const ReminderDocument& r);

// What a remind run issued (or, in a dry run, would issue), by invoice number.
struct ReminderRun {
  calendar::Date as_of;
  std::vector<ReminderDocument> reminders;
};
// SPEC 7: {"as_of", "reminders": [{"number", "invoice", "contract", "reminder", "interest_from",
// "interest_to", "interest", "fee", "compensation", "open", "pay_by"}]}.
Json reminder_run_json(const ReminderRun& run);
// The run for people: each reminder's invoice, payer, charges and new open amount.
std::string reminder_run_text(const ReminderRun& run, bool dry_run);

// The formats a reminder is written in and rendered to: json, text, pdf.
inline constexpr std::string_view k_reminder_formats[] = {"json", "text", "pdf"};
// The reminder in one of k_reminder_formats; nullopt for another name (a reminder has no e-invoice).
std::optional<std::string> render_reminder(const ReminderDocument& r, std::string_view format);

} // namespace render

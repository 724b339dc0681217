// A reminder as an A4 Danish PDF, in the layout of the invoices (pdf_layout.cpp): the seller, the
// payer, the invoice it reminds of, what is open and what the reminder adds, the payment with FIK,
// and on the last reminder the warning of collection.
#include "render/reminder.hpp"

#include "render/pdf_layout.hpp"
#include "render/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace render {
namespace {

using namespace pdf; // NOLINT(google-build-using-namespace): the layout's vocabulary

void set_header(Typesetter& ts, const ReminderDocument& r, Document& d) {
  const double right_w = k_right - k_column;
  set_seller(ts, r.seller, d);
  d.heading = ts.set("Rykker", {24.0, true, k_accent}, right_w, PANGO_ALIGN_RIGHT);
  auto fact = [&](const std::string& key, const std::string& value) {
    d.facts.push_back({ts.set(key, {9.0, false, k_muted}), ts.set(value, {9.0, true}, 130, PANGO_ALIGN_RIGHT)});
  };
  fact("Rykkernr.", reminder_name(r));
  fact("Rykker", reminder_ordinal(r.reminder));
  fact("Rykkerdato", danish_date(r.date));
  fact("Betales senest", danish_date(r.pay_by));
  fact("Fakturanr.", std::to_string(r.invoice));

  set_payer(ts, r.buyer, "RYKKER TIL", d);
  d.course_label = ts.set("FORLØB", k_label);
  std::vector<std::string> lines;
  lines.push_back(labelled("Kontrakt:", r.contract));
  if (!r.course.service.empty()) lines.push_back(labelled("Ydelse:", r.course.service));
  if (!r.course.case_ref.empty()) lines.push_back(labelled("Sagsnr.:", r.course.case_ref));
  if (!r.course.citizen.empty()) lines.push_back(labelled("Borger:", r.course.citizen));
  d.course_details = ts.set(joined_lines(lines), k_body, right_w, PANGO_ALIGN_LEFT, true);

  d.intro = ts.set(fmt::format("Vi har ikke modtaget fuld betaling af faktura {} af {}, som forfaldt {}. Vi beder "
                               "jer betale det udestående beløb med gebyr og renter senest {}.",
                               r.invoice, danish_date(r.invoice_issue_date), danish_long_date(r.invoice_due_date),
                               danish_long_date(r.pay_by)),
                   k_body, k_width);
}

void set_table(Typesetter& ts, const ReminderDocument& rem, Document& d) {
  const Style head{8.0, true, k_muted};
  d.th_description = ts.set("Beskrivelse", head);
  d.th_amount = ts.set("Beløb (kr.)", head, 80, PANGO_ALIGN_RIGHT);
  d.table_header_height = d.th_description.height + 2 * k_pad;
  auto row = [&](const std::string& markup, money::Money amount) {
    Row r;
    r.description = ts.set(markup, k_body, k_desc_w, PANGO_ALIGN_LEFT, true);
    r.amount = ts.set(amount.to_danish(), k_body);
    r.height = std::max(r.description.height, r.amount.height) + 2 * k_pad;
    d.rows.push_back(r);
  };
  row(escape(fmt::format("Faktura {} af {}, forfald {}", rem.invoice, danish_date(rem.invoice_issue_date),
                         danish_date(rem.invoice_due_date))),
      rem.invoice_total);
  if (!rem.charged_before.is_zero()) row(escape("Gebyrer, renter mv. fra tidligere rykkere"), rem.charged_before);
  if (!rem.paid.is_zero()) row(escape("Indbetalt og krediteret"), -rem.paid);
  row("<b>" + escape("Udestående før denne rykker") + "</b>", rem.open_before);
  row(escape("Rykkergebyr"), rem.fee);
  // The interest and, under it in grey, one line per reference rate (days, rate, interest).
  std::string interest = escape(fmt::format("Renter {}–{} (renteloven § 5)", danish_date(rem.interest_from),
                                            danish_date(rem.interest_to)));
  for (const ReminderInterestLine& l : rem.interest_lines)
    interest += "\n<span size=\"smaller\" foreground=\"#6b6b6b\">" + escape(interest_line_text(l)) + "</span>";
  row(interest, rem.interest);
  if (!rem.compensation.is_zero()) row(escape("Kompensationsbeløb (renteloven § 9 a)"), rem.compensation);

  const double label_w = k_rate_r - (k_left + k_pad);
  auto total = [&](const std::string& key, const std::string& value, const Style& style) {
    d.totals.push_back({ts.set(key, style, label_w, PANGO_ALIGN_RIGHT), ts.set(value, style)});
  };
  total("Rykkergebyr, renter og kompensation er uden moms", "", k_small);
  total("I alt at betale " + rem.currency, rem.open.to_danish(), {11.0, true});
  for (const KeyValue& t : d.totals) d.totals_height += std::max(t.key.height, t.value.height) + 6;
  d.totals_height += 8;
}

void set_payment(Typesetter& ts, const ReminderDocument& r, Document& d) {
  std::string body = fmt::format("Beløbet {} kr. bedes indbetalt senest {} på {}. Anfør fakturanummer {} ved "
                                 "betalingen.",
                                 r.open.to_danish(), danish_long_date(r.pay_by), bank_account_text(r.seller.bank),
                                 r.invoice);
  if (const auto fik = fik_payment_line(r)) body += "\nIndbetalingskort: " + *fik;
  body = escape(body);
  if (r.collection_warning) body += "\n\n<b>" + escape(collection_warning_text(r)) + "</b>";
  d.payment_heading = ts.set(r.collection_warning ? "Betaling – sidste rykker" : "Betaling", {9.5, true, k_accent});
  d.payment_body = ts.set(body, k_body, k_width - 28, PANGO_ALIGN_LEFT, true);
  d.payment_height = 12 + d.payment_heading.height + 4 + d.payment_body.height + 12;
}

Document set_reminder(Typesetter& ts, const ReminderDocument& r) {
  Document d;
  d.title = "Rykker " + reminder_name(r);
  set_header(ts, r, d);
  set_table(ts, r, d);
  set_payment(ts, r, d);
  return d;
}

} // namespace

std::string reminder_pdf(const ReminderDocument& r) {
  return draw_pdf({r.date, r.seller.name}, [&r](Typesetter& ts) { return set_reminder(ts, r); });
}

} // namespace render

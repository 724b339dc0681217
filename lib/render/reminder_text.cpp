// A reminder as Danish fixed-width text, in the layout of render::document_text.
#include "render/reminder.hpp"

#include "render/text.hpp"
#include "util/utf8.hpp"

#include <fmt/format.h>

#include <vector>

namespace render {
namespace {

constexpr std::size_t k_width = 72;
constexpr std::size_t k_amount_width = 16;

// A description and an amount on one line; the amount keeps at least one space before it.
std::string amount_line(std::string_view text, money::Money amount) {
  const std::string figure = amount.to_danish();
  const std::size_t room = k_width - k_amount_width;
  std::string cell = pad_left(figure, k_amount_width);
  if (cell.size() == figure.size()) cell = " " + cell;
  if (util::codepoints(text) > room) return std::string(text) + "\n" + pad_left(cell, k_width) + "\n";
  return pad_right(text, room) + cell + "\n";
}

std::string rate_text(money::Percent p) { return p.to_danish() + " %"; }

std::string total_line(std::string_view label, money::Money amount) {
  const std::string figure = amount.to_danish();
  std::string cell = pad_left(figure, k_amount_width);
  if (cell.size() == figure.size()) cell = " " + cell;
  return pad_left(label, k_width - k_amount_width) + cell + "\n";
}

} // namespace

std::string interest_line_text(const ReminderInterestLine& l) {
  return fmt::format("{}–{}: {} {} à {} (referencerente {} + 8 %): {}", danish_date(l.from), danish_date(l.to), l.days,
                     l.days == 1 ? "dag" : "dage", rate_text(l.rate), rate_text(l.reference_rate),
                     l.interest.to_danish());
}

std::string reminder_ordinal(int reminder) { return fmt::format("{}. rykker", reminder); }

std::string collection_warning_text(const ReminderDocument& r) {
  return fmt::format("Dette er sidste rykker. Er beløbet ikke betalt senest {}, overgår kravet til inkasso uden "
                     "yderligere varsel.",
                     danish_date(r.pay_by));
}

std::string reminder_text(const ReminderDocument& r) {
  std::string out;
  out += fmt::format("RYKKER {} ({} for faktura {})\n", reminder_name(r), reminder_ordinal(r.reminder), r.invoice);
  out += std::string(k_width, '=') + "\n";
  out += fmt::format("Fra:  {}, CVR {}\n", r.seller.name, r.seller.cvr);
  for (const std::string& a : r.seller.address) out += "      " + a + "\n";
  out += fmt::format("Til:  {}\n", r.buyer.name);
  for (const std::string& a : r.buyer.address) out += "      " + a + "\n";
  if (!r.buyer.ean.empty()) out += fmt::format("      EAN {}\n", r.buyer.ean);
  if (!r.buyer.reference.empty()) out += fmt::format("      Reference: {}\n", r.buyer.reference);
  if (!r.buyer.order.empty()) out += fmt::format("      Rekvisition: {}\n", r.buyer.order);
  out += "\n";
  out += fmt::format("Rykkerdato: {}    Betales senest: {}\n", danish_date(r.date), danish_date(r.pay_by));
  out += fmt::format("Forløb: {} ({}), borger {}\n", r.course.service, r.contract, r.course.citizen);
  if (!r.course.case_ref.empty()) out += fmt::format("Sagsnr.: {}\n", r.course.case_ref);
  out += "\n";
  out += fmt::format("Vi har ikke modtaget fuld betaling af faktura {}, som forfaldt {}.\n", r.invoice,
                     danish_date(r.invoice_due_date));
  out += "\n";
  out += pad_right("Tekst", k_width - 6) + "Beløb\n";
  out += std::string(k_width, '-') + "\n";
  out += amount_line(fmt::format("Faktura {} af {}, forfald {}", r.invoice, danish_date(r.invoice_issue_date),
                                 danish_date(r.invoice_due_date)),
                     r.invoice_total);
  if (!r.charged_before.is_zero()) out += amount_line("Gebyrer, renter mv. fra tidligere rykkere", r.charged_before);
  if (!r.paid.is_zero()) out += amount_line("Indbetalt og krediteret", -r.paid);
  out += amount_line("Udestående før denne rykker", r.open_before);
  out += amount_line("Rykkergebyr", r.fee);
  out += amount_line(fmt::format("Renter {}–{} (renteloven § 5)", danish_date(r.interest_from),
                                 danish_date(r.interest_to)),
                     r.interest);
  for (const ReminderInterestLine& l : r.interest_lines) {
    const std::vector<std::string> lines = word_wrap(interest_line_text(l), k_width - 6);
    for (std::size_t i = 0; i < lines.size(); ++i) out += (i == 0 ? "    " : "      ") + lines[i] + "\n";
  }
  if (!r.compensation.is_zero()) out += amount_line("Kompensationsbeløb (renteloven § 9 a)", r.compensation);
  out += std::string(k_width, '-') + "\n";
  out += total_line("I alt at betale " + r.currency, r.open);
  out += "\n";
  out += "Rykkergebyr, renter og kompensation er uden moms.\n";
  out += "\n";
  for (const std::string& line : word_wrap(fmt::format("Betaling: {}, senest {}. Anfør fakturanummer {}.",
                                                       bank_account_text(r.seller.bank), danish_date(r.pay_by), r.invoice),
                                           k_width))
    out += line + "\n";
  if (const auto fik = fik_payment_line(r)) out += "Indbetalingskort: " + *fik + "\n";
  if (r.collection_warning) {
    out += "\n";
    for (const std::string& line : word_wrap(collection_warning_text(r), k_width)) out += line + "\n";
  }
  return out;
}

std::string reminder_run_text(const ReminderRun& run, bool dry_run) {
  const std::string as_of = danish_date(run.as_of);
  const std::size_t n = run.reminders.size();
  if (n == 0)
    return fmt::format("Rykkere pr. {}{}: ingen faktura skal rykkes\n", as_of, dry_run ? " (prøvekørsel)" : "");
  std::string out = fmt::format("Rykkere pr. {}{}: {} rykker{}\n", as_of,
                                dry_run ? " (prøvekørsel, intet er skrevet)" : "", n, n == 1 ? "" : "e");
  for (const ReminderDocument& r : run.reminders) {
    out += "\n";
    out += fmt::format("{} · faktura {} · {} · {} · {} · betales senest {}\n", r.number ? reminder_name(r) : "Rykker –",
                       r.invoice, r.contract, r.payer, reminder_ordinal(r.reminder), danish_date(r.pay_by));
    auto row = [&out](const std::string& label, money::Money amount) {
      out += "  " + pad_right(label, 54) + pad_left(amount.to_danish(), 16) + "\n";
    };
    row("udestående før rykkeren", r.open_before);
    row("rykkergebyr", r.fee);
    row(fmt::format("renter {}–{}", danish_date(r.interest_from), danish_date(r.interest_to)), r.interest);
    if (!r.compensation.is_zero()) row("kompensationsbeløb", r.compensation);
    row("udestående i alt", r.open);
  }
  return out;
}

} // namespace render

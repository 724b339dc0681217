// The pdf document format: one canonical document as an A4 Danish invoice or credit note, set in
// DejaVu Sans by pango and drawn by cairo straight into memory (pdf_layout.cpp places and draws
// it). The same JSON gives the same bytes: the PDF's dates are the issue date, and nothing in it
// depends on the clock or the process.
#include "render/format.hpp"

#include "render/pdf_layout.hpp"
#include "render/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

namespace render {
namespace {

using namespace pdf; // NOLINT(google-build-using-namespace): the layout's vocabulary

// ---- The document's text ---------------------------------------------------------------------

// "3.937,50" for -3937.50: an amount in words that say which way it goes.
std::string unsigned_amount(money::Money m) { return (m.is_negative() ? -m : m).to_danish(); }
// "1", "1 og 2", "1, 2 og 3"
std::string danish_list(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i)
    out += (i == 0 ? "" : i + 1 == items.size() ? " og " : ", ") + items[i];
  return out;
}

// ---- The document, set ----------------------------------------------------------------------

std::string document_number(const IssuedDocument& doc) {
  return doc.number ? std::to_string(*doc.number) : "(prøve)"; // a dry run's document
}

std::vector<std::string> corrected_numbers(const IssuedDocument& doc) {
  std::vector<std::string> out;
  if (doc.corrects)
    for (std::int64_t n : *doc.corrects) out.push_back(std::to_string(n));
  return out;
}

// The first page's header: seller, title and facts; payer and course.
void set_header(Typesetter& ts, const IssuedDocument& doc, Document& d) {
  const Seller& seller = doc.seller;
  const Buyer& buyer = doc.buyer;
  const Course& course = doc.course;
  const double right_w = k_right - k_column;

  set_seller(ts, seller, d);

  d.heading = ts.set(d.credit ? "Kreditnota" : "Faktura", {24.0, true, k_accent}, right_w, PANGO_ALIGN_RIGHT);
  auto fact = [&](const std::string& key, const std::string& value) {
    d.facts.push_back({ts.set(key, {9.0, false, k_muted}), ts.set(value, {9.0, true}, 130, PANGO_ALIGN_RIGHT)});
  };
  fact(d.credit ? "Kreditnotanr." : "Fakturanr.", document_number(doc));
  fact(d.credit ? "Kreditnotadato" : "Fakturadato", danish_date(doc.issue_date));
  if (!d.credit) fact("Forfaldsdato", danish_date(doc.due_date)); // a credit note falls due never
  fact("Periode", period_text(doc.days()));

  set_payer(ts, buyer, d.credit ? "KREDITNOTA TIL" : "FAKTURERES TIL", d);

  // The course: never the citizen's name or CPR number, only the initials the contract gives.
  d.course_label = ts.set("FORLØB", k_label);
  std::vector<std::string> lines;
  lines.push_back(labelled("Kontrakt:", doc.contract));
  if (!course.service.empty()) lines.push_back(labelled("Ydelse:", course.service));
  if (!course.case_ref.empty()) lines.push_back(labelled("Sagsnr.:", course.case_ref));
  if (!course.legal_basis.empty()) lines.push_back(labelled("Lovgrundlag:", course.legal_basis));
  if (!course.citizen.empty()) lines.push_back(labelled("Borger:", course.citizen));
  // The documents it corrects, as a list that wraps in the box however long it is.
  if (const std::string corrections = corrections_text(doc); !corrections.empty())
    lines.push_back("<b>" + escape(corrections) + "</b>");
  d.course_details = ts.set(joined_lines(lines), k_body, right_w, PANGO_ALIGN_LEFT, true);

}

// The lines, in the words of render::line_description, and the totals below them.
void set_table(Typesetter& ts, const IssuedDocument& doc, Document& d) {
  const Style head{8.0, true, k_muted};
  d.th_description = ts.set("Beskrivelse", head);
  d.th_hours = ts.set("Timer", head, 70, PANGO_ALIGN_RIGHT);
  d.th_rate = ts.set("Sats", head, 80, PANGO_ALIGN_RIGHT);
  d.th_amount = ts.set("Beløb (kr.)", head, 80, PANGO_ALIGN_RIGHT);
  d.table_header_height = d.th_description.height + 2 * k_pad;
  for (const billing::Line& l : doc.lines) {
    Row r;
    // The line in words and, under it in grey, why it costs what it costs (SPEC 8).
    std::string description = escape(line_description(l));
    if (const std::string why = week_explanation(l); !why.empty())
      description += "\n<span size=\"smaller\" foreground=\"#6b6b6b\">" + escape(why) + "</span>";
    r.description = ts.set(description, k_body, k_desc_w, PANGO_ALIGN_LEFT, true);
    if (l.has_hours()) { // weeks and regulations; an expense has an amount only
      r.hours = ts.set(l.hours.to_danish() + " t", k_body);
      r.rate = ts.set(l.rate.to_danish() + " kr.", k_body);
    }
    r.amount = ts.set(l.amount.to_danish(), k_body);
    r.height = std::max(r.description.height, r.amount.height) + 2 * k_pad;
    d.rows.push_back(r);
  }

  // Labels end at the rate column, figures at the amount column.
  const double label_w = k_rate_r - (k_left + k_pad);
  auto total = [&](const std::string& key, const std::string& value, const Style& style) {
    d.totals.push_back({ts.set(key, style, label_w, PANGO_ALIGN_RIGHT), ts.set(value, style)});
  };
  total("Netto", doc.net.to_danish(), k_body);
  const std::string vat = doc.vat.to_danish();
  if (doc.vat_rate) {
    std::string rate = doc.vat_rate->to_danish();
    if (rate.ends_with(",00")) rate.resize(rate.size() - 3); // "Moms 25 %"
    total(fmt::format("Moms {} %", rate), vat, k_body);
  } else if (doc.vat_exemption_note && !doc.vat_exemption_note->empty()) {
    total(*doc.vat_exemption_note, vat, k_body);
  } else {
    total("Moms", vat, k_body);
  }
  total("I alt " + doc.currency, doc.total.to_danish(), {11.0, true});
  for (const KeyValue& t : d.totals) d.totals_height += std::max(t.key.height, t.value.height) + 6;
  d.totals_height += 8;
}

// For an invoice, how to pay it; for a credit note, what becomes of the credit.
void set_payment(Typesetter& ts, const IssuedDocument& doc, Document& d) {
  const std::string amount = unsigned_amount(doc.total);
  std::string body;
  if (d.credit) {
    body = fmt::format("Beløbet {} kr. krediteres {} og modregnes i en kommende betaling eller tilbagebetales. "
                       "Kreditnotaen skal ikke betales.",
                       amount, doc.buyer.name);
    if (const std::vector<std::string> corrects = corrected_numbers(doc); !corrects.empty())
      body += fmt::format(" Den vedrører {} {}.", corrects.size() == 1 ? "faktura nr." : "fakturaerne nr.",
                          danish_list(corrects));
  } else if (doc.total.is_zero()) {
    body = "Fakturaen giver intet at betale.";
  } else {
    body = fmt::format("Beløbet {} kr. bedes indbetalt senest {} på {}. Anfør {} ved betalingen.", amount,
                       danish_long_date(doc.due_date), bank_account_text(doc.seller.bank),
                       doc.number ? "fakturanummer " + document_number(doc) : "fakturanummeret");
    if (!doc.payment_terms.empty()) body += " Betalingsbetingelser: " + doc.payment_terms + ".";
    if (const auto fik = fik_payment_line(doc)) body += "\nIndbetalingskort: " + *fik;
  }
  d.payment_heading = ts.set(d.credit ? "Kreditering" : "Betaling", {9.5, true, k_accent});
  d.payment_body = ts.set(body, k_body, k_width - 28);
  d.payment_height = 12 + d.payment_heading.height + 4 + d.payment_body.height + 12;
}

Document set_document(Typesetter& ts, const IssuedDocument& doc) {
  Document d;
  d.credit = doc.credit_note();
  d.title = (d.credit ? "Kreditnota " : "Faktura ") + document_number(doc);
  set_header(ts, doc, d);
  set_table(ts, doc, d);
  set_payment(ts, doc, d);
  return d;
}

class PdfFormat final : public DocumentFormat {
public:
  std::string_view name() const override { return "pdf"; }
  std::string_view extension() const override { return "pdf"; }
  std::string render(const IssuedDocument& doc) const override {
    return draw_pdf({doc.issue_date, doc.seller.name}, [&doc](Typesetter& ts) { return set_document(ts, doc); });
  }
};

} // namespace

const DocumentFormat& pdf_format() {
  static const PdfFormat format;
  return format;
}

} // namespace render

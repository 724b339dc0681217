// The pdf document format: one canonical document as an A4 Danish invoice or credit note, set in
// DejaVu Sans by pango and drawn by cairo straight into memory. The same JSON gives the same bytes:
// the PDF's dates are the issue date, and nothing in it depends on the clock or the process.
//
// Three steps: set every piece of text (pango measures it), place the pieces on pages (the table
// breaks between rows and repeats its header; the totals and the payment stay together, after at
// least the last line), then draw the pages, each with "Side N af M".
#include "render/format.hpp"

#include "diag/diagnostic.hpp"
#include "render/pdf_typeset.hpp"
#include "render/text.hpp"

#include <cairo-pdf.h>
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

namespace render {
namespace {

using pdf::Color;
using pdf::Style;
using pdf::Text;
using pdf::Typesetter;
using pdf::fill_rect;
using pdf::hline;

constexpr Color k_ink{0.12, 0.12, 0.13};
constexpr Color k_muted{0.42, 0.42, 0.44};
constexpr Color k_accent{0.10, 0.26, 0.44};
constexpr Color k_rule{0.80, 0.81, 0.83};
constexpr Color k_band{0.92, 0.94, 0.96};
constexpr Color k_box{0.96, 0.965, 0.97};

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

std::string escape(const std::string& s) { return pdf::escape_markup(s); }
// "<span>Label:</span> value" in markup: a grey label before its value.
std::string labelled(const std::string& label, const std::string& value) {
  return "<span foreground=\"#6b6b6b\">" + escape(label) + "</span> " + escape(value);
}

// ---- Geometry (points; A4) -------------------------------------------------------------------

constexpr double k_page_w = 595.276, k_page_h = 841.890;
constexpr double k_left = 56.0, k_right = k_page_w - 56.0, k_width = k_right - k_left;
constexpr double k_top = 50.0;
constexpr double k_bottom = k_page_h - 70.0; // the body ends here; the footer sits below
constexpr double k_column = 340.0;            // the right column of the first page's header
constexpr double k_pad = 6.0;                 // inside the table's cells
// The amount column holds -99.999.999,99 at the body size; figures are never wrapped.
constexpr double k_amount_r = k_right - k_pad, k_rate_r = k_amount_r - 92.0, k_hours_r = k_rate_r - 70.0;
constexpr double k_desc_w = k_hours_r - 50.0 - (k_left + k_pad);

constexpr Style k_body{9.0};
constexpr Style k_small{7.5, false, k_muted};
constexpr Style k_label{7.0, true, k_muted};

// ---- The document, set ----------------------------------------------------------------------

struct Row {
  Text description, hours, rate, amount;
  double height = 0;
};

struct KeyValue {
  Text key, value;
};

struct Document {
  bool credit = false;
  std::string title;       // "Faktura 1"
  Text seller_name, seller_details, heading;
  std::vector<KeyValue> facts; // number, dates, period
  Text payer_label, payer_name, payer_details, course_label, course_details;
  Text continued_left, continued_right; // the header of pages 2, 3, ...
  Text th_description, th_hours, th_rate, th_amount;
  std::vector<Row> rows;
  std::vector<KeyValue> totals; // the last is the total
  Text payment_heading, payment_body;
  std::string footer;

  double table_header_height = 0, totals_height = 0, payment_height = 0;
};

std::string joined_lines(const std::vector<std::string>& lines) {
  std::string s;
  for (const std::string& l : lines) s += (s.empty() ? "" : "\n") + l;
  return s;
}

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
  const double left_w = k_column - k_left - 20, right_w = k_right - k_column;

  d.seller_name = ts.set(seller.name, {15.0, true, k_accent}, left_w);
  std::vector<std::string> lines;
  for (const std::string& a : seller.address) lines.push_back(escape(a));
  lines.push_back(labelled("CVR", seller.cvr));
  if (!seller.email.empty()) lines.push_back(labelled("E-mail", seller.email));
  if (!seller.bank.reg.empty()) {
    lines.push_back(labelled("Bank", bank_account_text(seller.bank)));
  } else {
    lines.push_back(labelled("IBAN", iban_print(seller.bank.iban)));
    if (!seller.bank.bic.empty()) lines.push_back(labelled("BIC", seller.bank.bic));
  }
  d.seller_details = ts.set(joined_lines(lines), k_body, left_w, PANGO_ALIGN_LEFT, true);

  d.heading = ts.set(d.credit ? "Kreditnota" : "Faktura", {24.0, true, k_accent}, right_w, PANGO_ALIGN_RIGHT);
  auto fact = [&](const std::string& key, const std::string& value) {
    d.facts.push_back({ts.set(key, {9.0, false, k_muted}), ts.set(value, {9.0, true}, 130, PANGO_ALIGN_RIGHT)});
  };
  fact(d.credit ? "Kreditnotanr." : "Fakturanr.", document_number(doc));
  fact(d.credit ? "Kreditnotadato" : "Fakturadato", danish_date(doc.issue_date));
  if (!d.credit) fact("Forfaldsdato", danish_date(doc.due_date)); // a credit note falls due never
  fact("Periode", period_text(doc.days()));

  d.payer_label = ts.set(d.credit ? "KREDITNOTA TIL" : "FAKTURERES TIL", k_label);
  d.payer_name = ts.set(buyer.name, {10.5, true}, left_w);
  lines.clear();
  for (const std::string& a : buyer.address) lines.push_back(escape(a));
  if (!buyer.ean.empty()) lines.push_back(labelled("EAN:", buyer.ean));
  if (!buyer.reference.empty()) lines.push_back(labelled("Reference:", buyer.reference));
  if (!buyer.order.empty()) lines.push_back(labelled("Rekvisition:", buyer.order));
  if (!buyer.accounting_cost.empty()) lines.push_back(labelled("Kontostreng:", buyer.accounting_cost));
  if (!buyer.email.empty()) lines.push_back(labelled("E-mail:", buyer.email));
  d.payer_details = ts.set(joined_lines(lines), k_body, left_w, PANGO_ALIGN_LEFT, true);

  // The course: never the citizen's name or CPR number, only the initials the contract gives.
  d.course_label = ts.set("FORLØB", k_label);
  lines.clear();
  lines.push_back(labelled("Kontrakt:", doc.contract));
  if (!course.service.empty()) lines.push_back(labelled("Ydelse:", course.service));
  if (!course.case_ref.empty()) lines.push_back(labelled("Sagsnr.:", course.case_ref));
  if (!course.legal_basis.empty()) lines.push_back(labelled("Lovgrundlag:", course.legal_basis));
  if (!course.citizen.empty()) lines.push_back(labelled("Borger:", course.citizen));
  // The documents it corrects, as a list that wraps in the box however long it is.
  if (const std::string corrections = corrections_text(doc); !corrections.empty())
    lines.push_back("<b>" + escape(corrections) + "</b>");
  d.course_details = ts.set(joined_lines(lines), k_body, right_w, PANGO_ALIGN_LEFT, true);

  d.continued_left = ts.set(d.title + " (fortsat)", {10.0, true, k_accent});
  d.continued_right = ts.set(seller.name, k_small, 240, PANGO_ALIGN_RIGHT);
  std::string footer = seller.name;
  for (const std::string& a : seller.address) footer += " · " + a;
  d.footer = footer + " · CVR " + seller.cvr;
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

// ---- Pages -----------------------------------------------------------------------------------

// Lays out the first page's header: seller, title and facts, then payer and course. Draws it when
// `cr` is set; returns where the table starts.
double first_page_header(cairo_t* cr, const Document& d) {
  auto draw = [cr](const Text& t, double x, double y) {
    if (cr) t.draw(cr, x, y);
  };
  double y = k_top;
  draw(d.seller_name, k_left, y);
  draw(d.seller_details, k_left, y + d.seller_name.height + 6);
  const double left_bottom = y + d.seller_name.height + 6 + d.seller_details.height;

  draw(d.heading, k_right - d.heading.width, y - 4);
  double ry = y + d.heading.height + 8;
  for (const KeyValue& f : d.facts) {
    draw(f.key, k_column, ry);
    draw(f.value, k_right - f.value.width, ry);
    ry += std::max(f.key.height, f.value.height) + 3;
  }
  y = std::max(left_bottom, ry) + 14;
  if (cr) hline(cr, k_left, k_right, y, 0.6, k_rule);
  y += 14;

  draw(d.payer_label, k_left, y);
  draw(d.course_label, k_column, y);
  y += std::max(d.payer_label.height, d.course_label.height) + 5;
  draw(d.payer_name, k_left, y);
  draw(d.payer_details, k_left, y + d.payer_name.height + 2);
  draw(d.course_details, k_column, y);
  y += std::max(d.payer_name.height + 2 + d.payer_details.height, d.course_details.height);
  return y + 26;
}

enum class Item { table_header, row, totals, payment };
struct Placed {
  Item item;
  std::size_t index;
  double y;
};
using Page = std::vector<Placed>;

constexpr double k_continued_top = k_top + 34; // the table on pages 2, 3, ...
constexpr double k_totals_gap = 10, k_payment_gap = 18;

std::vector<Page> paginate(const Document& d) {
  std::vector<Page> pages(1);
  double y = first_page_header(nullptr, d);
  bool table_on_page = false;
  auto new_page = [&] {
    pages.emplace_back();
    y = k_continued_top;
    table_on_page = false;
  };
  // The lines fill each page; the totals and the payment close the document, together, on the
  // page of the last line when they fit there, else at the top of the next.
  const double closing = k_totals_gap + d.totals_height + k_payment_gap + d.payment_height;
  for (std::size_t i = 0; i < d.rows.size(); ++i) {
    const double need = d.rows[i].height + (table_on_page ? 0 : d.table_header_height);
    if (y + need > k_bottom && table_on_page) new_page();
    if (!table_on_page) {
      pages.back().push_back({Item::table_header, 0, y});
      y += d.table_header_height;
      table_on_page = true;
    }
    pages.back().push_back({Item::row, i, y});
    y += d.rows[i].height;
  }
  if (y + closing > k_bottom) new_page();
  pages.back().push_back({Item::totals, 0, y + k_totals_gap});
  pages.back().push_back({Item::payment, 0, y + k_totals_gap + d.totals_height + k_payment_gap});
  return pages;
}

void continued_header(cairo_t* cr, const Document& d) {
  d.continued_left.draw(cr, k_left, k_top);
  d.continued_right.draw(cr, k_right - d.continued_right.width, k_top + 2);
  hline(cr, k_left, k_right, k_top + d.continued_left.height + 8, 0.6, k_rule);
}

void draw_footer(cairo_t* cr, Typesetter& ts, const Document& d, std::size_t page, std::size_t pages) {
  const double y = k_page_h - 50;
  hline(cr, k_left, k_right, y, 0.5, k_rule);
  Text left = ts.set(d.footer, k_small, k_width - 90);
  Text right = ts.set(fmt::format("Side {} af {}", page, pages), k_small, 90, PANGO_ALIGN_RIGHT);
  left.draw(cr, k_left, y + 6);
  right.draw(cr, k_right - right.width, y + 6);
}

void draw_item(cairo_t* cr, const Document& d, const Placed& p) {
  switch (p.item) {
  case Item::table_header:
    fill_rect(cr, k_left, p.y, k_width, d.table_header_height, k_band);
    d.th_description.draw(cr, k_left + k_pad, p.y + k_pad);
    d.th_hours.draw(cr, k_hours_r - d.th_hours.width, p.y + k_pad);
    d.th_rate.draw(cr, k_rate_r - d.th_rate.width, p.y + k_pad);
    d.th_amount.draw(cr, k_amount_r - d.th_amount.width, p.y + k_pad);
    break;
  case Item::row: {
    const Row& r = d.rows[p.index];
    r.description.draw(cr, k_left + k_pad, p.y + k_pad);
    r.hours.draw(cr, k_hours_r - r.hours.width, p.y + k_pad);
    r.rate.draw(cr, k_rate_r - r.rate.width, p.y + k_pad);
    r.amount.draw(cr, k_amount_r - r.amount.width, p.y + k_pad);
    hline(cr, k_left, k_right, p.y + r.height, 0.4, k_rule);
    break;
  }
  case Item::totals: {
    double y = p.y;
    for (std::size_t i = 0; i < d.totals.size(); ++i) {
      const KeyValue& t = d.totals[i];
      if (i + 1 == d.totals.size()) {
        y += 4;
        hline(cr, k_hours_r - 40, k_right, y - 3, 0.9, k_ink);
      }
      // The label ends at the rate column, or before a figure wider than the amount column.
      t.key.draw(cr, std::min(k_rate_r, k_amount_r - t.value.width - 12) - t.key.width, y);
      t.value.draw(cr, k_amount_r - t.value.width, y);
      y += std::max(t.key.height, t.value.height) + 6;
    }
    hline(cr, k_hours_r - 40, k_right, y - 2, 0.9, k_ink);
    hline(cr, k_hours_r - 40, k_right, y + 0.5, 0.9, k_ink);
    break;
  }
  case Item::payment:
    fill_rect(cr, k_left, p.y, k_width, d.payment_height, k_box);
    fill_rect(cr, k_left, p.y, 2.5, d.payment_height, k_accent);
    d.payment_heading.draw(cr, k_left + 14, p.y + 12);
    d.payment_body.draw(cr, k_left + 14, p.y + 12 + d.payment_heading.height + 4);
    break;
  }
}

// ---- The PDF ---------------------------------------------------------------------------------

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDeleter {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};

std::string render_pdf(const IssuedDocument& doc) {
  const auto lock = Typesetter::lock();
  std::string out;
  std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface(
      cairo_pdf_surface_create_for_stream(append, &out, k_page_w, k_page_h));
  // Dates from the document, never the clock: the same document gives the same bytes.
  const std::string date = doc.issue_date.to_string() + "T00:00:00";
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_MOD_DATE, date.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "honorar");
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR, doc.seller.name.c_str());
  cairo_status_t status = CAIRO_STATUS_SUCCESS;
  {
    std::unique_ptr<cairo_t, ContextDeleter> context(cairo_create(surface.get()));
    cairo_t* cr = context.get();
    Typesetter ts(cr);
    const Document d = set_document(ts, doc);
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, d.title.c_str());
    const std::vector<Page> pages = paginate(d);
    for (std::size_t i = 0; i < pages.size(); ++i) {
      if (i == 0) first_page_header(cr, d);
      else continued_header(cr, d);
      for (const Placed& p : pages[i]) draw_item(cr, d, p);
      draw_footer(cr, ts, d, i + 1, pages.size());
      cairo_show_page(cr);
    }
    status = cairo_status(cr);
  }
  cairo_surface_finish(surface.get());
  if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface.get());
  if (status != CAIRO_STATUS_SUCCESS)
    throw diag::Error(diag::ErrorKind::internal, fmt::format("cannot draw the PDF: {}", cairo_status_to_string(status)));
  return out;
}

class PdfFormat final : public DocumentFormat {
public:
  std::string_view name() const override { return "pdf"; }
  std::string_view extension() const override { return "pdf"; }
  std::string render(const IssuedDocument& doc) const override { return render_pdf(doc); }
};

} // namespace

const DocumentFormat& pdf_format() {
  static const PdfFormat format;
  return format;
}

} // namespace render

// The PDF page layout shared by every document: see pdf_layout.hpp.
//
// Three steps: set every piece of text (pango measures it), place the pieces on pages (the table
// breaks between rows and repeats its header; the totals and the payment stay together, after at
// least the last line), then draw the pages, each with "Side N af M".
#include "render/pdf_layout.hpp"

#include "diag/diagnostic.hpp"

#include <cairo-pdf.h>
#include <fmt/format.h>

#include <algorithm>
#include <memory>

namespace render::pdf {
namespace {

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
  if (d.intro.layout) {
    y += 20;
    draw(d.intro, k_left, y);
    y += d.intro.height;
  }
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

std::string draw_pdf_impl(const Metadata& meta, const std::function<Document(Typesetter&)>& set) {
  std::string out;
  std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface(
      cairo_pdf_surface_create_for_stream(append, &out, k_page_w, k_page_h));
  // Dates from the document, never the clock: the same document gives the same bytes.
  const std::string date = meta.date.to_string() + "T00:00:00";
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_MOD_DATE, date.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "honorar");
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR, meta.author.c_str());
  cairo_status_t status = CAIRO_STATUS_SUCCESS;
  {
    std::unique_ptr<cairo_t, ContextDeleter> context(cairo_create(surface.get()));
    cairo_t* cr = context.get();
    Typesetter ts(cr);
    const Document d = set(ts);
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

} // namespace

std::string escape(const std::string& s) { return pdf::escape_markup(s); }
// "<span>Label:</span> value" in markup: a grey label before its value.
std::string labelled(const std::string& label, const std::string& value) {
  return "<span foreground=\"#6b6b6b\">" + escape(label) + "</span> " + escape(value);
}

std::string joined_lines(const std::vector<std::string>& lines) {
  std::string s;
  for (const std::string& l : lines) s += (s.empty() ? "" : "\n") + l;
  return s;
}

void set_seller(Typesetter& ts, const Seller& seller, Document& d) {
  const double left_w = k_column - k_left - 20;
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
  d.continued_left = ts.set(d.title + " (fortsat)", {10.0, true, k_accent});
  d.continued_right = ts.set(seller.name, k_small, 240, PANGO_ALIGN_RIGHT);
  std::string footer = seller.name;
  for (const std::string& a : seller.address) footer += " · " + a;
  d.footer = footer + " · CVR " + seller.cvr;
}

void set_payer(Typesetter& ts, const Buyer& buyer, const std::string& label, Document& d) {
  const double left_w = k_column - k_left - 20;
  d.payer_label = ts.set(label, k_label);
  d.payer_name = ts.set(buyer.name, {10.5, true}, left_w);
  std::vector<std::string> lines;
  for (const std::string& a : buyer.address) lines.push_back(escape(a));
  if (!buyer.ean.empty()) lines.push_back(labelled("EAN:", buyer.ean));
  if (!buyer.reference.empty()) lines.push_back(labelled("Reference:", buyer.reference));
  if (!buyer.order.empty()) lines.push_back(labelled("Rekvisition:", buyer.order));
  if (!buyer.accounting_cost.empty()) lines.push_back(labelled("Kontostreng:", buyer.accounting_cost));
  if (!buyer.email.empty()) lines.push_back(labelled("E-mail:", buyer.email));
  d.payer_details = ts.set(joined_lines(lines), k_body, left_w, PANGO_ALIGN_LEFT, true);
}

std::string draw_pdf(const Metadata& meta, const std::function<Document(Typesetter&)>& set) {
  return draw_pdf_impl(meta, set);
}

} // namespace render::pdf

#pragma once
// The page layout of every PDF document (invoices, credit notes, reminders): the set pieces of a
// document (header, table, totals, payment box), placed on A4 pages and drawn by cairo. Internal
// to render/: pdf.cpp sets an invoice, pdf_reminder.cpp a reminder.

#include "render/document.hpp"
#include "render/pdf_typeset.hpp"

#include <functional>
#include <string>
#include <vector>

namespace render::pdf {

constexpr Color k_ink{0.12, 0.12, 0.13};
constexpr Color k_muted{0.42, 0.42, 0.44};
constexpr Color k_accent{0.10, 0.26, 0.44};
constexpr Color k_rule{0.80, 0.81, 0.83};
constexpr Color k_band{0.92, 0.94, 0.96};
constexpr Color k_box{0.96, 0.965, 0.97};

// Geometry (points; A4)
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
  Text intro; // a reminder's opening words, between the header and the table (empty for invoices)
  Text continued_left, continued_right; // the header of pages 2, 3, ...
  Text th_description, th_hours, th_rate, th_amount;
  std::vector<Row> rows;
  std::vector<KeyValue> totals; // the last is the total
  Text payment_heading, payment_body;
  std::string footer;

  double table_header_height = 0, totals_height = 0, payment_height = 0;
};

std::string escape(const std::string& s);
// "<span>Label:</span> value" in markup: a grey label before its value.
std::string labelled(const std::string& label, const std::string& value);
std::string joined_lines(const std::vector<std::string>& lines);

// The seller's name and details (address, CVR, e-mail, bank) at the top left, and the footer.
void set_seller(Typesetter& ts, const Seller& seller, Document& d);
// The payer's name and details under `label` ("FAKTURERES TIL").
void set_payer(Typesetter& ts, const Buyer& buyer, const std::string& label, Document& d);

// What the PDF's metadata says: its dates come from the document, never the clock.
struct Metadata {
  calendar::Date date;
  std::string author;
};
// Sets the document with `set`, places it on pages and draws it: the PDF's bytes. Throws
// diag::Error (internal) when cairo fails.
std::string draw_pdf(const Metadata& meta, const std::function<Document(Typesetter&)>& set);

} // namespace render::pdf

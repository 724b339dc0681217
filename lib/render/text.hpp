#pragma once
// Text for people: Danish, fixed width, aligned; numbers as 1.234,50 and dates as 18.11.2025.
// Presentation only: every figure comes in already computed.

#include "render/json.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace render {

// "18.11.2025"
std::string danish_date(calendar::Date d);
// "1.234,50" from a SPEC §7 decimal string such as "1234.50".
std::string danish_number(std::string_view decimal);
// Pads UTF-8 text to a display width (code points), left- or right-aligned.
std::string pad_right(std::string_view text, std::size_t width);
std::string pad_left(std::string_view text, std::size_t width);

// Word-wraps UTF-8 text to lines of at most `width` code points (a longer word gets its own line).
std::vector<std::string> word_wrap(std::string_view text, std::size_t width);

// "3. november 2025"
std::string danish_long_date(calendar::Date d);
// A line of a document in Danish words, for every human-readable format:
// "Uge 45 (3.–9. november 2025)", "Regulering uge 46 (10.–16. november 2025): faktureret 7,50 t, nu 4,50 t",
// "Udlæg 13. november 2025: Biograf (entré)", "Tilbageført udlæg 12. november 2025: Transport".
std::string line_description(const billing::Line& line);

// Why a week line costs what it costs (SPEC 8), in Danish words, from its explanation:
// "aftalt 7,50 t · leveret 5,00 t · afbud 2,50 t"; a 0,00 line says why it is zero, days in a
// billed suspension say so. Empty for a line without one (a document from before SPEC 8).
std::string week_explanation(const billing::Line& line);
// "01.12.2025–31.12.2025": the days a document covers.
std::string period_text(const billing::Period& period);
// "Regulerer faktura 1003, 1007" (an invoice) or "Krediterer faktura 1003" (a credit note);
// empty when the document corrects nothing.
std::string corrections_text(const IssuedDocument& doc);

// One document as a Danish fixed-width text: for terminals and e-mail bodies.
std::string document_text(const IssuedDocument& doc);
// An invoice run: each document's lines, then the run's total.
std::string run_text(const InvoiceRun& run, bool dry_run);
// With `color`, ANSI colours for a terminal: unlogged weeks in yellow, overdue deadlines in red.
std::string report_text(const Report& report, bool color = false);
std::string deadlines_text(const DeadlineList& deadlines, bool color = false);

} // namespace render

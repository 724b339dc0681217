#pragma once
// Importing a bank statement (SPEC 9.2, `honorar pay --import FILE`): reading the CSV a Danish
// bank exports, matching each incoming line to an invoice, recording every incoming line once.

#include "books/model.hpp"
#include "calendar/date.hpp"
#include "money/fixed2.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace receivables {

struct StatementLine {
  std::int64_t line = 0; // where the record starts (the header is line 1)
  calendar::Date date;
  std::string text;
  money::Money amount;
};

// The lines of a statement, in file order, 0.00 lines left out. `shown` names the file in
// messages. UTF-8, else Windows-1252; ';'-separated with a decimal comma or ','-separated with
// a decimal point (the header line decides); dates DD-MM-YYYY, DD.MM.YYYY or YYYY-MM-DD.
// Throws diag::Error: data (65) with path:line:col for a missing column, a bad date or amount,
// a record without enough fields, an unterminated quote; missing (66) when the file is absent.
std::vector<StatementLine> read_statement(const std::filesystem::path& file, const std::string& shown,
                                          const books::StatementSettings& columns);

// Windows-1252 bytes as UTF-8 (the five undefined bytes as U+FFFD).
std::string windows_1252_to_utf8(std::string_view bytes);

// The invoice a FIK 71 payment id in `text` names: 15 digits standing alone (also after "+71<")
// whose last is the Luhn digit of the first 14.
std::optional<std::int64_t> fik_invoice_in(std::string_view text);
// Every number standing as a whole word in `text` (digits between non-alphanumeric characters).
std::vector<std::int64_t> numbers_in(std::string_view text);

struct ImportedLine {
  std::int64_t line = 0;
  calendar::Date date;
  money::Money amount;
  std::string text;
  std::int64_t invoice = 0;  // matched: the invoice
  std::string by;            // "fik", "number" or "amount"
  std::int64_t payment = 0;  // matched: its voucher B<payment>
};

struct ImportOutcome {
  std::string file; // as shown
  std::vector<ImportedLine> matched;
  std::vector<ImportedLine> unmatched;
  std::size_t known = 0; // lines recorded by an earlier import
};

// Matches and records every incoming line not recorded before, in one transaction (busy: 75).
// A line is known by (date, text, amount, occurrence among identical lines of this file).
ImportOutcome import_statement(const std::filesystem::path& books_dir, const std::string& shown,
                               const std::vector<StatementLine>& lines, calendar::Date today, int busy_timeout_ms);

} // namespace receivables

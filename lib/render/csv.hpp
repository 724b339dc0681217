#pragma once
// CSV for scripts and spreadsheets, RFC 4180 with CRLF line ends and a header line, in two styles:
//   c  (default, for machines): comma-separated, '.' decimals, English column names, true/false;
//   da (a Danish spreadsheet opens it as it is): a UTF-8 byte-order mark, semicolon-separated,
//      ',' decimals without thousands separators, Danish column names, ja/nej.

#include "render/json.hpp"

#include <string>

namespace render {

enum class CsvLocale { c, da };

// One field, quoted when it holds the separator, a quote or a line break (RFC 4180).
std::string csv_field(const std::string& s, char separator);
// "7.50" -> "7,50": a decimal comma, as a Danish spreadsheet reads numbers.
std::string decimal_comma(std::string s);
// A day as the locale writes it: 2026-01-31 (c), 31-01-2026 (da: as Danish accounting systems
// and banks import and export dates).
std::string csv_date(calendar::Date d, CsvLocale locale);

std::string report_csv(const Report& report, CsvLocale locale = CsvLocale::c);

// The pieces every CSV shares: a two-decimal figure in the locale ("7.50", da "7,50"); the start
// of the file (da: the byte-order mark) and the separator.
std::string csv_decimal(const std::string& figure, CsvLocale locale);
inline char csv_separator(CsvLocale locale) { return locale == CsvLocale::da ? ';' : ','; }
inline const char* csv_start(CsvLocale locale) { return locale == CsvLocale::da ? "\xEF\xBB\xBF" : ""; }

} // namespace render

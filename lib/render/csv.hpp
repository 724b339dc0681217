#pragma once
// CSV for scripts and spreadsheets, RFC 4180 with CRLF line ends and a header line, in two styles:
//   c  (default, for machines): comma-separated, '.' decimals, English column names, true/false;
//   da (a Danish spreadsheet opens it as it is): a UTF-8 byte-order mark, semicolon-separated,
//      ',' decimals without thousands separators, Danish column names, ja/nej.

#include "render/json.hpp"

#include <string>

namespace render {

enum class CsvLocale { c, da };

std::string report_csv(const Report& report, CsvLocale locale = CsvLocale::c);

// The pieces every CSV shares: a field, quoted when it holds the separator, a quote or a line
// break; a two-decimal figure in the locale ("7.50", da "7,50"); the start of the file (da: the
// byte-order mark) and the separator.
std::string csv_field(const std::string& s, char separator);
std::string csv_decimal(const std::string& figure, CsvLocale locale);
inline char csv_separator(CsvLocale locale) { return locale == CsvLocale::da ? ';' : ','; }
inline const char* csv_start(CsvLocale locale) { return locale == CsvLocale::da ? "\xEF\xBB\xBF" : ""; }

} // namespace render

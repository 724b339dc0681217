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

} // namespace render

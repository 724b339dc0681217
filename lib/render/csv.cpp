#include "render/csv.hpp"

#include <array>

namespace render {
namespace {

// A field, quoted when it holds the separator, a quote or a line break (RFC 4180).
std::string field(const std::string& s, char separator) {
  if (s.find_first_of(std::string("\"\r\n") + separator) == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// "7.50" -> "7,50": a decimal comma, as a Danish spreadsheet reads numbers.
std::string decimal_comma(std::string s) {
  for (char& c : s)
    if (c == '.') c = ',';
  return s;
}

constexpr std::array<const char*, 8> k_week_keys{"week",         "month",    "agreed",        "delivered",
                                                 "citizen_absent", "staff_absent", "billable", "over_delivered"};

} // namespace

std::string report_csv(const Json& report, CsvLocale locale) {
  const bool da = locale == CsvLocale::da;
  const char sep = da ? ';' : ',';
  std::string out = da ? "\xEF\xBB\xBF"
                         "Kontrakt;Uge;Måned;Aftalt;Leveret;Borger fraværende;Personale fraværende;Fakturerbar;"
                         "Overleveret;Ulogget\r\n"
                       : "contract,week,month,agreed,delivered,citizen_absent,staff_absent,billable,over_delivered,"
                         "unlogged\r\n";
  for (const Json& c : report["contracts"])
    for (const Json& w : c["weeks"]) {
      out += field(c["contract"].get<std::string>(), sep);
      for (std::size_t i = 0; i < k_week_keys.size(); ++i) {
        std::string value = w[k_week_keys[i]].get<std::string>();
        if (da && i >= 2) value = decimal_comma(std::move(value)); // the hours, not week and month
        out += sep + field(value, sep);
      }
      const bool unlogged = w["unlogged"].get<bool>();
      out += sep;
      out += da ? (unlogged ? "ja" : "nej") : (unlogged ? "true" : "false");
      out += "\r\n";
    }
  return out;
}

} // namespace render

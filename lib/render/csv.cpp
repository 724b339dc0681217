#include "render/csv.hpp"


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


} // namespace

std::string csv_field(const std::string& s, char separator) { return field(s, separator); }
std::string csv_decimal(const std::string& figure, CsvLocale locale) {
  return locale == CsvLocale::da ? decimal_comma(figure) : figure;
}

std::string report_csv(const Report& report, CsvLocale locale) {
  const bool da = locale == CsvLocale::da;
  const char sep = da ? ';' : ',';
  std::string out = da ? "\xEF\xBB\xBF"
                         "Kontrakt;Uge;Måned;Aftalt;Leveret;Borger fraværende;Personale fraværende;Fakturerbar;"
                         "Overleveret;Ulogget\r\n"
                       : "contract,week,month,agreed,delivered,citizen_absent,staff_absent,billable,over_delivered,"
                         "unlogged\r\n";
  auto hours = [da](const money::Rational& r) {
    const std::string s = money::Hours::round(r).to_string();
    return da ? decimal_comma(s) : s;
  };
  for (const ReportContract& c : report.contracts)
    for (const billing::WeekFigures& w : c.weeks) {
      out += field(c.contract, sep);
      for (const std::string& value : {w.week.to_string(), w.month.to_string(), hours(w.agreed), hours(w.delivered),
                                       hours(w.citizen_absent), hours(w.staff_absent), hours(w.billable),
                                       hours(w.over_delivered)})
        out += sep + field(value, sep);
      out += sep;
      out += da ? (w.unlogged ? "ja" : "nej") : (w.unlogged ? "true" : "false");
      out += "\r\n";
    }
  return out;
}

} // namespace render

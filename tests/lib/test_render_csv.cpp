// CSV of the report: the machine form (RFC 4180, comma, '.') and --csv-locale da.
#include "render/csv.hpp"

#include <doctest/doctest.h>

namespace {
// Week 45 of 2025: 7.50 agreed, 5.50 delivered, 2.00 cancelled by the citizen, 7.50 billable.
render::Report report() {
  billing::WeekFigures w;
  w.week = *calendar::parse_iso_week("2025-W45");
  w.month = *calendar::parse_month("2025-11");
  w.agreed = money::Rational(15, 2);
  w.delivered = money::Rational(11, 2);
  w.citizen_absent = money::Rational(2);
  w.billable = money::Rational(15, 2);
  w.unlogged = false;
  return {w.month, w.month, {{"2C-2025-014", {w}}}};
}
const render::Report k_report = report();
} // namespace

TEST_CASE("render::report_csv, the default") {
  CHECK(render::report_csv(k_report) ==
        "contract,week,month,agreed,delivered,citizen_absent,staff_absent,billable,over_delivered,unlogged\r\n"
        "2C-2025-014,2025-W45,2025-11,7.50,5.50,2.00,0.00,7.50,0.00,false\r\n");
}

TEST_CASE("render::report_csv, Danish") {
  CHECK(render::report_csv(k_report, render::CsvLocale::da) ==
        "\xEF\xBB\xBFKontrakt;Uge;Måned;Aftalt;Leveret;Borger fraværende;Personale fraværende;Fakturerbar;"
        "Overleveret;Ulogget\r\n"
        "2C-2025-014;2025-W45;2025-11;7,50;5,50;2,00;0,00;7,50;0,00;nej\r\n");
}

TEST_CASE("render::report_csv quotes a field holding the separator") {
  render::Report r = k_report;
  r.contracts[0].contract = "a,b;c";
  CHECK(render::report_csv(r).find("\"a,b;c\",2025-W45") != std::string::npos);
  CHECK(render::report_csv(r, render::CsvLocale::da).find("\"a,b;c\";2025-W45") != std::string::npos);
}

TEST_CASE("render::csv_date") {
  const calendar::Date d = *calendar::parse_date("2026-01-05");
  CHECK(render::csv_date(d, render::CsvLocale::c) == "2026-01-05");
  CHECK(render::csv_date(d, render::CsvLocale::da) == "05-01-2026");
}

TEST_CASE("render::csv_field and render::decimal_comma") {
  CHECK(render::csv_field("Køge Kommune", ';') == "Køge Kommune");
  CHECK(render::csv_field("a;b", ';') == "\"a;b\"");
  CHECK(render::csv_field("a;b", ',') == "a;b");
  CHECK(render::csv_field("say \"hi\"", ',') == "\"say \"\"hi\"\"\"");
  CHECK(render::csv_field("two\nlines", ',') == "\"two\nlines\"");
  CHECK(render::decimal_comma("-1050.00") == "-1050,00");
}

// CSV of the report: the machine form (RFC 4180, comma, '.') and --csv-locale da.
#include "render/csv.hpp"

#include <doctest/doctest.h>

namespace {
const render::Json k_report = render::Json::parse(R"({"from": "2025-11", "to": "2025-11", "contracts": [
  {"contract": "2C-2025-014", "weeks": [
    {"week": "2025-W45", "month": "2025-11", "agreed": "7.50", "delivered": "5.50", "citizen_absent": "2.00",
     "staff_absent": "0.00", "billable": "7.50", "over_delivered": "0.00", "unlogged": false}]}]})");
}

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
  render::Json r = k_report;
  r["contracts"][0]["contract"] = "a,b;c";
  CHECK(render::report_csv(r).find("\"a,b;c\",2025-W45") != std::string::npos);
  CHECK(render::report_csv(r, render::CsvLocale::da).find("\"a,b;c\";2025-W45") != std::string::npos);
}

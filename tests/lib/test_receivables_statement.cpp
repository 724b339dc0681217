// Bank statements (SPEC 9.2): reading a bank's CSV, and what in a line's text names an invoice.
#include "receivables/statement.hpp"

#include "testutil.hpp"

#include <doctest/doctest.h>

using receivables::fik_invoice_in;
using receivables::numbers_in;
using receivables::read_statement;
using testutil::day;

namespace {

std::string error_of(const testutil::TempDir& dir, const std::string& name, const books::StatementSettings& columns = {}) {
  try {
    read_statement(dir.path() / name, name, columns);
  } catch (const diag::Error& e) {
    return e.to_string();
  }
  return "(no error)";
}

} // namespace

TEST_CASE("receivables::fik_invoice_in: 15 digits standing alone with a valid Luhn digit") {
  CHECK(fik_invoice_in("+71<000000000010041+85404316<") == 1004);
  CHECK(fik_invoice_in("Indbetaling 000000000010041") == 1004);
  CHECK(fik_invoice_in("000000000010042") == std::nullopt);       // wrong check digit
  CHECK(fik_invoice_in("0000000000100411") == std::nullopt);      // 16 digits
  CHECK(fik_invoice_in("x00000000001004y") == std::nullopt);      // 14 digits
  CHECK(fik_invoice_in("ref 12 og 000000000010017") == 1001);
}

TEST_CASE("receivables::numbers_in: numbers standing as whole words") {
  CHECK(numbers_in("Faktura 1001, 1002 og nr1003") == std::vector<std::int64_t>{1001, 1002});
  CHECK(numbers_in("1001-1002") == std::vector<std::int64_t>{1001, 1002});
  CHECK(numbers_in("fakt.1004") == std::vector<std::int64_t>{1004});
  CHECK(numbers_in("Køge1005") == std::vector<std::int64_t>{});
  CHECK(numbers_in("").empty());
}

TEST_CASE("receivables::windows_1252_to_utf8") {
  CHECK(receivables::windows_1252_to_utf8("Overf\xf8rsel \x80 \xc6\xd8\xc5") == "Overførsel € ÆØÅ");
  CHECK(receivables::windows_1252_to_utf8("\x81") == "\xEF\xBF\xBD");
}

TEST_CASE("receivables::read_statement") {
  testutil::TempDir dir;

  SUBCASE("semicolons, decimal commas, Danish dates, quotes, CRLF, a BOM; 0.00 left out") {
    dir.write("s.csv", "\xEF\xBB\xBF" "Saldo;Dato;Tekst;Beløb\r\n"
                       "1,00;20-01-2026;\"Betaling; \"\"1001\"\"\";1.234,50\r\n"
                       "\r\n"
                       "1,00;21.01.2026;Nul;0,00\r\n"
                       "1,00;2026-01-22;\"to\nlinjer\";-12,00\r\n");
    const auto lines = read_statement(dir.path() / "s.csv", "s.csv", {});
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].line == 2);
    CHECK(lines[0].date == day("2026-01-20"));
    CHECK(lines[0].text == "Betaling; \"1001\"");
    CHECK(lines[0].amount.hundredths() == 123450);
    CHECK(lines[1].line == 5);
    CHECK(lines[1].text == "to\nlinjer");
    CHECK(lines[1].amount.hundredths() == -1200);
  }

  SUBCASE("commas and decimal points; columns named in [statement], any case") {
    dir.write("s.csv", "booked,text,amount\n2026-01-20,\"a, b\",\"1,234.50\"\n");
    const auto lines = read_statement(dir.path() / "s.csv", "s.csv", {"Booked", "TEXT", "amount"});
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].amount.hundredths() == 123450);
    CHECK(lines[0].text == "a, b");
  }

  SUBCASE("Windows-1252") {
    dir.write("s.csv", "Dato;Tekst;Bel\xf8" "b\n20-01-2026;Overf\xf8rsel;5,00\n");
    const auto lines = read_statement(dir.path() / "s.csv", "s.csv", {});
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].text == "Overførsel");
  }

  SUBCASE("errors name path:line:col") {
    dir.write("a.csv", "Dato;Text;Beløb\n");
    CHECK(error_of(dir, "a.csv") ==
          "a.csv:1:1: the statement has no column \"Tekst\" (set [statement] text in honorar.toml to the name its "
          "bank uses); its columns are \"Dato\", \"Text\", \"Beløb\"");
    dir.write("b.csv", "Dato;Tekst;Beløb\n20-13-2026;x;1,00\n");
    CHECK(error_of(dir, "b.csv") == "b.csv:2:1: \"20-13-2026\" is not a date (there is no month 13)");
    dir.write("c.csv", "Dato;Tekst;Beløb\n20-01-2026;æøå;1.234\n20-01-2026;x;1,234\n");
    CHECK(error_of(dir, "c.csv") ==
          "c.csv:3:14: the amount \"1,234\" has more than two decimals (a ';'-separated statement writes 1.234,50)");
    dir.write("d.csv", "Dato;Tekst;Beløb\n20-01-2026;\"x\"y;1,00\n");
    CHECK(error_of(dir, "d.csv") == "d.csv:2:15: a quoted field goes on after its closing quote");
    dir.write("e.csv", "Tekst;Beløb;Dato\nx;1,00\n");
    CHECK(error_of(dir, "e.csv") == "e.csv:2:7: this line has 2 fields, but the column \"Dato\" is field 3");
    CHECK_THROWS_AS(read_statement(dir.path() / "none.csv", "none.csv", {}), diag::Error);
  }
}

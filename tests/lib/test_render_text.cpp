// The text rendering of documents (invoices/YYYY/N.txt, register render --format text): golden
// files, rendered from the same canonical documents as the e-invoice goldens.
// tests/golden/text/NAME.txt is the expected rendering of tests/golden/ubl/NAME.json, byte for
// byte. After an intended change: HONORAR_UPDATE_GOLDEN=1 honorar_tests -tc='render::document_text',
// then review the diff.
#include "render/text.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace {

const std::string k_source = HONORAR_SOURCE_DIR;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void check_golden(const std::string& name) {
  const render::IssuedDocument doc =
      render::document_from_json(render::Json::parse(read_file(k_source + "/tests/golden/ubl/" + name + ".json")));
  const std::string text = render::document_text(doc);
  const std::string golden = k_source + "/tests/golden/text/" + name + ".txt";
  if (const char* update = std::getenv("HONORAR_UPDATE_GOLDEN"); update && std::string(update) == "1") {
    std::ofstream(golden, std::ios::binary) << text;
  }
  CHECK(text == read_file(golden));
}

} // namespace

TEST_CASE("render::document_text") {
  SUBCASE("exempt invoice") { check_golden("exempt-invoice"); }
  SUBCASE("invoice with VAT") { check_golden("vat25-invoice"); }
  SUBCASE("invoice with regulation and credited expense lines") { check_golden("regulation-invoice"); }
  SUBCASE("credit note") { check_golden("credit-note"); }
  SUBCASE("seller with IBAN") { check_golden("iban-seller"); }
  SUBCASE("buyer with order and accounting cost") { check_golden("order-accounting"); }
  // SPEC 8 (tests/golden/make_spec8_goldens.py):
  SUBCASE("explained weeks, a period over two months") { check_golden("explained-invoice"); }
  SUBCASE("an invoice names the documents it corrects") { check_golden("corrections-invoice"); }
  SUBCASE("a credit note correcting eight invoices") { check_golden("credit-note-eight"); }
  SUBCASE("a 9.999.999,99 kr. total") { check_golden("large-amounts"); }
  SUBCASE("twenty lines") { check_golden("twenty-lines"); }
  SUBCASE("an outlay on a VAT invoice: no VAT on it (SPEC 2.8)") { check_golden("outlay-vat"); }
  SUBCASE("an FIK 71 payment line (SPEC 9.1)") { check_golden("fik-invoice"); }
}

TEST_CASE("render::line_description") {
  using billing::Line;
  auto week = [](const char* iso_week, const char* from, const char* to) {
    Line l;
    l.type = Line::Type::week;
    l.week = *calendar::parse_iso_week(iso_week);
    l.from = *calendar::parse_date(from);
    l.to = *calendar::parse_date(to);
    return l;
  };
  SUBCASE("a week inside one month") {
    CHECK(render::line_description(week("2025-W45", "2025-11-03", "2025-11-09")) == "Uge 45 (3.–9. november 2025)");
  }
  SUBCASE("a week across two months") {
    CHECK(render::line_description(week("2025-W44", "2025-10-27", "2025-11-02")) ==
          "Uge 44 (27. oktober–2. november 2025)");
  }
  SUBCASE("a week across the new year") {
    CHECK(render::line_description(week("2026-W01", "2025-12-29", "2026-01-04")) ==
          "Uge 1 (29. december 2025–4. januar 2026)");
  }
  SUBCASE("a one-day part") {
    CHECK(render::line_description(week("2026-W01", "2026-01-01", "2026-01-01")) == "Uge 1 (1. januar 2026)");
  }
  SUBCASE("a regulation explains the hours before and now, over the whole week") {
    Line l;
    l.type = Line::Type::regulation;
    l.week = *calendar::parse_iso_week("2025-W46");
    l.has_days = false; // a part that no longer exists: the whole week
    l.hours = *money::Hours::parse("-3.00");
    l.before = *money::Hours::parse("7.50");
    l.now = *money::Hours::parse("4.50");
    l.amount = *money::Money::parse("-1500.00");
    CHECK(render::line_description(l) == "Regulering uge 46 (10.–16. november 2025): faktureret 7,50 t, nu 4,50 t");
    l.has_days = true; // a part that still exists: its own days
    l.from = *calendar::parse_date("2025-11-10");
    l.to = *calendar::parse_date("2025-11-12");
    CHECK(render::line_description(l) == "Regulering uge 46 (10.–12. november 2025): faktureret 7,50 t, nu 4,50 t");
  }
  SUBCASE("an expense and a credited expense") {
    Line x;
    x.type = Line::Type::expense;
    x.date = *calendar::parse_date("2025-11-13");
    x.text = "Biograf (entré)";
    x.amount = *money::Money::parse("85.00");
    CHECK(render::line_description(x) == "Udlæg 13. november 2025: Biograf (entré)");
    x.amount = -x.amount;
    CHECK(render::line_description(x) == "Tilbageført udlæg 13. november 2025: Biograf (entré)");
  }
}

TEST_CASE("render::danish_number") {
  CHECK(render::danish_number("1234.50") == "1.234,50");
  CHECK(render::danish_number("-0.05") == "-0,05");
  CHECK(render::danish_number("1234567.00") == "1.234.567,00");
}

TEST_CASE("render::run_text: figures of any size never run together") {
  // Issue 16: "96,00 t100.000,009.600.000,00" on stdout. Every column keeps a space.
  render::InvoiceRun run;
  run.documents.push_back(
      render::document_from_json(render::Json::parse(read_file(k_source + "/tests/golden/ubl/large-amounts.json"))));
  run.month = run.documents[0].month;
  run.documents[0].lines[0].rate = *money::Money::parse("100000.00");
  run.total = run.documents[0].total;
  const std::string text = render::run_text(run, false);
  INFO(text);
  CHECK(text.find("99,99 t 100.000,00 9.999.000,00\n") != std::string::npos);
  CHECK(text.find(" 9.999.999,99\n") != std::string::npos);
  for (std::size_t at = text.find(",00"); at != std::string::npos; at = text.find(",00", at + 1))
  {
    const bool ends = at + 3 >= text.size() || text[at + 3] == ' ' || text[at + 3] == '\n';
    CHECK_MESSAGE(ends, "a figure runs into the next");
  }
}

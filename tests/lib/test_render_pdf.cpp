#include "books/identifiers.hpp"
#include "render/format.hpp"

#include "testutil.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <algorithm>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

namespace {

using testutil::pdf_text;

render::Json golden(const std::string& name) {
  std::ifstream in(fs::path(HONORAR_SOURCE_DIR) / "tests" / "golden" / "pdf" / (name + ".json"));
  REQUIRE(in.good());
  return render::Json::parse(in);
}

std::string render_pdf(const render::Json& doc) { return render::pdf_format().render(render::document_from_json(doc)); }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

} // namespace

TEST_CASE("render::pdf_format") {
  const render::DocumentFormat& pdf = render::pdf_format();
  CHECK(pdf.name() == "pdf");
  CHECK(pdf.extension() == "pdf");
  CHECK(render::find_format("pdf") == &pdf);

  SUBCASE("a municipal invoice, exempt from VAT, with a regulation and expenses") {
    const render::Json doc = golden("municipal_exempt");
    const std::string bytes = render_pdf(doc);
    REQUIRE(bytes.starts_with("%PDF-"));
    CHECK(bytes == render_pdf(doc)); // deterministic
    const std::string text = pdf_text(bytes);
    INFO(text);
    CHECK(contains(text, "Faktura"));
    CHECK(!contains(text, "Kreditnota"));
    CHECK(contains(text, "1001"));
    CHECK(contains(text, "Fakturadato"));
    CHECK(contains(text, "01.12.2025"));
    CHECK(contains(text, "Forfaldsdato"));
    CHECK(contains(text, "31.12.2025"));
    CHECK(contains(text, "november 2025"));
    CHECK(contains(text, "Lysglimt Støtte ApS"));
    CHECK(contains(text, "Ågade 12, 2. th."));
    CHECK(contains(text, "CVR 12345674"));
    CHECK(contains(text, "faktura@lysglimt.dk"));
    CHECK(contains(text, "reg.nr. 1234, konto 4440123456"));
    CHECK(contains(text, "Roskilde Kommune"));
    CHECK(contains(text, "Rådhusbuen 1"));
    CHECK(contains(text, "EAN: 5798000222335"));
    CHECK(contains(text, "Reference: Mette Ærø"));
    CHECK(contains(text, "Rekvisition: REK-2025-0815"));
    CHECK(contains(text, "Kontostreng: 5.28.20.01-7711"));
    CHECK(contains(text, "Kontrakt: 2C-2025-014"));
    CHECK(contains(text, "Ydelse: Kontaktperson"));
    CHECK(contains(text, "Sagsnr.: 27.24.00-G01-123-25"));
    CHECK(contains(text, "Lovgrundlag: Serviceloven § 85"));
    CHECK(contains(text, "Borger: AB"));
    CHECK(contains(text, "Uge 45 (3.–9. november 2025)"));
    CHECK(contains(text, "7,50 t"));
    CHECK(contains(text, "525,00 kr."));
    CHECK(contains(text, "3.937,50"));
    CHECK(contains(text, "uge 44 (27. oktober–2. november 2025):")); // a regulation; the cell wraps
    CHECK(contains(text, "faktureret 7,50 t"));
    CHECK(contains(text, "-1.575,00"));
    CHECK(contains(text, "Udlæg 5. november 2025: Biograf (entré)"));
    CHECK(contains(text, "Tilbageført udlæg 20. november 2025: Svømmehal"));
    CHECK(contains(text, "Netto"));
    CHECK(contains(text, "Momsfritaget jf. momslovens § 13, stk. 1, nr. 2"));
    CHECK(!contains(text, "Moms 25 %"));
    CHECK(contains(text, "I alt DKK"));
    CHECK(contains(text, "13.460,50"));
    CHECK(contains(text, "senest 31. december 2025"));
    CHECK(contains(text, "Anfør fakturanummer 1001"));
    CHECK(contains(text, "Side 1 af 1"));
    CHECK(!contains(text, "note"));
    CHECK(!books::find_cpr_like(text));
  }

  SUBCASE("a private invoice with 25 % VAT, paid by IBAN") {
    const render::Json doc = golden("private_vat");
    const std::string bytes = render_pdf(doc);
    REQUIRE(bytes.starts_with("%PDF-"));
    CHECK(bytes == render_pdf(doc));
    const std::string text = pdf_text(bytes);
    INFO(text);
    CHECK(contains(text, "Faktura"));
    CHECK(contains(text, "1002"));
    CHECK(contains(text, "Bjørk & Søn Pædagogik")); // markup is escaped
    CHECK(contains(text, "Søren Æbelø"));
    CHECK(contains(text, "Borger: SÆ"));
    CHECK(contains(text, "E-mail: soren@example.dk"));
    CHECK(!contains(text, "EAN"));
    CHECK(!contains(text, "Sagsnr."));
    CHECK(contains(text, "IBAN DK50 0040 0440 1162 43"));
    CHECK(contains(text, "BIC NDEADKKK"));
    CHECK(contains(text, "4,00 t"));
    CHECK(contains(text, "650,00 kr."));
    CHECK(contains(text, "Udlæg 14. november 2025: Kørsel 42 km"));
    CHECK(contains(text, "7.632,92"));
    CHECK(contains(text, "Moms 25 %"));
    CHECK(contains(text, "1.908,23"));
    CHECK(contains(text, "9.541,15"));
    CHECK(!contains(text, "Momsfritaget"));
    CHECK(contains(text, "senest 15. december 2025"));
    CHECK(contains(text, "Betalingsbetingelser: 14 dage"));
    CHECK(!books::find_cpr_like(text));
  }

  SUBCASE("a credit note requests no payment") {
    const render::Json doc = golden("credit_note");
    const std::string bytes = render_pdf(doc);
    REQUIRE(bytes.starts_with("%PDF-"));
    CHECK(bytes == render_pdf(doc));
    const std::string text = pdf_text(bytes);
    INFO(text);
    CHECK(contains(text, "Kreditnota"));
    CHECK(contains(text, "1003"));
    CHECK(contains(text, "Kreditnotadato"));
    CHECK(contains(text, "02.01.2026"));
    CHECK(!contains(text, "Forfaldsdato"));
    CHECK(contains(text, "Krediterer faktura"));
    CHECK(contains(text, "uge 47 (17.–23. november 2025):"));
    CHECK(contains(text, "nu 0,00 t"));
    CHECK(contains(text, "Tilbageført udlæg 5. november 2025: Biograf (entré)"));
    CHECK(contains(text, "-6.385,00"));
    CHECK(contains(text, "Beløbet 6.385,00 kr. krediteres Roskilde Kommune"));
    CHECK(contains(text, "Den vedrører faktura nr. 1001"));
    CHECK(contains(text, "Kreditnotaen skal ikke betales"));
    CHECK(!contains(text, "bedes indbetalt"));
    CHECK(contains(text, "EAN: 5798000222335"));
    CHECK(contains(text, "Borger: AB"));
    CHECK(!books::find_cpr_like(text));
  }

  SUBCASE("a long document runs over pages, repeating the table header") {
    const render::Json doc = golden("long");
    const std::string bytes = render_pdf(doc);
    REQUIRE(bytes.starts_with("%PDF-"));
    CHECK(bytes == render_pdf(doc));
    const std::string text = pdf_text(bytes);
    INFO(text);
    CHECK(contains(text, "Side 1 af "));
    CHECK(contains(text, "Side 2 af "));
    CHECK(!contains(text, "Side 1 af 1"));
    CHECK(contains(text, "Faktura 1004 (fortsat)"));
    std::size_t headers = 0;
    for (std::size_t at = text.find("Beskrivelse"); at != std::string::npos; at = text.find("Beskrivelse", at + 1))
      ++headers;
    CHECK(headers >= 2);
    CHECK(contains(text, "Uge 1 (30. december 2024–5. januar 2025)"));
    CHECK(contains(text, "Uge 40 (29. september–5. oktober 2025)"));
    CHECK(contains(text, "Udlæg 23. oktober 2025: Transport"));
    CHECK(contains(text, "109.262,25"));
    CHECK(!books::find_cpr_like(text));
  }

  SUBCASE("the lines fill the first page; the totals and the payment stay together") {
    // SPEC 8 / issue 16: a document that breaks to a second page leaves no room on the first for
    // another line, whether its closing block (totals, payment) follows its last line or not.
    const render::Json long_doc = golden("long");
    std::size_t most_on_one_page = 0;
    std::size_t capacity = 0; // the most lines page 1 holds (sizes run upwards: the first break shows it)
    for (std::size_t n = 10; n <= 26; n += 2) { // around the first page break
      render::Json doc = long_doc;
      doc["lines"] = render::Json::array();
      for (std::size_t i = 0; i < n; ++i) doc["lines"].push_back(long_doc["lines"][i]);
      const std::string text = pdf_text(render_pdf(doc));
      const std::size_t totals = text.find("Netto");
      REQUIRE(totals != std::string::npos);
      const std::size_t page_start = text.rfind('\f', totals); // pdftotext ends each page with a form feed
      const std::size_t page_end = text.find('\f', totals);
      const std::string page = text.substr(page_start == std::string::npos ? 0 : page_start + 1,
                                           page_end == std::string::npos ? std::string::npos : page_end - page_start);
      INFO(n, " lines:\n", text);
      CHECK(contains(page, "I alt DKK"));
      CHECK(contains(page, "Betaling"));
      const std::string first_page = text.substr(0, text.find('\f'));
      std::size_t on_first = 0;
      for (auto at = first_page.find("Uge "); at != std::string::npos; at = first_page.find("Uge ", at + 4)) ++on_first;
      if (text.find('\f') + 1 >= text.size()) { // one page
        CHECK(on_first == n);
        most_on_one_page = std::max(most_on_one_page, n);
      } else {
        CHECK(on_first >= most_on_one_page);
        // Lines that go on to page 2 leave page 1 as full as it gets: as full as any other's.
        if (on_first < n) CHECK(on_first == capacity);
        capacity = std::max(capacity, on_first);
      }
    }
    CHECK(capacity > 0);
  }

  SUBCASE("a dry run's document has no number yet") {
    render::Json doc = golden("municipal_exempt");
    doc["number"] = nullptr;
    const std::string text = pdf_text(render_pdf(doc));
    CHECK(contains(text, "(prøve)"));
    CHECK(contains(text, "Anfør fakturanummeret"));
  }

  SUBCASE("documents rendered on several threads at once are the bytes rendered on one") {
    // A run renders its PDFs on a few threads, each with its own font map (pdf_typeset.cpp).
    std::vector<render::IssuedDocument> docs;
    for (const char* name : {"municipal_exempt", "private_vat", "credit_note", "long"})
      docs.push_back(render::document_from_json(golden(name)));
    std::vector<std::string> alone;
    for (const render::IssuedDocument& d : docs) alone.push_back(pdf.render(d));
    std::vector<std::vector<std::string>> together(4);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < together.size(); ++t)
      threads.emplace_back([&, t] {
        for (int round = 0; round < 3; ++round)
          for (std::size_t k = 0; k < docs.size(); ++k) together[t].push_back(pdf.render(docs[(k + t) % docs.size()]));
      });
    for (std::thread& t : threads) t.join();
    for (std::size_t t = 0; t < together.size(); ++t) {
      REQUIRE(together[t].size() == 3 * docs.size());
      for (std::size_t i = 0; i < together[t].size(); ++i) CHECK(together[t][i] == alone[(i % docs.size() + t) % docs.size()]);
    }
  }

  SUBCASE("the PDF's dates are the issue date, never the clock") {
    const std::string bytes = render_pdf(golden("municipal_exempt"));
    // cairo 1.16 writes "(20251201000000)", later versions "(D:20251201000000)".
    CHECK(contains(bytes, "/CreationDate ("));
    CHECK(contains(bytes, "20251201000000)"));
    CHECK(contains(bytes, "/Creator (honorar)"));
  }
}

// SPEC 8 (tests/golden/make_spec8_goldens.py): each new element read back with pdftotext and
// compared with tests/golden/pdf/NAME.txt (HONORAR_UPDATE_GOLDEN=1 writes them); the pages are
// also written as PNG under the build directory (artefacts/pdf/) for a person to look at.
TEST_CASE("render::pdf_format: SPEC 8 documents read back") {
  const fs::path source(HONORAR_SOURCE_DIR);
  const fs::path artefacts = fs::path(HONORAR_BINARY_DIR) / "artefacts" / "pdf";
  fs::create_directories(artefacts);
  const bool update = std::getenv("HONORAR_UPDATE_GOLDEN") != nullptr;
  for (const std::string name : {"explained-invoice", "corrections-invoice", "credit-note-eight", "large-amounts",
                                 "twenty-lines"}) {
    CAPTURE(name);
    std::ifstream in(source / "tests" / "golden" / "ubl" / (name + ".json"));
    REQUIRE(in.good());
    const std::string pdf = render_pdf(render::Json::parse(in));
    const std::string text = pdf_text(pdf);
    const fs::path golden_text = source / "tests" / "golden" / "pdf" / (name + ".txt");
    if (update) std::ofstream(golden_text, std::ios::binary) << text;
    std::ifstream expected(golden_text, std::ios::binary);
    REQUIRE_MESSAGE(expected.good(), "no golden text ", golden_text.string());
    std::ostringstream s;
    s << expected.rdbuf();
    CHECK(text == s.str());

    const fs::path file = artefacts / (name + ".pdf");
    std::ofstream(file, std::ios::binary) << pdf;
    const std::string command = "pdftoppm -png -r 60 '" + file.string() + "' '" + (artefacts / name).string() + "'";
    CHECK(std::system(command.c_str()) == 0);
    CHECK(fs::exists(artefacts / (name + "-1.png")));
  }
}

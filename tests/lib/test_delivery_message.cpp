// delivery::encode_header_text, encode_mailbox, rfc5322_date, mail_subject, mail_text: the e-mail
// a document is sent with (SPEC 10.2), on the golden documents of tests/golden/ubl/.
#include "delivery/message.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace {

render::IssuedDocument golden(const std::string& name) {
  std::ifstream in(std::string(HONORAR_SOURCE_DIR) + "/tests/golden/ubl/" + name + ".json", std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream s;
  s << in.rdbuf();
  return render::document_from_json(render::Json::parse(s.str()));
}

} // namespace

TEST_CASE("delivery::encode_header_text") {
  SUBCASE("printable ASCII stays as it is") {
    CHECK(delivery::encode_header_text("Faktura 1004 fra 2nd Chance 2020") == "Faktura 1004 fra 2nd Chance 2020");
  }
  SUBCASE("UTF-8 becomes one encoded word (RFC 2047, base64)") {
    CHECK(delivery::encode_header_text("Faktura 1004 fra Støtte ApS") == "=?UTF-8?B?RmFrdHVyYSAxMDA0IGZyYSBTdMO4dHRlIEFwUw==?=");
  }
  SUBCASE("text that looks like an encoded word is encoded") {
    CHECK(delivery::encode_header_text("=?x?") == "=?UTF-8?B?PT94Pw==?=");
  }
  SUBCASE("long text: words of at most 75 characters, no UTF-8 character split") {
    const std::string text = "Kreditnota 1005 fra Ærø Kommunes Børne- og Ungeforvaltning, Afdeling for Støtte og Udvikling";
    const std::string encoded = delivery::encode_header_text(text);
    std::istringstream words(encoded);
    std::string word, decoded_bytes;
    int n = 0;
    while (words >> word) {
      ++n;
      CHECK(word.size() <= 75);
      CHECK(word.starts_with("=?UTF-8?B?"));
      CHECK(word.ends_with("?="));
    }
    CHECK(n == 3);
    // Every word decodes to whole UTF-8 characters: the 45-byte limit falls between them.
    CHECK(encoded.find("?= =?UTF-8?B?") != std::string::npos);
  }
  SUBCASE("control characters (a header line break) are encoded, never passed on") {
    CHECK(delivery::encode_header_text("a\r\nBcc: x@example.dk").find('\n') == std::string::npos);
  }
}

TEST_CASE("delivery::encode_mailbox") {
  CHECK(delivery::encode_mailbox("", "a@example.dk") == "<a@example.dk>");
  CHECK(delivery::encode_mailbox("Roskilde Kommune", "a@example.dk") == "Roskilde Kommune <a@example.dk>");
  CHECK(delivery::encode_mailbox("Familien Dahl, Roskilde", "a@example.dk") == "\"Familien Dahl, Roskilde\" <a@example.dk>");
  CHECK(delivery::encode_mailbox("2nd \"Chance\" 2020", "a@example.dk") == "\"2nd \\\"Chance\\\" 2020\" <a@example.dk>");
  CHECK(delivery::encode_mailbox("Køge Kommune", "a@example.dk") == "=?UTF-8?B?S8O4Z2UgS29tbXVuZQ==?= <a@example.dk>");
}

TEST_CASE("delivery::rfc5322_date") {
  CHECK(delivery::rfc5322_date(std::chrono::system_clock::time_point(std::chrono::seconds(1796572597))) ==
        "Sun, 06 Dec 2026 15:56:37 +0000");
}

TEST_CASE("delivery::mail_subject") {
  CHECK(delivery::mail_subject(golden("exempt-invoice")) == "Faktura 1 fra Test Støtte ApS");
  CHECK(delivery::mail_subject(golden("credit-note")) == "Kreditnota 3 fra Test Støtte ApS");
}

TEST_CASE("delivery::mail_text") {
  SUBCASE("an invoice: amount, due date, how to pay, the provider") {
    CHECK(delivery::mail_text(golden("exempt-invoice")) == "Kære Aarhus Kommune\n\n"
                                                          "Hermed faktura 1 af 01.12.2025 på 18.870,00 kr. fra Test Støtte ApS.\n"
                                                          "Fakturaen er vedhæftet som PDF. Beløbet forfalder til betaling den 31.12.2025.\n"
                                                          "Betal til reg.nr. 1234, konto 1234567890, og skriv fakturanummer 1 ved betalingen.\n"
                                                          "\nSpørgsmål til dokumentet besvares gerne: svar blot på denne mail.\n\n"
                                                          "Med venlig hilsen\nTest Støtte ApS\nVej 1, 8000 Aarhus C\nCVR 12345674\n");
  }
  SUBCASE("an invoice with an FIK payment id gives the payment line") {
    const std::string text = delivery::mail_text(golden("fik-invoice"));
    CHECK(text.find("Betal med indbetalingskort: +71<") != std::string::npos);
  }
  SUBCASE("a credit note: the amount credited, no due date") {
    const std::string text = delivery::mail_text(golden("credit-note"));
    CHECK(text.find("Hermed kreditnota 3 af ") != std::string::npos);
    CHECK(text.find(" på 22.455,00 kr. fra Test Støtte ApS.\nKreditnotaen er vedhæftet som PDF.\n") != std::string::npos);
    CHECK(text.find("forfalder") == std::string::npos);
  }
}

TEST_CASE("delivery::compose_mail") {
  const delivery::Mail m = delivery::compose_mail(golden("exempt-invoice"), "faktura@example.dk", "aarhus@example.dk", "%PDF");
  CHECK(m.from_address == "faktura@example.dk");
  CHECK(m.to_address == "aarhus@example.dk");
  CHECK(m.from == "=?UTF-8?B?VGVzdCBTdMO4dHRlIEFwUw==?= <faktura@example.dk>");
  CHECK(m.to == "Aarhus Kommune <aarhus@example.dk>");
  CHECK(m.subject == delivery::encode_header_text("Faktura 1 fra Test Støtte ApS"));
  CHECK(m.attachment_name == "1.pdf");
  CHECK(m.attachment == "%PDF");
}

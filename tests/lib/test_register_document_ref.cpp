// invoice_register::parse_document_ref: "1004" is a document, "R3" a reminder (SPEC 9.4).
#include "register/document_ref.hpp"

#include <doctest/doctest.h>

using invoice_register::DocumentRef;
using invoice_register::parse_document_ref;

TEST_CASE("invoice_register::parse_document_ref") {
  SUBCASE("a document number") {
    CHECK(parse_document_ref("1004") == DocumentRef{DocumentRef::Kind::document, 1004});
    CHECK(parse_document_ref("1004")->to_string() == "1004");
    CHECK_FALSE(parse_document_ref("1004")->reminder());
  }
  SUBCASE("a reminder number, R or r") {
    CHECK(parse_document_ref("R3") == DocumentRef{DocumentRef::Kind::reminder, 3});
    CHECK(parse_document_ref("r12") == DocumentRef{DocumentRef::Kind::reminder, 12});
    CHECK(parse_document_ref("R3")->to_string() == "R3");
  }
  SUBCASE("numbers that name no document are still numbers") {
    CHECK(parse_document_ref("0")->number == 0);
    CHECK(parse_document_ref("-1")->number == -1);
  }
  SUBCASE("not a number") {
    for (const char* text : {"", "R", "R-1", "1R", "R1x", "abc", "12 ", " 12", "-", "1234567890123456789", "R+1"}) {
      CAPTURE(text);
      CHECK_FALSE(parse_document_ref(text));
    }
  }
}

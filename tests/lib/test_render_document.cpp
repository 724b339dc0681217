// The typed issued document: one from_json/to_json pair, and the canonical JSON's bytes kept.
#include "render/document.hpp"

#include "diag/diagnostic.hpp"
#include "invoicing/monthly_run.hpp"
#include "render/json.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using render::Json;

namespace {

const std::string k_source = HONORAR_SOURCE_DIR;

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Json golden(const std::string& name) { return Json::parse(read_file(k_source + "/tests/golden/ubl/" + name + ".json")); }

std::string error_of(const Json& j) {
  try {
    render::document_from_json(j);
  } catch (const diag::Error& e) {
    CHECK(e.kind() == diag::ErrorKind::data);
    return e.what();
  }
  FAIL("no diag::Error");
  return {};
}

} // namespace

TEST_CASE("render::document_from_json and render::to_json") {
  SUBCASE("every golden document comes back byte for byte") {
    for (const char* dir : {"/tests/golden/ubl", "/tests/golden/pdf"})
      for (const auto& entry : std::filesystem::directory_iterator(k_source + dir)) {
        if (entry.path().extension() != ".json") continue;
        CAPTURE(entry.path());
        const Json j = Json::parse(read_file(entry.path()));
        CHECK(render::to_json(render::document_from_json(j)).dump(2) == j.dump(2));
      }
  }
  SUBCASE("typed values") {
    const render::IssuedDocument d = render::document_from_json(golden("regulation-invoice"));
    CHECK(d.number == 2);
    CHECK_FALSE(d.credit_note());
    CHECK(d.issue_date.to_string() == "2026-01-01");
    CHECK(d.month.to_string() == "2025-12");
    CHECK(d.exempt());
    REQUIRE(d.lines.size() >= 2);
    CHECK(d.lines[0].has_hours());
    CHECK(d.corrects.has_value());
  }
  SUBCASE("an FIK payment id and creditor (SPEC 9.1); absent without FIK") {
    const render::IssuedDocument d = render::document_from_json(golden("fik-invoice"));
    CHECK(d.payment_id == "000000000010041");
    CHECK(d.seller.fik_creditor == "85404316");
    CHECK(render::fik_payment_line(d) == "+71<000000000010041+85404316<");
    const render::IssuedDocument plain = render::document_from_json(golden("exempt-invoice"));
    CHECK_FALSE(plain.payment_id.has_value());
    CHECK(plain.seller.fik_creditor == "");
    CHECK_FALSE(render::fik_payment_line(plain).has_value());
  }
  SUBCASE("a credit note") {
    const render::IssuedDocument d = render::document_from_json(golden("credit-note"));
    CHECK(d.credit_note());
    CHECK(d.total.is_negative());
  }
  SUBCASE("a dry run's document has no number, and a document from before `corrects` has none") {
    Json j = golden("exempt-invoice");
    j["number"] = nullptr;
    j.erase("corrects");
    const render::IssuedDocument d = render::document_from_json(j);
    CHECK_FALSE(d.number.has_value());
    CHECK_FALSE(d.corrects.has_value());
    CHECK(render::to_json(d).dump() == j.dump());
  }
  SUBCASE("what is not a document is a data error naming the key") {
    Json j = golden("exempt-invoice");
    SUBCASE("kind") {
      j["kind"] = "receipt";
      CHECK(error_of(j) == "document kind: unknown document kind 'receipt'");
    }
    SUBCASE("an amount with a decimal comma") {
      j["lines"][0]["amount"] = "12,50";
      CHECK(error_of(j) == "document lines[0].amount: '12,50' is not a decimal number");
    }
    SUBCASE("a date") {
      j["due_date"] = "2025-02-30";
      CHECK(error_of(j) == "document due_date: is not a date (YYYY-MM-DD)");
    }
    SUBCASE("a missing object") {
      j.erase("buyer");
      CHECK(error_of(j) == "document buyer: is not an object");
    }
    SUBCASE("a number that is not whole") {
      j["number"] = "1";
      CHECK(error_of(j) == "document number: is not a whole number");
    }
  }
}

TEST_CASE("render::bank_account_text") {
  books::BankAccount domestic{"1234", "4440123456", "", ""};
  CHECK(render::bank_account_text(domestic) == "reg.nr. 1234, konto 4440123456");
  books::BankAccount iban{"", "", "DK5000400440116243", "NDEADKKK"};
  CHECK(render::bank_account_text(iban) == "IBAN DK50 0040 0440 1162 43, BIC NDEADKKK");
  iban.bic.clear();
  CHECK(render::bank_account_text(iban) == "IBAN DK50 0040 0440 1162 43");
}

TEST_CASE("invoicing::corrected_documents") {
  using billing::Line;
  auto line = [](Line::Type type, const char* week, const char* amount) {
    Line l;
    l.type = type;
    l.week = *calendar::parse_iso_week(week);
    l.rate = *money::Money::parse("500.00");
    l.amount = *money::Money::parse(amount);
    l.date = *calendar::parse_date("2025-11-12");
    l.text = "Transport";
    return l;
  };
  render::IssuedDocument first, second, other, now;
  first.contract = second.contract = now.contract = "A";
  other.contract = "B";
  first.number = 1001;
  second.number = 1002;
  other.number = 1003;
  first.lines = {line(Line::Type::week, "2025-W45", "3750.00"), line(Line::Type::expense, "2025-W45", "60.00")};
  second.lines = {line(Line::Type::week, "2025-W46", "3750.00")};
  other.lines = {line(Line::Type::week, "2025-W45", "3750.00")};
  SUBCASE("a regulation corrects the documents that billed its week at its rate") {
    now.lines = {line(Line::Type::regulation, "2025-W45", "-500.00")};
    CHECK(invoicing::corrected_documents(now, {first, second, other}) == std::vector<std::int64_t>{1001});
  }
  SUBCASE("a credited expense corrects the document that billed it; a new expense corrects nothing") {
    now.lines = {line(Line::Type::expense, "2025-W45", "-60.00")};
    CHECK(invoicing::corrected_documents(now, {first, second}) == std::vector<std::int64_t>{1001});
    now.lines = {line(Line::Type::expense, "2025-W45", "60.00")};
    CHECK(invoicing::corrected_documents(now, {first, second}).empty());
  }
  SUBCASE("week lines correct nothing") {
    now.lines = {line(Line::Type::week, "2025-W45", "3750.00")};
    CHECK(invoicing::corrected_documents(now, {first}).empty());
  }
}

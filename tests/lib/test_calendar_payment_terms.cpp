#include "calendar/payment_terms.hpp"

#include "testutil.hpp"

#include <doctest/doctest.h>

#include <string>

using calendar::Date;
using calendar::PaymentTerms;
using testutil::day;

namespace {

PaymentTerms terms(std::string_view text) {
  const auto parsed = PaymentTerms::parse(text);
  REQUIRE_MESSAGE(parsed.has_value(), "test terms do not parse: ", std::string(text));
  return *parsed;
}

void check_parses(std::string_view text, bool from_month_end, int days) {
  INFO("terms: ", std::string(text));
  const auto parsed = PaymentTerms::parse(text);
  REQUIRE(parsed.has_value());
  CHECK(parsed->from_month_end() == from_month_end);
  CHECK(parsed->days() == days);
}

void check_rejected(std::string_view text) {
  INFO("terms: ", std::string(text));
  CHECK_FALSE(PaymentTerms::parse(text).has_value());
}

std::string due_date(std::string_view terms_text, std::string_view issue) {
  return terms(terms_text).due_date(day(issue)).to_string();
}

} // namespace

TEST_CASE("calendar::PaymentTerms::parse") {
  SUBCASE("N days, both languages") {
    check_parses("30 dage", false, 30);
    check_parses("30 days", false, 30);
    check_parses("1 dag", false, 1);
    check_parses("1 day", false, 1);
  }
  SUBCASE("from the end of the current month, both languages") {
    check_parses("løbende måned + 30 dage", true, 30);
    check_parses("current month + 30 days", true, 30);
    check_parses("løbende måned + 1 dag", true, 1);
    check_parses("current month + 1 day", true, 1);
  }
  SUBCASE("whitespace and case are free") {
    check_parses("Løbende  Måned+8 Dage", true, 8);
    check_parses("LØBENDE MÅNED + 0 DAGE", true, 0);
    check_parses("  14DAYS ", false, 14);
    check_parses("current\tmonth\t+15\tdays", true, 15);
  }
  SUBCASE("the words contracts are written in (SPEC 2.9, 6.1)") {
    check_parses("løbende måned plus 30 dage", true, 30);
    check_parses("lb. md. + 30 dage", true, 30);
    check_parses("LB. MD. PLUS 30 DAGE", true, 30);
    check_parses("lb md plus ti dage", true, 10);
    check_parses("current month plus 30 days", true, 30);
    check_parses("netto 30 dage", false, 30);
    check_parses("30 dage netto", false, 30);
    check_parses("Netto  8 Dage", false, 8);
    check_parses("net 14 days", false, 14);
    check_parses("14 days net", false, 14);
    check_parses("otte dage", false, 8);
    check_parses("netto tolv dage", false, 12);
    CHECK(due_date("lb. md. + 30 dage", "2025-11-18") == "2025-12-30");
    CHECK(due_date("30 dage netto", "2025-11-18") == "2025-12-18");
  }
  SUBCASE("text is kept exactly as given") {
    CHECK(terms(" Løbende Måned+8 Dage").text() == " Løbende Måned+8 Dage");
  }
  SUBCASE("the default terms") {
    const auto parsed = terms(calendar::k_default_payment_terms);
    CHECK_FALSE(parsed.from_month_end());
    CHECK(parsed.days() == 30);
  }
  SUBCASE("N is a whole number 0..120") {
    check_parses("0 dage", false, 0);
    check_parses("120 dage", false, 120);
    check_parses("løbende måned + 120 dage", true, 120);
    check_rejected("121 dage");
    check_rejected("løbende måned + 121 dage");
    check_rejected("-1 dage");
    check_rejected("2.5 days");
    check_rejected("99999999999999999999 days");
  }
  SUBCASE("anything else is rejected") {
    check_rejected("");
    check_rejected("30");
    check_rejected("dage");
    check_rejected("30 uger");
    check_rejected("1 måned");
    check_rejected("netto netto 30 dage");
    check_rejected("30 netto dage");
    check_rejected("netto 30 days"); // one language per rule
    check_rejected("løbende måned + 30");
    check_rejected("løbende måned + 1"); // a notice rule, not payment terms
    check_rejected("løbende måned 30 dage");
    check_rejected("løbende uge + 30 dage");
    check_rejected("løbende måned + 30 days"); // one language per rule
    check_rejected("current month + 30 dage");
    check_rejected("ingen");
  }
}

TEST_CASE("calendar::PaymentTerms::due_date") {
  SUBCASE("N days from the issue date") {
    CHECK(due_date("30 dage", "2026-02-01") == "2026-03-03");
    CHECK(due_date("30 dage", "2024-02-01") == "2024-03-02");
    CHECK(due_date("14 days", "2025-12-25") == "2026-01-08");
    CHECK(due_date("0 dage", "2025-11-18") == "2025-11-18");
  }
  SUBCASE("N days from the end of the issue month") {
    CHECK(due_date("løbende måned + 30 dage", "2025-12-01") == "2026-01-30");
    CHECK(due_date("løbende måned + 15 dage", "2025-12-31") == "2026-01-15");
    CHECK(due_date("current month + 0 days", "2024-02-10") == "2024-02-29");
    CHECK(due_date("current month + 30 days", "2025-02-01") == "2025-03-30");
  }
  SUBCASE("default-constructed terms are 30 days net") {
    CHECK(PaymentTerms{}.due_date(day("2025-11-18")).to_string() == "2025-12-18");
  }
}

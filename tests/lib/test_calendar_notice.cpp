#include "calendar/notice.hpp"

#include "testutil.hpp"

#include <doctest/doctest.h>

#include <array>
#include <string>

using calendar::Date;
using calendar::NoticeRule;
using Kind = calendar::NoticeRule::Kind;
using testutil::day;

namespace {

NoticeRule rule(std::string_view text) {
  const auto parsed = NoticeRule::parse(text);
  REQUIRE_MESSAGE(parsed.has_value(), "test rule does not parse: ", std::string(text));
  return *parsed;
}

// Checks that `text` parses to the given kind and count.
void check_parses(std::string_view text, Kind kind, int count) {
  INFO("rule: ", std::string(text));
  const auto parsed = NoticeRule::parse(text);
  REQUIRE(parsed.has_value());
  CHECK(parsed->kind() == kind);
  CHECK(parsed->count() == count);
}

void check_rejected(std::string_view text) {
  INFO("rule: ", std::string(text));
  CHECK_FALSE(NoticeRule::parse(text).has_value());
}

std::string end_for(std::string_view rule_text, std::string_view given) {
  return rule(rule_text).end_for(day(given)).to_string();
}

std::string latest_given_for(std::string_view rule_text, std::string_view end) {
  return rule(rule_text).latest_given_for(day(end)).to_string();
}

} // namespace

TEST_CASE("calendar::NoticeRule::parse") {
  SUBCASE("Danish forms") {
    check_parses("løbende måned + 1", Kind::current_month_plus, 1);
    check_parses("løbende uge + 2", Kind::current_week_plus, 2);
    check_parses("14 dage", Kind::days, 14);
    check_parses("3 uger", Kind::weeks, 3);
    check_parses("3 måneder", Kind::months, 3);
    check_parses("ingen", Kind::none, 0);
  }
  SUBCASE("English forms") {
    check_parses("current month + 1", Kind::current_month_plus, 1);
    check_parses("current week + 0", Kind::current_week_plus, 0);
    check_parses("30 days", Kind::days, 30);
    check_parses("2 weeks", Kind::weeks, 2);
    check_parses("6 months", Kind::months, 6);
    check_parses("none", Kind::none, 0);
  }
  SUBCASE("singular units") {
    check_parses("1 dag", Kind::days, 1);
    check_parses("1 day", Kind::days, 1);
    check_parses("1 uge", Kind::weeks, 1);
    check_parses("1 week", Kind::weeks, 1);
    check_parses("1 måned", Kind::months, 1);
    check_parses("1 month", Kind::months, 1);
  }
  SUBCASE("whitespace is free") {
    check_parses("Løbende  Måned+2", Kind::current_month_plus, 2);
    check_parses("  løbende måned +1 ", Kind::current_month_plus, 1);
    check_parses("løbende\tuge\t+\t3", Kind::current_week_plus, 3);
    check_parses("current month+ 0", Kind::current_month_plus, 0);
    check_parses("14dage", Kind::days, 14);
    check_parses("  2   weeks  ", Kind::weeks, 2);
    check_parses(" ingen ", Kind::none, 0);
    check_parses("14\xC2\xA0" "dage", Kind::days, 14); // no-break space
  }
  SUBCASE("case is free, also for Æ Ø Å") {
    check_parses("LØBENDE MÅNED + 1", Kind::current_month_plus, 1);
    check_parses("Løbende Uge + 2", Kind::current_week_plus, 2);
    check_parses("lØbende mÅned + 4", Kind::current_month_plus, 4);
    check_parses("3 MÅNEDER", Kind::months, 3);
    check_parses("14 Dage", Kind::days, 14);
    check_parses("INGEN", Kind::none, 0);
    check_parses("None", Kind::none, 0);
    check_parses("CURRENT Week + 1", Kind::current_week_plus, 1);
    check_parses("2 WEEKS", Kind::weeks, 2);
  }
  SUBCASE("text is kept exactly as given") {
    CHECK(rule("  Løbende  Måned+2 ").text() == "  Løbende  Måned+2 ");
    CHECK(rule("14 DAGE").text() == "14 DAGE");
  }
  SUBCASE("the default rule") {
    const auto parsed = rule(calendar::k_default_notice_rule);
    CHECK(parsed.kind() == Kind::current_month_plus);
    CHECK(parsed.count() == 1);
  }
  SUBCASE("N is a whole number 0..120") {
    check_parses("0 dage", Kind::days, 0);
    check_parses("120 måneder", Kind::months, 120);
    check_parses("løbende måned + 120", Kind::current_month_plus, 120);
    check_rejected("121 dage");
    check_rejected("løbende måned + 121");
    check_rejected("1000 days");
    check_rejected("99999999999999999999 dage");
    check_rejected("-1 dage");
    check_rejected("+1 dage");
    check_rejected("1.5 dage");
    check_rejected("1,5 måneder");
    check_rejected("løbende måned + -1");
    check_rejected("løbende måned + 1.5");
    check_rejected("løbende måned + ");
    check_rejected("løbende uge +");
    check_rejected("dage");
  }
  SUBCASE("the by-laws' own words: these are all one rule (SPEC 6.1)") {
    for (const std::string_view text :
         {"løbende måned + 1", "løbende måned plus 1", "løbende måned plus én måned", "løbende måned + 1 måned",
          "lb. md. + 1", "Løbende Måned Plus Én Måned", "LB. MD. PLUS EN MÅNED", "lb.md.+1", "lb md + 1",
          "løbende måned plus et måned", "lb. md. + 1 md.", "løbende  måned\tplus\xC2\xA0én   måned"}) {
      check_parses(text, Kind::current_month_plus, 1);
      CHECK(end_for(text, "2025-11-18") == "2025-12-31");
    }
  }
  SUBCASE("Danish number words up to twelve") {
    const std::array<std::string_view, 12> words{"en", "to", "tre", "fire", "fem", "seks",
                                                 "syv", "otte", "ni", "ti", "elleve", "tolv"};
    for (std::size_t i = 0; i < words.size(); ++i) {
      const int n = static_cast<int>(i) + 1;
      check_parses(std::string("løbende måned plus ") + std::string(words[i]) + " måneder", Kind::current_month_plus, n);
      check_parses(std::string(words[i]) + " uger", Kind::weeks, n);
    }
    check_parses("én måned", Kind::months, 1);
    check_parses("et måned", Kind::months, 1);
    check_parses("TOLV MÅNEDER", Kind::months, 12);
    check_rejected("tretten måneder");
    check_rejected("nul dage");
  }
  SUBCASE("the unit after N: singular or plural, matching the rule") {
    check_parses("løbende måned + 2 måneder", Kind::current_month_plus, 2);
    check_parses("løbende måned + 2 måned", Kind::current_month_plus, 2);
    check_parses("løbende måned + 3 mdr.", Kind::current_month_plus, 3);
    check_parses("løbende uge + 1 uge", Kind::current_week_plus, 1);
    check_parses("løbende uge plus to uger", Kind::current_week_plus, 2);
    check_parses("lb. uge + 2", Kind::current_week_plus, 2);
    check_parses("current month plus 1 month", Kind::current_month_plus, 1);
    check_parses("current week + 2 weeks", Kind::current_week_plus, 2);
    check_parses("3 mdr.", Kind::months, 3);
    check_parses("3 mdr", Kind::months, 3);
    check_rejected("løbende måned + 1 uge");
    check_rejected("løbende uge + 1 måned");
    check_rejected("løbende måned + 1 month"); // one language per rule
    check_rejected("current month + 1 måned");
    check_rejected("løbende måned plus");
    check_rejected("løbende måned plus plus 1");
    check_rejected("løbende måned + 1 måned måned");
    check_rejected("lb. + 1");
    check_rejected("lb.. md. + 1");
  }
  SUBCASE("anything else is rejected") {
    check_rejected("");
    check_rejected("   ");
    check_rejected("om en måned");
    check_rejected("løbende måned");
    check_rejected("løbende måned 1");
    check_rejected("løbende måned - 1");
    check_rejected("løbende måned + 1 dage");
    check_rejected("løbende år + 1");
    check_rejected("løbendemåned + 1");
    check_rejected("løbende month + 1"); // one language per rule
    check_rejected("current måned + 1");
    check_rejected("14 timer");
    check_rejected("14 days.");
    check_rejected("14 dage 14 dage");
    check_rejected("ingen 0");
    check_rejected("0 ingen");
    check_rejected("nothing");
  }
}

TEST_CASE("calendar::NoticeRule::end_for") {
  SUBCASE("current month + 1 (the SPEC 6.1 examples)") {
    CHECK(end_for("løbende måned + 1", "2025-11-18") == "2025-12-31");
    CHECK(end_for("løbende måned + 1", "2024-01-31") == "2024-02-29");
    CHECK(end_for("løbende måned + 1", "2025-12-01") == "2026-01-31");
    CHECK(end_for("løbende måned + 1", "2025-11-30") == "2025-12-31");
    CHECK(end_for("current month + 1", "2025-11-01") == "2025-12-31");
  }
  SUBCASE("current month + other N") {
    CHECK(end_for("løbende måned + 0", "2025-11-18") == "2025-11-30");
    CHECK(end_for("løbende måned + 3", "2025-11-18") == "2026-02-28");
    CHECK(end_for("current month + 12", "2024-02-10") == "2025-02-28");
    CHECK(end_for("current month + 120", "2025-12-31") == "2035-12-31");
  }
  SUBCASE("current week + N ends on a Sunday") {
    CHECK(end_for("løbende uge + 2", "2025-11-19") == "2025-12-07");
    CHECK(end_for("current week + 0", "2025-11-23") == "2025-11-23");
    CHECK(end_for("current week + 0", "2025-11-17") == "2025-11-23");
    CHECK(end_for("løbende uge + 1", "2025-12-31") == "2026-01-11"); // across the year
    CHECK(end_for("løbende uge + 1", "2026-12-31") == "2027-01-10"); // from week 53
  }
  SUBCASE("days") {
    CHECK(end_for("14 dage", "2025-11-18") == "2025-12-02");
    CHECK(end_for("30 days", "2025-12-20") == "2026-01-19");
    CHECK(end_for("1 dag", "2024-02-28") == "2024-02-29");
    CHECK(end_for("0 days", "2025-11-18") == "2025-11-18");
  }
  SUBCASE("weeks") {
    CHECK(end_for("3 uger", "2025-11-18") == "2025-12-09");
    CHECK(end_for("2 weeks", "2025-12-25") == "2026-01-08");
    CHECK(end_for("1 uge", "2024-02-26") == "2024-03-04");
  }
  SUBCASE("months, day clamped") {
    CHECK(end_for("3 måneder", "2024-11-30") == "2025-02-28");
    CHECK(end_for("6 months", "2025-08-31") == "2026-02-28");
    CHECK(end_for("1 måned", "2024-01-31") == "2024-02-29");
    CHECK(end_for("12 months", "2024-02-29") == "2025-02-28");
    CHECK(end_for("2 måneder", "2025-11-18") == "2026-01-18");
  }
  SUBCASE("none") {
    CHECK(end_for("ingen", "2025-11-18") == "2025-11-18");
    CHECK(end_for("none", "2024-02-29") == "2024-02-29");
  }
}

TEST_CASE("calendar::NoticeRule::latest_given_for") {
  SUBCASE("current month + 1") {
    CHECK(latest_given_for("løbende måned + 1", "2026-01-31") == "2025-12-31");
    CHECK(latest_given_for("løbende måned + 1", "2026-01-15") == "2025-11-30");
    CHECK(latest_given_for("løbende måned + 1", "2026-03-01") == "2026-01-31");
    CHECK(latest_given_for("løbende måned + 1", "2024-02-29") == "2024-01-31");
  }
  SUBCASE("current month + 0 and + 120") {
    CHECK(latest_given_for("løbende måned + 0", "2025-11-30") == "2025-11-30");
    CHECK(latest_given_for("løbende måned + 0", "2025-11-29") == "2025-10-31");
    CHECK(latest_given_for("current month + 120", "2035-12-31") == "2025-12-31");
    CHECK(latest_given_for("current month + 120", "2035-12-30") == "2025-11-30");
  }
  SUBCASE("current week + N") {
    CHECK(latest_given_for("løbende uge + 1", "2025-12-28") == "2025-12-21");
    CHECK(latest_given_for("løbende uge + 0", "2025-11-26") == "2025-11-23");
    CHECK(latest_given_for("current week + 2", "2026-01-04") == "2025-12-21");
  }
  SUBCASE("days, weeks, months") {
    CHECK(latest_given_for("14 dage", "2026-01-31") == "2026-01-17");
    CHECK(latest_given_for("3 uger", "2025-12-09") == "2025-11-18");
    CHECK(latest_given_for("6 months", "2026-02-28") == "2025-08-31");
    CHECK(latest_given_for("1 måned", "2025-02-28") == "2025-01-31");
    CHECK(latest_given_for("1 måned", "2025-03-30") == "2025-02-28");
    CHECK(latest_given_for("120 months", "2035-01-31") == "2025-01-31");
  }
  SUBCASE("none") {
    CHECK(latest_given_for("ingen", "2025-11-18") == "2025-11-18");
  }
  SUBCASE("the answer is the last day that still makes the end, for every form") {
    const std::array<std::string_view, 10> rules{
        "løbende måned + 1", "current month + 0", "løbende måned + 13", "løbende uge + 1",
        "current week + 0",  "14 dage",           "3 uger",             "1 måned",
        "6 months",          "ingen"};
    const Date first = day("2023-12-01");
    for (const auto text : rules) {
      const auto r = rule(text);
      for (int offset = 0; offset < 800; ++offset) {
        const Date end = first + offset;
        const Date latest = r.latest_given_for(end);
        INFO(std::string(text), " end ", end.to_string(), " latest ", latest.to_string());
        REQUIRE(r.end_for(latest) <= end);
        REQUIRE(r.end_for(latest + 1) > end);
      }
    }
  }
}

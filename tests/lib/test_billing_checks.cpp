#include "billing/checks.hpp"

#include "books/contract.hpp"
#include "books/settings.hpp"
#include "books/timelog_toml.hpp"

#include "testutil.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <string>
#include <string_view>

using calendar::Date;
using testutil::day;

namespace {

constexpr std::string_view k_settings = R"toml([provider]
name    = "2nd Chance 2020"
cvr     = "38291742"
address = ["Ringstedvej 12", "4000 Roskilde"]
bank    = { reg = "5301", account = "4382917" }

[invoicing]
from = "2025-11"
vat_exemption_note = "Momsfritaget jf. momslovens § 13, stk. 1, nr. 2"
)toml";

// contracts/c1.toml: contract C1 from Monday 2025-11-03, 7.5 hours a week. `top` adds top-level
// keys, `tables` adds tables after [payer]. The id's value, and so the contract's location, is
// at line 1, column 6.
std::string contract_text(std::string_view top = "handleplan = 2025-10-20\n", std::string_view tables = "",
                          std::string_view start = "2025-11-03") {
  return "id = \"C1\"\n"
         "citizen = \"AB\"\n"
         "service = \"Støtte- og kontaktpersonsforløb\"\n"
         "start = " + std::string(start) + "\n"
         "hours_per_week = 7.5\n"
         "rate = 525.00\n" +
         std::string(top) +
         "[payer]\n"
         "kind = \"private\"\n"
         "name = \"Familien A\"\n"
         "address = [\"Skolevej 1\", \"4000 Roskilde\"]\n" +
         std::string(tables);
}

// The books from the texts (which must be valid), then check_books on `today`: every
// diagnostic as "path:line:col: warning: message", one per line, in output order.
std::string check(const std::string& contract, std::string_view timelog, std::string_view today,
                  const billing::CheckOptions& options = {}) {
  diag::Diagnostics diags;
  books::Books b;
  b.settings = books::load_settings("honorar.toml", std::string(k_settings), diags);
  books::Contract c;
  books::load_contract("contracts/c1.toml", contract, c, diags);
  b.contracts.push_back(std::move(c));
  const books::ContractIndex index(b.contracts);
  const auto texts = std::make_shared<books::TextArena>();
  b.text_storage.push_back(texts);
  books::load_timelog_toml("timelog/2025.toml", std::string(timelog), index, b.entries, b.expenses, *texts, diags);
  std::string loaded;
  for (const diag::Diagnostic& d : diags.items()) loaded += d.to_string() + "\n";
  REQUIRE_MESSAGE(diags.items().empty(), "the test books do not load cleanly:\n", loaded);

  billing::check_books(b, day(today), diags, options);
  diags.sort();
  CHECK(diags.error_count() == 0);
  std::string out;
  for (const diag::Diagnostic& d : diags.items()) out += d.to_string() + "\n";
  return out;
}

} // namespace

TEST_CASE("billing::check_books") {
  SUBCASE("clean books give no warnings") {
    const std::string timelog = "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-04\nhours = 7.5\n";
    CHECK(check(contract_text(), timelog, "2025-11-12") == "");
  }

  SUBCASE("an unlogged finished week") {
    CHECK(check(contract_text(), "", "2025-11-12") ==
          "contracts/c1.toml:1:6: warning: contract C1: week 2025-W45 is unlogged (no entries); it is billed as "
          "7.50 hours\n");
  }

  SUBCASE("a week is finished only after its last active day") {
    // Sunday 2025-11-16 is W46's last day: not finished on that day, finished the day after.
    CHECK(check(contract_text(), "", "2025-11-16") ==
          "contracts/c1.toml:1:6: warning: contract C1: week 2025-W45 is unlogged (no entries); it is billed as "
          "7.50 hours\n");
    CHECK(check(contract_text(), "", "2025-11-17") ==
          "contracts/c1.toml:1:6: warning: contract C1: week 2025-W45 is unlogged (no entries); it is billed as "
          "7.50 hours\n"
          "contracts/c1.toml:1:6: warning: contract C1: week 2025-W46 is unlogged (no entries); it is billed as "
          "7.50 hours\n");
  }

  SUBCASE("the last week of a course is finished after its last day") {
    CHECK(check(contract_text("handleplan = 2025-10-20\nend = 2025-11-12\n"), "", "2025-11-13") ==
          "contracts/c1.toml:1:6: warning: contract C1: week 2025-W45 is unlogged (no entries); it is billed as "
          "7.50 hours\n"
          "contracts/c1.toml:1:6: warning: contract C1: week 2025-W46 is unlogged (no entries); it is billed as "
          "3.21 hours\n");
  }

  SUBCASE("a week with an entry of any status is logged") {
    const std::string timelog =
        "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-09\nhours = 2\nstatus = \"citizen-absent\"\n";
    CHECK(check(contract_text(), timelog, "2025-11-12") == "");
  }

  SUBCASE("no unlogged warning for weeks before invoicing.from") {
    // W41..W43 are October's; W44 (2025-10-27..2025-11-02) is November's.
    CHECK(check(contract_text("handleplan = 2025-09-20\n", "", "2025-10-06"), "", "2025-11-04") ==
          "contracts/c1.toml:1:6: warning: contract C1: week 2025-W44 is unlogged (no entries); it is billed as "
          "7.50 hours\n");
  }

  SUBCASE("over-delivery") {
    const std::string timelog = "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-04\nhours = 9\n";
    CHECK(check(contract_text(), timelog, "2025-11-10") ==
          "contracts/c1.toml:1:6: warning: contract C1: week 2025-W45 is over-delivered by 1.50 hours (never "
          "billed, never carried over)\n");
  }

  SUBCASE("an entry on a day before the start") {
    const std::string timelog = "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-02\nhours = 2\n";
    CHECK(check(contract_text(), timelog, "2025-11-03") ==
          "timelog/2025.toml:1:1: warning: entry on 2025-11-02, a day contract C1 is not active: it is not "
          "counted\n");
  }

  SUBCASE("an entry inside an unbilled suspension") {
    const std::string timelog = "\n\n[[entry]]\ncontract = \"C1\"\ndate = 2025-11-05\nhours = 2\n";
    CHECK(check(contract_text("handleplan = 2025-10-20\n",
                              "[[suspension]]\nfrom = 2025-11-05\nto = 2025-11-06\n"),
                timelog, "2025-11-03") ==
          "timelog/2025.toml:3:1: warning: entry on 2025-11-05, a day contract C1 is not active: it is not "
          "counted\n");
  }

  SUBCASE("an entry inside a billed suspension") {
    const std::string timelog = "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-04\nhours = 7.5\n"
                                "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-11\nhours = 2\n";
    CHECK(check(contract_text("handleplan = 2025-10-20\n",
                              "[[suspension]]\nfrom = 2025-11-10\nto = 2025-11-12\nbilled = true\n"),
                timelog, "2025-11-12") ==
          "timelog/2025.toml:5:1: warning: entry on 2025-11-11, inside a billed suspension of contract C1: the day "
          "is billed in full and the entry is not counted\n");
  }

  SUBCASE("an expense dated before the start of a contract that runs on") {
    const std::string timelog = "[[expense]]\ncontract = \"C1\"\ndate = 2025-11-01\namount = 85.00\n"
                                "text = \"Biograf\"\n";
    CHECK(check(contract_text("handleplan = 2025-10-20\n", "[expenses]\nagreed = true\n"), timelog, "2025-11-03") ==
          "timelog/2025.toml:1:1: warning: expense dated 2025-11-01, outside contract C1 (2025-11-03 to open): it "
          "is billed all the same\n");
  }

  SUBCASE("an expense dated after the last day") {
    const std::string timelog = "[[expense]]\ncontract = \"C1\"\ndate = 2025-11-30\namount = 85.00\n"
                                "text = \"Biograf\"\n"
                                "[[expense]]\ncontract = \"C1\"\ndate = 2025-12-01\namount = 85.00\n"
                                "text = \"Biograf\"\n";
    CHECK(check(contract_text("handleplan = 2025-10-20\nend = 2025-11-30\n", "[expenses]\nagreed = true\n"),
                timelog, "2025-11-03") ==
          "timelog/2025.toml:6:1: warning: expense dated 2025-12-01, outside contract C1 (2025-11-03 to "
          "2025-11-30): it is billed all the same\n");
  }

  SUBCASE("a possible duplicate entry") {
    const std::string entry = "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-04\nhours = 2.5\n";
    CHECK(check(contract_text(), entry + entry, "2025-11-05") ==
          "timelog/2025.toml:5:1: warning: possible duplicate of the entry at timelog/2025.toml:1:1\n");
  }

  SUBCASE("a possible duplicate entry given by from and to") {
    const std::string entry = "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-04\nfrom = 09:00:00\nto = 11:30:00\n";
    CHECK(check(contract_text(), entry + entry, "2025-11-05") ==
          "timelog/2025.toml:6:1: warning: possible duplicate of the entry at timelog/2025.toml:1:1\n");
  }

  SUBCASE("duplicates in a log in date order and in one that goes back in time: each against its first alike") {
    // Five entries of one contract, on the 4th (1 hour) or the 6th (1.5 hours) of November; each
    // takes four lines, so entry k starts on line 4k + 1.
    auto log = [](std::initializer_list<int> days) {
      std::string text;
      for (const int d : days)
        text += "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-0" + std::to_string(d) + "\nhours = " +
                (d == 4 ? "1" : "1.5") + "\n";
      return text;
    };
    auto duplicate = [](int line, int of) {
      return fmt::format("timelog/2025.toml:{}:1: warning: possible duplicate of the entry at timelog/2025.toml:{}:1\n",
                         line, of);
    };
    // (Two ways of finding them: one pass while the log is in date order, else by week groups.)
    CHECK(check(contract_text(), log({4, 4, 4, 6, 6}), "2025-11-07") ==
          duplicate(5, 1) + duplicate(9, 1) + duplicate(17, 13));
    CHECK(check(contract_text(), log({4, 6, 4, 6, 4}), "2025-11-07") ==
          duplicate(9, 1) + duplicate(13, 5) + duplicate(17, 1));
  }

  SUBCASE("entries differing in status, date or hours are no duplicates") {
    const std::string timelog = "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-04\nhours = 2.5\n"
                                "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-04\nhours = 2.5\n"
                                "status = \"citizen-absent\"\n"
                                "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-05\nhours = 2.5\n"
                                "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-04\nhours = 2\n";
    CHECK(check(contract_text(), timelog, "2025-11-05") == "");
  }

  SUBCASE("a missing handleplan: a municipal payer's") {
    const std::string timelog = "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-04\nhours = 7.5\n";
    std::string municipal = contract_text("");
    municipal.replace(municipal.find("kind = \"private\""), 16,
                      "kind = \"municipality\"\nean = \"5798000000001\"\nreference = \"1234\"");
    CHECK(check(municipal, timelog, "2025-11-12") ==
          "contracts/c1.toml:1:6: warning: contract C1 has no 'handleplan' date: the payer's action plan is a "
          "precondition for the start (§9)\n");
  }

  SUBCASE("no handleplan warning for a private payer: the handleplan is the authority's (SPEC 1.2)") {
    const std::string timelog = "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-04\nhours = 7.5\n";
    CHECK(check(contract_text(""), timelog, "2025-11-12") == "");
  }

  SUBCASE("an expense dated before invoicing.from is never billed, inside the contract or not") {
    const std::string timelog = "[[expense]]\ncontract = \"C1\"\ndate = 2025-10-30\namount = 85.00\n"
                                "text = \"Biograf\"\n"
                                "[[expense]]\ncontract = \"C1\"\ndate = 2025-10-01\namount = 85.00\n"
                                "text = \"Biograf\"\n";
    const std::string warning = "warning: expense dated {}, before [invoicing] from (2025-11): honorar never bills "
                                "it (months before 'from' count as invoiced outside the tool)\n";
    const std::string contract = contract_text("handleplan = 2025-10-01\n", "[expenses]\nagreed = true\n", "2025-10-06");
    // By default one warning per contract, at its first such expense, with how many more there are.
    std::string first = fmt::format(fmt::runtime("timelog/2025.toml:1:1: " + warning), "2025-10-30");
    first.insert(first.size() - 1, "; 1 more expense of contract C1 is before it too (check --all lists it)");
    CHECK(check(contract, timelog, "2025-11-02") == first);
    CHECK(check(contract, timelog, "2025-11-02", {nullptr, true}) ==
          fmt::format(fmt::runtime("timelog/2025.toml:1:1: " + warning), "2025-10-30") +
              fmt::format(fmt::runtime("timelog/2025.toml:6:1: " + warning), "2025-10-01"));
  }

  SUBCASE("week warnings of weeks billed as they are now are settled history; --all shows them") {
    // Week 45 is over-delivered and week 46 unlogged; both billed with the hours they have now.
    const std::string timelog = "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-04\nhours = 9\n";
    billing::BilledState billed;
    const money::Money rate = *money::Money::parse("525.00");
    billed["C1"].weeks[{*calendar::parse_iso_week("2025-W45"), rate}] = *money::Hours::parse("7.50");
    billed["C1"].weeks[{*calendar::parse_iso_week("2025-W46"), rate}] = *money::Hours::parse("7.50");
    const std::string both = "contracts/c1.toml:1:6: warning: contract C1: week 2025-W45 is over-delivered by 1.50 "
                             "hours (never billed, never carried over)\n"
                             "contracts/c1.toml:1:6: warning: contract C1: week 2025-W46 is unlogged (no entries); "
                             "it is billed as 7.50 hours\n";
    CHECK(check(contract_text(), timelog, "2025-11-18") == both);
    CHECK(check(contract_text(), timelog, "2025-11-18", {&billed, false}) == "");
    CHECK(check(contract_text(), timelog, "2025-11-18", {&billed, true}) == both);
    SUBCASE("a billed week whose hours would change is not settled") {
      billed["C1"].weeks[{*calendar::parse_iso_week("2025-W46"), rate}] = *money::Hours::parse("5.00");
      CHECK(check(contract_text(), timelog, "2025-11-18", {&billed, false}) ==
            "contracts/c1.toml:1:6: warning: contract C1: week 2025-W46 is unlogged (no entries); it is billed as "
            "7.50 hours\n");
    }
  }
}

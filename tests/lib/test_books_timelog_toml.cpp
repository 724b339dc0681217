// books::load_timelog_toml: a TOML time log, entries and expenses.
#include "books/load.hpp"

#include "testutil.hpp"
#include "testutil_books.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

using books::Contract;
using books::EntryStatus;
using money::Money;
using money::Rational;
using testutil::day;
using testutil::entry;
using testutil::LoadedLog;
using testutil::report;
using testutil::two_contracts;

namespace {

constexpr std::string_view k_toml_log_path = "timelog/2025-11.toml";

LoadedLog load_toml_log(std::string text) {
  const std::vector<Contract> contracts = two_contracts();
  const books::ContractIndex index(contracts);
  diag::Diagnostics diags;
  LoadedLog out;
  books::load_timelog_toml(std::string(k_toml_log_path), std::move(text), index, out.entries, out.expenses, out.texts,
                           diags);
  out.diagnostics = report(diags);
  return out;
}

// The diagnostics of a time log whose only [[entry]] must be rejected.
std::string rejected_entry(std::string_view rest) {
  const LoadedLog loaded = load_toml_log(entry(rest));
  CHECK(loaded.entries.empty());
  return loaded.diagnostics;
}

} // namespace

TEST_CASE("books::load_timelog_toml") {
  SUBCASE("an entry with hours and every optional key") {
    const LoadedLog loaded = load_toml_log(R"([[entry]]
contract = "C2"
date = 2025-11-03
hours = 2.5
status = "citizen-absent"
staff = "KB"
note = "aflyst om morgenen"
)");
    CHECK(loaded.diagnostics == "");
    REQUIRE(loaded.entries.size() == 1);
    const books::Entry& e = loaded.entries[0];
    CHECK(e.contract == 1);
    CHECK(e.date == day("2025-11-03"));
    CHECK(e.hours == Rational(5, 2));
    CHECK(e.status == EntryStatus::citizen_absent);
    CHECK_FALSE(e.from_minute.has_value());
    CHECK_FALSE(e.to_minute.has_value());
    CHECK(e.staff() == "KB");
    CHECK(e.note() == "aflyst om morgenen");
    CHECK(e.where.to_string() == "timelog/2025-11.toml:1:1");
  }

  SUBCASE("the status defaults to delivered") {
    const LoadedLog loaded = load_toml_log(entry("hours = 1\n") + "\n" + entry("hours = 1\nstatus = \"staff-absent\"\n"));
    CHECK(loaded.diagnostics == "");
    REQUIRE(loaded.entries.size() == 2);
    CHECK(loaded.entries[0].status == EntryStatus::delivered);
    CHECK(loaded.entries[1].status == EntryStatus::staff_absent);
    CHECK(loaded.entries[1].where.line == 6);
  }

  SUBCASE("hours of 24 are the upper bound") {
    const LoadedLog loaded = load_toml_log(entry("hours = 24\n"));
    CHECK(loaded.diagnostics == "");
    REQUIRE(loaded.entries.size() == 1);
    CHECK(loaded.entries[0].hours == Rational(24));
  }

  SUBCASE("from/to as TOML local times") {
    const LoadedLog loaded = load_toml_log(entry("from = 09:00:00\nto = 11:30:00\n"));
    CHECK(loaded.diagnostics == "");
    REQUIRE(loaded.entries.size() == 1);
    CHECK(loaded.entries[0].hours == Rational(5, 2));
    CHECK(loaded.entries[0].from_minute == 9 * 60);
    CHECK(loaded.entries[0].to_minute == 11 * 60 + 30);
  }

  SUBCASE("from/to as \"HH:MM\" strings are exact") {
    const LoadedLog loaded = load_toml_log(entry("from = \"13:15\"\nto = \"14:05\"\n"));
    CHECK(loaded.diagnostics == "");
    REQUIRE(loaded.entries.size() == 1);
    CHECK(loaded.entries[0].hours == Rational(5, 6));
    CHECK(loaded.entries[0].from_minute == 13 * 60 + 15);
    CHECK(loaded.entries[0].to_minute == 14 * 60 + 5);
  }

  SUBCASE("a from/to string that is not HH:MM") {
    CHECK(rejected_entry("from = \"9:00\"\nto = \"24:00\"\n") ==
          "timelog/2025-11.toml:4:8: error: 'from' must be a time HH:MM, not \"9:00\"\n"
          "timelog/2025-11.toml:5:6: error: 'to' must be a time HH:MM, not \"24:00\"\n");
  }

  SUBCASE("hours and from/to both given") {
    CHECK(rejected_entry("hours = 2\nfrom = 09:00:00\nto = 11:00:00\n") ==
          "timelog/2025-11.toml:4:9: error: give either 'hours' or 'from'/'to', not both\n");
  }

  SUBCASE("neither hours nor from/to") {
    CHECK(rejected_entry("") == "timelog/2025-11.toml:1:1: error: [[entry]] needs 'hours' or 'from' and 'to'\n");
  }

  SUBCASE("from without to") {
    CHECK(rejected_entry("from = 09:00:00\n") ==
          "timelog/2025-11.toml:1:1: error: [[entry]] is missing the required key 'to'\n");
  }

  SUBCASE("to equal to from") {
    CHECK(rejected_entry("from = 09:00:00\nto = 09:00:00\n") ==
          "timelog/2025-11.toml:5:6: error: 'to' must be after 'from' on the same day\n");
  }

  SUBCASE("to before from") {
    CHECK(rejected_entry("from = \"22:00\"\nto = \"01:00\"\n") ==
          "timelog/2025-11.toml:5:6: error: 'to' must be after 'from' on the same day\n");
  }

  SUBCASE("a time with seconds") {
    CHECK(rejected_entry("from = 09:00:30\nto = 10:00:00\n") ==
          "timelog/2025-11.toml:4:8: error: 'from' must be in whole minutes\n");
  }

  SUBCASE("hours of 0") {
    CHECK(rejected_entry("hours = 0\n") == "timelog/2025-11.toml:4:9: error: 'hours' must be more than 0 and at most 24\n");
  }

  SUBCASE("hours above 24") {
    CHECK(rejected_entry("hours = 24.01\n") ==
          "timelog/2025-11.toml:4:9: error: 'hours' must be more than 0 and at most 24\n");
  }

  SUBCASE("hours with 3 decimals") {
    CHECK(rejected_entry("hours = 1.333\n") ==
          "timelog/2025-11.toml:4:9: error: 'hours' must have at most 2 decimals, not 1.333\n");
  }

  SUBCASE("Danish status names, case free (SPEC 1.3)") {
    const LoadedLog loaded = load_toml_log("[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\nhours = 1\nstatus = \"Afbud\"\n"
                                           "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-04\nhours = 1\nstatus = \"medarbejderfravær\"\n"
                                           "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-05\nhours = 1\nstatus = \"LEVERET\"\n");
    CHECK(loaded.diagnostics.empty());
    REQUIRE(loaded.entries.size() == 3);
    CHECK(loaded.entries[0].status == books::EntryStatus::citizen_absent);
    CHECK(loaded.entries[1].status == books::EntryStatus::staff_absent);
    CHECK(loaded.entries[2].status == books::EntryStatus::delivered);
  }

  SUBCASE("mistakes a Danish user makes get a message that says what to do, at the value") {
    CHECK(rejected_entry("hours = 2,5\n") ==
          "timelog/2025-11.toml:4:9: error: TOML syntax: 2,5 is not a number: use a decimal point: 2.5\n");
    CHECK(load_toml_log("[[entry]]\ncontract = \"C1\"\ndate = 2026-11-31\nhours = 2\n").diagnostics ==
          "timelog/2025-11.toml:3:8: error: TOML syntax: 2026-11-31 is not a date: November has 30 days\n");
    CHECK(load_toml_log("[[entry]]\ncontract = \"C1\"\ndate = \"2026-02-29\"\nhours = 2\n").diagnostics ==
          "timelog/2025-11.toml:3:8: error: 'date' must be a date YYYY-MM-DD, not \"2026-02-29\": February 2026 has 28 days\n");
    const std::string not_closed = "timelog/2025-11.toml:5:8: error: TOML syntax: this string has no closing \" on its "
                                   "line: add it (text over several lines goes in \"\"\")\n";
    CHECK(rejected_entry("hours = 2\nnote = \"møde med\nstaff = \"KB\"\n") == not_closed);
    CHECK(rejected_entry("hours = 2\nnote = \"møde med") == not_closed);
    CHECK(rejected_entry("hours = 2\nnote = \"møde \\\nmed\"\n") == not_closed);
    CHECK(rejected_entry("hours = 2\nnote = 'møde med\n") ==
          "timelog/2025-11.toml:5:8: error: TOML syntax: this string has no closing ' on its line: add it (text over "
          "several lines goes in ''')\n");
    CHECK(rejected_entry("hours = 2\nnote = \"\"\"møde\nmed\n") ==
          "timelog/2025-11.toml:5:8: error: TOML syntax: this \"\"\" string is never closed: add the closing \"\"\"\n");
  }

  SUBCASE("a comma between numbers in an array is no decimal comma") {
    CHECK(rejected_entry("hours = [2,5]\n") == "timelog/2025-11.toml:4:9: error: 'hours' must be a number, not an array\n");
  }

  SUBCASE("an unknown status") {
    CHECK(rejected_entry("hours = 2\nstatus = \"sick\"\n") ==
          "timelog/2025-11.toml:5:10: error: 'status' must be \"delivered\", \"citizen-absent\" or \"staff-absent\" "
          "(or in Danish \"leveret\", \"afbud\", \"udeblevet\", \"borgerfravær\", \"aflyst\", \"medarbejderfravær\"), "
          "not \"sick\"\n");
  }

  SUBCASE("an unknown contract is reported at the contract value") {
    const LoadedLog loaded = load_toml_log("[[entry]]\ncontract = \"C9\"\ndate = 2025-11-03\nhours = 2\n");
    CHECK(loaded.diagnostics == "timelog/2025-11.toml:2:12: error: unknown contract 'C9'\n");
    CHECK(loaded.entries.empty());
  }

  SUBCASE("a missing contract and date") {
    const LoadedLog loaded = load_toml_log("[[entry]]\nhours = 2\n");
    CHECK(loaded.diagnostics == "timelog/2025-11.toml:1:1: error: [[entry]] is missing the required key 'contract'\n"
                                "timelog/2025-11.toml:1:1: error: [[entry]] is missing the required key 'date'\n");
    CHECK(loaded.entries.empty());
  }

  SUBCASE("an unknown key in [[entry]]") {
    CHECK(rejected_entry("hours = 2\nnotes = \"x\"\n") ==
          "timelog/2025-11.toml:5:1: error: unknown key 'notes' in [[entry]] (did you mean 'note'?)\n");
  }

  SUBCASE("an unknown key in [[expense]]") {
    const LoadedLog loaded = load_toml_log(R"([[expense]]
contract = "C1"
date = 2025-11-05
amount = 85.00
text = "Biograf"
note = "x"
)");
    CHECK(loaded.diagnostics == "timelog/2025-11.toml:6:1: error: unknown key 'note' in [[expense]]\n");
    CHECK(loaded.expenses.empty());
  }

  SUBCASE("an unknown table in a time log") {
    CHECK(load_toml_log("[[entrys]]\ncontract = \"C1\"\n").diagnostics ==
          "timelog/2025-11.toml:1:3: error: unknown key 'entrys' in a time log (did you mean 'entry'?)\n");
  }

  SUBCASE("a CPR-like number in staff, note or text") {
    const LoadedLog loaded = load_toml_log(R"([[entry]]
contract = "C1"
date = 2025-11-03
hours = 2
staff = "0101901234"
note = "borgerens cpr 010190-1234"

[[expense]]
contract = "C1"
date = 2025-11-05
amount = 85.00
text = "Busbillet til 020290-4321"
)");
    CHECK(loaded.diagnostics ==
          "timelog/2025-11.toml:5:9: error: 'staff' contains what looks like a CPR number: never store CPR numbers (§5)\n"
          "timelog/2025-11.toml:6:8: error: 'note' contains what looks like a CPR number: never store CPR numbers (§5)\n"
          "timelog/2025-11.toml:12:8: error: 'text' contains what looks like a CPR number: never store CPR numbers (§5)\n");
    CHECK(loaded.entries.empty());
    CHECK(loaded.expenses.empty());
  }

  SUBCASE("an expense is read") {
    const LoadedLog loaded = load_toml_log(R"toml([[expense]]
contract = "C1"
date = 2025-11-05
amount = 85.00
text = "Biograf (entré)"
)toml");
    CHECK(loaded.diagnostics == "");
    REQUIRE(loaded.expenses.size() == 1);
    CHECK(loaded.expenses[0].contract == 0);
    CHECK(loaded.expenses[0].date == day("2025-11-05"));
    CHECK(loaded.expenses[0].amount == Money::from_units(85));
    CHECK(loaded.expenses[0].text == "Biograf (entré)");
    CHECK_FALSE(loaded.expenses[0].outlay);
    CHECK(loaded.expenses[0].where.to_string() == "timelog/2025-11.toml:1:1");
  }

  SUBCASE("an outlay: outlay = true, optional, default false (SPEC 1.3)") {
    const LoadedLog loaded = load_toml_log(R"toml([[expense]]
contract = "C1"
date = 2025-11-13
amount = 24.00
text = "Bus"
outlay = true

[[expense]]
contract = "C1"
date = 2025-11-14
amount = 85.00
text = "Biograf"
outlay = false
)toml");
    CHECK(loaded.diagnostics == "");
    REQUIRE(loaded.expenses.size() == 2);
    CHECK(loaded.expenses[0].outlay);
    CHECK_FALSE(loaded.expenses[1].outlay);
  }

  SUBCASE("an outlay flag that is not a TOML boolean") {
    const LoadedLog loaded = load_toml_log(R"toml([[expense]]
contract = "C1"
date = 2025-11-13
amount = 24.00
text = "Bus"
outlay = "ja"
)toml");
    CHECK(loaded.diagnostics == "timelog/2025-11.toml:6:10: error: 'outlay' must be true or false, not a string\n");
    CHECK(loaded.expenses.empty());
  }

  SUBCASE("an expense for a contract without an expense agreement") {
    const LoadedLog loaded = load_toml_log(R"([[expense]]
contract = "C2"
date = 2025-11-05
amount = 85.00
text = "Biograf"
)");
    CHECK(loaded.diagnostics == "timelog/2025-11.toml:2:12: error: expense for contract 'C2', which has no expense "
                                "agreement ([expenses] agreed = true, §11)\n");
    CHECK(loaded.expenses.empty());
  }

  SUBCASE("an expense amount of 0") {
    const LoadedLog loaded = load_toml_log(R"([[expense]]
contract = "C1"
date = 2025-11-05
amount = 0
text = "Biograf"
)");
    CHECK(loaded.diagnostics == "timelog/2025-11.toml:4:10: error: 'amount' must be more than 0 and at most 1000000\n");
    CHECK(loaded.expenses.empty());
  }

  SUBCASE("an expense whose text is empty or only whitespace") {
    for (const std::string_view text : {R"("")", R"(" \t ")", R"("\n")"}) {
      CAPTURE(text);
      const LoadedLog loaded = load_toml_log("[[expense]]\ncontract = \"C1\"\ndate = 2025-11-05\namount = 10\ntext = " +
                                             std::string(text) + "\n");
      CHECK(loaded.diagnostics == "timelog/2025-11.toml:5:8: error: 'text' is empty: give a value\n");
      CHECK(loaded.expenses.empty());
    }
  }

  SUBCASE("a bad entry does not stop the next one") {
    const LoadedLog loaded = load_toml_log(entry("hours = 0\n") + "\n" + entry("hours = 3\n"));
    CHECK(loaded.diagnostics == "timelog/2025-11.toml:4:9: error: 'hours' must be more than 0 and at most 24\n");
    REQUIRE(loaded.entries.size() == 1);
    CHECK(loaded.entries[0].hours == Rational(3));
    CHECK(loaded.entries[0].where.line == 6);
  }
}

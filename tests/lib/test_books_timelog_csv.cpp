// books::load_timelog_csv: a CSV time log.
#include "books/load.hpp"

#include "testutil.hpp"
#include "testutil_books.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

using books::Contract;
using books::EntryStatus;
using money::Rational;
using testutil::day;
using testutil::LoadedLog;
using testutil::report;
using testutil::two_contracts;

namespace {

constexpr std::string_view k_csv_log_path = "timelog/2025-11.csv";

LoadedLog load_csv_log(std::string_view text) {
  const std::vector<Contract> contracts = two_contracts();
  const books::ContractIndex index(contracts);
  diag::Diagnostics diags;
  LoadedLog out;
  books::load_timelog_csv(std::string(k_csv_log_path), text, index, out.entries, out.texts, diags);
  out.diagnostics = report(diags);
  return out;
}

} // namespace

TEST_CASE("books::load_timelog_csv") {
  SUBCASE("the header in any order with the optional columns") {
    const LoadedLog loaded = load_csv_log("note,status,staff,hours,date,contract\n"
                                          "kort møde,staff-absent,KB,1.25,2025-11-04,C2\n");
    CHECK(loaded.diagnostics == "");
    REQUIRE(loaded.entries.size() == 1);
    const books::Entry& e = loaded.entries[0];
    CHECK(e.contract == 1);
    CHECK(e.date == day("2025-11-04"));
    CHECK(e.hours == Rational(5, 4));
    CHECK(e.status == EntryStatus::staff_absent);
    CHECK(e.staff() == "KB");
    CHECK(e.note() == "kort møde");
    CHECK(e.where.to_string() == "timelog/2025-11.csv:2:1");
  }

  SUBCASE("only the required columns") {
    const LoadedLog loaded = load_csv_log("contract,date,hours,status\nC1,2025-11-03,2.5,citizen-absent\n");
    CHECK(loaded.diagnostics == "");
    REQUIRE(loaded.entries.size() == 1);
    CHECK(loaded.entries[0].contract == 0);
    CHECK(loaded.entries[0].hours == Rational(5, 2));
    CHECK(loaded.entries[0].status == EntryStatus::citizen_absent);
    CHECK(loaded.entries[0].staff() == "");
    CHECK(loaded.entries[0].note() == "");
  }

  SUBCASE("an empty status means delivered") {
    const LoadedLog loaded = load_csv_log("contract,date,hours,status\nC1,2025-11-03,2,\n");
    CHECK(loaded.diagnostics == "");
    REQUIRE(loaded.entries.size() == 1);
    CHECK(loaded.entries[0].status == EntryStatus::delivered);
  }

  SUBCASE("an unknown column with a hint") {
    CHECK(load_csv_log("contract,date,hour,status\n").diagnostics ==
          "timelog/2025-11.csv:1:1: error: the CSV header lacks the column 'hours' (needed: contract,date,hours,status)\n"
          "timelog/2025-11.csv:1:15: error: unknown CSV column 'hour' (did you mean 'hours'?)\n");
  }

  SUBCASE("an unknown extra column") {
    const LoadedLog loaded = load_csv_log("contract,date,hours,status,price\nC1,2025-11-03,2,,500\n");
    CHECK(loaded.diagnostics == "timelog/2025-11.csv:1:28: error: unknown CSV column 'price'\n");
    CHECK(loaded.entries.empty());
  }

  SUBCASE("a missing column") {
    const LoadedLog loaded = load_csv_log("contract,date,hours\nC1,2025-11-03,2\n");
    CHECK(loaded.diagnostics ==
          "timelog/2025-11.csv:1:1: error: the CSV header lacks the column 'status' (needed: contract,date,hours,status)\n");
    CHECK(loaded.entries.empty());
  }

  SUBCASE("a column named twice") {
    CHECK(load_csv_log("contract,date,hours,status,date\n").diagnostics ==
          "timelog/2025-11.csv:1:28: error: CSV column 'date' appears twice\n");
  }

  SUBCASE("a byte-order mark") {
    const LoadedLog loaded = load_csv_log("\xEF\xBB\xBF"
                                          "contract,date,hours,status\nC1,2025-11-03,2,\n");
    CHECK(loaded.diagnostics == "");
    REQUIRE(loaded.entries.size() == 1);
    CHECK(loaded.entries[0].contract == 0);
  }

  SUBCASE("a byte-order mark does not shift the columns of the header") {
    CHECK(load_csv_log("\xEF\xBB\xBF"
                       "contrakt,date,hours,status\n")
              .diagnostics ==
          "timelog/2025-11.csv:1:1: error: unknown CSV column 'contrakt' (did you mean 'contract'?)\n"
          "timelog/2025-11.csv:1:1: error: the CSV header lacks the column 'contract' (needed: contract,date,hours,status)\n");
  }

  SUBCASE("CRLF line ends") {
    const LoadedLog loaded = load_csv_log("contract,date,hours,status,note\r\n"
                                          "C1,2025-11-03,2,,første\r\n"
                                          "C1,2025-11-04,two,,anden\r\n"
                                          "C1,2025-11-05,3,delivered,tredje\r\n");
    CHECK(loaded.diagnostics ==
          "timelog/2025-11.csv:3:15: error: 'hours' must be a number with at most 2 decimals, not \"two\"\n");
    REQUIRE(loaded.entries.size() == 2);
    CHECK(loaded.entries[0].note() == "første");
    CHECK(loaded.entries[0].status == EntryStatus::delivered);
    CHECK(loaded.entries[1].note() == "tredje");
    CHECK(loaded.entries[1].where.line == 4);
  }

  SUBCASE("blank lines are ignored and do not shift line numbers") {
    const LoadedLog loaded = load_csv_log("\ncontract,date,hours,status\n\nC1,2025-11-03,2,\n\n\nC1,2025-11-04,3,\n\n");
    CHECK(loaded.diagnostics == "");
    REQUIRE(loaded.entries.size() == 2);
    CHECK(loaded.entries[0].where.line == 4);
    CHECK(loaded.entries[1].where.line == 7);
  }

  SUBCASE("quoted fields with commas and doubled quotes") {
    const LoadedLog loaded = load_csv_log("contract,date,hours,status,note\n"
                                          "\"C1\",2025-11-03,2,\"\",\"Møde, kommune \"\"ok\"\"\"\n");
    CHECK(loaded.diagnostics == "");
    REQUIRE(loaded.entries.size() == 1);
    CHECK(loaded.entries[0].note() == "Møde, kommune \"ok\"");
    CHECK(loaded.entries[0].status == EntryStatus::delivered);
  }

  SUBCASE("a quoted field spanning two lines") {
    const LoadedLog loaded = load_csv_log("contract,date,hours,status,note\n"
                                          "C1,2025-11-03,2,,\"første linje\nanden linje\"\n"
                                          "C1,2025-11-04,2,sick,\n"
                                          "C1,2025-11-05,2,,\"a\nb\",x\n"
                                          "C1,2025-11-06,1,,\n");
    CHECK(loaded.diagnostics ==
          "timelog/2025-11.csv:4:17: error: 'status' must be \"delivered\", \"citizen-absent\" or \"staff-absent\" (or in "
          "Danish \"leveret\", \"afbud\", \"udeblevet\", \"borgerfravær\", \"aflyst\", \"medarbejderfravær\"), not \"sick\"\n"
          "timelog/2025-11.csv:5:1: error: this CSV row has 6 fields, the header 5\n");
    REQUIRE(loaded.entries.size() == 2);
    CHECK(loaded.entries[0].note() == "første linje\nanden linje");
    CHECK(loaded.entries[0].where.line == 2);
    CHECK(loaded.entries[1].date == day("2025-11-06"));
    CHECK(loaded.entries[1].where.line == 7);
  }

  SUBCASE("a field after a quoted field spanning two lines has the column on its own line") {
    CHECK(load_csv_log("note,contract,date,hours,status\n"
                       "\"a\nbc\",C1,2025-11-03,two,\n")
              .diagnostics ==
          "timelog/2025-11.csv:3:19: error: 'hours' must be a number with at most 2 decimals, not \"two\"\n");
  }

  SUBCASE("a row with the wrong number of fields") {
    const LoadedLog loaded = load_csv_log("contract,date,hours,status\nC1,2025-11-03,2\nC1,2025-11-04,2,,\n");
    CHECK(loaded.diagnostics == "timelog/2025-11.csv:2:1: error: this CSV row has 3 fields, the header 4\n"
                                "timelog/2025-11.csv:3:1: error: this CSV row has 5 fields, the header 4\n");
    CHECK(loaded.entries.empty());
  }

  SUBCASE("a bad date") {
    CHECK(load_csv_log("contract,date,hours,status\nC1,2025-02-30,2,\nC1,3.11.2025,2,\n").diagnostics ==
          "timelog/2025-11.csv:2:4: error: 'date' must be a date YYYY-MM-DD, not \"2025-02-30\"\n"
          "timelog/2025-11.csv:3:4: error: 'date' must be a date YYYY-MM-DD, not \"3.11.2025\"\n");
  }

  SUBCASE("hours as a word") {
    const LoadedLog loaded = load_csv_log("contract,date,hours,status\nC1,2025-11-03,two,\n");
    CHECK(loaded.diagnostics ==
          "timelog/2025-11.csv:2:15: error: 'hours' must be a number with at most 2 decimals, not \"two\"\n");
    CHECK(loaded.entries.empty());
  }

  SUBCASE("hours with a decimal comma, 3 decimals, 0 or above 24") {
    CHECK(load_csv_log("contract,date,hours,status\n"
                       "C1,2025-11-03,\"2,5\",\n"
                       "C1,2025-11-03,1.333,\n"
                       "C1,2025-11-03,0,\n"
                       "C1,2025-11-03,24.01,\n")
              .diagnostics ==
          "timelog/2025-11.csv:2:15: error: 'hours' must be a number with at most 2 decimals, not \"2,5\"\n"
          "timelog/2025-11.csv:3:15: error: 'hours' must be a number with at most 2 decimals, not \"1.333\"\n"
          "timelog/2025-11.csv:4:15: error: 'hours' must be more than 0 and at most 24\n"
          "timelog/2025-11.csv:5:15: error: 'hours' must be more than 0 and at most 24\n");
  }

  SUBCASE("an unknown contract") {
    CHECK(load_csv_log("date,contract,hours,status\n2025-11-03,C9,2,\n").diagnostics ==
          "timelog/2025-11.csv:2:12: error: unknown contract 'C9'\n");
  }

  SUBCASE("a CPR-like number in staff or note") {
    CHECK(load_csv_log("contract,date,hours,status,staff,note\nC1,2025-11-03,2,,0101901234,ring 010190-1234\n")
              .diagnostics ==
          "timelog/2025-11.csv:2:18: error: 'staff' contains what looks like a CPR number: never store CPR numbers (§5)\n"
          "timelog/2025-11.csv:2:29: error: 'note' contains what looks like a CPR number: never store CPR numbers (§5)\n");
  }

  SUBCASE("a quoted field that is not closed") {
    CHECK(load_csv_log("contract,date,hours,status,note\nC1,2025-11-03,2,,\"open\n").diagnostics ==
          "timelog/2025-11.csv:2:18: error: CSV syntax: a quoted field is not closed\n");
  }

  SUBCASE("an empty file holds no entries") {
    const LoadedLog loaded = load_csv_log("");
    CHECK(loaded.diagnostics == "");
    CHECK(loaded.entries.empty());
  }
}

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
          "timelog/2025-11.csv:2:4: error: 'date' must be a date YYYY-MM-DD, not \"2025-02-30\": February 2025 has 28 days\n"
          "timelog/2025-11.csv:3:4: error: 'date' must be a date YYYY-MM-DD, not \"3.11.2025\"\n");
  }

  SUBCASE("a day the month does not have says so") {
    CHECK(load_csv_log("contract,date,hours,status\nC1,2026-11-31,2,\n").diagnostics ==
          "timelog/2025-11.csv:2:4: error: 'date' must be a date YYYY-MM-DD, not \"2026-11-31\": November has 30 days\n");
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
          "timelog/2025-11.csv:2:15: error: 'hours' must be a number with at most 2 decimals, not \"2,5\": use a decimal "
          "point (2.5), or ';' between the fields for a Danish CSV\n"
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

namespace {

// Every field of the entries, to compare two logs.
std::string describe(const std::vector<books::Entry>& entries) {
  std::string out;
  for (const books::Entry& e : entries)
    out += e.where.to_string() + " " + std::to_string(e.contract) + " " + e.date.to_string() + " " + e.hours.to_string() +
           " " + std::to_string(static_cast<int>(e.status)) + " " + std::string(e.staff()) + " " + std::string(e.note()) +
           "\n";
  return out;
}

} // namespace

TEST_CASE("books::load_timelog_csv reads a Danish CSV (SPEC 1.3)") {
  SUBCASE("a file saved by a Danish spreadsheet reads as the same log in plain CSV") {
    const LoadedLog danish = load_csv_log("\xEF\xBB\xBF" "Kontrakt;Dato;Timer;Status;Medarbejder;Note\r\n"
                                          "C1;05-11-2025;2,5;leveret;KB;\"møde; kommune\"\r\n"
                                          "C1;06.11.2025;1;Afbud;;\r\n"
                                          "C2;2025-11-07;0,25;udeblevet;KB;\r\n"
                                          "C2;08-11-2025;3,75;BORGERFRAVÆR;;\r\n"
                                          "C1;09-11-2025;2;aflyst;;ferie\r\n"
                                          "C1;10-11-2025;1,5;medarbejderfravær;;\r\n"
                                          "C1;11-11-2025;4;;;\r\n");
    const LoadedLog plain = load_csv_log("contract,date,hours,status,staff,note\n"
                                         "C1,2025-11-05,2.5,delivered,KB,møde; kommune\n"
                                         "C1,2025-11-06,1,citizen-absent,,\n"
                                         "C2,2025-11-07,0.25,citizen-absent,KB,\n"
                                         "C2,2025-11-08,3.75,citizen-absent,,\n"
                                         "C1,2025-11-09,2,staff-absent,,ferie\n"
                                         "C1,2025-11-10,1.5,staff-absent,,\n"
                                         "C1,2025-11-11,4,,,\n");
    CHECK(danish.diagnostics == "");
    CHECK(plain.diagnostics == "");
    REQUIRE(danish.entries.size() == 7);
    CHECK(describe(danish.entries) == describe(plain.entries));
  }
  SUBCASE("English column names and a decimal point are read too") {
    const LoadedLog loaded = load_csv_log("contract;date;hours;status\nC1;2025-11-05;2.5;\nC1;2025-11-06;\"1,25\";\n");
    CHECK(loaded.diagnostics == "");
    REQUIRE(loaded.entries.size() == 2);
    CHECK(loaded.entries[0].hours == Rational(5, 2));
    CHECK(loaded.entries[1].hours == Rational(5, 4));
  }
  SUBCASE("commas inside a field of a Danish CSV are text") {
    const LoadedLog loaded = load_csv_log("kontrakt;dato;timer;status;note\nC1;05-11-2025;2;;møde, kort\n");
    CHECK(loaded.diagnostics == "");
    REQUIRE(loaded.entries.size() == 1);
    CHECK(loaded.entries[0].note() == "møde, kort");
  }
  SUBCASE("the messages name the Danish forms and quote the field as written") {
    CHECK(load_csv_log("kontrakt;dato;timer;status\n"
                       "C1;31-11-2026;2;\n"
                       "C1;5-11-2025;2;\n"
                       "C1;05-11-2025;2,555;\n"
                       "C1;05-11-2025;25;\n"
                       "C1;05-11-2025;2;syg\n")
              .diagnostics ==
          "timelog/2025-11.csv:2:4: error: 'date' must be a date YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY, not \"31-11-2026\": "
          "November has 30 days\n"
          "timelog/2025-11.csv:3:4: error: 'date' must be a date YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY, not \"5-11-2025\"\n"
          "timelog/2025-11.csv:4:15: error: 'hours' must be a number with at most 2 decimals, not \"2,555\"\n"
          "timelog/2025-11.csv:5:15: error: 'hours' must be more than 0 and at most 24\n"
          "timelog/2025-11.csv:6:17: error: 'status' must be \"delivered\", \"citizen-absent\" or \"staff-absent\" (or in "
          "Danish \"leveret\", \"afbud\", \"udeblevet\", \"borgerfravær\", \"aflyst\", \"medarbejderfravær\"), not \"syg\"\n");
  }
  SUBCASE("the day first only in a Danish CSV") {
    CHECK(load_csv_log("contract,date,hours,status\nC1,05-11-2025,2,\n").diagnostics ==
          "timelog/2025-11.csv:2:4: error: 'date' must be a date YYYY-MM-DD, not \"05-11-2025\"\n");
  }
  SUBCASE("a Danish column name twice, in two languages") {
    CHECK(load_csv_log("kontrakt;dato;timer;status;contract\n").diagnostics ==
          "timelog/2025-11.csv:1:28: error: CSV column 'contract' appears twice\n");
  }
  SUBCASE("an unknown column suggests the Danish names too") {
    CHECK(load_csv_log("kontrakt;dato;timr;status\n").diagnostics ==
          "timelog/2025-11.csv:1:1: error: the CSV header lacks the column 'timer' (needed: kontrakt;dato;timer;status)\n"
          "timelog/2025-11.csv:1:15: error: unknown CSV column 'timr' (did you mean 'timer'?)\n");
  }
  SUBCASE("a ';' only after the header line does not make a Danish CSV") {
    const LoadedLog loaded = load_csv_log("contract,date,hours,status,note\nC1,2025-11-05,2,,a;b\n");
    CHECK(loaded.diagnostics == "");
    REQUIRE(loaded.entries.size() == 1);
    CHECK(loaded.entries[0].note() == "a;b");
  }
}

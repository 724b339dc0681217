// books::load_books: a whole books directory (settings, contracts, time logs, what is refused).
#include "books/load.hpp"

#include "testutil.hpp"
#include "testutil_books.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace fs = std::filesystem;
using money::Rational;
using testutil::entry;
using testutil::k_contract;
using testutil::k_settings;
using testutil::replace_key;
using testutil::report;
using testutil::with_contract;

namespace {

// A books directory under the system's temporary directory, removed again at the end.
class TempBooks : public testutil::TempDir {
public:
  TempBooks() : testutil::TempDir("honorar-test-books") {}
  const fs::path& root() const { return path(); }
};

std::string expense(std::string_view text) {
  return "[[expense]]\ncontract = \"C1\"\ndate = 2025-11-05\namount = 10\ntext = \"" + std::string(text) + "\"\n";
}

} // namespace

TEST_CASE("books::load_books") {
  SUBCASE("a missing directory") {
    const TempBooks temp;
    const fs::path missing = temp.root() / "nope";
    diag::Diagnostics diags;
    try {
      (void)books::load_books(missing, diags);
      FAIL("load_books did not throw");
    } catch (const diag::Error& e) {
      CHECK(e.kind() == diag::ErrorKind::missing);
      CHECK(std::string(e.what()) == "the books directory '" + missing.string() + "' does not exist");
    }
  }

  SUBCASE("a directory without honorar.toml") {
    const TempBooks temp;
    temp.write("contracts/c1.toml", k_contract);
    diag::Diagnostics diags;
    try {
      (void)books::load_books(temp.root(), diags);
      FAIL("load_books did not throw");
    } catch (const diag::Error& e) {
      CHECK(e.kind() == diag::ErrorKind::missing);
      CHECK(std::string(e.what()) ==
            "'" + temp.root().string() + "' has no honorar.toml: is it a books directory? (see honorar(5))");
    }
  }

  SUBCASE("settings, contracts and time logs are read") {
    const TempBooks temp;
    temp.write("honorar.toml", k_settings);
    temp.write("contracts/c1.toml", std::string(k_contract) + "\n[expenses]\nagreed = true\n");
    temp.write("contracts/c0.toml", replace_key(std::string(k_contract), "id", "id = \"C0\""));
    temp.write("contracts/notes.txt", "not a contract");
    temp.write("timelog/2025-11.toml", entry("from = \"13:15\"\nto = \"14:05\"\n"));
    const std::string log = "[[entry]]\ncontract = \"C0\"\ndate = 2025-11-04\nhours = 1\n";
    temp.write("timelog/2025-11-b.csv", "contract,date,hours,status\nC1,2025-11-06,3,\n");
    temp.write("timelog/2025-10.toml", log);
    diag::Diagnostics diags;
    const books::Books b = books::load_books(temp.root(), diags);
    CHECK(report(diags) == "");
    CHECK(b.root == temp.root());
    CHECK(b.settings.provider.cvr == "12345674");
    REQUIRE(b.contracts.size() == 2); // sorted by id
    CHECK(b.contracts[0].id == "C0");
    CHECK(b.contracts[0].where.to_string() == "contracts/c0.toml:1:6");
    CHECK(b.contracts[1].id == "C1");
    CHECK(b.contracts[1].expenses_agreed);
    REQUIRE(b.entries.size() == 3);
    // timelog/2025-10.toml < timelog/2025-11-b.csv < timelog/2025-11.toml ('-' < '.')
    CHECK(b.entries[0].where.to_string() == "timelog/2025-10.toml:1:1");
    CHECK(b.entries[0].contract == 0);
    CHECK(b.entries[1].where.to_string() == "timelog/2025-11-b.csv:2:1");
    CHECK(b.entries[1].hours == Rational(3));
    CHECK(b.entries[2].where.to_string() == "timelog/2025-11.toml:1:1");
    CHECK(b.entries[2].contract == 1);
    // 13:15-14:05 is 50 minutes: exactly 5/6 hour, never a rounded decimal.
    CHECK(b.entries[2].hours == Rational(5, 6));
  }

  SUBCASE("a contract id used in two files") {
    const TempBooks temp;
    temp.write("honorar.toml", k_settings);
    temp.write("contracts/a.toml", k_contract);
    temp.write("contracts/b.toml", replace_key(std::string(k_contract), "citizen", "citizen = \"CD\""));
    diag::Diagnostics diags;
    const books::Books b = books::load_books(temp.root(), diags);
    CHECK(report(diags) == "contracts/b.toml:1:6: error: contract id 'C1' is used twice (also in contracts/a.toml)\n");
    REQUIRE(b.contracts.size() == 1);
    CHECK(b.contracts[0].citizen == "AB");
  }

  SUBCASE("time-log files are read in byte order of their path, sub-folders included") {
    const TempBooks temp;
    temp.write("honorar.toml", k_settings);
    temp.write("contracts/c1.toml", std::string(k_contract) + "\n[expenses]\nagreed = true\n");
    temp.write("timelog/b.toml", expense("b"));
    temp.write("timelog/a/x.toml", expense("a/x") + "\n" + expense("a/x second"));
    temp.write("timelog/a.toml", expense("a"));
    temp.write("timelog/B.toml", expense("B"));
    temp.write("timelog/2025/nov.toml", expense("2025/nov"));
    temp.write("timelog/z.toml", expense("z"));
    temp.write("timelog/æ.toml", expense("æ"));
    temp.write("timelog/readme.md", "not a time log");
    diag::Diagnostics diags;
    const books::Books b = books::load_books(temp.root(), diags);
    CHECK(report(diags) == "");
    std::vector<std::string> texts;
    for (const books::Expense& x : b.expenses) texts.push_back(x.text);
    // '2' < 'B' < 'a'; "a.toml" < "a/x.toml" because '.' < '/'; UTF-8 bytes after ASCII.
    const std::vector<std::string> expected{"2025/nov", "B", "a", "a/x", "a/x second", "b", "z", "æ"};
    CHECK(texts == expected);
    REQUIRE(b.expenses.size() == expected.size());
    CHECK(b.expenses[3].where.to_string() == "timelog/a/x.toml:1:1");
    CHECK(b.expenses[4].where.to_string() == "timelog/a/x.toml:7:1");
  }

  SUBCASE("problems in several files are all reported") {
    const TempBooks temp;
    temp.write("honorar.toml", replace_key(std::string(k_settings), "cvr", "cvr = \"12345675\""));
    temp.write("contracts/c1.toml", with_contract("hours_per_weak = 8\n"));
    temp.write("timelog/a.csv", "contract,date,hours,status\nC1,2025-11-03,two,\n");
    temp.write("timelog/b.toml", entry("hours = 1\n") + expense("kaffe"));
    diag::Diagnostics diags;
    (void)books::load_books(temp.root(), diags);
    CHECK(report(diags) ==
          "contracts/c1.toml:1:1: error: unknown key 'hours_per_weak' in the contract (did you mean 'hours_per_week'?)\n"
          "honorar.toml:3:7: error: CVR number '12345675' is not valid (8 digits, modulus 11)\n"
          "timelog/a.csv:2:15: error: 'hours' must be a number with at most 2 decimals, not \"two\"\n"
          "timelog/b.toml:6:12: error: expense for contract 'C1', which has no expense agreement ([expenses] agreed = "
          "true, §11)\n");
  }

  SUBCASE("the entries of a contract file that does not parse get one note, not an error each") {
    const TempBooks temp;
    temp.write("honorar.toml", k_settings);
    temp.write("contracts/c1.toml", replace_key(std::string(k_contract), "hours_per_week", "hours_per_week = 7,5") +
                                        "\n[expenses]\nagreed = true\n");
    temp.write("timelog/a.csv", "contract,date,hours,status\nC9,2025-11-03,1,\nC1,2025-11-03,1,\nC1,2025-11-04,1,\n");
    temp.write("timelog/b.toml", entry("hours = 1\n") + expense("kaffe") + entry("hours = 2\n"));
    diag::Diagnostics diags;
    const books::Books b = books::load_books(temp.root(), diags);
    CHECK(report(diags) ==
          "contracts/c1.toml:5:18: error: TOML syntax: 7,5 is not a number: use a decimal point: 7.5\n"
          "timelog/a.csv:2:1: error: unknown contract 'C9'\n"
          "timelog/a.csv:3:1: error: 4 entries and 1 expense of contract 'C1' were skipped because contracts/c1.toml "
          "has errors\n");
    CHECK(b.entries.empty());
  }

  SUBCASE("one skipped entry") {
    const TempBooks temp;
    temp.write("honorar.toml", k_settings);
    temp.write("contracts/c1.toml", replace_key(std::string(k_contract), "citizen", "citizen = \"AB"));
    temp.write("timelog/b.toml", entry("hours = 1\n"));
    diag::Diagnostics diags;
    (void)books::load_books(temp.root(), diags);
    CHECK(report(diags) ==
          "contracts/c1.toml:2:11: error: TOML syntax: this string has no closing \" on its line: add it (text over "
          "several lines goes in \"\"\")\n"
          "timelog/b.toml:2:12: error: 1 entry of contract 'C1' was skipped because contracts/c1.toml has errors\n");
  }

  SUBCASE("without a readable id, each entry names the unknown contract as before") {
    const TempBooks temp;
    temp.write("honorar.toml", k_settings);
    temp.write("contracts/c1.toml", replace_key(std::string(k_contract), "id", "id = \"C1"));
    temp.write("timelog/b.toml", entry("hours = 1\n") + "\n" + entry("hours = 2\n"));
    diag::Diagnostics diags;
    (void)books::load_books(temp.root(), diags);
    CHECK(report(diags) ==
          "contracts/c1.toml:1:6: error: TOML syntax: this string has no closing \" on its line: add it (text over "
          "several lines goes in \"\"\")\n"
          "timelog/b.toml:2:12: error: unknown contract 'C1'\n"
          "timelog/b.toml:7:12: error: unknown contract 'C1'\n");
  }
}

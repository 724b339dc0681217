#include "books/load.hpp"
#include "books/contract.hpp"
#include "books/settings.hpp"
#include "books/timelog_csv.hpp"
#include "books/timelog_toml.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

using books::Contract;
using books::EntryStatus;
using books::PayerKind;
using calendar::Date;
using money::Hours;
using money::Money;
using money::Percent;
using money::Rational;

namespace {

namespace fs = std::filesystem;

Date day(std::string_view text) {
  const auto parsed = calendar::parse_date(text);
  REQUIRE_MESSAGE(parsed.has_value(), "test date does not parse: ", std::string(text));
  return *parsed;
}

// All diagnostics, one "path:line:col: error: message" per line, in the order `check` prints them.
std::string report(diag::Diagnostics& diags) {
  diags.sort();
  std::string out;
  for (const diag::Diagnostic& d : diags.items()) out += d.to_string() + "\n";
  return out;
}

// `text` with the line that sets `key` replaced by `line` (same line number).
std::string replace_key(std::string text, std::string_view key, std::string_view line) {
  const std::string prefix = std::string(key) + " =";
  std::size_t at = text.starts_with(prefix) ? 0 : text.find("\n" + prefix);
  REQUIRE_MESSAGE(at != std::string::npos, "test text lacks the key ", std::string(key));
  if (at != 0) ++at;
  const std::size_t end = text.find('\n', at);
  return text.replace(at, end - at, line);
}

// `text` without the line that sets `key` (later lines move up by one).
std::string remove_key(std::string text, std::string_view key) {
  const std::string prefix = std::string(key) + " =";
  std::size_t at = text.starts_with(prefix) ? 0 : text.find("\n" + prefix);
  REQUIRE_MESSAGE(at != std::string::npos, "test text lacks the key ", std::string(key));
  if (at != 0) ++at;
  const std::size_t end = text.find('\n', at);
  return text.erase(at, end == std::string::npos ? std::string::npos : end - at + 1);
}

// ---------------------------------------------------------------------------------------------
// Contracts

constexpr std::string_view k_contract_path = "contracts/c1.toml";

// A valid contract. Lines: 1 id, 2 citizen, 3 service, 4 start, 5 hours_per_week, 6 rate,
// 7 blank, 8 [payer], 9 kind, 10 name, 11 address, 12 ean, 13 reference. Text appended to it
// starts on line 14 and belongs to [payer] unless it opens a new table.
constexpr std::string_view k_contract = R"(id = "C1"
citizen = "AB"
service = "Støtte- og kontaktpersonsforløb"
start = 2025-03-03
hours_per_week = 7.5
rate = 525.00

[payer]
kind = "municipality"
name = "Roskilde Kommune"
address = ["Køgevej 80", "4000 Roskilde"]
ean = "5798000000001"
reference = "1234"
)";

struct LoadedContract {
  Contract contract;
  bool ok = false;
  std::string diagnostics;
};

LoadedContract load_contract(std::string text) {
  LoadedContract out;
  diag::Diagnostics diags;
  out.ok = books::load_contract(std::string(k_contract_path), std::move(text), out.contract, diags);
  out.diagnostics = report(diags);
  CHECK(out.ok == !diags.has_errors());
  return out;
}

// The diagnostics of a contract that must not load.
std::string contract_errors(std::string text) {
  const LoadedContract loaded = load_contract(std::move(text));
  CHECK_FALSE(loaded.ok);
  return loaded.diagnostics;
}

std::string with_contract(std::string_view first, std::string_view last = "") {
  return std::string(first) + std::string(k_contract) + std::string(last);
}

} // namespace

TEST_CASE("books::load_contract") {
  SUBCASE("a complete contract is read with every field") {
    const LoadedContract loaded = load_contract(R"(id = "2C-2025-014"
citizen = "ÆØ"
service = "Støtte- og kontaktpersonsforløb"
legal_basis = "Barnets Lov § 32"
case_ref = "27.24.12-G01-1234-25"
start = 2025-03-03
end = 2026-03-01
hours_per_week = 7.5
rate = 525.00
absence_billed = false
notice = "14 dage"
handleplan = 2025-02-20
status_reports = [2025-12-01, 2025-06-02]
vat = 25

[payer]
kind = "municipality"
name = "Roskilde Kommune"
address = ["Køgevej 80", "4000 Roskilde"]
ean = "5798000000001"
reference = "1234"
order = "PO-778"
accounting_cost = "5.20.12"
email = "borger@example.dk"

[[terms]]
from = 2026-01-01
rate = 540.00

[[terms]]
from = 2025-09-01
hours_per_week = 10

[termination]
given = 2025-11-18
end = 2026-06-30

[[suspension]]
from = 2025-12-22
to = 2026-01-04

[[suspension]]
from = 2025-07-07
to = 2025-07-20
billed = true

[expenses]
agreed = true
)");
    CHECK(loaded.diagnostics == "");
    REQUIRE(loaded.ok);
    const Contract& c = loaded.contract;
    CHECK(c.id == "2C-2025-014");
    CHECK(c.where.to_string() == "contracts/c1.toml:1:6");
    CHECK(c.citizen == "ÆØ");
    CHECK(c.service == "Støtte- og kontaktpersonsforløb");
    CHECK(c.legal_basis == "Barnets Lov § 32");
    CHECK(c.case_ref == "27.24.12-G01-1234-25");
    CHECK(c.start == day("2025-03-03"));
    CHECK(c.end == day("2026-03-01"));
    CHECK_FALSE(c.absence_billed);
    CHECK(c.notice.kind() == calendar::NoticeRule::Kind::days);
    CHECK(c.notice.count() == 14);
    CHECK(c.handleplan == day("2025-02-20"));
    CHECK(c.status_reports == std::vector<Date>{day("2025-06-02"), day("2025-12-01")});
    REQUIRE(c.vat.has_value());
    CHECK(c.vat->percent == Percent::from_units(25));

    CHECK(c.payer.kind == PayerKind::municipality);
    CHECK(c.payer.name == "Roskilde Kommune");
    CHECK(c.payer.address == std::vector<std::string>{"Køgevej 80", "4000 Roskilde"});
    CHECK(c.payer.ean == "5798000000001");
    CHECK(c.payer.reference == "1234");
    CHECK(c.payer.order == "PO-778");
    CHECK(c.payer.accounting_cost == "5.20.12");
    CHECK(c.payer.email == "borger@example.dk");

    // The [[terms]] changes, sorted by date, each completed with the values in force before it.
    REQUIRE(c.terms.size() == 3);
    CHECK(c.terms[0].from == day("2025-03-03"));
    CHECK(c.terms[0].hours_per_week == Hours::from_hundredths(750));
    CHECK(c.terms[0].rate == Money::from_units(525));
    CHECK(c.terms[1].from == day("2025-09-01"));
    CHECK(c.terms[1].hours_per_week == Hours::from_units(10));
    CHECK(c.terms[1].rate == Money::from_units(525));
    CHECK(c.terms[2].from == day("2026-01-01"));
    CHECK(c.terms[2].hours_per_week == Hours::from_units(10));
    CHECK(c.terms[2].rate == Money::from_units(540));

    REQUIRE(c.termination.has_value());
    CHECK(c.termination->given == day("2025-11-18"));
    CHECK(c.termination->end == day("2026-06-30"));
    CHECK(c.last_day() == day("2026-03-01")); // the earlier of `end` and termination.end

    REQUIRE(c.suspensions.size() == 2); // sorted by `from`
    CHECK(c.suspensions[0].from == day("2025-07-07"));
    CHECK(c.suspensions[0].to == day("2025-07-20"));
    CHECK(c.suspensions[0].billed);
    CHECK(c.suspensions[1].from == day("2025-12-22"));
    CHECK(c.suspensions[1].to == day("2026-01-04"));
    CHECK_FALSE(c.suspensions[1].billed);
    CHECK(c.expenses_agreed);
  }

  SUBCASE("optional keys left out take their defaults") {
    const LoadedContract loaded = load_contract(std::string(k_contract));
    CHECK(loaded.diagnostics == "");
    REQUIRE(loaded.ok);
    const Contract& c = loaded.contract;
    CHECK(c.legal_basis == "");
    CHECK(c.case_ref == "");
    CHECK_FALSE(c.end.has_value());
    CHECK(c.absence_billed);
    CHECK(c.notice.kind() == calendar::NoticeRule::Kind::current_month_plus);
    CHECK(c.notice.count() == 1);
    CHECK_FALSE(c.handleplan.has_value());
    CHECK(c.status_reports.empty());
    CHECK_FALSE(c.vat.has_value());
    CHECK(c.payer.order == "");
    CHECK_FALSE(c.termination.has_value());
    CHECK(c.suspensions.empty());
    CHECK_FALSE(c.expenses_agreed);
    CHECK_FALSE(c.last_day().has_value());
    REQUIRE(c.terms.size() == 1);
    CHECK(c.terms[0].from == day("2025-03-03"));
    CHECK(c.terms[0].hours_per_week == Hours::from_hundredths(750));
    CHECK(c.terms[0].rate == Money::from_hundredths(52500));
  }

  SUBCASE("a private payer needs neither EAN nor reference") {
    std::string text = replace_key(std::string(k_contract), "kind", R"(kind = "private")");
    text = remove_key(remove_key(std::move(text), "ean"), "reference");
    const LoadedContract loaded = load_contract(text);
    CHECK(loaded.diagnostics == "");
    CHECK(loaded.contract.payer.kind == PayerKind::private_payer);
    CHECK(loaded.contract.payer.ean == "");
  }

  SUBCASE("a mistyped top-level key is an error with a hint") {
    CHECK(contract_errors(with_contract("hours_per_weak = 8\n")) ==
          "contracts/c1.toml:1:1: error: unknown key 'hours_per_weak' in the contract (did you mean "
          "'hours_per_week'?)\n");
  }

  SUBCASE("an unknown top-level key without a close match has no hint") {
    CHECK(contract_errors(with_contract("colour = \"blue\"\n")) ==
          "contracts/c1.toml:1:1: error: unknown key 'colour' in the contract\n");
  }

  SUBCASE("a top-level key placed after [payer] belongs to [payer]") {
    CHECK(contract_errors(with_contract("", "absence_billed = false\n")) ==
          "contracts/c1.toml:14:1: error: unknown key 'absence_billed' in [payer]\n");
  }

  SUBCASE("an unknown key in [payer]") {
    CHECK(contract_errors(with_contract("", "emial = \"a@example.dk\"\n")) ==
          "contracts/c1.toml:14:1: error: unknown key 'emial' in [payer] (did you mean 'email'?)\n");
  }

  SUBCASE("an unknown key in [[terms]]") {
    CHECK(contract_errors(with_contract("", "\n[[terms]]\nfrom = 2026-01-01\nhours_per_weak = 8\n")) ==
          "contracts/c1.toml:15:1: error: [[terms]] needs 'rate' and/or 'hours_per_week'\n"
          "contracts/c1.toml:17:1: error: unknown key 'hours_per_weak' in [[terms]] (did you mean "
          "'hours_per_week'?)\n");
  }

  SUBCASE("an unknown key in [[suspension]]") {
    CHECK(contract_errors(with_contract("", "\n[[suspension]]\nfrom = 2025-07-07\nto = 2025-07-20\nbiled = true\n")) ==
          "contracts/c1.toml:18:1: error: unknown key 'biled' in [[suspension]] (did you mean 'billed'?)\n");
  }

  SUBCASE("a top-level key placed after [termination] belongs to [termination]") {
    CHECK(contract_errors(with_contract("", "\n[termination]\ngiven = 2025-11-18\nnotice = \"14 dage\"\n")) ==
          "contracts/c1.toml:17:1: error: unknown key 'notice' in [termination]\n");
  }

  SUBCASE("an unknown key in [expenses]") {
    CHECK(contract_errors(with_contract("", "\n[expenses]\nagred = true\n")) ==
          "contracts/c1.toml:16:1: error: unknown key 'agred' in [expenses] (did you mean 'agreed'?)\n");
  }

  SUBCASE("an empty file lacks every required key") {
    CHECK(contract_errors("") == "contracts/c1.toml:1:1: error: the contract is missing the required key 'id'\n"
                                 "contracts/c1.toml:1:1: error: the contract is missing the required key 'citizen'\n"
                                 "contracts/c1.toml:1:1: error: the contract is missing the required key 'service'\n"
                                 "contracts/c1.toml:1:1: error: the contract is missing the required key 'start'\n"
                                 "contracts/c1.toml:1:1: error: the contract is missing the required key 'payer'\n");
  }

  SUBCASE("required keys missing in the tables") {
    const std::string text = std::string(k_contract.substr(0, k_contract.find("[payer]"))) + R"([payer]
kind = "municipality"

[[terms]]
rate = 540.00

[termination]
end = 2026-06-30

[[suspension]]
to = 2025-07-20
)";
    CHECK(contract_errors(text) == "contracts/c1.toml:8:1: error: [payer] is missing the required key 'name'\n"
                                   "contracts/c1.toml:8:1: error: [payer] is missing the required key 'address'\n"
                                   "contracts/c1.toml:8:1: error: [payer] is missing the required key 'ean'\n"
                                   "contracts/c1.toml:8:1: error: [payer] is missing the required key 'reference'\n"
                                   "contracts/c1.toml:11:1: error: [[terms]] is missing the required key 'from'\n"
                                   "contracts/c1.toml:14:1: error: [termination] is missing the required key 'given'\n"
                                   "contracts/c1.toml:17:1: error: [[suspension]] is missing the required key 'from'\n");
  }

  SUBCASE("hours_per_week of 0") {
    CHECK(contract_errors(replace_key(std::string(k_contract), "hours_per_week", "hours_per_week = 0")) ==
          "contracts/c1.toml:5:18: error: 'hours_per_week' must be more than 0 and at most 168\n");
  }

  SUBCASE("hours_per_week above 168") {
    CHECK(contract_errors(replace_key(std::string(k_contract), "hours_per_week", "hours_per_week = 169")) ==
          "contracts/c1.toml:5:18: error: 'hours_per_week' must be more than 0 and at most 168\n");
  }

  SUBCASE("hours_per_week of 168 is the upper bound") {
    const LoadedContract loaded = load_contract(replace_key(std::string(k_contract), "hours_per_week", "hours_per_week = 168"));
    CHECK(loaded.diagnostics == "");
    CHECK(loaded.contract.terms.at(0).hours_per_week == Hours::from_units(168));
  }

  SUBCASE("hours_per_week with 3 decimals") {
    CHECK(contract_errors(replace_key(std::string(k_contract), "hours_per_week", "hours_per_week = 7.125")) ==
          "contracts/c1.toml:5:18: error: 'hours_per_week' must have at most 2 decimals, not 7.125\n");
  }

  SUBCASE("rate with an exponent") {
    CHECK(contract_errors(replace_key(std::string(k_contract), "rate", "rate = 5.25e2")) ==
          "contracts/c1.toml:6:8: error: 'rate' must be a plain decimal number, not 5.25e2\n");
  }

  SUBCASE("rate of 0") {
    CHECK(contract_errors(replace_key(std::string(k_contract), "rate", "rate = 0.00")) ==
          "contracts/c1.toml:6:8: error: 'rate' must be more than 0 and at most 100000\n");
  }

  SUBCASE("rate as a string") {
    CHECK(contract_errors(replace_key(std::string(k_contract), "rate", "rate = \"525\"")) ==
          "contracts/c1.toml:6:8: error: 'rate' must be a number, not a string\n");
  }

  SUBCASE("a date string that is not a day") {
    CHECK(contract_errors(replace_key(std::string(k_contract), "start", "start = \"2025-02-30\"")) ==
          "contracts/c1.toml:4:9: error: 'start' must be a date YYYY-MM-DD, not \"2025-02-30\"\n");
  }

  SUBCASE("a TOML date that is not a day is a syntax error") {
    CHECK(contract_errors(replace_key(std::string(k_contract), "start", "start = 2025-02-29")) ==
          "contracts/c1.toml:4:19: error: TOML syntax: Error while parsing date: expected day between 1 and 28 "
          "(inclusive), saw 29\n");
  }

  SUBCASE("a date given as a number") {
    CHECK(contract_errors(replace_key(std::string(k_contract), "start", "start = 20250303")) ==
          "contracts/c1.toml:4:9: error: 'start' must be a date (YYYY-MM-DD), not an integer\n");
  }

  SUBCASE("a date given as a date and time") {
    CHECK(contract_errors(replace_key(std::string(k_contract), "start", "start = 2025-03-03T09:00:00")) ==
          "contracts/c1.toml:4:9: error: 'start' must be a date (YYYY-MM-DD), not a date and time\n");
  }

  SUBCASE("a status report that is not a date") {
    CHECK(contract_errors(with_contract("status_reports = [2025-06-02, \"juni\"]\n")) ==
          "contracts/c1.toml:1:31: error: 'status_reports' must hold only dates (YYYY-MM-DD)\n");
  }

  SUBCASE("end before start") {
    CHECK(contract_errors(with_contract("end = 2025-03-02\n")) ==
          "contracts/c1.toml:1:7: error: 'end' is before 'start'\n");
  }

  SUBCASE("end on the start date is a one-day course") {
    const LoadedContract loaded = load_contract(with_contract("end = 2025-03-03\n"));
    CHECK(loaded.diagnostics == "");
    CHECK(loaded.contract.end == day("2025-03-03"));
  }

  SUBCASE("two [[terms]] entries with the same date") {
    CHECK(contract_errors(with_contract("", "\n[[terms]]\nfrom = 2026-01-01\nrate = 540.00\n"
                                            "\n[[terms]]\nfrom = 2026-01-01\nrate = 550.00\n")) ==
          "contracts/c1.toml:19:1: error: two [[terms]] entries start on 2026-01-01\n");
  }

  SUBCASE("[[terms]] from before the start") {
    CHECK(contract_errors(with_contract("", "\n[[terms]]\nfrom = 2025-01-01\nrate = 540.00\n")) ==
          "contracts/c1.toml:15:1: error: [[terms]] 'from' is before the contract's start\n");
  }

  SUBCASE("a [[terms]] entry before the start does not hide one on the start date") {
    std::string text = remove_key(remove_key(std::string(k_contract), "hours_per_week"), "rate");
    text += "\n[[terms]]\nfrom = 2025-03-03\nhours_per_week = 5\nrate = 500.00\n"
            "\n[[terms]]\nfrom = 2025-01-01\nrate = 400.00\n";
    CHECK(contract_errors(text) == "contracts/c1.toml:18:1: error: [[terms]] 'from' is before the contract's start\n");
  }

  SUBCASE("hours and rate from a [[terms]] entry on the start date") {
    std::string text = remove_key(remove_key(std::string(k_contract), "hours_per_week"), "rate");
    text += "\n[[terms]]\nfrom = 2025-03-03\nhours_per_week = 5\nrate = 500.00\n"
            "\n[[terms]]\nfrom = 2025-06-02\nhours_per_week = 6\n";
    const LoadedContract loaded = load_contract(text);
    CHECK(loaded.diagnostics == "");
    REQUIRE(loaded.contract.terms.size() == 2);
    CHECK(loaded.contract.terms[0].from == day("2025-03-03"));
    CHECK(loaded.contract.terms[0].hours_per_week == Hours::from_units(5));
    CHECK(loaded.contract.terms[0].rate == Money::from_units(500));
    CHECK(loaded.contract.terms[1].from == day("2025-06-02"));
    CHECK(loaded.contract.terms[1].hours_per_week == Hours::from_units(6));
    CHECK(loaded.contract.terms[1].rate == Money::from_units(500));
  }

  SUBCASE("a [[terms]] entry on the start date overrides the top-level values") {
    const LoadedContract loaded = load_contract(with_contract("", "\n[[terms]]\nfrom = 2025-03-03\nrate = 500.00\n"));
    CHECK(loaded.diagnostics == "");
    REQUIRE(loaded.contract.terms.size() == 1);
    CHECK(loaded.contract.terms[0].hours_per_week == Hours::from_hundredths(750));
    CHECK(loaded.contract.terms[0].rate == Money::from_units(500));
  }

  SUBCASE("hours and rate missing with no [[terms]] entry on the start date") {
    std::string text = remove_key(remove_key(std::string(k_contract), "hours_per_week"), "rate");
    text += "\n[[terms]]\nfrom = 2025-03-04\nhours_per_week = 5\nrate = 500.00\n";
    CHECK(contract_errors(text) ==
          "contracts/c1.toml:1:1: error: contract is missing 'hours_per_week' (or a [[terms]] entry from the start date)\n"
          "contracts/c1.toml:1:1: error: contract is missing 'rate' (or a [[terms]] entry from the start date)\n");
  }

  SUBCASE("a [[terms]] entry on the start date that gives only the hours") {
    std::string text = remove_key(remove_key(std::string(k_contract), "hours_per_week"), "rate");
    text += "\n[[terms]]\nfrom = 2025-03-03\nhours_per_week = 5\n";
    CHECK(contract_errors(text) ==
          "contracts/c1.toml:1:1: error: contract is missing 'rate' (or a [[terms]] entry from the start date)\n");
  }

  SUBCASE("an invalid notice rule") {
    CHECK(contract_errors(with_contract("notice = \"en måned\"\n")) ==
          "contracts/c1.toml:1:10: error: notice rule \"en måned\" does not parse (expected e.g. \"løbende måned + 1\", "
          "\"14 dage\", \"3 måneder\" or \"ingen\")\n");
  }

  SUBCASE("vat \"exempt\" overrides [invoicing]") {
    const LoadedContract loaded = load_contract(with_contract("vat = \"exempt\"\n"));
    CHECK(loaded.diagnostics == "");
    REQUIRE(loaded.contract.vat.has_value());
    CHECK(loaded.contract.vat->exempt());
  }

  SUBCASE("vat of 25 percent") {
    const LoadedContract loaded = load_contract(with_contract("vat = 25\n"));
    CHECK(loaded.diagnostics == "");
    REQUIRE(loaded.contract.vat.has_value());
    CHECK(loaded.contract.vat->percent == Percent::from_hundredths(2500));
  }

  SUBCASE("vat of 100 percent is the upper bound") {
    const LoadedContract loaded = load_contract(with_contract("vat = 100.00\n"));
    CHECK(loaded.diagnostics == "");
    REQUIRE(loaded.contract.vat.has_value());
    CHECK(loaded.contract.vat->percent == Percent::from_units(100));
  }

  SUBCASE("vat of 0") {
    CHECK(contract_errors(with_contract("vat = 0\n")) ==
          "contracts/c1.toml:1:7: error: 'vat' must be more than 0 and at most 100 percent\n");
  }

  SUBCASE("vat of 101") {
    CHECK(contract_errors(with_contract("vat = 101\n")) ==
          "contracts/c1.toml:1:7: error: 'vat' must be more than 0 and at most 100 percent\n");
  }

  SUBCASE("vat with 3 decimals") {
    CHECK(contract_errors(with_contract("vat = 12.125\n")) ==
          "contracts/c1.toml:1:7: error: 'vat' must have at most 2 decimals, not 12.125\n");
  }

  SUBCASE("vat as a word other than \"exempt\"") {
    CHECK(contract_errors(with_contract("vat = \"free\"\n")) ==
          "contracts/c1.toml:1:7: error: 'vat' must be \"exempt\" or a percentage such as 25, not \"free\"\n");
  }

  SUBCASE("a municipality without an EAN") {
    CHECK(contract_errors(remove_key(std::string(k_contract), "ean")) ==
          "contracts/c1.toml:8:1: error: [payer] is missing the required key 'ean'\n");
  }

  SUBCASE("a municipality with a bad EAN check digit") {
    CHECK(contract_errors(replace_key(std::string(k_contract), "ean", "ean = \"5798000111227\"")) ==
          "contracts/c1.toml:12:7: error: EAN number '5798000111227' is not valid (13 digits with a GS1 check digit)\n");
  }

  SUBCASE("a municipality without a reference") {
    CHECK(contract_errors(remove_key(std::string(k_contract), "reference")) ==
          "contracts/c1.toml:8:1: error: [payer] is missing the required key 'reference'\n");
  }

  SUBCASE("a municipality with an empty reference") {
    CHECK(contract_errors(replace_key(std::string(k_contract), "reference", "reference = \"\"")) ==
          "contracts/c1.toml:13:13: error: a municipality payer needs a non-empty 'reference'\n");
  }

  SUBCASE("an unknown payer kind") {
    CHECK(contract_errors(replace_key(std::string(k_contract), "kind", "kind = \"region\"")) ==
          "contracts/c1.toml:9:8: error: payer 'kind' must be \"municipality\" or \"private\", not \"region\"\n");
  }

  SUBCASE("an invalid contract id") {
    CHECK(contract_errors(replace_key(std::string(k_contract), "id", "id = \"C 1\"")) ==
          "contracts/c1.toml:1:6: error: contract id \"C 1\" must match [A-Za-z0-9][A-Za-z0-9._-]{0,63}\n");
  }

  SUBCASE("a CPR-like number in any free-text field of a contract") {
    std::string text = R"(id = "C1"
citizen = "010190-1234"
service = "Samtaler med 0101901234"
legal_basis = "Serviceloven § 85, 020290-4321"
case_ref = "0303031234"
start = 2025-03-03
hours_per_week = 7.5
rate = 525.00

[payer]
kind = "municipality"
name = "Borger 111111-1111"
address = ["Køgevej 80"]
ean = "5798000000001"
reference = "1212121212"
)";
    CHECK(contract_errors(text) ==
          "contracts/c1.toml:2:11: error: 'citizen' contains what looks like a CPR number: never store CPR numbers (§5)\n"
          "contracts/c1.toml:3:11: error: 'service' contains what looks like a CPR number: never store CPR numbers (§5)\n"
          "contracts/c1.toml:4:15: error: 'legal_basis' contains what looks like a CPR number: never store CPR numbers "
          "(§5)\n"
          "contracts/c1.toml:5:12: error: 'case_ref' contains what looks like a CPR number: never store CPR numbers (§5)\n"
          "contracts/c1.toml:12:8: error: 'name' contains what looks like a CPR number: never store CPR numbers (§5)\n"
          "contracts/c1.toml:15:13: error: 'reference' contains what looks like a CPR number: never store CPR numbers "
          "(§5)\n");
  }

  SUBCASE("a citizen of 32 characters, æøå counting one each") {
    const std::string citizen = "æøåÆØÅ" + std::string(26, 'x');
    const LoadedContract loaded = load_contract(replace_key(std::string(k_contract), "citizen", "citizen = \"" + citizen + "\""));
    CHECK(loaded.diagnostics == "");
    CHECK(loaded.contract.citizen == citizen);
  }

  SUBCASE("a citizen longer than 32 characters") {
    const std::string citizen = "æøåÆØÅ" + std::string(27, 'x');
    CHECK(contract_errors(replace_key(std::string(k_contract), "citizen", "citizen = \"" + citizen + "\"")) ==
          "contracts/c1.toml:2:11: error: 'citizen' must be initials or a pseudonym of at most 32 characters\n");
  }

  SUBCASE("a [[suspension]] that ends before it starts") {
    CHECK(contract_errors(with_contract("", "\n[[suspension]]\nfrom = 2025-07-20\nto = 2025-07-07\n")) ==
          "contracts/c1.toml:17:6: error: [[suspension]] 'to' is before 'from'\n");
  }

  SUBCASE("a TOML syntax error is reported at its location") {
    CHECK(contract_errors(replace_key(std::string(k_contract), "rate", "rate = 525,00")) ==
          "contracts/c1.toml:6:11: error: TOML syntax: Error while parsing key-value pair: expected a comment or "
          "whitespace, saw ','\n");
  }
}

// ---------------------------------------------------------------------------------------------
// honorar.toml

namespace {

// Lines: 1 [provider], 2 name, 3 cvr, 4 address, 5 email, 6 bank, 7 blank, 8 [invoicing], 9 from,
// 10 first_number, 11 payment_terms, 12 vat, 13 vat_exemption_note.
constexpr std::string_view k_settings = R"([provider]
name = "2nd Chance 2020"
cvr = "12345674"
address = ["Hovedgaden 1", "4000 Roskilde"]
email = "faktura@example.dk"
bank = { reg = "1234", account = "1234567890" }

[invoicing]
from = "2025-11"
first_number = 1001
payment_terms = "løbende måned + 30 dage"
vat = "exempt"
vat_exemption_note = "Momsfritaget jf. momslovens § 13, stk. 1, nr. 2"
)";

struct LoadedSettings {
  books::Settings settings;
  std::string diagnostics;
};

LoadedSettings load_settings(std::string text) {
  diag::Diagnostics diags;
  LoadedSettings out{books::load_settings("honorar.toml", std::move(text), diags), {}};
  out.diagnostics = report(diags);
  return out;
}

} // namespace

TEST_CASE("books::load_settings") {
  SUBCASE("complete settings are read with every field") {
    const LoadedSettings loaded = load_settings(std::string(k_settings));
    CHECK(loaded.diagnostics == "");
    const books::Settings& s = loaded.settings;
    CHECK(s.provider.name == "2nd Chance 2020");
    CHECK(s.provider.cvr == "12345674");
    CHECK(s.provider.address == std::vector<std::string>{"Hovedgaden 1", "4000 Roskilde"});
    CHECK(s.provider.email == "faktura@example.dk");
    CHECK(s.provider.bank.reg == "1234");
    CHECK(s.provider.bank.account == "1234567890");
    CHECK(s.provider.bank.iban == "");
    CHECK(s.invoicing.from.to_string() == "2025-11");
    CHECK(s.invoicing.first_number == 1001);
    CHECK(s.invoicing.payment_terms.from_month_end());
    CHECK(s.invoicing.payment_terms.days() == 30);
    CHECK(s.invoicing.vat.exempt());
    CHECK(s.invoicing.vat_exemption_note == "Momsfritaget jf. momslovens § 13, stk. 1, nr. 2");
  }

  SUBCASE("optional keys left out take their defaults") {
    std::string text = remove_key(remove_key(std::string(k_settings), "first_number"), "payment_terms");
    text = remove_key(remove_key(std::move(text), "vat"), "email");
    const LoadedSettings loaded = load_settings(text);
    CHECK(loaded.diagnostics == "");
    CHECK(loaded.settings.provider.email == "");
    CHECK(loaded.settings.invoicing.first_number == 1);
    CHECK_FALSE(loaded.settings.invoicing.payment_terms.from_month_end());
    CHECK(loaded.settings.invoicing.payment_terms.days() == 30);
    CHECK(loaded.settings.invoicing.vat.exempt());
  }

  SUBCASE("a bank account given as IBAN and BIC") {
    const LoadedSettings loaded = load_settings(
        replace_key(std::string(k_settings), "bank", R"(bank = { iban = "DK50 0040 0440 1162 43", bic = "NDEADKKK" })"));
    CHECK(loaded.diagnostics == "");
    CHECK(loaded.settings.provider.bank.iban == "DK5000400440116243");
    CHECK(loaded.settings.provider.bank.bic == "NDEADKKK");
    CHECK(loaded.settings.provider.bank.reg == "");
  }

  SUBCASE("an invalid CVR") {
    CHECK(load_settings(replace_key(std::string(k_settings), "cvr", "cvr = \"12345675\"")).diagnostics ==
          "honorar.toml:3:7: error: CVR number '12345675' is not valid (8 digits, modulus 11)\n");
  }

  SUBCASE("a CVR of 9 digits") {
    CHECK(load_settings(replace_key(std::string(k_settings), "cvr", "cvr = \"123456740\"")).diagnostics ==
          "honorar.toml:3:7: error: CVR number '123456740' is not valid (8 digits, modulus 11)\n");
  }

  SUBCASE("a CVR given as a number") {
    CHECK(load_settings(replace_key(std::string(k_settings), "cvr", "cvr = 12345674")).diagnostics ==
          "honorar.toml:3:7: error: 'cvr' must be a string, not an integer\n");
  }

  SUBCASE("an unknown key in [provider]") {
    CHECK(load_settings(replace_key(std::string(k_settings), "email", "emial = \"a@example.dk\"")).diagnostics ==
          "honorar.toml:5:1: error: unknown key 'emial' in [provider] (did you mean 'email'?)\n");
  }

  SUBCASE("an unknown key in the bank table") {
    CHECK(load_settings(replace_key(std::string(k_settings), "bank",
                                    R"(bank = { reg = "1234", acount = "1234567890" })"))
              .diagnostics == "honorar.toml:6:8: error: bank needs both 'reg' and 'account'\n"
                              "honorar.toml:6:24: error: unknown key 'acount' in bank (did you mean 'account'?)\n");
  }

  SUBCASE("a top-level key after [invoicing] belongs to [invoicing]") {
    CHECK(load_settings(std::string(k_settings) + "documents = {}\n").diagnostics ==
          "honorar.toml:14:1: error: unknown key 'documents' in [invoicing]\n");
  }

  SUBCASE("[provider] and [invoicing] missing") {
    CHECK(load_settings("").diagnostics == "honorar.toml:1:1: error: honorar.toml is missing the required key 'provider'\n"
                                          "honorar.toml:1:1: error: honorar.toml is missing the required key 'invoicing'\n");
  }

  SUBCASE("[invoicing] from that is not a month") {
    CHECK(load_settings(replace_key(std::string(k_settings), "from", "from = \"2025-13\"")).diagnostics ==
          "honorar.toml:9:8: error: 'from' must be a month YYYY-MM, not \"2025-13\"\n");
  }

  SUBCASE("payment terms that do not parse") {
    CHECK(load_settings(replace_key(std::string(k_settings), "payment_terms", "payment_terms = \"netto\""))
              .diagnostics == "honorar.toml:11:17: error: payment terms \"netto\" do not parse (expected e.g. \"30 "
                              "dage\" or \"løbende måned + 30 dage\")\n");
  }

  SUBCASE("vat of 25 percent") {
    const LoadedSettings loaded = load_settings(replace_key(std::string(k_settings), "vat", "vat = 25"));
    CHECK(loaded.diagnostics == "");
    CHECK(loaded.settings.invoicing.vat.percent == Percent::from_units(25));
  }

  SUBCASE("vat of 0") {
    CHECK(load_settings(replace_key(std::string(k_settings), "vat", "vat = 0")).diagnostics ==
          "honorar.toml:12:7: error: 'vat' must be more than 0 and at most 100 percent\n");
  }

  SUBCASE("vat as a word other than \"exempt\"") {
    CHECK(load_settings(replace_key(std::string(k_settings), "vat", "vat = \"free\"")).diagnostics ==
          "honorar.toml:12:7: error: 'vat' must be \"exempt\" or a percentage such as 25, not \"free\"\n");
  }

  SUBCASE("exempt VAT without an exemption note") {
    CHECK(load_settings(remove_key(std::string(k_settings), "vat_exemption_note")).diagnostics ==
          "honorar.toml:8:1: error: [invoicing] needs a 'vat_exemption_note' when vat is \"exempt\"\n");
  }

  SUBCASE("VAT exempt by default without an exemption note") {
    std::string text = remove_key(remove_key(std::string(k_settings), "vat_exemption_note"), "vat");
    CHECK(load_settings(text).diagnostics ==
          "honorar.toml:8:1: error: [invoicing] needs a 'vat_exemption_note' when vat is \"exempt\"\n");
  }

  SUBCASE("exempt VAT with an empty exemption note") {
    CHECK(load_settings(replace_key(std::string(k_settings), "vat_exemption_note", "vat_exemption_note = \"\""))
              .diagnostics == "honorar.toml:13:22: error: [invoicing] needs a 'vat_exemption_note' when vat is \"exempt\"\n");
  }

  SUBCASE("no exemption note is needed with a VAT percentage") {
    std::string text = remove_key(std::string(k_settings), "vat_exemption_note");
    const LoadedSettings loaded = load_settings(replace_key(std::move(text), "vat", "vat = 25"));
    CHECK(loaded.diagnostics == "");
  }
}

// ---------------------------------------------------------------------------------------------
// Time logs

namespace {

// C1 has an expense agreement, C2 has none.
std::vector<Contract> two_contracts() {
  std::vector<Contract> contracts(2);
  contracts[0].id = "C1";
  contracts[0].expenses_agreed = true;
  contracts[1].id = "C2";
  return contracts;
}

struct LoadedLog {
  std::vector<books::Entry> entries;
  std::vector<books::Expense> expenses;
  books::TextArena texts; // what the entries' staff and note point into
  std::string diagnostics;
};

constexpr std::string_view k_toml_log_path = "timelog/2025-11.toml";
constexpr std::string_view k_csv_log_path = "timelog/2025-11.csv";

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

LoadedLog load_csv_log(std::string_view text) {
  const std::vector<Contract> contracts = two_contracts();
  const books::ContractIndex index(contracts);
  diag::Diagnostics diags;
  LoadedLog out;
  books::load_timelog_csv(std::string(k_csv_log_path), text, index, out.entries, out.texts, diags);
  out.diagnostics = report(diags);
  return out;
}

// An [[entry]] on lines 1-3 followed by `rest` (from line 4 on).
std::string entry(std::string_view rest) {
  return "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\n" + std::string(rest);
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

  SUBCASE("an unknown status") {
    CHECK(rejected_entry("hours = 2\nstatus = \"sick\"\n") ==
          "timelog/2025-11.toml:5:10: error: 'status' must be \"delivered\", \"citizen-absent\" or \"staff-absent\", "
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
    CHECK(loaded.expenses[0].where.to_string() == "timelog/2025-11.toml:1:1");
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

  SUBCASE("an expense with an empty text") {
    const LoadedLog loaded = load_toml_log(R"([[expense]]
contract = "C1"
date = 2025-11-05
amount = 10
text = ""
)");
    CHECK(loaded.diagnostics == "timelog/2025-11.toml:5:8: error: 'text' must say what the expense was\n");
    CHECK(loaded.expenses.empty());
  }

  SUBCASE("a bad entry does not stop the next one") {
    const LoadedLog loaded = load_toml_log(entry("hours = 0\n") + "\n" + entry("hours = 3\n"));
    CHECK(loaded.diagnostics == "timelog/2025-11.toml:4:9: error: 'hours' must be more than 0 and at most 24\n");
    REQUIRE(loaded.entries.size() == 1);
    CHECK(loaded.entries[0].hours == Rational(3));
    CHECK(loaded.entries[0].where.line == 6);
  }
}

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
          "timelog/2025-11.csv:4:17: error: 'status' must be \"delivered\", \"citizen-absent\" or \"staff-absent\", not \"sick\"\n"
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

// ---------------------------------------------------------------------------------------------
// A books directory

namespace {

// A books directory under the system's temporary directory, removed again at the end.
class TempBooks {
public:
  TempBooks() {
    static std::atomic<int> counter{0};
    std::random_device random;
    const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    m_root = fs::temp_directory_path() /
             ("honorar-test-books-" + std::to_string(stamp) + "-" + std::to_string(random()) + "-" +
              std::to_string(counter++));
    fs::create_directories(m_root);
  }
  ~TempBooks() {
    std::error_code ec;
    fs::remove_all(m_root, ec);
  }
  TempBooks(const TempBooks&) = delete;
  TempBooks& operator=(const TempBooks&) = delete;

  const fs::path& root() const { return m_root; }

  void write(const std::string& rel, std::string_view text) const {
    const fs::path path = m_root / rel;
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << text;
    REQUIRE_MESSAGE(out.good(), "cannot write ", path.string());
  }

private:
  fs::path m_root;
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
}

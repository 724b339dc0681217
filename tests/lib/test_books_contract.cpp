// books::load_contract: one contract file, every key and every error.
#include "books/load.hpp"

#include "testutil.hpp"
#include "testutil_books.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

using books::Contract;
using books::PayerKind;
using calendar::Date;
using money::Hours;
using money::Money;
using money::Percent;
using testutil::day;
using testutil::k_contract;
using testutil::remove_key;
using testutil::replace_key;
using testutil::report;
using testutil::with_contract;

namespace {

constexpr std::string_view k_contract_path = "contracts/c1.toml";

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
          "contracts/c1.toml:4:9: error: 'start' must be a date YYYY-MM-DD, not \"2025-02-30\": February 2025 has 28 days\n");
  }

  SUBCASE("a TOML date that is not a day is a syntax error") {
    CHECK(contract_errors(replace_key(std::string(k_contract), "start", "start = 2025-02-29")) ==
          "contracts/c1.toml:4:9: error: TOML syntax: 2025-02-29 is not a date: February 2025 has 28 days\n");
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
    CHECK(contract_errors(with_contract("notice = \"om en måned\"\n")) ==
          "contracts/c1.toml:1:10: error: notice rule \"om en måned\" does not parse (expected e.g. \"løbende måned + 1\", "
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

  SUBCASE("vat below 1 percent (Peppol BR-CO-17)") {
    CHECK(contract_errors(with_contract("vat = 0.5\n")) ==
          "contracts/c1.toml:1:7: error: 'vat' must be at least 1 and at most 100 percent\n");
  }

  SUBCASE("vat of 0") {
    CHECK(contract_errors(with_contract("vat = 0\n")) ==
          "contracts/c1.toml:1:7: error: 'vat' must be at least 1 and at most 100 percent\n");
  }

  SUBCASE("vat of 101") {
    CHECK(contract_errors(with_contract("vat = 101\n")) ==
          "contracts/c1.toml:1:7: error: 'vat' must be at least 1 and at most 100 percent\n");
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
          "contracts/c1.toml:13:13: error: 'reference' is empty: give a value\n");
  }

  SUBCASE("required text values that are empty or only whitespace") {
    CHECK(contract_errors(replace_key(std::string(k_contract), "citizen", "citizen = \"\"")) ==
          "contracts/c1.toml:2:11: error: 'citizen' is empty: give a value\n");
    CHECK(contract_errors(replace_key(std::string(k_contract), "service", "service = \" \"")) ==
          "contracts/c1.toml:3:11: error: 'service' is empty: give a value\n");
    CHECK(contract_errors(replace_key(std::string(k_contract), "name", "name = \"\\t\\n\"")) ==
          "contracts/c1.toml:10:8: error: 'name' is empty: give a value\n");
    CHECK(contract_errors(replace_key(std::string(k_contract), "reference", "reference = \"   \"")) ==
          "contracts/c1.toml:13:13: error: 'reference' is empty: give a value\n");
  }

  SUBCASE("optional text values given empty or only whitespace") {
    CHECK(contract_errors(with_contract("", "order = \" \"\n")) ==
          "contracts/c1.toml:14:9: error: 'order' is empty: leave the key out or give a value\n");
    CHECK(contract_errors(with_contract("", "accounting_cost = \"\"\n")) ==
          "contracts/c1.toml:14:19: error: 'accounting_cost' is empty: leave the key out or give a value\n");
    CHECK(contract_errors(with_contract("", "email = \" \"\n")) ==
          "contracts/c1.toml:14:9: error: 'email' is empty: leave the key out or give a value\n");
    CHECK(contract_errors(with_contract("legal_basis = \"\"\ncase_ref = \" \"\n")) ==
          "contracts/c1.toml:1:15: error: 'legal_basis' is empty: leave the key out or give a value\n"
          "contracts/c1.toml:2:12: error: 'case_ref' is empty: leave the key out or give a value\n");
  }

  SUBCASE("a payer address with a blank line, and one without lines") {
    CHECK(contract_errors(replace_key(std::string(k_contract), "address", "address = [\"Køgevej 80\", \" \"]")) ==
          "contracts/c1.toml:11:26: error: 'address' line 2 is empty: remove it or give a value\n");
    CHECK(contract_errors(replace_key(std::string(k_contract), "address", "address = []")) ==
          "contracts/c1.toml:11:11: error: 'address' is empty: give a value\n");
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
          "contracts/c1.toml:6:8: error: TOML syntax: 525,00 is not a number: use a decimal point: 525.00\n");
  }
}

TEST_CASE("books::check_einvoice_needs") {
  // A private payer: neither 'ean' nor 'reference' is required by its kind.
  const std::string private_payer = remove_key(
      remove_key(replace_key(std::string(k_contract), "kind", "kind = \"private\""), "ean"), "reference");
  books::DocumentSettings xml_for_private;
  xml_for_private.private_payer = {"xml", "pdf"};
  auto needs = [](const std::string& text, const books::DocumentSettings& documents) {
    const LoadedContract loaded = load_contract(text);
    REQUIRE(loaded.diagnostics == "");
    diag::Diagnostics diags;
    books::check_einvoice_needs(loaded.contract, documents, diags);
    return report(diags);
  };

  SUBCASE("a private payer without EAN or reference gets no e-invoice by default") {
    CHECK(needs(private_payer, books::DocumentSettings{}) == "");
  }

  SUBCASE("a private payer that gets an e-invoice without EAN, reference or order") {
    CHECK(needs(private_payer, xml_for_private) ==
          "contracts/c1.toml:8:1: error: payer 'Roskilde Kommune' gets an e-invoice (\"xml\" in [documents] private), "
          "which needs its 'ean': give the payer's EAN/GLN, or remove \"xml\" from [documents] private in honorar.toml\n"
          "contracts/c1.toml:8:1: error: payer 'Roskilde Kommune' gets an e-invoice (\"xml\" in [documents] private), "
          "which needs a 'reference' or an 'order' (Peppol R003): give one, or remove \"xml\" from [documents] private "
          "in honorar.toml\n");
  }

  SUBCASE("an EAN and an order are enough") {
    CHECK(needs(private_payer + "ean = \"5798000000001\"\norder = \"PO-1\"\n", xml_for_private) == "");
  }

  SUBCASE("an EAN and a reference are enough") {
    CHECK(needs(private_payer + "ean = \"5798000000001\"\nreference = \"Ole\"\n", xml_for_private) == "");
  }

  SUBCASE("a municipality payer is held to its own required keys, not again here") {
    books::DocumentSettings pdf_only;
    pdf_only.municipality = {"pdf"};
    CHECK(needs(std::string(k_contract), pdf_only) == "");
    CHECK(needs(std::string(k_contract), books::DocumentSettings{}) == "");
  }
}

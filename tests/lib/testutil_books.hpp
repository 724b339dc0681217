#pragma once
// The texts and helpers the tests of books loading share (test_books_contract.cpp,
// test_books_settings.cpp, test_books_timelog_toml.cpp, test_books_timelog_csv.cpp,
// test_books_load.cpp): a valid contract and honorar.toml to vary by line, diagnostics as text.

#include "books/contract.hpp"
#include "books/contract_index.hpp"
#include "books/load.hpp"
#include "books/settings.hpp"
#include "books/timelog_csv.hpp"
#include "books/timelog_toml.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

namespace testutil {

// All diagnostics, one "path:line:col: error: message" per line, in the order `check` prints them.
inline std::string report(diag::Diagnostics& diags) {
  diags.sort();
  std::string out;
  for (const diag::Diagnostic& d : diags.items()) out += d.to_string() + "\n";
  return out;
}

// `text` with the line that sets `key` replaced by `line` (same line number).
inline std::string replace_key(std::string text, std::string_view key, std::string_view line) {
  const std::string prefix = std::string(key) + " =";
  std::size_t at = text.starts_with(prefix) ? 0 : text.find("\n" + prefix);
  REQUIRE_MESSAGE(at != std::string::npos, "test text lacks the key ", std::string(key));
  if (at != 0) ++at;
  const std::size_t end = text.find('\n', at);
  return text.replace(at, end - at, line);
}

// `text` without the line that sets `key` (later lines move up by one).
inline std::string remove_key(std::string text, std::string_view key) {
  const std::string prefix = std::string(key) + " =";
  std::size_t at = text.starts_with(prefix) ? 0 : text.find("\n" + prefix);
  REQUIRE_MESSAGE(at != std::string::npos, "test text lacks the key ", std::string(key));
  if (at != 0) ++at;
  const std::size_t end = text.find('\n', at);
  return text.erase(at, end == std::string::npos ? std::string::npos : end - at + 1);
}

// ---------------------------------------------------------------------------------------------
// Contracts

// A valid contract. Lines: 1 id, 2 citizen, 3 service, 4 start, 5 hours_per_week, 6 rate,
// 7 blank, 8 [payer], 9 kind, 10 name, 11 address, 12 ean, 13 reference. Text appended to it
// starts on line 14 and belongs to [payer] unless it opens a new table.
inline constexpr std::string_view k_contract = R"(id = "C1"
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

inline std::string with_contract(std::string_view first, std::string_view last = "") {
  return std::string(first) + std::string(k_contract) + std::string(last);
}

// ---------------------------------------------------------------------------------------------
// honorar.toml

// Lines: 1 [provider], 2 name, 3 cvr, 4 address, 5 email, 6 bank, 7 blank, 8 [invoicing], 9 from,
// 10 first_number, 11 payment_terms, 12 vat, 13 vat_exemption_note.
inline constexpr std::string_view k_settings = R"([provider]
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

// ---------------------------------------------------------------------------------------------
// Time logs

// C1 has an expense agreement, C2 has none.
inline std::vector<books::Contract> two_contracts() {
  std::vector<books::Contract> contracts(2);
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

// An [[entry]] on lines 1-3 followed by `rest` (from line 4 on).
inline std::string entry(std::string_view rest) {
  return "[[entry]]\ncontract = \"C1\"\ndate = 2025-11-03\n" + std::string(rest);
}

} // namespace testutil

// books::load_settings: honorar.toml, every key and every error.
#include "books/load.hpp"

#include "testutil.hpp"
#include "testutil_books.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

using money::Percent;
using testutil::k_settings;
using testutil::remove_key;
using testutil::replace_key;
using testutil::report;

namespace {

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

  SUBCASE("an FIK creditor number") {
    const std::string email = "email = \"faktura@example.dk\"\n";
    CHECK(load_settings(std::string(k_settings)).settings.provider.fik_creditor == "");
    const LoadedSettings loaded =
        load_settings(replace_key(std::string(k_settings), "email", email + "fik_creditor = \"85404316\""));
    CHECK(loaded.diagnostics == "");
    CHECK(loaded.settings.provider.fik_creditor == "85404316");
    CHECK(load_settings(replace_key(std::string(k_settings), "email", email + "fik_creditor = \"1234\"")).diagnostics ==
          "honorar.toml:6:16: error: 'fik_creditor' must be the 8 digits of an FIK creditor number, not \"1234\"\n");
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
          "honorar.toml:12:7: error: 'vat' must be at least 1 and at most 100 percent\n");
  }

  SUBCASE("vat below 1 percent (Peppol BR-CO-17)") {
    CHECK(load_settings(replace_key(std::string(k_settings), "vat", "vat = 0.99")).diagnostics ==
          "honorar.toml:12:7: error: 'vat' must be at least 1 and at most 100 percent\n");
  }

  SUBCASE("vat of 1 percent is the lower bound") {
    const LoadedSettings loaded = load_settings(replace_key(std::string(k_settings), "vat", "vat = 1.00"));
    CHECK(loaded.diagnostics == "");
    CHECK(loaded.settings.invoicing.vat.percent == Percent::from_units(1));
  }

  SUBCASE("a provider name that is empty or only spaces") {
    CHECK(load_settings(replace_key(std::string(k_settings), "name", "name = \"  \"")).diagnostics ==
          "honorar.toml:2:8: error: 'name' is empty: give a value\n");
    CHECK(load_settings(replace_key(std::string(k_settings), "name", "name = \"\"")).diagnostics ==
          "honorar.toml:2:8: error: 'name' is empty: give a value\n");
  }

  SUBCASE("an address with a blank line, and one without lines") {
    CHECK(load_settings(replace_key(std::string(k_settings), "address", "address = [\"Hovedgaden 1\", \"\\t\"]"))
              .diagnostics == "honorar.toml:4:28: error: 'address' line 2 is empty: remove it or give a value\n");
    CHECK(load_settings(replace_key(std::string(k_settings), "address", "address = []")).diagnostics ==
          "honorar.toml:4:11: error: 'address' is empty: give a value\n");
  }

  SUBCASE("optional values given empty: email, vat_exemption_note, bic") {
    CHECK(load_settings(replace_key(std::string(k_settings), "email", "email = \"\"")).diagnostics ==
          "honorar.toml:5:9: error: 'email' is empty: leave the key out or give a value\n");
    CHECK(load_settings(replace_key(replace_key(std::string(k_settings), "vat", "vat = 25"), "vat_exemption_note",
                                    "vat_exemption_note = \" \""))
              .diagnostics == "honorar.toml:13:22: error: 'vat_exemption_note' is empty: leave the key out or give a "
                              "value\n");
    CHECK(load_settings(replace_key(std::string(k_settings), "bank",
                                    "bank = { iban = \"DK5000400440116243\", bic = \" \" }"))
              .diagnostics == "honorar.toml:6:45: error: 'bic' is empty: leave the key out or give a value\n");
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
    CHECK(load_settings(replace_key(std::string(k_settings), "vat_exemption_note", "vat_exemption_note = \" \\t\""))
              .diagnostics == "honorar.toml:13:22: error: [invoicing] needs a 'vat_exemption_note' when vat is \"exempt\"\n");
  }

  SUBCASE("no exemption note is needed with a VAT percentage") {
    std::string text = remove_key(std::string(k_settings), "vat_exemption_note");
    const LoadedSettings loaded = load_settings(replace_key(std::move(text), "vat", "vat = 25"));
    CHECK(loaded.diagnostics == "");
  }
}

TEST_CASE("books::load_settings [accounts]") {
  SUBCASE("no [accounts]: every account empty") {
    const LoadedSettings loaded = load_settings(std::string(k_settings));
    CHECK(loaded.diagnostics == "");
    CHECK(loaded.settings.accounts.debtors == "");
    CHECK(loaded.settings.accounts.compensation == "");
  }

  SUBCASE("every account read as given, leading zeros kept") {
    const LoadedSettings loaded = load_settings(std::string(k_settings) +
                                                "[accounts]\n"
                                                "debtors = \"5600\"\nsales_exempt = \"1010\"\nsales_vat = \"1020\"\n"
                                                "output_vat = \"7200\"\noutlays = \"1030\"\nbank = \"5820\"\n"
                                                "reminder_fees = \"1040\"\ninterest = \"8010\"\ncompensation = \"0042\"\n");
    CHECK(loaded.diagnostics == "");
    const books::Accounts& a = loaded.settings.accounts;
    CHECK(a.debtors == "5600");
    CHECK(a.sales_exempt == "1010");
    CHECK(a.sales_vat == "1020");
    CHECK(a.output_vat == "7200");
    CHECK(a.outlays == "1030");
    CHECK(a.bank == "5820");
    CHECK(a.reminder_fees == "1040");
    CHECK(a.interest == "8010");
    CHECK(a.compensation == "0042");
  }

  SUBCASE("an account given as a number") {
    CHECK(load_settings(std::string(k_settings) + "[accounts]\ndebtors = 5600\n").diagnostics ==
          "honorar.toml:15:11: error: 'debtors' must be a string, not an integer\n");
  }

  SUBCASE("an account that is not 1 to 10 digits") {
    CHECK(load_settings(std::string(k_settings) +
                        "[accounts]\ndebtors = \"56-00\"\nbank = \"\"\ninterest = \"12345678901\"\n")
              .diagnostics ==
          "honorar.toml:15:11: error: account 'debtors' must be an account number of 1 to 10 digits, not \"56-00\"\n"
          "honorar.toml:16:8: error: account 'bank' must be an account number of 1 to 10 digits, not \"\"\n"
          "honorar.toml:17:12: error: account 'interest' must be an account number of 1 to 10 digits, not "
          "\"12345678901\"\n");
  }

  SUBCASE("an unknown key in [accounts]") {
    CHECK(load_settings(std::string(k_settings) + "[accounts]\ndebitors = \"5600\"\n").diagnostics ==
          "honorar.toml:15:1: error: unknown key 'debitors' in [accounts] (did you mean 'debtors'?)\n");
  }
}

TEST_CASE("books::load_settings: [reminders]") {
  const std::string base = std::string(k_settings) + "\n[reminders]\n"; // [reminders] is line 15
  auto money = [](const char* text) { return *money::Money::parse(text); };

  SUBCASE("left out: the defaults") {
    const LoadedSettings loaded = load_settings(std::string(k_settings));
    CHECK(loaded.diagnostics == "");
    const books::Reminders& r = loaded.settings.reminders;
    CHECK(r.fee == money("100.00"));
    CHECK(r.minimum == money("0.00"));
    CHECK(r.compensation == money("0.00"));
    CHECK(r.first_number == 1);
    CHECK(r.reference_rates.empty());
  }

  SUBCASE("every key") {
    const LoadedSettings loaded = load_settings(base + "fee = 65.00\nminimum = 50\ncompensation = 310.00\n"
                                                       "first_number = 7\n"
                                                       "reference_rates = { 2025-07-01 = 1.60, 2026-01-01 = 1.35 }\n");
    CHECK(loaded.diagnostics == "");
    const books::Reminders& r = loaded.settings.reminders;
    CHECK(r.fee == money("65.00"));
    CHECK(r.minimum == money("50.00"));
    CHECK(r.compensation == money("310.00"));
    CHECK(r.first_number == 7);
    REQUIRE(r.reference_rates.size() == 2);
    CHECK(r.reference_rates.at(testutil::day("2025-07-01")) == *Percent::parse("1.60"));
    CHECK(r.reference_rates.at(testutil::day("2026-01-01")) == *Percent::parse("1.35"));
  }

  SUBCASE("reference rates as their own table, keys quoted or bare") {
    const LoadedSettings loaded =
        load_settings(base + "fee = 100\n\n[reminders.reference_rates]\n\"2026-01-01\" = 1.35\n2026-07-01 = 0\n");
    CHECK(loaded.diagnostics == "");
    CHECK(loaded.settings.reminders.reference_rates.size() == 2);
  }

  SUBCASE("a fee above 100.00 (renteloven § 9 b)") {
    CHECK(load_settings(base + "fee = 100.01\n").diagnostics ==
          "honorar.toml:16:7: error: 'fee' must be at most 100.00 (renteloven § 9 b), not 100.01\n");
    CHECK(load_settings(base + "fee = 100.00\n").diagnostics == "");
  }

  SUBCASE("negative amounts and too many decimals") {
    CHECK(load_settings(base + "fee = -1\nminimum = 0.001\ncompensation = -310\n").diagnostics ==
          "honorar.toml:16:7: error: 'fee' must not be negative\n"
          "honorar.toml:17:11: error: 'minimum' must have at most 2 decimals, not 0.001\n"
          "honorar.toml:18:16: error: 'compensation' must not be negative\n");
  }

  SUBCASE("first_number out of range") {
    CHECK(load_settings(base + "first_number = 0\n").diagnostics ==
          "honorar.toml:16:16: error: 'first_number' must be 1 to 999999999\n");
  }

  SUBCASE("an unknown key") {
    CHECK(load_settings(base + "fees = 100\n").diagnostics ==
          "honorar.toml:16:1: error: unknown key 'fees' in [reminders] (did you mean 'fee'?)\n");
  }

  SUBCASE("a reference-rate key that is not 1 January or 1 July") {
    CHECK(load_settings(base + "reference_rates = { 2026-02-01 = 1.35, jan = 2 }\n").diagnostics ==
          "honorar.toml:16:21: error: reference_rates key '2026-02-01' must be a 1 January or 1 July date "
          "(YYYY-01-01 or YYYY-07-01)\n"
          "honorar.toml:16:40: error: reference_rates key 'jan' must be a 1 January or 1 July date "
          "(YYYY-01-01 or YYYY-07-01)\n");
  }

  SUBCASE("a reference rate that is not a percentage") {
    CHECK(load_settings(base + "reference_rates = { 2026-01-01 = \"1,35\", 2026-07-01 = 1.355, 2027-01-01 = -1 }\n")
              .diagnostics ==
          "honorar.toml:16:34: error: '2026-01-01' must be a number, not a string\n"
          "honorar.toml:16:55: error: '2026-07-01' must have at most 2 decimals, not 1.355\n"
          "honorar.toml:16:75: error: reference rate 2027-01-01 must be a percentage from 0.00 to 100.00\n");
  }

  SUBCASE("a gap in the reference rates names the half-year") {
    CHECK(load_settings(base + "reference_rates = { 2025-01-01 = 1.6, 2026-01-01 = 1.35 }\n").diagnostics ==
          "honorar.toml:16:19: error: reference_rates has no rate for the second half of 2025: add 2025-07-01 = the "
          "rate in percent\n");
  }
}

// books::placeholders: the provider `honorar init` writes, a warning until it is replaced.
#include "books/identifiers.hpp"
#include "books/placeholders.hpp"
#include "books/settings.hpp"

#include "testutil_books.hpp"

#include <doctest/doctest.h>

#include <fmt/format.h>

#include <string>

using testutil::k_settings;
using testutil::replace_key;
using testutil::report;

namespace {

std::string settings_with_placeholders() {
  namespace ph = books::placeholders;
  std::string text = replace_key(std::string(k_settings), "name", fmt::format("name = \"{}\"", ph::k_provider_name));
  text = replace_key(std::move(text), "cvr", fmt::format("cvr = \"{}\"", ph::k_provider_cvr));
  return replace_key(std::move(text), "bank",
                     fmt::format("bank = {{ reg = \"{}\", account = \"{}\" }}", ph::k_bank_reg, ph::k_bank_account));
}

} // namespace

TEST_CASE("books::placeholders") {
  namespace ph = books::placeholders;

  SUBCASE("the placeholder CVR number is valid, so new books have no error") {
    CHECK(books::is_valid_cvr(ph::k_provider_cvr));
  }

  SUBCASE("a provider of its own has no warning") {
    books::Provider provider;
    provider.name = "2nd Chance 2020";
    provider.cvr = "12345674";
    provider.bank.reg = "1234";
    provider.bank.account = "1234567890";
    CHECK(ph::provider_warnings(provider).empty());
  }

  SUBCASE("each placeholder value is one warning that names it") {
    books::Provider provider;
    provider.name = std::string(ph::k_provider_name);
    provider.cvr = std::string(ph::k_provider_cvr);
    provider.bank.reg = std::string(ph::k_bank_reg);
    provider.bank.account = std::string(ph::k_bank_account);
    const auto warnings = ph::provider_warnings(provider);
    REQUIRE(warnings.size() == 3);
    CHECK(warnings[0].first == "name");
    CHECK(warnings[0].second ==
          "[provider] name is still the placeholder \"Leverandøren ApS\" that honorar init wrote: fill in your own");
    CHECK(warnings[1].first == "cvr");
    CHECK(warnings[1].second ==
          "[provider] cvr is still the placeholder \"11111114\" that honorar init wrote: fill in your own");
    CHECK(warnings[2].first == "bank");
    CHECK(warnings[2].second == "[provider] bank is still the placeholder { reg = \"0000\", account = \"0000000000\" } "
                                "that honorar init wrote: fill in your own");
  }

  SUBCASE("a bank account is the placeholder only with both its reg and its account") {
    books::Provider provider;
    provider.bank.reg = std::string(ph::k_bank_reg);
    provider.bank.account = "1234567890";
    CHECK(ph::provider_warnings(provider).empty());
  }

  SUBCASE("load_settings warns at each placeholder value, and reads the books all the same") {
    diag::Diagnostics diags;
    const books::Settings s = books::load_settings("honorar.toml", settings_with_placeholders(), diags);
    CHECK(report(diags) ==
          "honorar.toml:2:8: warning: [provider] name is still the placeholder \"Leverandøren ApS\" that honorar "
          "init wrote: fill in your own\n"
          "honorar.toml:3:7: warning: [provider] cvr is still the placeholder \"11111114\" that honorar init wrote: "
          "fill in your own\n"
          "honorar.toml:6:8: warning: [provider] bank is still the placeholder { reg = \"0000\", account = "
          "\"0000000000\" } that honorar init wrote: fill in your own\n");
    CHECK(s.provider.cvr == "11111114");
    CHECK(s.provider.bank.account == "0000000000");
  }
}

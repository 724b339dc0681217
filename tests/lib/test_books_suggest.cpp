#include "books/suggest.hpp"

#include <doctest/doctest.h>

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace {

constexpr std::array<std::string_view, 8> k_contract_keys{"id",    "citizen", "service", "start",
                                                          "end",   "hours_per_week", "rate", "notice"};

} // namespace

TEST_CASE("books::closest_match") {
  SUBCASE("a one-letter typo") {
    CHECK(books::closest_match("hours_per_weak", k_contract_keys) == std::optional<std::string>("hours_per_week"));
    CHECK(books::closest_match("citizn", k_contract_keys) == std::optional<std::string>("citizen"));
  }
  SUBCASE("two edits are still a typo") {
    CHECK(books::closest_match("servcie", k_contract_keys) == std::optional<std::string>("service"));
  }
  SUBCASE("the closest of several candidates wins") {
    constexpr std::array<std::string_view, 2> candidates{"date", "rate"};
    CHECK(books::closest_match("rath", candidates) == std::optional<std::string>("rate"));
  }
  SUBCASE("three edits are too far") {
    CHECK_FALSE(books::closest_match("hours_per_wxyz", k_contract_keys).has_value());
  }
  SUBCASE("an unrelated word") {
    CHECK_FALSE(books::closest_match("banana", k_contract_keys).has_value());
    CHECK_FALSE(books::closest_match("payment", k_contract_keys).has_value());
  }
  SUBCASE("a short word needs fewer edits than half its length") {
    // "ix" is one edit from "id", but that is half of the word.
    CHECK_FALSE(books::closest_match("ix", k_contract_keys).has_value());
  }
  SUBCASE("no candidates") {
    CHECK_FALSE(books::closest_match("rate", std::span<const std::string_view>{}).has_value());
  }
}

TEST_CASE("books::did_you_mean") {
  SUBCASE("a hint for a typo") {
    CHECK(books::did_you_mean("hours_per_weak", k_contract_keys) == " (did you mean 'hours_per_week'?)");
  }
  SUBCASE("nothing for an unrelated word") { CHECK(books::did_you_mean("banana", k_contract_keys) == ""); }
}

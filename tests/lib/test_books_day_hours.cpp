// books::check_hours_per_day, run by books::load_books: at most 24 hours of entries for one
// contract on one day, whichever reader (TOML, its fast path, CSV) or the cache gave them.
#include "books/day_hours.hpp"

#include "testutil.hpp"
#include "testutil_books.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <string_view>

namespace fs = std::filesystem;
using testutil::k_contract;
using testutil::k_settings;
using testutil::replace_key;
using testutil::report;

namespace {

std::string toml_entry(std::string_view contract, std::string_view date, std::string_view hours) {
  return "[[entry]]\ncontract = \"" + std::string(contract) + "\"\ndate = " + std::string(date) + "\n" +
         std::string(hours) + "\n";
}

// Books with contracts C1 and C2 and the given time-log files; the diagnostics of loading them.
std::string load(std::initializer_list<std::pair<std::string_view, std::string>> logs,
                 const books::LoadOptions& options = {}) {
  const testutil::TempDir temp("honorar-test-day-hours");
  temp.write("honorar.toml", k_settings);
  temp.write("contracts/c1.toml", k_contract);
  temp.write("contracts/c2.toml", replace_key(std::string(k_contract), "id", "id = \"C2\""));
  for (const auto& [rel, text] : logs) temp.write(rel, text);
  diag::Diagnostics diags;
  (void)books::load_books(temp.path(), diags, options);
  return report(diags);
}

} // namespace

TEST_CASE("books::check_hours_per_day") {
  SUBCASE("24 hours on one day is the most, not an error") {
    CHECK(load({{"timelog/a.toml", toml_entry("C1", "2025-11-04", "hours = 16") +
                                       toml_entry("C1", "2025-11-04", "from = 00:00:00\nto = 08:00:00")}}) == "");
  }

  SUBCASE("more than 24 hours is reported at the entry that goes over") {
    CHECK(load({{"timelog/a.toml", toml_entry("C1", "2025-11-04", "hours = 12") +
                                       toml_entry("C1", "2025-11-04", "hours = 10.5\nstatus = \"citizen-absent\"") +
                                       toml_entry("C1", "2025-11-04", "hours = 3") +
                                       toml_entry("C1", "2025-11-04", "hours = 1")}}) ==
          "timelog/a.toml:10:1: error: entries of contract C1 on 2025-11-04 add up to 25.50 hours, "
          "more than the 24 hours of a day\n");
  }

  SUBCASE("from/to in minutes count exactly") {
    CHECK(load({{"timelog/a.toml", toml_entry("C1", "2025-11-04", "hours = 23.99") +
                                       toml_entry("C1", "2025-11-04", "from = \"10:00\"\nto = \"10:01\"")}}) ==
          "timelog/a.toml:5:1: error: entries of contract C1 on 2025-11-04 add up to 24.01 hours, "
          "more than the 24 hours of a day\n");
  }

  SUBCASE("other contracts and other days are not added") {
    CHECK(load({{"timelog/a.toml", toml_entry("C1", "2025-11-04", "hours = 20") +
                                       toml_entry("C2", "2025-11-04", "hours = 20") +
                                       toml_entry("C1", "2025-11-05", "hours = 20")}}) == "");
  }

  SUBCASE("a CSV time log reads the same") {
    CHECK(load({{"timelog/a.csv", "contract,date,hours,status\nC1,2025-11-04,20,\nC1,2025-11-04,5.5,staff-absent\n"}}) ==
          "timelog/a.csv:3:1: error: entries of contract C1 on 2025-11-04 add up to 25.50 hours, "
          "more than the 24 hours of a day\n");
  }

  SUBCASE("entries of one day in several files, out of date order") {
    CHECK(load({{"timelog/a.toml", toml_entry("C1", "2025-11-05", "hours = 1") + toml_entry("C1", "2025-11-04", "hours = 20")},
                {"timelog/b.csv", "contract,date,hours,status\nC1,2025-11-03,1,\nC1,2025-11-04,4.25,\nC1,2025-11-04,1,\n"},
                {"timelog/c.toml", toml_entry("C1", "2025-11-05", "hours = 23.5")}}) ==
          "timelog/b.csv:3:1: error: entries of contract C1 on 2025-11-04 add up to 24.25 hours, "
          "more than the 24 hours of a day\n"
          "timelog/c.toml:1:1: error: entries of contract C1 on 2025-11-05 add up to 24.50 hours, "
          "more than the 24 hours of a day\n");
  }

  SUBCASE("reported by the fast path, by toml++ and from the cache alike") {
    const testutil::TempDir cache("honorar-test-day-hours-cache");
    const std::string log = toml_entry("C1", "2025-11-04", "hours = 20") + toml_entry("C1", "2025-11-04", "hours = 5");
    const std::string expected = "timelog/a.toml:5:1: error: entries of contract C1 on 2025-11-04 add up to 25.00 "
                                 "hours, more than the 24 hours of a day\n";
    books::LoadOptions slow;
    slow.fast_path = false;
    CHECK(load({{"timelog/a.toml", log}}, slow) == expected);
    books::LoadOptions cached;
    cached.cache_file = cache.path() / "cache";
    cached.settle_ns = 0;
    books::LoadOptions::Stats cold, warm;
    cached.stats = &cold;
    CHECK(load({{"timelog/a.toml", log}}, cached) == expected);
    CHECK(cold.fast == 1);
    CHECK(cold.cache_written);
    cached.stats = &warm;
    CHECK(load({{"timelog/a.toml", log}}, cached) == expected);
    CHECK(warm.from_cache == 1);
  }
}

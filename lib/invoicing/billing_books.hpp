#pragma once
// The books as the monthly run needs them, at the cost of what changed (issue 19): loaded with
// the time logs deferred when the time-log cache says none changed, the week table and expenses
// then taken from the books cache (billing/books_cache.hpp), else computed -- reusing every week
// of the books cache whose inputs did not change -- and the register summarised once
// (register_summary.hpp). A run from here bills and warns exactly as a run from scratch: the
// property test in tests/lib/test_invoicing_billing_books.cpp changes one input at a time and
// compares.

#include "billing/week.hpp"
#include "billing/week_table.hpp"
#include "books/load.hpp"
#include "books/model.hpp"
#include "calendar/date.hpp"
#include "diag/diagnostic.hpp"
#include "invoicing/register_summary.hpp"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>

namespace invoicing {

struct BillingBooks {
  explicit BillingBooks(books::Books loaded) : books(std::move(loaded)), entries(books) {}
  BillingBooks(const BillingBooks&) = delete; // `entries` points into `books`
  BillingBooks& operator=(const BillingBooks&) = delete;

  books::Books books;
  billing::EntryIndex entries; // over books.entries (none when the books cache had all)
  billing::WeekTable weeks;    // every week through the horizon
  // From the books cache: the number of warnings check_books_static gives (the entries are not
  // loaded to give them).
  std::optional<std::size_t> static_warnings;
  std::shared_ptr<const RegisterSummary> register_summary; // null: no register yet
  bool from_books_cache = false;
  // The books and the register are their unsettled part (invoicing/unsettled.hpp): `weeks`, the
  // books' expenses and the register summary hold only what a dry run can still act on.
  bool unsettled_only = false;
  // Where the unsettled part goes when this load had the whole (finish_caches).
  std::optional<std::filesystem::path> unsettled_cache_file;
  // Where the books cache goes when this load computed the table (finish_caches).
  std::optional<std::filesystem::path> books_cache_file;
  // The time-log cache's new file, when it changed: written by finish_caches.
  std::function<void()> pending_timelog_cache;
};

struct BillingLoadOptions {
  books::LoadOptions load;      // its cache_file names the time-log cache: the others sit beside it
  bool use_books_cache = true;  // false: the time logs are read (the cache of weeks still reused)
  // The unsettled part suffices (dry runs, reminders: not a real run, which reads the register in
  // its own transaction): taken from the cache when the books and the register are those it was
  // made from, and kept there otherwise.
  bool unsettled_suffices = false;
  int busy_timeout_ms = 10'000;
  calendar::IsoWeek horizon{};  // the table holds every week through this one
};

// Loads the books (errors and load warnings to `diags`: when it has errors, nothing else is
// done and the result must not be billed), the register's summary, and the week table.
std::unique_ptr<BillingBooks> load_billing_books(const std::filesystem::path& root, diag::Diagnostics& diags,
                                                 const BillingLoadOptions& options);

// The number of warnings billing::check_books gives for these books, today, with the register's
// billed state: from the books cache and the table alone when the entries were not loaded.
// `static_warnings` receives the part about the books alone (for finish_caches).
std::size_t count_check_warnings(const BillingBooks& b, calendar::Date today, std::size_t& static_warnings);

// Writes the caches this load left to write (on the caller's thread: the checks' thread, beside
// the run): the time-log cache when a file changed, the books cache when the load computed the
// table and the time-log cache records every file (books::Books::timelog_digest), and the
// unsettled part when it was not taken from its cache and the register could be trusted.
// `static_warnings`: from count_check_warnings. Failures are silent: the caches are never needed.
void finish_caches(const BillingBooks& b, std::size_t static_warnings);

} // namespace invoicing

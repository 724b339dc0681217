#pragma once
// What every subcommand gets: the global options, and helpers shared by the commands.

#include "billing/week.hpp"
#include "billing/week_table.hpp"
#include "books/model.hpp"
#include "invoicing/billing_books.hpp"
#include "calendar/date.hpp"
#include "render/json.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace cli {

struct Context {
  std::string books_option;  // --books, else $HONORAR_BOOKS, else "."
  std::string today_option;  // --today
  std::string format = "text";
  bool format_given = false; // --format was on the command line (export's default is csv, not text)
  bool quiet = false;

  std::filesystem::path books_dir() const;
  calendar::Date today() const; // throws a usage error for a bad --today

  // The command to run once the command line is parsed.
  std::function<int()> run;
};

// The books, validated, with the index of their entries by contract and week.
struct ValidBooks {
  explicit ValidBooks(books::Books loaded) : books(std::move(loaded)), entries(books) {}
  ValidBooks(const ValidBooks&) = delete; // `entries` points into `books`
  ValidBooks& operator=(const ValidBooks&) = delete;

  books::Books books;
  billing::EntryIndex entries;
};

// Loads and validates the books (SPEC §5). On an error prints every diagnostic to stderr and
// throws a data error (65); warnings are summarised on stderr unless --quiet.
std::unique_ptr<const ValidBooks> load_valid_books(const Context& ctx);

namespace detail {
// load_valid_books in parts: the books loaded (errors: as above), with the number of warnings
// loading gave; the number of warnings billing::check_books gives; the summary on stderr.
std::unique_ptr<const ValidBooks> load_books_without_checks(const Context& ctx, std::size_t& warnings);
std::size_t count_check_warnings(const ValidBooks& valid, calendar::Date today);
void summarise_warnings(const Context& ctx, std::size_t warnings);
// The books for the monthly run (invoicing/billing_books.hpp), errors as load_valid_books.
std::unique_ptr<const invoicing::BillingBooks> load_billing_books(const Context& ctx, calendar::IsoWeek horizon,
                                                                  bool use_books_cache, bool unsettled_suffices,
                                                                  std::size_t& warnings);
// Keeps the books until the process exits, which takes their memory back at once: freeing years
// of entries, weeks and billed parts piece by piece costs a monthly run more than it gains (as
// compilers do not free their trees at exit). Reachable to the end, so no leak to LeakSanitizer.
void keep_until_exit(std::unique_ptr<const invoicing::BillingBooks> books);
} // namespace detail

// load_valid_books, then work(valid) while the checks for warnings run on another thread (they
// read the same books and only ever add warnings, so the result cannot depend on them); the
// summary follows once both are done, also when work throws. Returns what work returns.
template <class Work>
auto with_valid_books(const Context& ctx, Work work) {
  std::size_t warnings = 0;
  const auto valid = detail::load_books_without_checks(ctx, warnings);
  const calendar::Date today = ctx.today();
  // (With both policies the checks run here, deferred, if no thread can be started.)
  auto checked = std::async(std::launch::async | std::launch::deferred,
                            [&valid, today] { return detail::count_check_warnings(*valid, today); });
  try {
    auto result = work(*valid);
    detail::summarise_warnings(ctx, warnings + checked.get());
    return result;
  } catch (...) {
    try {
      detail::summarise_warnings(ctx, warnings + checked.get());
    } catch (...) { // work's failure is the one to report
    }
    throw;
  }
}

// with_valid_books for the monthly run: the books as invoicing::load_billing_books gives them (the
// time logs not read when the books cache knows them; every week's figures in a table through
// `horizon`), the checks for warnings beside work, then the books cache written. When work needs
// the entries after all (billing::NeedsEntries: a week before the table), it runs again on books
// read in full, so the result is always a run from scratch's. `unsettled_suffices`: work is not a
// real monthly run, so the unsettled part of the books and the register will do
// (invoicing/unsettled.hpp).
template <class Work>
auto with_billing_books(const Context& ctx, calendar::IsoWeek horizon, bool unsettled_suffices, Work work) {
  for (int attempt = 0;; ++attempt) {
    std::size_t warnings = 0;
    auto books = detail::load_billing_books(ctx, horizon, attempt == 0, attempt == 0 && unsettled_suffices, warnings);
    const calendar::Date today = ctx.today();
    // The checks, then the caches written, beside the run.
    auto checked = std::async(std::launch::async | std::launch::deferred, [&books, today] {
      std::size_t static_warnings = 0;
      const std::size_t count = invoicing::count_check_warnings(*books, today, static_warnings);
      invoicing::finish_caches(*books, static_warnings);
      return count;
    });
    try {
      auto result = work(*books);
      detail::summarise_warnings(ctx, warnings + checked.get());
      detail::keep_until_exit(std::move(books));
      return result;
    } catch (const billing::NeedsEntries&) {
      try {
        checked.get();
      } catch (...) { // the second attempt reports it
      }
      if (attempt > 0) throw;
    } catch (...) {
      try {
        detail::summarise_warnings(ctx, warnings + checked.get());
      } catch (...) { // work's failure is the one to report
      }
      throw;
    }
  }
}

// "YYYY-MM-DD" or "today"; throws a usage error naming `what` otherwise.
calendar::Date parse_cli_date(const std::string& text, const Context& ctx, std::string_view what);
// "YYYY-MM" or "last" (the month before today); throws a usage error otherwise.
calendar::Month parse_cli_month(const std::string& text, const Context& ctx, std::string_view what);
// --month M | --from M1 --to M2: a range of months (report, export).
struct MonthRangeOptions {
  std::string month;
  std::string from;
  std::string to;
};
void add_month_range_options(CLI::App* cmd, MonthRangeOptions& options);
// The first and last month; throws a usage error for a bad or missing pair, or --to before --from.
std::pair<calendar::Month, calendar::Month> parse_month_range(const MonthRangeOptions& options, const Context& ctx);

// Throws a usage error unless ctx.format is one of `allowed`.
void require_format(const Context& ctx, std::initializer_list<std::string_view> allowed);

void print_out(std::string_view text);
void print_err(std::string_view text);

// One registration function per subcommand (cmd_<name>.cpp).
void add_check(CLI::App& app, Context& ctx);
void add_notice(CLI::App& app, Context& ctx);
void add_deadlines(CLI::App& app, Context& ctx);
void add_report(CLI::App& app, Context& ctx);
void add_invoice(CLI::App& app, Context& ctx);
void add_remind(CLI::App& app, Context& ctx);
void add_register(CLI::App& app, Context& ctx);
void add_init(CLI::App& app, Context& ctx);
void add_export(CLI::App& app, Context& ctx);
void add_pay(CLI::App& app, Context& ctx);
void add_open(CLI::App& app, Context& ctx);
void add_send(CLI::App& app, Context& ctx);

// The whole program: parse, run, map errors to exit codes (SPEC §6).
int run_main(int argc, char** argv);

} // namespace cli

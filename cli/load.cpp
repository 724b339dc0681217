// Loading the books for a command: the same validation as `check`, then stop on an error.
#include "context.hpp"
#include "environment.hpp"
#include "i18n.hpp"

#include "billing/checks.hpp"
#include "books/load.hpp"
#include "invoicing/monthly_run.hpp"
#include "invoicing/register_checks.hpp"

#include <fmt/format.h>

#include <cstdlib>

namespace cli {


std::unique_ptr<const ValidBooks> load_valid_books(const Context& ctx) {
  std::size_t warnings = 0;
  auto valid = detail::load_books_without_checks(ctx, warnings);
  detail::summarise_warnings(ctx, warnings + detail::count_check_warnings(*valid, ctx.today()));
  return valid;
}

namespace detail {
namespace {

// Prints the errors and throws the data error that stops the command.
[[noreturn]] void report_errors(diag::Diagnostics& diags) {
  diags.sort();
  for (const diag::Diagnostic& d : diags.items())
    if (d.severity == diag::Severity::error) print_err(d.to_string() + "\n");
  throw diag::Error(diag::ErrorKind::data,
                    fmt::format(fmt::runtime(P_("the books have {} error; nothing was done (run 'honorar check')",
                                                "the books have {} errors; nothing was done (run 'honorar check')",
                                                diags.error_count())),
                                diags.error_count()));
}

} // namespace

std::unique_ptr<const ValidBooks> load_books_without_checks(const Context& ctx, std::size_t& warnings) {
  diag::Diagnostics diags;
  const std::filesystem::path dir = ctx.books_dir();
  books::Books books = books::load_books(dir, diags, load_options_from_environment(dir));
  if (!diags.has_errors()) invoicing::check_billed_contracts(books, register_busy_timeout_ms(), diags);
  if (diags.has_errors()) report_errors(diags);
  warnings = diags.warning_count();
  return std::make_unique<const ValidBooks>(std::move(books));
}

std::size_t count_check_warnings(const ValidBooks& valid, calendar::Date today) {
  diag::Diagnostics diags;
  const std::optional<billing::BilledState> billed = invoicing::registered_billed_state(valid.books.root, register_busy_timeout_ms());
  billing::check_books(valid.books, valid.entries, today, diags, {billed ? &*billed : nullptr, false});
  return diags.warning_count();
}

std::unique_ptr<const invoicing::BillingBooks> load_billing_books(const Context& ctx, calendar::IsoWeek horizon,
                                                                  bool use_books_cache, bool unsettled_suffices,
                                                                  std::size_t& warnings) {
  diag::Diagnostics diags;
  const std::filesystem::path dir = ctx.books_dir();
  const invoicing::BillingLoadOptions options{load_options_from_environment(dir), use_books_cache, unsettled_suffices,
                                              register_busy_timeout_ms(), horizon};
  auto books = invoicing::load_billing_books(dir, diags, options);
  if (diags.has_errors()) {
    if (books->pending_timelog_cache) books->pending_timelog_cache(); // the files without errors
    report_errors(diags);
  }
  warnings = diags.warning_count();
  return books;
}

void keep_until_exit(std::unique_ptr<const invoicing::BillingBooks> books) {
  static auto* const kept = new std::vector<std::unique_ptr<const invoicing::BillingBooks>>();
  kept->push_back(std::move(books));
}

void summarise_warnings(const Context& ctx, std::size_t warnings) {
  if (warnings > 0 && !ctx.quiet)
    print_err(fmt::format(fmt::runtime(P_("honorar: {} warning in the books (run 'honorar check' to see them)\n",
                                          "honorar: {} warnings in the books (run 'honorar check' to see them)\n",
                                          warnings)),
                          warnings));
}

} // namespace detail

} // namespace cli

// Loading the books for a command: the same validation as `check`, then stop on an error.
#include "context.hpp"
#include "i18n.hpp"

#include "billing/checks.hpp"
#include "books/load.hpp"

#include <fmt/format.h>

namespace cli {

std::unique_ptr<const ValidBooks> load_valid_books(const Context& ctx) {
  diag::Diagnostics diags;
  books::Books books = books::load_books(ctx.books_dir(), diags);
  std::unique_ptr<const ValidBooks> valid;
  if (!diags.has_errors()) {
    valid = std::make_unique<const ValidBooks>(std::move(books));
    billing::check_books(valid->books, valid->entries, ctx.today(), diags);
  }
  if (diags.has_errors()) {
    diags.sort();
    for (const diag::Diagnostic& d : diags.items())
      if (d.severity == diag::Severity::error) print_err(d.to_string() + "\n");
    throw diag::Error(diag::ErrorKind::data,
                      fmt::format(fmt::runtime(P_("the books have {} error; nothing was done (run 'honorar check')",
                                                  "the books have {} errors; nothing was done (run 'honorar check')",
                                                  diags.error_count())),
                                  diags.error_count()));
  }
  if (diags.warning_count() > 0 && !ctx.quiet)
    print_err(fmt::format(fmt::runtime(P_("honorar: {} warning in the books (run 'honorar check' to see them)\n",
                                          "honorar: {} warnings in the books (run 'honorar check' to see them)\n",
                                          diags.warning_count())),
                          diags.warning_count()));
  return valid;
}

} // namespace cli

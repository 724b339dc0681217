// honorar check | tjek: validate the books (SPEC §5).
#include "context.hpp"

#include "billing/checks.hpp"
#include "books/load.hpp"

#include <fmt/format.h>

namespace cli {

void add_check(CLI::App& app, Context& ctx) {
  CLI::App* cmd = app.add_subcommand("check", "validate the books and print every problem");
  cmd->alias("tjek");
  cmd->callback([&ctx] {
    ctx.run = [&ctx] {
      require_format(ctx, {"text", "json"});
      diag::Diagnostics diags;
      books::Books books = books::load_books(ctx.books_dir(), diags);
      billing::check_books(books, ctx.today(), diags);
      diags.sort();
      if (ctx.format == "json") {
        print_out(render::dump(render::diagnostics_json(diags)));
      } else {
        for (const diag::Diagnostic& d : diags.items())
          if (d.severity == diag::Severity::error || !ctx.quiet) print_err(d.to_string() + "\n");
        if (!ctx.quiet || diags.has_errors())
          print_err(fmt::format("{} error{}, {} warning{} in {} contract{}, {} entr{}, {} expense{}\n",
                                diags.error_count(), diags.error_count() == 1 ? "" : "s", diags.warning_count(),
                                diags.warning_count() == 1 ? "" : "s", books.contracts.size(),
                                books.contracts.size() == 1 ? "" : "s", books.entries.size(),
                                books.entries.size() == 1 ? "y" : "ies", books.expenses.size(),
                                books.expenses.size() == 1 ? "" : "s"));
      }
      return diags.has_errors() ? 65 : 0;
    };
  });
}

} // namespace cli

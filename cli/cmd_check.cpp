// honorar check | tjek: validate the books (SPEC §5).
#include "color.hpp"
#include "context.hpp"
#include "environment.hpp"
#include "exit_codes.hpp"
#include "i18n.hpp"

#include "billing/checks.hpp"
#include "books/load.hpp"
#include "invoicing/register_checks.hpp"

#include <fmt/format.h>

namespace cli {
namespace {

// "path:line:col: error: message", with "error" in red and "warning" in yellow on a terminal.
// The words stay English, like the messages of the books' diagnostics (lib/) and as editors
// and scripts match them.
std::string diagnostic_line(const diag::Diagnostic& d, bool color) {
  const std::string where = d.where.to_string();
  const bool error = d.severity == diag::Severity::error;
  return (where.empty() ? std::string() : where + ": ") +
         paint(error ? "error" : "warning", error ? k_bold_red : k_yellow, color) + ": " + d.message + "\n";
}

// "1 error, 0 warnings in 9 contracts, 757 entries, 52 expenses"
std::string summary(const diag::Diagnostics& diags, const books::Books& books) {
  auto count = [](const char* format, std::size_t n) { return fmt::format(fmt::runtime(format), n); };
  const std::size_t e = diags.error_count(), w = diags.warning_count(), c = books.contracts.size(),
                    n = books.entries.size(), x = books.expenses.size();
  return fmt::format(fmt::runtime(_("{}, {} in {}, {}, {}\n")), count(P_("{} error", "{} errors", e), e),
                     count(P_("{} warning", "{} warnings", w), w), count(P_("{} contract", "{} contracts", c), c),
                     count(P_("{} entry", "{} entries", n), n), count(P_("{} expense", "{} expenses", x), x));
}

} // namespace

void add_check(CLI::App& app, Context& ctx) {
  CLI::App* cmd = app.add_subcommand("check", N_("validate the books and print every problem"));
  cmd->alias("tjek");
  auto all = std::make_shared<bool>(false);
  cmd->add_flag("--all", *all, N_("also the warnings about weeks already billed as they are (settled history)"));
  cmd->callback([&ctx, all] {
    ctx.run = [&ctx, all] {
      require_format(ctx, {"text", "json"});
      diag::Diagnostics diags;
      const std::filesystem::path dir = ctx.books_dir();
      books::Books books = books::load_books(dir, diags, load_options_from_environment(dir));
      std::optional<billing::BilledState> billed;
      if (!diags.has_errors()) {
        invoicing::check_billed_contracts(books, register_busy_timeout_ms(), diags);
        billed = invoicing::registered_billed_state(books.root, register_busy_timeout_ms());
      }
      billing::check_books(books, ctx.today(), diags, {billed ? &*billed : nullptr, *all});
      diags.sort();
      if (ctx.format == "json") {
        print_out(render::dump(render::diagnostics_json(diags)));
      } else {
        const bool color = use_color(stderr);
        for (const diag::Diagnostic& d : diags.items())
          if (d.severity == diag::Severity::error || !ctx.quiet) print_err(diagnostic_line(d, color));
        if (!ctx.quiet || diags.has_errors()) print_err(summary(diags, books));
      }
      return diags.has_errors() ? ExitCode::data : ExitCode::ok;
    };
  });
}

} // namespace cli

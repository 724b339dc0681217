// honorar export | bogføring: the posting journal of a period for the accounting system (SPEC 10.1).
#include "context.hpp"
#include "environment.hpp"
#include "exit_codes.hpp"
#include "i18n.hpp"

#include "bookkeeping/journal.hpp"
#include "bookkeeping/journal_format.hpp"
#include "bookkeeping/sources.hpp"
#include "books/load.hpp"

#include <fmt/format.h>

namespace cli {
namespace {

struct ExportOptions {
  MonthRangeOptions range;
  std::string csv_locale;
  std::string vouchers;
};

// honorar.toml alone: the journal is made from the register (the documents as issued), so a
// problem in a contract or a time log does not stop the bookkeeping.
books::Settings load_settings(const Context& ctx) {
  diag::Diagnostics diags;
  books::Settings settings = books::load_settings_file(ctx.books_dir(), diags);
  if (diags.has_errors()) {
    diags.sort();
    for (const diag::Diagnostic& d : diags.items())
      if (d.severity == diag::Severity::error) print_err(d.to_string() + "\n");
    throw diag::Error(diag::ErrorKind::data,
                      fmt::format(fmt::runtime(P_("honorar.toml has {} error; nothing was done (run 'honorar check')",
                                                  "honorar.toml has {} errors; nothing was done (run 'honorar check')",
                                                  diags.error_count())),
                                  diags.error_count()));
  }
  return settings;
}

int run_export(const ExportOptions& o, const Context& ctx) {
  if (ctx.format_given) require_format(ctx, {"csv", "json"});
  const bool json = ctx.format_given && ctx.format == "json";
  if (!o.csv_locale.empty() && json)
    throw diag::Error(diag::ErrorKind::usage, _("--csv-locale goes with --format csv"));
  const render::CsvLocale csv_locale = o.csv_locale == "da" ? render::CsvLocale::da : render::CsvLocale::c;
  const auto [from, to] = parse_month_range(o.range, ctx);

  const books::Settings settings = load_settings(ctx);
  const auto reg = invoice_register::Register::open_read_only(ctx.books_dir(), register_busy_timeout_ms());
  const bookkeeping::Sources sources = bookkeeping::read_sources(reg.get(), from, to);
  const std::vector<bookkeeping::Posting> postings = bookkeeping::journal(sources);
  if (const auto missing = bookkeeping::missing_accounts(postings, settings.accounts); !missing.empty()) {
    std::string names;
    for (std::string_view key : missing) names += fmt::format("{}'{}'", names.empty() ? "" : ", ", key);
    throw diag::Error(diag::ErrorKind::data,
                      fmt::format(fmt::runtime(_("honorar.toml: [accounts] does not set {}, which the journal needs "
                                                 "(see honorar(5)); nothing was written")),
                                  names));
  }
  // The vouchers before the journal: when they cannot be written (73), nothing is printed.
  if (!o.vouchers.empty()) bookkeeping::write_vouchers(o.vouchers, bookkeeping::voucher_pdfs(reg.get(), sources, postings));
  if (json) print_out(render::dump(bookkeeping::journal_json(from, to, postings, settings.accounts)));
  else print_out(bookkeeping::journal_csv(postings, settings.accounts, csv_locale));
  return ExitCode::ok;
}

} // namespace

void add_export(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<ExportOptions>();
  CLI::App* cmd = app.add_subcommand("export", N_("the posting journal of a period for the accounting system"));
  cmd->alias("bogføring");
  add_month_range_options(cmd, options->range);
  cmd->add_option("--csv-locale", options->csv_locale,
                  N_("c (default: comma, '.' decimals, ISO dates, for programs) or da (semicolon, ',' decimals, "
                     "DD-MM-YYYY, BOM, as e-conomic, Dinero and Billy import it)"))
      ->check(CLI::IsMember({"c", "da"}));
  cmd->add_option("--vouchers", options->vouchers, N_("also write each voucher's PDF as DIR/VOUCHER.pdf"));
  cmd->callback([&ctx, options] { ctx.run = [&ctx, options] { return run_export(*options, ctx); }; });
}

} // namespace cli

// honorar open | udestående: the open items (SPEC 9.3).
#include "context.hpp"
#include "environment.hpp"
#include "exit_codes.hpp"
#include "i18n.hpp"

#include "receivables/ledger.hpp"
#include "receivables/present.hpp"
#include "register/register.hpp"
#include "render/json.hpp"

#include <fmt/format.h>

namespace cli {
namespace {

struct OpenOptions {
  bool overdue = false;
  std::string csv_locale;
};

int run_open(const OpenOptions& o, const Context& ctx) {
  require_format(ctx, {"text", "json", "csv"});
  if (!o.csv_locale.empty() && ctx.format != "csv")
    throw diag::Error(diag::ErrorKind::usage, _("--csv-locale goes with --format csv"));
  const std::filesystem::path books = ctx.books_dir();
  std::error_code ec;
  if (!std::filesystem::is_directory(books, ec))
    throw diag::Error(diag::ErrorKind::missing,
                      fmt::format(fmt::runtime(_("the books directory '{}' does not exist")), books.string()));
  const calendar::Date today = ctx.today();
  auto reg = invoice_register::Register::open_read_only(books, register_busy_timeout_ms());
  const receivables::Ledger ledger = reg ? receivables::Ledger::load(*reg) : receivables::Ledger{};
  const receivables::OpenReport report = receivables::open_report(ledger, today, o.overdue);
  if (ctx.format == "json") print_out(render::dump(receivables::open_json(report)));
  else if (ctx.format == "csv")
    print_out(receivables::open_csv(report, o.csv_locale == "da" ? render::CsvLocale::da : render::CsvLocale::c));
  else print_out(receivables::open_text(report));
  return ExitCode::ok;
}

} // namespace

void add_open(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<OpenOptions>();
  CLI::App* cmd = app.add_subcommand("open", N_("list the invoices not fully paid, by payer, and the contracts' credits"));
  cmd->alias("udestående");
  cmd->add_flag("--overdue", options->overdue, N_("only invoices whose due date has passed"));
  cmd->add_option("--csv-locale", options->csv_locale,
                  N_("with --format csv: c (default: comma, '.' decimals, for programs) or da (semicolon, "
                     "',' decimals, BOM, for a Danish spreadsheet)"))
      ->check(CLI::IsMember({"c", "da"}));
  cmd->callback([&ctx, options] { ctx.run = [&ctx, options] { return run_open(*options, ctx); }; });
}

} // namespace cli

// honorar pay | betal: record a payment or refund on an invoice (SPEC 9.2).
#include "context.hpp"
#include "environment.hpp"
#include "exit_codes.hpp"
#include "i18n.hpp"

#include "books/settings.hpp"
#include "receivables/pay.hpp"
#include "receivables/present.hpp"
#include "receivables/statement.hpp"
#include "register/register.hpp"
#include "render/json.hpp"
#include "util/file.hpp"

#include <fmt/format.h>

namespace cli {
namespace {

struct PayOptions {
  std::string number;
  std::string amount;
  std::string date;
  std::string text;
  std::string import;
};

std::filesystem::path existing_books(const Context& ctx) {
  const std::filesystem::path books = ctx.books_dir();
  std::error_code ec;
  if (!std::filesystem::is_directory(books, ec))
    throw diag::Error(diag::ErrorKind::missing,
                      fmt::format(fmt::runtime(_("the books directory '{}' does not exist")), books.string()));
  return books;
}

// [statement] from honorar.toml: only the settings are read, not the time logs.
books::StatementSettings statement_settings(const std::filesystem::path& books) {
  const std::filesystem::path toml = books / "honorar.toml";
  util::FileContent content = util::read_file(toml, books::k_max_books_file_bytes);
  if (content.status == util::FileContent::Status::cannot_open)
    throw diag::Error(diag::ErrorKind::missing,
                      fmt::format(fmt::runtime(_("{} is missing: not a books directory")), toml.string()));
  diag::Diagnostics diags;
  const books::Settings settings = books::load_settings("honorar.toml", std::move(content.text), diags);
  if (diags.has_errors()) {
    diags.sort();
    for (const diag::Diagnostic& d : diags.items())
      if (d.severity == diag::Severity::error) print_err(d.to_string() + "\n");
    throw diag::Error(diag::ErrorKind::data, _("honorar.toml has errors; nothing was recorded (run 'honorar check')"));
  }
  return settings.statement;
}

int run_import(const PayOptions& o, const Context& ctx) {
  const std::filesystem::path books = existing_books(ctx);
  const books::StatementSettings columns = statement_settings(books);
  const calendar::Date today = ctx.today();
  const std::vector<receivables::StatementLine> lines = receivables::read_statement(o.import, o.import, columns);
  std::error_code ec;
  if (!std::filesystem::exists(books / invoice_register::k_file_name, ec))
    throw diag::Error(diag::ErrorKind::data, _("no invoice has been issued yet: there is nothing to match a statement to"));
  const receivables::ImportOutcome outcome =
      receivables::import_statement(books, o.import, lines, today, register_busy_timeout_ms());
  if (ctx.format == "json") print_out(render::dump(receivables::import_json(outcome)));
  else print_out(receivables::import_text(outcome));
  if (!ctx.quiet)
    for (const receivables::ImportedLine& l : outcome.unmatched)
      print_err(fmt::format(fmt::runtime(_("honorar: {}:{}: warning: no open invoice matches {} {} \"{}\"; record it "
                                           "with 'honorar pay N AMOUNT'\n")),
                            o.import, l.line, l.date.to_string(), l.amount.to_string(), l.text));
  return ExitCode::ok;
}

int run_pay(const PayOptions& o, const Context& ctx) {
  require_format(ctx, {"text", "json"});
  if (!o.import.empty()) {
    if (!o.number.empty() || !o.amount.empty() || !o.date.empty() || !o.text.empty())
      throw diag::Error(diag::ErrorKind::usage, _("--import takes no invoice number, amount, --date or --text"));
    return run_import(o, ctx);
  }
  if (o.number.empty() || o.amount.empty())
    throw diag::Error(diag::ErrorKind::usage, _("pay needs an invoice number and an amount: honorar pay N AMOUNT"));
  const calendar::Date today = ctx.today();
  receivables::PayRequest request;
  request.document = o.number;
  request.amount = o.amount;
  request.date = o.date.empty() ? today : parse_cli_date(o.date, ctx, "--date");
  request.text = o.text;
  request.today = today;
  request.busy_timeout_ms = register_busy_timeout_ms();
  const receivables::PayOutcome outcome = receivables::record_payment(existing_books(ctx), request);
  if (ctx.format == "json") print_out(render::dump(receivables::pay_json(outcome)));
  else print_out(receivables::pay_text(outcome));
  return ExitCode::ok;
}

} // namespace

void add_pay(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<PayOptions>();
  CLI::App* cmd = app.add_subcommand("pay", N_("record a payment (or, negative, a refund) of AMOUNT on invoice N"));
  cmd->alias("betal");
  cmd->add_option("N", options->number, N_("the invoice number"));
  cmd->add_option("AMOUNT", options->amount, N_("the amount: 1234.50 or 1.234,50; negative for a refund"));
  cmd->add_option("--date", options->date, N_("the day it was paid, YYYY-MM-DD (default: today)"));
  cmd->add_option("--text", options->text, N_("a text to keep with the payment"));
  cmd->add_option("--import", options->import,
                  N_("import a bank statement (CSV): match each incoming line to an invoice and record it once"));
  cmd->callback([&ctx, options] { ctx.run = [&ctx, options] { return run_pay(*options, ctx); }; });
}

} // namespace cli

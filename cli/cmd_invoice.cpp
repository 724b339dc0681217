// honorar invoice | faktura: the monthly run (SPEC §3).
#include "context.hpp"
#include "environment.hpp"
#include "exit_codes.hpp"
#include "i18n.hpp"

#include "invoicing/monthly_run.hpp"
#include "render/json.hpp"
#include "render/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

namespace cli {
namespace {

struct InvoiceOptions {
  std::string month;
  bool dry_run = false;
  std::vector<std::string> contracts;
};

int run_invoice(const InvoiceOptions& o, const Context& ctx) {
  require_format(ctx, {"text", "json"});
  const calendar::Month month = parse_cli_month(o.month, ctx, "--month");
  // Every week the run and its checks read: those of months up to M and up to today's.
  const calendar::IsoWeek horizon = std::max(calendar::IsoWeek::of(month.last_day()),
                                             calendar::IsoWeek::of(calendar::Month::of(ctx.today()).last_day()));
  const invoicing::Outcome outcome = with_billing_books(ctx, horizon, o.dry_run, [&](const invoicing::BillingBooks& b) {
    invoicing::Request request{month, ctx.today(), o.contracts, o.dry_run, register_busy_timeout_ms(),
                               b.from_books_cache ? nullptr : &b.entries, &b.weeks, b.register_summary,
                               load_options_from_environment(ctx.books_dir()).threads};
    return invoicing::invoice_month(b.books, request);
  });
  if (ctx.format == "json") print_out(render::dump(render::run_json(outcome.run)));
  else print_out(render::run_text(outcome.run, o.dry_run));
  if (!ctx.quiet && !o.dry_run) {
    if (outcome.documents == 0)
      print_err(fmt::format(fmt::runtime(_("honorar: nothing to invoice for {}: everything billable is billed\n")),
                            month.to_string()));
    else
      print_err(fmt::format(fmt::runtime(_("honorar: {}; {} written under invoices/\n")),
                            fmt::format(fmt::runtime(P_("{} document registered", "{} documents registered",
                                                        static_cast<unsigned long>(outcome.documents))),
                                        outcome.documents),
                            fmt::format(fmt::runtime(P_("{} file", "{} files", outcome.written.size())),
                                        outcome.written.size())));
  }
  return ExitCode::ok;
}

} // namespace

void add_invoice(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<InvoiceOptions>();
  CLI::App* cmd = app.add_subcommand("invoice", N_("invoice month M: bill what is billable and not yet billed"));
  cmd->alias("faktura");
  cmd->add_option("--month", options->month, N_("the month, YYYY-MM or last"))->required();
  cmd->add_flag("--dry-run", options->dry_run, N_("compute and print the documents, write nothing"));
  cmd->add_option("--contract", options->contracts, N_("only this contract (repeatable)"));
  cmd->callback([&ctx, options] { ctx.run = [&ctx, options] { return run_invoice(*options, ctx); }; });
}

} // namespace cli

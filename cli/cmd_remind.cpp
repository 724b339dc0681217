// honorar remind | rykker: reminders under renteloven (SPEC 9.4).
#include "context.hpp"
#include "environment.hpp"
#include "exit_codes.hpp"
#include "i18n.hpp"

#include "invoicing/reminder_run.hpp"
#include "render/json.hpp"
#include "render/reminder.hpp"

#include <fmt/format.h>

namespace cli {
namespace {

struct RemindOptions {
  bool dry_run = false;
  std::vector<std::string> contracts;
};

int run_remind(const RemindOptions& o, const Context& ctx) {
  require_format(ctx, {"text", "json"});
  // The books as the monthly run loads them: from the books cache when nothing changed, so that a
  // remind on years of time logs does not read them (it needs the settings and the contracts;
  // the time logs only for the warning count, which the cache keeps).
  const calendar::IsoWeek horizon = calendar::IsoWeek::of(calendar::Month::of(ctx.today()).last_day());
  const invoicing::RemindOutcome outcome = with_billing_books(ctx, horizon, true, [&](const invoicing::BillingBooks& b) {
    const invoicing::RemindRequest request{ctx.today(), o.contracts, o.dry_run, register_busy_timeout_ms()};
    return invoicing::remind(b.books, request);
  });
  if (ctx.format == "json") print_out(render::dump(render::reminder_run_json(outcome.run)));
  else print_out(render::reminder_run_text(outcome.run, o.dry_run));
  const std::size_t issued = outcome.run.reminders.size();
  if (!ctx.quiet && !o.dry_run) {
    if (issued == 0)
      print_err(_("honorar: no reminders: no invoice may have one today\n"));
    else
      print_err(fmt::format(fmt::runtime(_("honorar: {}; {} written under invoices/\n")),
                            fmt::format(fmt::runtime(P_("{} reminder registered", "{} reminders registered",
                                                        static_cast<unsigned long>(issued))),
                                        issued),
                            fmt::format(fmt::runtime(P_("{} file", "{} files", outcome.written.size())),
                                        outcome.written.size())));
  }
  return ExitCode::ok;
}

} // namespace

void add_remind(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<RemindOptions>();
  CLI::App* cmd = app.add_subcommand("remind", N_("issue the reminders overdue invoices may have today (renteloven)"));
  cmd->alias("rykker");
  cmd->add_flag("--dry-run", options->dry_run, N_("compute and print the reminders, write nothing"));
  cmd->add_option("--contract", options->contracts, N_("only this contract (repeatable)"));
  cmd->callback([&ctx, options] { ctx.run = [&ctx, options] { return run_remind(*options, ctx); }; });
}

} // namespace cli

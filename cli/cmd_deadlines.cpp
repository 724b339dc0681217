// honorar deadlines | frister: status reports, action plans and ends due soon (SPEC §4).
#include "color.hpp"
#include "context.hpp"
#include "exit_codes.hpp"
#include "i18n.hpp"

#include "billing/deadlines.hpp"
#include "render/ics.hpp"
#include "render/text.hpp"

namespace cli {

void add_deadlines(CLI::App& app, Context& ctx) {
  auto within = std::make_shared<int>(30);
  CLI::App* cmd = app.add_subcommand("deadlines", N_("list deadlines due within N days, overdue ones included"));
  cmd->alias("frister");
  cmd->add_option("--within", *within, N_("days ahead (default 30)"))->check(CLI::Range(0, 36500));
  cmd->callback([&ctx, within] {
    ctx.run = [&ctx, within] {
      require_format(ctx, {"text", "json", "ics"});
      const auto valid = load_valid_books(ctx);
      const calendar::Date today = ctx.today();
      const render::DeadlineList list{today, *within, billing::deadlines(valid->books, today, *within)};
      if (ctx.format == "json") print_out(render::dump(render::deadlines_json(list)));
      else if (ctx.format == "ics") print_out(render::deadlines_ics(list));
      else print_out(render::deadlines_text(list, use_color(stdout)));
      return ExitCode::ok;
    };
  });
}

} // namespace cli

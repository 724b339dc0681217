// The command line: global options, the subcommand table, and the one catch ladder.
#include "context.hpp"
#include "exit_codes.hpp"
#include "help_format.hpp"
#include "i18n.hpp"

#include "diag/diagnostic.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace cli {

std::filesystem::path Context::books_dir() const {
  if (!books_option.empty()) return books_option;
  if (const char* env = std::getenv("HONORAR_BOOKS"); env && *env) return env;
  return ".";
}

calendar::Date Context::today() const {
  if (!today_option.empty() && today_option != "today") {
    if (auto d = calendar::parse_date(today_option)) return *d;
    throw diag::Error(diag::ErrorKind::usage,
                      fmt::format(fmt::runtime(_("--today must be YYYY-MM-DD, not \"{}\"")), today_option));
  }
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return *calendar::Date::from_ymd(local.tm_year + 1900, static_cast<unsigned>(local.tm_mon + 1),
                                   static_cast<unsigned>(local.tm_mday));
}

calendar::Date parse_cli_date(const std::string& text, const Context& ctx, std::string_view what) {
  if (text == "today") return ctx.today();
  if (auto d = calendar::parse_date(text)) return *d;
  throw diag::Error(diag::ErrorKind::usage,
                    fmt::format(fmt::runtime(_("{} must be a date YYYY-MM-DD or 'today', not \"{}\"")), what, text));
}

calendar::Month parse_cli_month(const std::string& text, const Context& ctx, std::string_view what) {
  if (text == "last") return calendar::Month::of(ctx.today()) - 1;
  if (auto m = calendar::parse_month(text)) return *m;
  throw diag::Error(diag::ErrorKind::usage,
                    fmt::format(fmt::runtime(_("{} must be a month YYYY-MM or 'last', not \"{}\"")), what, text));
}

void add_month_range_options(CLI::App* cmd, MonthRangeOptions& options) {
  cmd->add_option("--month", options.month, N_("one month, YYYY-MM or last"));
  cmd->add_option("--from", options.from, N_("first month of a range"));
  cmd->add_option("--to", options.to, N_("last month of a range"));
}

std::pair<calendar::Month, calendar::Month> parse_month_range(const MonthRangeOptions& o, const Context& ctx) {
  if (!o.month.empty() && (!o.from.empty() || !o.to.empty()))
    throw diag::Error(diag::ErrorKind::usage, _("give either --month M or --from M1 --to M2"));
  if (o.month.empty() && (o.from.empty() || o.to.empty()))
    throw diag::Error(diag::ErrorKind::usage, _("give --month M, or both --from M1 and --to M2"));
  const bool one = !o.month.empty();
  const calendar::Month from = parse_cli_month(one ? o.month : o.from, ctx, one ? "--month" : "--from");
  const calendar::Month to = parse_cli_month(one ? o.month : o.to, ctx, one ? "--month" : "--to");
  if (to < from) throw diag::Error(diag::ErrorKind::usage, _("--to is before --from"));
  return {from, to};
}

void require_format(const Context& ctx, std::initializer_list<std::string_view> allowed) {
  for (std::string_view f : allowed)
    if (ctx.format == f) return;
  std::string list;
  for (std::string_view f : allowed) list += (list.empty() ? "" : ", ") + std::string(f);
  throw diag::Error(diag::ErrorKind::usage,
                    fmt::format(fmt::runtime(_("--format must be one of {} here, not \"{}\"")), list, ctx.format));
}

void print_out(std::string_view text) { std::fwrite(text.data(), 1, text.size(), stdout); }
void print_err(std::string_view text) { std::fwrite(text.data(), 1, text.size(), stderr); }

int run_main(int argc, char** argv) {
  Context ctx;
  CLI::App app{N_("honorar: billing and contracts for social-pedagogical support courses"), "honorar"};
  // Before the subcommands are added: they inherit it. Help is translated only when printed.
  app.formatter(translating_formatter());
  app.fallthrough();
  app.require_subcommand(1);
  app.set_version_flag("--version", "honorar " HONORAR_VERSION);
  app.set_help_flag("-h,--help", N_("Print this help message and exit"));
  app.add_option("--books", ctx.books_option, N_("the books directory (default: $HONORAR_BOOKS, else .)"));
  app.add_option("--today", ctx.today_option, N_("the date to act on, YYYY-MM-DD (default: the local date)"));
  app.add_option("--format", ctx.format, N_("text (default), json; csv for report, open and export; ics for deadlines"));
  app.add_flag("--quiet,-q", ctx.quiet, N_("print no warnings and no summaries"));
  app.footer(N_("Exit codes: 0 ok, 64 usage, 65 invalid books, 66 books or file missing, 69 a service (PDF "
                "libraries, SMTP server, delivery command) unavailable, 73 cannot write, 75 register busy or a "
                "delivery failed for now, 1 internal error. See honorar(1) and "
                "honorar-COMMAND(1)."));

  add_check(app, ctx);
  add_report(app, ctx);
  add_invoice(app, ctx);
  add_register(app, ctx);
  add_notice(app, ctx);
  add_deadlines(app, ctx);
  add_init(app, ctx);
  add_export(app, ctx);
  add_pay(app, ctx);
  add_open(app, ctx);
  add_remind(app, ctx);
  add_send(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    translate_labels(*app.get_formatter());
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    translate_labels(*app.get_formatter());
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    print_err(usage_error_text(app, e));
    return ExitCode::usage;
  }

  ctx.format_given = app.get_option("--format")->count() > 0;
  try {
    // A bad --today is a usage error for every command, also one that never asks for the date.
    if (!ctx.today_option.empty()) (void)ctx.today();
    return ctx.run ? ctx.run() : ExitCode::usage;
  } catch (const diag::Error& e) {
    print_err(fmt::format("honorar: {}\n", e.to_string()));
    return exit_code(e.kind());
  } catch (const std::bad_alloc&) {
    print_err(std::string("honorar: ") + _("out of memory") + "\n");
    return ExitCode::internal;
  } catch (const std::exception& e) {
    print_err(fmt::format(fmt::runtime(_("honorar: internal error: {}\n")), e.what()));
    return ExitCode::internal;
  }
}

} // namespace cli

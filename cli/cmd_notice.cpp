// honorar notice | opsigelse: when does a course end after notice (SPEC 6.1)?
#include "context.hpp"
#include "exit_codes.hpp"
#include "i18n.hpp"

#include "books/load.hpp"
#include "calendar/notice.hpp"

#include <fmt/format.h>

namespace cli {
namespace {

struct NoticeOptions {
  std::string given;
  std::string rule;
  std::string contract;
  std::string latest_for;
};

calendar::NoticeRule rule_for(const NoticeOptions& o, const Context& ctx) {
  if (!o.contract.empty()) {
    // Only the contract's rule: its own `end` does not cut the answer.
    const auto valid = load_valid_books(ctx);
    const books::Contract* c = valid->books.find_contract(o.contract);
    if (!c) throw diag::Error(diag::ErrorKind::usage, fmt::format(fmt::runtime(_("no contract '{}' in the books")), o.contract));
    return c->notice;
  }
  const std::string text = o.rule.empty() ? std::string(calendar::k_default_notice_rule) : o.rule;
  if (auto rule = calendar::NoticeRule::parse(text)) return *rule;
  throw diag::Error(diag::ErrorKind::usage,
                    fmt::format(fmt::runtime(_("notice rule \"{}\" does not parse (expected e.g. \"løbende måned + 1\", "
                                               "\"14 dage\", \"3 måneder\", \"løbende uge + 2\" or \"ingen\")")),
                                text));
}

int run_notice(const NoticeOptions& o, const Context& ctx) {
  require_format(ctx, {"text", "json"});
  if (!o.given.empty() && !o.latest_for.empty())
    throw diag::Error(diag::ErrorKind::usage, _("give either GIVEN or --latest-for END, not both"));
  if (o.given.empty() && o.latest_for.empty())
    throw diag::Error(diag::ErrorKind::usage, _("give the date notice is given (GIVEN), or --latest-for END"));
  if (!o.rule.empty() && !o.contract.empty())
    throw diag::Error(diag::ErrorKind::usage, _("give either --notice RULE or --contract ID, not both"));
  // Dates first: a bad date is a usage error before any books are read.
  const calendar::Date day = o.latest_for.empty() ? parse_cli_date(o.given, ctx, "GIVEN")
                                                  : parse_cli_date(o.latest_for, ctx, "--latest-for");
  const calendar::NoticeRule rule = rule_for(o, ctx);
  if (o.latest_for.empty()) {
    const calendar::Date end = rule.end_for(day);
    if (ctx.format == "json") {
      render::Json j;
      j["given"] = day.to_string();
      j["notice"] = rule.text();
      j["end"] = end.to_string();
      print_out(render::dump(j));
    } else {
      print_out(end.to_string() + "\n");
    }
  } else {
    const calendar::Date latest = rule.latest_given_for(day);
    if (ctx.format == "json") {
      render::Json j;
      j["end"] = day.to_string();
      j["notice"] = rule.text();
      j["latest_given"] = latest.to_string();
      print_out(render::dump(j));
    } else {
      print_out(latest.to_string() + "\n");
    }
  }
  return ExitCode::ok;
}

} // namespace

void add_notice(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<NoticeOptions>();
  CLI::App* cmd = app.add_subcommand("notice", N_("print the day a course ends when notice is given on GIVEN"));
  cmd->alias("opsigelse");
  cmd->add_option("GIVEN", options->given, N_("the day written notice is given (YYYY-MM-DD or today)"));
  cmd->add_option("--notice", options->rule, N_("the notice rule (default: \"løbende måned + 1\")"));
  cmd->add_option("--contract", options->contract, N_("use this contract's notice rule (reads the books)"));
  cmd->add_option("--latest-for", options->latest_for, N_("print the last day notice can be given to end by this day"));
  cmd->callback([&ctx, options] { ctx.run = [&ctx, options] { return run_notice(*options, ctx); }; });
}

} // namespace cli

// honorar report | rapport: hours per contract and week (SPEC §6, §7).
#include "color.hpp"
#include "context.hpp"
#include "exit_codes.hpp"
#include "i18n.hpp"

#include "billing/week.hpp"
#include "render/csv.hpp"
#include "render/text.hpp"

#include <fmt/format.h>

namespace cli {
namespace {

struct ReportOptions {
  MonthRangeOptions range;
  std::string csv_locale;
};

int run_report(const ReportOptions& o, const Context& ctx) {
  require_format(ctx, {"text", "json", "csv"});
  if (!o.csv_locale.empty() && ctx.format != "csv")
    throw diag::Error(diag::ErrorKind::usage, _("--csv-locale goes with --format csv"));
  const render::CsvLocale csv_locale = o.csv_locale == "da" ? render::CsvLocale::da : render::CsvLocale::c;
  const auto [from, to] = parse_month_range(o.range, ctx);
  const render::Report report = with_valid_books(ctx, [&](const ValidBooks& valid) {
    const books::Books& books = valid.books;
    render::Report r{from, to, {}};
    for (std::size_t i = 0; i < books.contracts.size(); ++i) {
      auto weeks = billing::weeks_in_months(books.contracts[i], i, valid.entries, from, to);
      if (!weeks.empty()) r.contracts.push_back({books.contracts[i].id, std::move(weeks)});
    }
    return r;
  });
  if (ctx.format == "json") print_out(render::dump(render::report_json(report)));
  else if (ctx.format == "csv") print_out(render::report_csv(report, csv_locale));
  else print_out(render::report_text(report, use_color(stdout)));
  return ExitCode::ok;
}

} // namespace

void add_report(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* cmd = app.add_subcommand("report", N_("hours per contract and week: agreed, delivered, absent, billable"));
  cmd->alias("rapport");
  add_month_range_options(cmd, options->range);
  cmd->add_option("--csv-locale", options->csv_locale,
                  N_("with --format csv: c (default: comma, '.' decimals, for programs) or da (semicolon, "
                     "',' decimals, BOM, for a Danish spreadsheet)"))
      ->check(CLI::IsMember({"c", "da"}));
  cmd->callback([&ctx, options] { ctx.run = [&ctx, options] { return run_report(*options, ctx); }; });
}

} // namespace cli

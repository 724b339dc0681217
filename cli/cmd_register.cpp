// honorar register list | show N | render N: the issued documents, exactly as issued.
#include "context.hpp"
#include "exit_codes.hpp"
#include "i18n.hpp"

#include "invoicing/monthly_run.hpp"
#include "invoicing/reminder_run.hpp"
#include "receivables/ledger.hpp"
#include "register/document_ref.hpp"
#include "register/register.hpp"
#include "render/format.hpp"
#include "render/reminder.hpp"
#include "render/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <iterator>
#include <map>
#include <string_view>

namespace cli {
namespace {

std::unique_ptr<invoice_register::Register> open_register(const Context& ctx) {
  const std::filesystem::path books = ctx.books_dir();
  std::error_code ec;
  if (!std::filesystem::is_directory(books, ec))
    throw diag::Error(diag::ErrorKind::missing, fmt::format(fmt::runtime(_("the books directory '{}' does not exist")), books.string()));
  return invoice_register::Register::open_read_only(books, 10'000);
}

invoice_register::StoredDocument find(const Context& ctx, std::int64_t number) {
  auto reg = open_register(ctx);
  std::optional<invoice_register::StoredDocument> doc = reg ? reg->document(number) : std::nullopt;
  if (!doc) throw diag::Error(diag::ErrorKind::missing, fmt::format(fmt::runtime(_("no document number {} in the register")), number));
  return *doc;
}

// What is paid and open on a document (SPEC 9.3): an invoice's from the ledger; a credit note
// owes nothing.
struct Standing {
  money::Money paid, open;
};
Standing standing(const receivables::Ledger& ledger, std::int64_t number) {
  const receivables::InvoiceAccount* a = ledger.invoice(number);
  return a ? Standing{a->paid, a->open()} : Standing{};
}

// When and how a document was delivered, for people: "06.12.2026 16:56 e-mail" in local time
// (the register keeps UTC).
std::string delivered_text(const invoice_register::DeliveryRecord& d) {
  std::tm utc{};
  std::string when = d.at;
  if (std::sscanf(d.at.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ", &utc.tm_year, &utc.tm_mon, &utc.tm_mday, &utc.tm_hour,
                  &utc.tm_min, &utc.tm_sec) == 6) {
    utc.tm_year -= 1900;
    utc.tm_mon -= 1;
    const std::time_t t = timegm(&utc);
    std::tm local{};
    localtime_r(&t, &local);
    when = fmt::format("{:02}.{:02}.{:04} {:02}:{:02}", local.tm_mday, local.tm_mon + 1, local.tm_year + 1900,
                       local.tm_hour, local.tm_min);
  }
  return when + " " + (d.channel == "email" ? "e-mail" : "e-faktura");
}

int run_list(const Context& ctx) {
  require_format(ctx, {"text", "json"});
  auto reg = open_register(ctx);
  const auto docs = reg ? reg->documents() : std::vector<invoice_register::StoredDocument>{};
  const receivables::Ledger ledger = reg ? receivables::Ledger::load(*reg) : receivables::Ledger{};
  const auto delivered = reg ? reg->deliveries() : std::map<std::string, invoice_register::DeliveryRecord>{};
  auto delivery_of = [&delivered](std::int64_t number) -> const invoice_register::DeliveryRecord* {
    const auto it = delivered.find(invoice_register::Register::document_key(number));
    return it == delivered.end() ? nullptr : &it->second;
  };
  if (ctx.format == "json") {
    render::Json j;
    j["documents"] = render::Json::array();
    for (const auto& d : docs) {
      render::Json dj;
      dj["number"] = d.number;
      dj["kind"] = d.kind;
      dj["contract"] = d.contract;
      dj["month"] = d.month;
      dj["issue_date"] = d.issue_date;
      dj["total"] = d.total;
      const Standing st = standing(ledger, d.number);
      dj["paid"] = st.paid.to_string();
      dj["open"] = st.open.to_string();
      if (const auto* sent = delivery_of(d.number))
        dj["delivered"] = {{"at", sent->at}, {"channel", sent->channel}, {"to", sent->recipient}};
      else
        dj["delivered"] = nullptr;
      j["documents"].push_back(dj);
    }
    print_out(render::dump(j));
    return ExitCode::ok;
  }
  if (docs.empty()) {
    print_out("(ingen dokumenter i registret)\n");
    return ExitCode::ok;
  }
  print_out(render::pad_left("Nr.", 8) + "  " + render::pad_right("Type", 12) + render::pad_right("Kontrakt", 16) +
            render::pad_right("Måned", 9) + render::pad_right("Dato", 12) + render::pad_left("I alt", 14) +
            render::pad_left("Betalt", 14) + render::pad_left("Udestående", 14) + "  Sendt\n");
  for (const auto& d : docs) {
    const Standing st = standing(ledger, d.number);
    const auto* sent = delivery_of(d.number);
    print_out(render::pad_left(std::to_string(d.number), 8) + "  " +
              render::pad_right(d.kind == "invoice" ? "faktura" : "kreditnota", 12) + render::pad_right(d.contract, 16) +
              render::pad_right(d.month, 9) + render::pad_right(render::danish_date(*calendar::parse_date(d.issue_date)), 12) +
              render::pad_left(render::danish_number(d.total), 14) + render::pad_left(st.paid.to_danish(), 14) +
              render::pad_left(st.open.to_danish(), 14) + "  " +
              (sent ? delivered_text(*sent) : std::string("ikke sendt")) + "\n");
  }
  return ExitCode::ok;
}

invoice_register::DocumentRef parse_number(const std::string& text) {
  if (auto ref = invoice_register::parse_document_ref(text)) return *ref;
  throw diag::Error(diag::ErrorKind::usage,
                    fmt::format(fmt::runtime(_("\"{}\" is not a document number (N, or R<n> for a reminder)")), text));
}

// A reminder: json, text or pdf (it has no e-invoice).
int run_show_reminder(const Context& ctx, std::int64_t number) {
  const auto format = std::string_view(ctx.format);
  if (std::find(std::begin(render::k_reminder_formats), std::end(render::k_reminder_formats), format) ==
      std::end(render::k_reminder_formats))
    throw diag::Error(diag::ErrorKind::usage,
                      fmt::format(fmt::runtime(_("--format must be one of {} for a reminder, not \"{}\"")),
                                  "json, text, pdf", ctx.format));
  auto reg = open_register(ctx);
  const std::optional<std::string> json = reg ? reg->reminder_json(number) : std::nullopt;
  if (!json) throw diag::Error(diag::ErrorKind::missing, fmt::format(fmt::runtime(_("no reminder R{} in the register")), number));
  print_out(*render::render_reminder(invoicing::parse_stored_reminder(number, *json), format));
  return ExitCode::ok;
}

// show: text or json, the document as issued and then what is paid and open on it; render: any
// document format (json, text, xml, pdf), byte for byte as issued. R<n>: a reminder.
int run_show(const Context& ctx, const std::string& text, bool any_format) {
  if (!any_format) require_format(ctx, {"text", "json"});
  const invoice_register::DocumentRef ref = parse_number(text);
  if (ref.reminder()) return run_show_reminder(ctx, ref.number);
  const std::int64_t number = ref.number;
  if (!any_format) {
    auto reg = open_register(ctx);
    std::optional<invoice_register::StoredDocument> doc = reg ? reg->document(number) : std::nullopt;
    if (!doc)
      throw diag::Error(diag::ErrorKind::missing, fmt::format(fmt::runtime(_("no document number {} in the register")), number));
    const render::IssuedDocument issued = invoicing::parse_stored_document(doc->number, doc->json);
    const Standing st = standing(receivables::Ledger::load(*reg), number);
    if (ctx.format == "json") {
      render::Json j = render::to_json(issued);
      j["paid"] = st.paid.to_string();
      j["open"] = st.open.to_string();
      print_out(render::dump(j));
    } else {
      print_out(render::document_text(issued));
      if (!issued.credit_note())
        print_out(fmt::format("\nBetalt: {}    Udestående: {}\n", st.paid.to_danish(), st.open.to_danish()));
    }
    return ExitCode::ok;
  }
  const render::DocumentFormat* format = render::find_format(ctx.format);
  if (!format)
    throw diag::Error(diag::ErrorKind::usage,
                      fmt::format(fmt::runtime(_("--format must be one of {} here, not \"{}\"")), "json, text, xml, pdf",
                                  ctx.format));
  const auto doc = find(ctx, number);
  print_out(format->render(invoicing::parse_stored_document(doc.number, doc.json)));
  return ExitCode::ok;
}

} // namespace

void add_register(CLI::App& app, Context& ctx) {
  CLI::App* cmd = app.add_subcommand("register", N_("the issued documents: list, show N, render N"));
  cmd->require_subcommand(1);
  CLI::App* list = cmd->add_subcommand("list", N_("list every issued document in number order"));
  list->callback([&ctx] { ctx.run = [&ctx] { return run_list(ctx); }; });
  auto number = std::make_shared<std::string>();
  CLI::App* show = cmd->add_subcommand("show", N_("print document N (or reminder R<n>) as issued"));
  show->add_option("N", *number, N_("the document number, or R<n> for a reminder"))->required();
  show->callback([&ctx, number] { ctx.run = [&ctx, number] { return run_show(ctx, *number, false); }; });
  CLI::App* render_cmd = cmd->add_subcommand("render", N_("render document N (or reminder R<n>) again, byte for byte as issued"));
  render_cmd->add_option("N", *number, N_("the document number, or R<n> for a reminder"))->required();
  render_cmd->callback([&ctx, number] { ctx.run = [&ctx, number] { return run_show(ctx, *number, true); }; });
}

} // namespace cli

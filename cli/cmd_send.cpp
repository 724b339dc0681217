// honorar send: deliver every registered document not yet delivered (SPEC 10.2).
#include "context.hpp"
#include "environment.hpp"
#include "exit_codes.hpp"
#include "i18n.hpp"

#include "delivery/send.hpp"
#include "register/document_ref.hpp"
#include "render/json.hpp"
#include "render/text.hpp"

#include <fmt/format.h>


namespace cli {
namespace {

struct SendOptions {
  bool dry_run = false;
  std::vector<std::string> resend;
};

std::string status_name(delivery::Status s) {
  switch (s) {
  case delivery::Status::delivered: return "delivered";
  case delivery::Status::failed: return "failed";
  case delivery::Status::skipped: return "skipped";
  case delivery::Status::planned: return "planned";
  }
  return "";
}

render::Json report_json(const delivery::Report& report, bool dry_run) {
  render::Json j;
  j["dry_run"] = dry_run;
  j["deliveries"] = render::Json::array();
  for (const delivery::Item& item : report.items) {
    render::Json d;
    d["document"] = item.document;
    d["channel"] = delivery::channel_name(item.channel);
    d["to"] = item.to;
    d["status"] = status_name(item.status);
    d["failure"] = item.failure == delivery::Failure::none ? render::Json(nullptr)
                                                           : render::Json(delivery::failure_name(item.failure));
    d["answer"] = item.answer.empty() ? render::Json(nullptr) : render::Json(item.answer);
    d["at"] = item.at.empty() ? render::Json(nullptr) : render::Json(item.at);
    j["deliveries"].push_back(d);
  }
  j["not_sendable"] = report.without_route;
  return j;
}

// Danish for people, as every data text honorar prints.
std::string report_text(const delivery::Report& report, bool dry_run, const books::Books& books) {
  std::string out = dry_run ? "Afsendelse (prøvekørsel, intet er sendt)\n" : "Afsendelse\n";
  if (report.items.empty()) out += "  (intet at sende)\n";
  for (const delivery::Item& item : report.items) {
    const bool mail = item.channel == delivery::Channel::email;
    std::string what;
    switch (item.status) {
    case delivery::Status::planned:
      if (mail) what = "via " + report.mail_server;
      else {
        what = "via";
        for (const std::string& w : books.settings.delivery->command) what += " " + w;
      }
      break;
    case delivery::Status::delivered: what = "sendt: "; break;
    case delivery::Status::failed:
      what = item.failure == delivery::Failure::temporary ? "fejlede (prøv igen senere): " : "fejlede: ";
      break;
    case delivery::Status::skipped: what = "ikke forsøgt: "; break;
    }
    if (item.status != delivery::Status::planned) {
      const std::string first_line = item.answer.substr(0, item.answer.find('\n'));
      what += first_line;
    }
    out += render::pad_left(item.document, 8) + "  " + render::pad_right(mail ? "e-mail" : "e-faktura", 11) +
           render::pad_right(item.to, 30) + " " + what + "\n";
  }
  if (!report.without_route.empty()) {
    out += "Sendes ikke (betaleren har ingen e-mailadresse og får ingen e-faktura):";
    for (const std::string& d : report.without_route) out += " " + d;
    out += "\n";
  }
  return out;
}

// --resend N (a document) or R<n> (a reminder, SPEC 9.4).
void parse_resend(const std::vector<std::string>& texts, delivery::Request& request) {
  for (const std::string& t : texts) {
    const auto ref = invoice_register::parse_document_ref(t);
    if (!ref || ref->number < 1)
      throw diag::Error(diag::ErrorKind::usage,
                        fmt::format(fmt::runtime(_("--resend must be a document number or a reminder R<n>, not \"{}\"")), t));
    (ref->reminder() ? request.resend_reminders : request.resend).push_back(ref->number);
  }
}

int run_send(const SendOptions& o, const Context& ctx) {
  require_format(ctx, {"text", "json"});
  delivery::Request request;
  request.dry_run = o.dry_run;
  parse_resend(o.resend, request);
  request.busy_timeout_ms = register_busy_timeout_ms();
  request.password = smtp_password();
  request.environment = delivery_command_environment();
  const auto valid = load_valid_books(ctx);
  const delivery::Report report = delivery::send_documents(ctx.books_dir(), valid->books, request);
  if (ctx.format == "json") print_out(render::dump(report_json(report, o.dry_run)));
  else print_out(report_text(report, o.dry_run, valid->books));

  std::size_t delivered = 0, failed = 0;
  for (const delivery::Item& item : report.items)
    (item.status == delivery::Status::delivered ? delivered : failed) += 1;
  const delivery::Failure worst = report.worst();
  if (!ctx.quiet && !o.dry_run) {
    if (failed == 0)
      print_err(fmt::format(fmt::runtime(P_("honorar: {} document delivered\n", "honorar: {} documents delivered\n",
                                            delivered)),
                            delivered));
    else
      print_err(fmt::format(
          fmt::runtime(worst == delivery::Failure::temporary
                           ? _("honorar: {} delivered, {} not delivered; the next run tries them again\n")
                           : _("honorar: {} delivered, {} not delivered: see the answers above; the next run "
                               "tries them again\n")),
          delivered, failed));
  }
  if (worst == delivery::Failure::temporary) return ExitCode::temp_fail;
  if (worst != delivery::Failure::none) return ExitCode::unavailable;
  return ExitCode::ok;
}

} // namespace

void add_send(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<SendOptions>();
  CLI::App* cmd = app.add_subcommand(
      "send", N_("deliver the registered documents not yet delivered: e-mail with the PDF, e-invoices by "
                 "[delivery] command"));
  cmd->add_flag("--dry-run", options->dry_run, N_("show what would be sent where, send and write nothing"));
  cmd->add_option("--resend", options->resend,
                  N_("send document N (or reminder R<n>) again, even if delivered; only the named ones "
                     "(repeatable)"));
  cmd->callback([&ctx, options] { ctx.run = [&ctx, options] { return run_send(*options, ctx); }; });
}

} // namespace cli

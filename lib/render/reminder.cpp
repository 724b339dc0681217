#include "render/reminder.hpp"

#include "render/document_parts.hpp"
#include "render/json.hpp"

namespace render {

std::string reminder_name(const ReminderDocument& r) {
  return r.number ? "R" + std::to_string(*r.number) : std::string("(prøve)");
}

Json to_json(const ReminderDocument& r) {
  Json j;
  j["kind"] = "reminder";
  j["number"] = r.number ? Json(*r.number) : Json();
  j["reminder"] = r.reminder;
  j["invoice"] = r.invoice;
  j["contract"] = r.contract;
  j["payer"] = r.payer;
  j["date"] = r.date.to_string();
  j["pay_by"] = r.pay_by.to_string();
  j["invoice_issue_date"] = r.invoice_issue_date.to_string();
  j["invoice_due_date"] = r.invoice_due_date.to_string();
  j["invoice_total"] = r.invoice_total.to_string();
  j["paid"] = r.paid.to_string();
  j["charged_before"] = r.charged_before.to_string();
  j["open_before"] = r.open_before.to_string();
  j["fee"] = r.fee.to_string();
  j["interest_from"] = r.interest_from.to_string();
  j["interest_to"] = r.interest_to.to_string();
  j["interest_lines"] = Json::array();
  for (const ReminderInterestLine& l : r.interest_lines) {
    Json line;
    line["from"] = l.from.to_string();
    line["to"] = l.to.to_string();
    line["days"] = l.days;
    line["reference_rate"] = l.reference_rate.to_string();
    line["rate"] = l.rate.to_string();
    line["interest"] = l.interest.to_string();
    j["interest_lines"].push_back(std::move(line));
  }
  j["interest"] = r.interest.to_string();
  j["compensation"] = r.compensation.to_string();
  j["open"] = r.open.to_string();
  j["collection_warning"] = r.collection_warning;
  j["currency"] = r.currency;
  if (r.payment_id) j["payment_id"] = *r.payment_id;
  put_parties(j, r.seller, r.buyer, r.course);
  return j;
}

ReminderDocument reminder_from_json(const Json& j) {
  const JsonReader r(j, "");
  if (const std::string kind = r.text("kind"); kind != "reminder") r.fail("kind", "is not \"reminder\"");
  ReminderDocument d;
  d.number = r.optional_integer("number");
  const std::optional<std::int64_t> sequence = r.optional_integer("reminder");
  if (!sequence || *sequence < 1 || *sequence > 3) r.fail("reminder", "is not 1, 2 or 3");
  d.reminder = static_cast<int>(*sequence);
  const std::optional<std::int64_t> invoice = r.optional_integer("invoice");
  if (!invoice) r.fail("invoice", "is not a document number");
  d.invoice = *invoice;
  d.contract = r.text("contract");
  d.payer = r.text("payer");
  d.date = r.date("date");
  d.pay_by = r.date("pay_by");
  d.invoice_issue_date = r.date("invoice_issue_date");
  d.invoice_due_date = r.date("invoice_due_date");
  d.invoice_total = r.decimal<money::Money>("invoice_total");
  d.paid = r.decimal<money::Money>("paid");
  d.charged_before = r.decimal<money::Money>("charged_before");
  d.open_before = r.decimal<money::Money>("open_before");
  d.fee = r.decimal<money::Money>("fee");
  d.interest_from = r.date("interest_from");
  d.interest_to = r.date("interest_to");
  const Json& lines = r.at("interest_lines");
  if (!lines.is_array()) r.fail("interest_lines", "is not a list");
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const JsonReader l(lines[i], fmt::format("interest_lines[{}]", i));
    ReminderInterestLine line;
    line.from = l.date("from");
    line.to = l.date("to");
    const std::optional<std::int64_t> days = l.optional_integer("days");
    if (!days || *days < 1 || *days > 366) l.fail("days", "is not a number of days");
    line.days = static_cast<int>(*days);
    line.reference_rate = l.decimal<money::Percent>("reference_rate");
    line.rate = l.decimal<money::Percent>("rate");
    line.interest = l.decimal<money::Money>("interest");
    d.interest_lines.push_back(line);
  }
  d.interest = r.decimal<money::Money>("interest");
  d.compensation = r.decimal<money::Money>("compensation");
  d.open = r.decimal<money::Money>("open");
  d.collection_warning = r.boolean("collection_warning");
  if (const std::string currency = r.text("currency"); !currency.empty()) d.currency = currency;
  if (r.has("payment_id")) d.payment_id = r.text("payment_id");
  read_parties(r, d.seller, d.buyer, d.course);
  return d;
}

std::optional<std::string> fik_payment_line(const ReminderDocument& r) {
  return fik_payment_line(r.payment_id, r.seller.fik_creditor);
}

Json reminder_run_json(const ReminderRun& run) {
  Json j;
  j["as_of"] = run.as_of.to_string();
  j["reminders"] = Json::array();
  for (const ReminderDocument& r : run.reminders) {
    Json rj;
    rj["number"] = r.number ? Json(*r.number) : Json();
    rj["invoice"] = r.invoice;
    rj["contract"] = r.contract;
    rj["reminder"] = r.reminder;
    rj["interest_from"] = r.interest_from.to_string();
    rj["interest_to"] = r.interest_to.to_string();
    rj["interest"] = r.interest.to_string();
    rj["fee"] = r.fee.to_string();
    rj["compensation"] = r.compensation.to_string();
    rj["open"] = r.open.to_string();
    rj["pay_by"] = r.pay_by.to_string();
    j["reminders"].push_back(std::move(rj));
  }
  return j;
}

std::optional<std::string> render_reminder(const ReminderDocument& r, std::string_view format) {
  if (format == "json") return dump(to_json(r));
  if (format == "text") return reminder_text(r);
  if (format == "pdf") return reminder_pdf(r);
  return std::nullopt;
}

} // namespace render

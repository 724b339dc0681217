#include "render/json.hpp"

#include "money/fixed2.hpp"

namespace render {
namespace {

std::string hours(const money::Rational& r) { return money::Hours::round(r).to_string(); }

Json line_json(const billing::Line& l) {
  Json j;
  switch (l.type) {
  case billing::Line::Type::week:
    j["type"] = "week";
    j["week"] = l.week.to_string();
    j["from"] = l.from.to_string();
    j["to"] = l.to.to_string();
    j["hours"] = l.hours.to_string();
    j["rate"] = l.rate.to_string();
    break;
  case billing::Line::Type::regulation:
    j["type"] = "regulation";
    j["week"] = l.week.to_string();
    j["hours"] = l.hours.to_string();
    j["rate"] = l.rate.to_string();
    j["billed_hours"] = l.before.to_string(); // what was billed before, and what is billable now
    j["now_hours"] = l.now.to_string();
    break;
  case billing::Line::Type::expense:
    j["type"] = "expense";
    j["date"] = l.date.to_string();
    j["text"] = l.text;
    break;
  }
  j["amount"] = l.amount.to_string();
  return j;
}

Json optional_text(const std::string& s) { return s.empty() ? Json() : Json(s); }

} // namespace

Json document_json(const billing::Document& doc, const books::Books& books) {
  const books::Contract& c = *books.find_contract(doc.contract);
  const books::Settings& s = books.settings;
  Json j;
  j["kind"] = doc.kind == billing::Document::Kind::invoice ? "invoice" : "credit-note";
  j["number"] = doc.number ? Json(*doc.number) : Json();
  j["contract"] = doc.contract;
  j["payer"] = c.payer.name;
  j["issue_date"] = doc.issue_date.to_string();
  j["due_date"] = doc.due_date.to_string();
  j["lines"] = Json::array();
  for (const billing::Line& l : doc.lines) j["lines"].push_back(line_json(l));
  j["net"] = doc.net.to_string();
  j["vat"] = doc.vat.to_string();
  j["total"] = doc.total.to_string();
  j["month"] = doc.month.to_string();
  j["currency"] = "DKK";
  const books::Vat& vat = books.vat_of(c);
  j["vat_rate"] = vat.exempt() ? Json() : Json(vat.percent->to_string());
  j["vat_exemption_note"] = vat.exempt() ? Json(s.invoicing.vat_exemption_note) : Json();
  j["payment_terms"] = s.invoicing.payment_terms.text();
  Json seller;
  seller["name"] = s.provider.name;
  seller["cvr"] = s.provider.cvr;
  seller["address"] = s.provider.address;
  seller["email"] = optional_text(s.provider.email);
  Json bank;
  if (!s.provider.bank.reg.empty()) {
    bank["reg"] = s.provider.bank.reg;
    bank["account"] = s.provider.bank.account;
  } else {
    bank["iban"] = s.provider.bank.iban;
    bank["bic"] = optional_text(s.provider.bank.bic);
  }
  seller["bank"] = std::move(bank);
  j["seller"] = std::move(seller);
  Json buyer;
  buyer["kind"] = c.payer.kind == books::PayerKind::municipality ? "municipality" : "private";
  buyer["name"] = c.payer.name;
  buyer["address"] = c.payer.address;
  buyer["ean"] = optional_text(c.payer.ean);
  buyer["reference"] = optional_text(c.payer.reference);
  buyer["order"] = optional_text(c.payer.order);
  buyer["accounting_cost"] = optional_text(c.payer.accounting_cost);
  buyer["email"] = optional_text(c.payer.email);
  j["buyer"] = std::move(buyer);
  Json course;
  course["service"] = c.service;
  course["citizen"] = c.citizen;
  course["case_ref"] = optional_text(c.case_ref);
  course["legal_basis"] = optional_text(c.legal_basis);
  j["course"] = std::move(course);
  return j;
}

Json run_json(const std::string& month, std::vector<Json> documents, const std::string& total) {
  Json j;
  j["month"] = month;
  j["documents"] = Json::array();
  j["documents"].get_ref<Json::array_t&>() = std::move(documents);
  j["total"] = total;
  return j;
}

Json report_json(calendar::Month from, calendar::Month to, const std::vector<ReportContract>& contracts) {
  Json j;
  j["from"] = from.to_string();
  j["to"] = to.to_string();
  j["contracts"] = Json::array();
  for (const ReportContract& rc : contracts) {
    Json c;
    c["contract"] = rc.contract;
    c["weeks"] = Json::array();
    for (const billing::WeekFigures& w : rc.weeks) {
      Json wj;
      wj["week"] = w.week.to_string();
      wj["month"] = w.month.to_string();
      wj["agreed"] = hours(w.agreed);
      wj["delivered"] = hours(w.delivered);
      wj["citizen_absent"] = hours(w.citizen_absent);
      wj["staff_absent"] = hours(w.staff_absent);
      wj["billable"] = hours(w.billable);
      wj["over_delivered"] = hours(w.over_delivered);
      wj["unlogged"] = w.unlogged;
      c["weeks"].push_back(wj);
    }
    j["contracts"].push_back(c);
  }
  return j;
}

Json deadlines_json(calendar::Date today, int within, const std::vector<billing::Deadline>& items) {
  Json j;
  j["as_of"] = today.to_string();
  j["within"] = within;
  j["deadlines"] = Json::array();
  for (const billing::Deadline& d : items) {
    Json dj;
    dj["contract"] = d.contract;
    dj["kind"] = std::string(billing::to_string(d.kind));
    if (d.number) dj["number"] = *d.number;
    dj["due"] = d.due.to_string();
    dj["overdue"] = d.overdue;
    j["deadlines"].push_back(dj);
  }
  return j;
}

Json diagnostics_json(const diag::Diagnostics& diags) {
  Json j;
  j["errors"] = Json::array();
  j["warnings"] = Json::array();
  for (const diag::Diagnostic& d : diags.items()) {
    Json dj;
    dj["file"] = d.where.path;
    dj["line"] = d.where.line;
    dj["column"] = d.where.column;
    dj["message"] = d.message;
    j[d.severity == diag::Severity::error ? "errors" : "warnings"].push_back(dj);
  }
  return j;
}

std::string dump(const Json& json) { return json.dump(2) + "\n"; }

} // namespace render

#include "render/document.hpp"

#include "render/document_parts.hpp"

#include "books/identifiers.hpp"
#include "diag/diagnostic.hpp"

#include <fmt/format.h>

namespace render {
namespace {

using billing::Line;

// ---- to JSON ---------------------------------------------------------------------------------

Json optional_text(const std::string& s) { return s.empty() ? Json() : Json(s); }

Json line_json(const Line& l) {
  Json j;
  switch (l.type) {
  case Line::Type::week:
    j["type"] = "week";
    j["week"] = l.week.to_string();
    j["from"] = l.from.to_string();
    j["to"] = l.to.to_string();
    j["hours"] = l.hours.to_string();
    j["rate"] = l.rate.to_string();
    if (l.why) {
      j["agreed"] = l.why->agreed.to_string();
      j["delivered"] = l.why->delivered.to_string();
      j["citizen_absent"] = l.why->citizen_absent.to_string();
      j["staff_absent"] = l.why->staff_absent.to_string();
      if (!l.why->billed_suspension.is_zero()) j["billed_suspension"] = l.why->billed_suspension.to_string();
      if (!l.why->absence_billed) j["absence_billed"] = false;
    }
    break;
  case Line::Type::regulation:
    j["type"] = "regulation";
    j["week"] = l.week.to_string();
    if (l.has_days) {
      j["from"] = l.from.to_string();
      j["to"] = l.to.to_string();
    }
    j["hours"] = l.hours.to_string();
    j["rate"] = l.rate.to_string();
    j["billed_hours"] = l.before.to_string(); // what was billed before, and what is billable now
    j["now_hours"] = l.now.to_string();
    break;
  case Line::Type::expense:
    j["type"] = "expense";
    j["date"] = l.date.to_string();
    j["text"] = l.text;
    if (l.outlay) j["outlay"] = true; // absent otherwise: documents issued before keep their bytes
    break;
  }
  j["amount"] = l.amount.to_string();
  return j;
}

// ---- from JSON -------------------------------------------------------------------------------

Line line_from_json(const Json& j, std::size_t index) {
  const JsonReader r(j, fmt::format("lines[{}]", index));
  Line l;
  const std::string type = r.text("type");
  if (type == "week") {
    l.type = Line::Type::week;
    l.week = r.week("week");
    l.from = r.date("from");
    l.to = r.date("to");
    l.hours = r.decimal<money::Hours>("hours");
    l.rate = r.decimal<money::Money>("rate");
    if (r.has("agreed")) { // documents issued before SPEC 8 have no explanation
      billing::WeekExplanation why;
      why.agreed = r.decimal<money::Hours>("agreed");
      why.delivered = r.decimal<money::Hours>("delivered");
      why.citizen_absent = r.decimal<money::Hours>("citizen_absent");
      why.staff_absent = r.decimal<money::Hours>("staff_absent");
      if (r.has("billed_suspension")) why.billed_suspension = r.decimal<money::Hours>("billed_suspension");
      if (r.has("absence_billed")) why.absence_billed = r.boolean("absence_billed");
      l.why = why;
    }
  } else if (type == "regulation") {
    l.type = Line::Type::regulation;
    l.week = r.week("week");
    l.has_days = r.has("from");
    if (l.has_days) {
      l.from = r.date("from");
      l.to = r.date("to");
    }
    l.hours = r.decimal<money::Hours>("hours");
    l.rate = r.decimal<money::Money>("rate");
    l.before = r.decimal<money::Hours>("billed_hours");
    l.now = r.decimal<money::Hours>("now_hours");
  } else if (type == "expense") {
    l.type = Line::Type::expense;
    l.date = r.date("date");
    l.text = r.text("text");
    if (r.has("outlay")) l.outlay = r.boolean("outlay");
  } else {
    r.fail("type", "unknown line type '" + type + "'");
  }
  l.amount = r.decimal<money::Money>("amount");
  return l;
}

} // namespace

void put_parties(Json& j, const Seller& seller_in, const Buyer& buyer_in, const Course& course_in) {
  Json seller;
  seller["name"] = seller_in.name;
  seller["cvr"] = seller_in.cvr;
  seller["address"] = seller_in.address;
  seller["email"] = optional_text(seller_in.email);
  Json bank;
  if (!seller_in.bank.reg.empty()) {
    bank["reg"] = seller_in.bank.reg;
    bank["account"] = seller_in.bank.account;
  } else {
    bank["iban"] = seller_in.bank.iban;
    bank["bic"] = optional_text(seller_in.bank.bic);
  }
  seller["bank"] = std::move(bank);
  if (!seller_in.fik_creditor.empty()) seller["fik_creditor"] = seller_in.fik_creditor;
  j["seller"] = std::move(seller);
  Json buyer;
  buyer["kind"] = buyer_in.kind == books::PayerKind::municipality ? "municipality" : "private";
  buyer["name"] = buyer_in.name;
  buyer["address"] = buyer_in.address;
  buyer["ean"] = optional_text(buyer_in.ean);
  buyer["reference"] = optional_text(buyer_in.reference);
  buyer["order"] = optional_text(buyer_in.order);
  buyer["accounting_cost"] = optional_text(buyer_in.accounting_cost);
  buyer["email"] = optional_text(buyer_in.email);
  j["buyer"] = std::move(buyer);
  Json course;
  course["service"] = course_in.service;
  course["citizen"] = course_in.citizen;
  course["case_ref"] = optional_text(course_in.case_ref);
  course["legal_basis"] = optional_text(course_in.legal_basis);
  j["course"] = std::move(course);
}

void read_parties(const JsonReader& r, Seller& seller_out, Buyer& buyer_out, Course& course_out) {
  const JsonReader seller = r.object("seller");
  seller_out.name = seller.text("name");
  seller_out.cvr = seller.text("cvr");
  seller_out.address = seller.lines("address");
  seller_out.email = seller.text("email");
  const JsonReader bank = seller.object("bank");
  seller_out.bank.reg = bank.text("reg");
  seller_out.bank.account = bank.text("account");
  seller_out.bank.iban = bank.text("iban");
  seller_out.bank.bic = bank.text("bic");
  if (seller.has("fik_creditor")) seller_out.fik_creditor = seller.text("fik_creditor");

  const JsonReader buyer = r.object("buyer");
  const std::string buyer_kind = buyer.text("kind");
  if (buyer_kind == "municipality") buyer_out.kind = books::PayerKind::municipality;
  else if (buyer_kind == "private") buyer_out.kind = books::PayerKind::private_payer;
  else buyer.fail("kind", "unknown payer kind '" + buyer_kind + "'");
  buyer_out.name = buyer.text("name");
  buyer_out.address = buyer.lines("address");
  buyer_out.ean = buyer.text("ean");
  buyer_out.reference = buyer.text("reference");
  buyer_out.order = buyer.text("order");
  buyer_out.accounting_cost = buyer.text("accounting_cost");
  buyer_out.email = buyer.text("email");

  const JsonReader course = r.object("course");
  course_out.service = course.text("service");
  course_out.citizen = course.text("citizen");
  course_out.case_ref = course.text("case_ref");
  course_out.legal_basis = course.text("legal_basis");
}

Seller printed_seller(const books::Provider& provider) {
  Seller seller = provider;
  if (!seller.bank.reg.empty()) seller.bank.iban.clear(), seller.bank.bic.clear();
  else seller.bank.account.clear();
  return seller;
}

IssuedDocument issue_document(const billing::Document& doc, const books::Books& books) {
  const books::Contract& c = *books.find_contract(doc.contract);
  const books::Settings& s = books.settings;
  IssuedDocument d;
  d.kind = doc.kind;
  d.number = doc.number;
  d.contract = doc.contract;
  d.payer = c.payer.name;
  d.issue_date = doc.issue_date;
  d.due_date = doc.due_date;
  d.lines = doc.lines;
  d.net = doc.net;
  d.vat = doc.vat;
  d.total = doc.total;
  d.month = doc.month;
  d.period = doc.period;
  const books::Vat& vat = books.vat_of(c);
  d.vat_rate = vat.percent;
  if (vat.exempt()) d.vat_exemption_note = s.invoicing.vat_exemption_note;
  d.payment_terms = s.invoicing.payment_terms.text();
  d.seller = printed_seller(s.provider);
  if (!d.credit_note() && d.number && !d.seller.fik_creditor.empty()) d.payment_id = books::fik71_payment_id(*d.number);
  d.buyer = c.payer;
  d.course = {c.service, c.citizen, c.case_ref, c.legal_basis};
  return d;
}

Json to_json(const IssuedDocument& doc) {
  Json j;
  j["kind"] = doc.credit_note() ? "credit-note" : "invoice";
  j["number"] = doc.number ? Json(*doc.number) : Json();
  j["contract"] = doc.contract;
  j["payer"] = doc.payer;
  j["issue_date"] = doc.issue_date.to_string();
  j["due_date"] = doc.due_date.to_string();
  j["lines"] = Json::array();
  for (const Line& l : doc.lines) j["lines"].push_back(line_json(l));
  j["net"] = doc.net.to_string();
  j["vat"] = doc.vat.to_string();
  j["total"] = doc.total.to_string();
  j["month"] = doc.month.to_string();
  if (doc.period) j["period"] = {{"from", doc.period->from.to_string()}, {"to", doc.period->to.to_string()}};
  j["currency"] = doc.currency;
  j["vat_rate"] = doc.vat_rate ? Json(doc.vat_rate->to_string()) : Json();
  j["vat_exemption_note"] = doc.vat_exemption_note ? Json(*doc.vat_exemption_note) : Json();
  j["payment_terms"] = doc.payment_terms;
  if (doc.payment_id) j["payment_id"] = *doc.payment_id; // absent without FIK: older documents keep their bytes
  put_parties(j, doc.seller, doc.buyer, doc.course);
  if (doc.corrects) j["corrects"] = *doc.corrects;
  return j;
}

IssuedDocument document_from_json(const Json& j) {
  const JsonReader r(j, "");
  IssuedDocument d;
  const std::string kind = r.text("kind");
  if (kind == "invoice") d.kind = billing::Document::Kind::invoice;
  else if (kind == "credit-note") d.kind = billing::Document::Kind::credit_note;
  else r.fail("kind", "unknown document kind '" + kind + "'");
  d.number = r.optional_integer("number");
  d.contract = r.text("contract");
  d.payer = r.text("payer");
  d.issue_date = r.date("issue_date");
  d.due_date = r.date("due_date");
  const Json& lines = r.at("lines");
  if (!lines.is_array()) r.fail("lines", "is not a list");
  for (std::size_t i = 0; i < lines.size(); ++i) d.lines.push_back(line_from_json(lines[i], i));
  d.net = r.decimal<money::Money>("net");
  d.vat = r.decimal<money::Money>("vat");
  d.total = r.decimal<money::Money>("total");
  d.month = r.month("month");
  if (r.has("period")) {
    const JsonReader period = r.object("period");
    d.period = billing::Period{period.date("from"), period.date("to")};
  }
  if (const std::string currency = r.text("currency"); !currency.empty()) d.currency = currency;
  if (!r.at("vat_rate").is_null()) d.vat_rate = r.decimal<money::Percent>("vat_rate");
  if (!r.at("vat_exemption_note").is_null()) d.vat_exemption_note = r.text("vat_exemption_note");
  d.payment_terms = r.text("payment_terms");
  if (r.has("payment_id")) d.payment_id = r.text("payment_id");

  read_parties(r, d.seller, d.buyer, d.course);

  if (r.has("corrects")) {
    const Json& corrects = r.at("corrects");
    if (!corrects.is_array()) r.fail("corrects", "is not a list of document numbers");
    d.corrects.emplace();
    for (const Json& n : corrects) {
      if (!n.is_number_integer()) r.fail("corrects", "is not a list of document numbers");
      d.corrects->push_back(n.get<std::int64_t>());
    }
  }
  return d;
}

std::optional<std::string> fik_payment_line(const IssuedDocument& doc) {
  if (doc.credit_note()) return std::nullopt;
  return fik_payment_line(doc.payment_id, doc.seller.fik_creditor);
}

std::optional<std::string> fik_payment_line(const std::optional<std::string>& payment_id, const std::string& creditor) {
  if (!payment_id || creditor.empty()) return std::nullopt;
  return fmt::format("+71<{}+{}<", *payment_id, creditor);
}

std::string iban_print(const std::string& iban) {
  std::string out;
  for (char c : iban) {
    if (c == ' ') continue;
    if (!out.empty() && out.size() % 5 == 4) out += ' ';
    out += c;
  }
  return out;
}

std::string bank_account_text(const books::BankAccount& bank) {
  if (!bank.reg.empty()) return fmt::format("reg.nr. {}, konto {}", bank.reg, bank.account);
  return fmt::format("IBAN {}{}", iban_print(bank.iban), bank.bic.empty() ? "" : ", BIC " + bank.bic);
}

} // namespace render

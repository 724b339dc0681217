#include "render/document.hpp"

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

// Reads one JSON object, naming the key path in its errors ("lines[2].amount").
class Reader {
public:
  Reader(const Json& j, std::string path) : m_json(j), m_path(std::move(path)) {
    if (!j.is_object()) fail("", "is not an object");
  }

  const Json& at(const char* key) const {
    static const Json null_json;
    auto it = m_json.find(key);
    return it == m_json.end() ? null_json : *it;
  }
  bool has(const char* key) const { return m_json.contains(key); }
  Reader object(const char* key) const { return Reader(at(key), name(key)); }

  // A string; "" for null or a missing key.
  std::string text(const char* key) const {
    const Json& v = at(key);
    if (v.is_null()) return {};
    if (!v.is_string()) fail(key, "is not a string");
    return v.get<std::string>();
  }
  std::vector<std::string> lines(const char* key) const {
    std::vector<std::string> out;
    const Json& v = at(key);
    if (v.is_null()) return out;
    if (!v.is_array()) fail(key, "is not a list of strings");
    for (const Json& s : v) {
      if (!s.is_string()) fail(key, "is not a list of strings");
      out.push_back(s.get<std::string>());
    }
    return out;
  }
  std::optional<std::int64_t> optional_integer(const char* key) const {
    const Json& v = at(key);
    if (v.is_null()) return std::nullopt;
    if (!v.is_number_integer()) fail(key, "is not a whole number");
    return v.get<std::int64_t>();
  }
  calendar::Date date(const char* key) const {
    auto d = calendar::parse_date(text(key));
    if (!d) fail(key, "is not a date (YYYY-MM-DD)");
    return *d;
  }
  calendar::Month month(const char* key) const {
    auto m = calendar::parse_month(text(key));
    if (!m) fail(key, "is not a month (YYYY-MM)");
    return *m;
  }
  bool boolean(const char* key) const {
    const Json& v = at(key);
    if (!v.is_boolean()) fail(key, "is not true or false");
    return v.get<bool>();
  }
  calendar::IsoWeek week(const char* key) const {
    auto w = calendar::parse_iso_week(text(key));
    if (!w) fail(key, "is not an ISO week (YYYY-Www)");
    return *w;
  }
  template <class Fixed>
  Fixed decimal(const char* key) const {
    const std::string s = text(key);
    auto v = Fixed::parse(s);
    if (!v) fail(key, "'" + s + "' is not a decimal number");
    return *v;
  }

  [[noreturn]] void fail(const char* key, const std::string& what) const {
    throw diag::Error(diag::ErrorKind::data, fmt::format("document {}: {}", name(key), what));
  }

private:
  std::string name(const char* key) const {
    if (!*key) return m_path.empty() ? "JSON" : m_path;
    return m_path.empty() ? std::string(key) : m_path + "." + key;
  }
  const Json& m_json;
  std::string m_path;
};

Line line_from_json(const Json& j, std::size_t index) {
  const Reader r(j, fmt::format("lines[{}]", index));
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
  d.seller = s.provider;
  if (!d.credit_note() && d.number && !d.seller.fik_creditor.empty()) d.payment_id = books::fik71_payment_id(*d.number);
  if (!d.seller.bank.reg.empty()) d.seller.bank.iban.clear(), d.seller.bank.bic.clear();
  else d.seller.bank.account.clear();
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
  Json seller;
  seller["name"] = doc.seller.name;
  seller["cvr"] = doc.seller.cvr;
  seller["address"] = doc.seller.address;
  seller["email"] = optional_text(doc.seller.email);
  Json bank;
  if (!doc.seller.bank.reg.empty()) {
    bank["reg"] = doc.seller.bank.reg;
    bank["account"] = doc.seller.bank.account;
  } else {
    bank["iban"] = doc.seller.bank.iban;
    bank["bic"] = optional_text(doc.seller.bank.bic);
  }
  seller["bank"] = std::move(bank);
  if (!doc.seller.fik_creditor.empty()) seller["fik_creditor"] = doc.seller.fik_creditor;
  j["seller"] = std::move(seller);
  Json buyer;
  buyer["kind"] = doc.buyer.kind == books::PayerKind::municipality ? "municipality" : "private";
  buyer["name"] = doc.buyer.name;
  buyer["address"] = doc.buyer.address;
  buyer["ean"] = optional_text(doc.buyer.ean);
  buyer["reference"] = optional_text(doc.buyer.reference);
  buyer["order"] = optional_text(doc.buyer.order);
  buyer["accounting_cost"] = optional_text(doc.buyer.accounting_cost);
  buyer["email"] = optional_text(doc.buyer.email);
  j["buyer"] = std::move(buyer);
  Json course;
  course["service"] = doc.course.service;
  course["citizen"] = doc.course.citizen;
  course["case_ref"] = optional_text(doc.course.case_ref);
  course["legal_basis"] = optional_text(doc.course.legal_basis);
  j["course"] = std::move(course);
  if (doc.corrects) j["corrects"] = *doc.corrects;
  return j;
}

IssuedDocument document_from_json(const Json& j) {
  const Reader r(j, "");
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
    const Reader period = r.object("period");
    d.period = billing::Period{period.date("from"), period.date("to")};
  }
  if (const std::string currency = r.text("currency"); !currency.empty()) d.currency = currency;
  if (!r.at("vat_rate").is_null()) d.vat_rate = r.decimal<money::Percent>("vat_rate");
  if (!r.at("vat_exemption_note").is_null()) d.vat_exemption_note = r.text("vat_exemption_note");
  d.payment_terms = r.text("payment_terms");
  if (r.has("payment_id")) d.payment_id = r.text("payment_id");

  const Reader seller = r.object("seller");
  d.seller.name = seller.text("name");
  d.seller.cvr = seller.text("cvr");
  d.seller.address = seller.lines("address");
  d.seller.email = seller.text("email");
  const Reader bank = seller.object("bank");
  d.seller.bank.reg = bank.text("reg");
  d.seller.bank.account = bank.text("account");
  d.seller.bank.iban = bank.text("iban");
  d.seller.bank.bic = bank.text("bic");
  if (seller.has("fik_creditor")) d.seller.fik_creditor = seller.text("fik_creditor");

  const Reader buyer = r.object("buyer");
  const std::string buyer_kind = buyer.text("kind");
  if (buyer_kind == "municipality") d.buyer.kind = books::PayerKind::municipality;
  else if (buyer_kind == "private") d.buyer.kind = books::PayerKind::private_payer;
  else buyer.fail("kind", "unknown payer kind '" + buyer_kind + "'");
  d.buyer.name = buyer.text("name");
  d.buyer.address = buyer.lines("address");
  d.buyer.ean = buyer.text("ean");
  d.buyer.reference = buyer.text("reference");
  d.buyer.order = buyer.text("order");
  d.buyer.accounting_cost = buyer.text("accounting_cost");
  d.buyer.email = buyer.text("email");

  const Reader course = r.object("course");
  d.course.service = course.text("service");
  d.course.citizen = course.text("citizen");
  d.course.case_ref = course.text("case_ref");
  d.course.legal_basis = course.text("legal_basis");

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
  if (doc.credit_note() || !doc.payment_id || doc.seller.fik_creditor.empty()) return std::nullopt;
  return fmt::format("+71<{}+{}<", *doc.payment_id, doc.seller.fik_creditor);
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

#include "receivables/present.hpp"

#include "render/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace receivables {
namespace {

std::string kr(Money m) { return m.to_danish(); }

} // namespace

render::Json pay_json(const PayOutcome& o) {
  render::Json j;
  j["payment"] = o.payment;
  j["invoice"] = o.invoice;
  j["date"] = o.date.to_string();
  j["amount"] = o.amount.to_string();
  j["settled"] = render::Json::array();
  for (const Settled& s : o.settlement.settled) {
    render::Json sj;
    sj["invoice"] = s.invoice;
    sj["fees"] = s.fees.to_string();
    sj["interest"] = s.interest.to_string();
    sj["own"] = s.own.to_string();
    sj["compensation"] = s.compensation.to_string();
    j["settled"].push_back(sj);
  }
  j["credit"] = o.settlement.credit.to_string();
  return j;
}

std::string pay_text(const PayOutcome& o) {
  std::string out = fmt::format("{} B{} på faktura {} ({}), {}: {}\n", o.amount.is_negative() ? "Tilbagebetaling" : "Indbetaling",
                                o.payment, o.invoice, o.contract, render::danish_date(o.date), kr(o.amount));
  for (const Settled& s : o.settlement.settled) {
    out += fmt::format("  Faktura {}: beløb {}", s.invoice, kr(s.own));
    if (!s.fees.is_zero()) out += fmt::format(" · gebyr {}", kr(s.fees));
    if (!s.compensation.is_zero()) out += fmt::format(" · kompensation {}", kr(s.compensation));
    if (!s.interest.is_zero()) out += fmt::format(" · renter {}", kr(s.interest));
    out += "\n";
  }
  if (!o.settlement.credit.is_zero())
    out += fmt::format("  {} {}: {}\n", o.settlement.credit.is_negative() ? "Udbetalt af tilgodehavende på"
                                                                            : "Tilgodehavende på",
                       o.contract, kr(o.settlement.credit.is_negative() ? -o.settlement.credit : o.settlement.credit));
  out += fmt::format("Udestående på faktura {}: {}\n", o.invoice, kr(o.invoice_open));
  if (!o.contract_credit.is_zero()) out += fmt::format("Tilgodehavende på {} i alt: {}\n", o.contract, kr(o.contract_credit));
  return out;
}

OpenReport open_report(const Ledger& ledger, calendar::Date as_of, bool overdue) {
  OpenReport r;
  r.as_of = as_of;
  for (const InvoiceAccount* a : ledger.open_invoices()) {
    if (overdue && !(a->due_date < as_of)) continue;
    r.open.push_back({a, std::max(0, as_of - a->due_date)});
    r.total_open += a->open();
  }
  std::map<std::string, std::string> payer_of; // the contract's latest invoice's payer
  for (const InvoiceAccount* a : ledger.invoices()) payer_of[a->contract] = a->payer;
  for (const auto& [contract, credit] : ledger.credits()) r.credits.push_back({contract, payer_of[contract], credit});
  return r;
}

render::Json open_json(const OpenReport& r) {
  render::Json j;
  j["as_of"] = r.as_of.to_string();
  j["open"] = render::Json::array();
  for (const OpenItem& item : r.open) {
    const InvoiceAccount& a = *item.account;
    render::Json o;
    o["number"] = a.number;
    o["contract"] = a.contract;
    o["payer"] = a.payer;
    o["issue_date"] = a.issue_date.to_string();
    o["due_date"] = a.due_date.to_string();
    o["total"] = a.total.to_string();
    o["fees"] = a.fees.to_string();
    o["interest"] = a.interest.to_string();
    o["compensation"] = a.compensation.to_string();
    o["paid"] = a.paid.to_string();
    o["credited"] = a.credited.to_string();
    o["open"] = a.open().to_string();
    o["days_overdue"] = item.days_overdue;
    o["reminders"] = a.reminders;
    j["open"].push_back(o);
  }
  j["credits"] = render::Json::array();
  for (const CreditItem& c : r.credits) {
    render::Json o;
    o["contract"] = c.contract;
    o["payer"] = c.payer;
    o["credit"] = c.credit.to_string();
    j["credits"].push_back(o);
  }
  j["total_open"] = r.total_open.to_string();
  return j;
}

std::string open_text(const OpenReport& r) {
  using render::pad_left;
  using render::pad_right;
  std::string out = fmt::format("Udestående pr. {}\n", render::danish_date(r.as_of));
  if (r.open.empty()) out += "(intet udestående)\n";
  // Payers by name; within a payer by due date, then number (the report's order).
  std::map<std::string, std::vector<const OpenItem*>> by_payer;
  for (const OpenItem& item : r.open) by_payer[item.account->payer].push_back(&item);
  const std::string heading = pad_left("Nr.", 8) + "  " + pad_right("Kontrakt", 14) + pad_right("Fakturadato", 12) +
                              pad_right("Forfald", 12) + pad_left("Beløb", 12) + pad_left("Gebyr/renter", 14) +
                              pad_left("Betalt", 12) + pad_left("Udestående", 12) + pad_left("Dage", 6) +
                              pad_left("Rykkere", 9) + "\n";
  for (const auto& [payer, items] : by_payer) {
    out += "\n" + payer + "\n" + heading;
    Money sum;
    for (const OpenItem* item : items) {
      const InvoiceAccount& a = *item->account;
      out += pad_left(std::to_string(a.number), 8) + "  " + pad_right(a.contract, 14) +
             pad_right(render::danish_date(a.issue_date), 12) + pad_right(render::danish_date(a.due_date), 12) +
             pad_left(kr(a.total), 12) + pad_left(kr(a.fees + a.interest + a.compensation), 14) +
             pad_left(kr(a.paid + a.credited), 12) + pad_left(kr(a.open()), 12) +
             pad_left(std::to_string(item->days_overdue), 6) + pad_left(std::to_string(a.reminders), 9) + "\n";
      sum += a.open();
    }
    out += pad_left("I alt " + payer, 86) + pad_left(kr(sum), 12) + "\n";
  }
  if (!r.open.empty()) out += "\n" + pad_left("Udestående i alt", 86) + pad_left(kr(r.total_open), 12) + "\n";
  if (!r.credits.empty()) {
    out += "\nTilgodehavender (betalt for meget)\n";
    for (const CreditItem& c : r.credits)
      out += "  " + pad_right(c.contract, 14) + pad_right(c.payer, 30) + pad_left(kr(c.credit), 12) + "\n";
  }
  return out;
}

std::string open_csv(const OpenReport& r, render::CsvLocale locale) {
  const char sep = render::csv_separator(locale);
  std::string out = render::csv_start(locale);
  out += locale == render::CsvLocale::da
             ? "Nr.;Kontrakt;Betaler;Fakturadato;Forfaldsdato;Beløb;Gebyrer;Renter;Kompensation;Betalt;Krediteret;"
               "Udestående;Dage over forfald;Rykkere\r\n"
             : "number,contract,payer,issue_date,due_date,total,fees,interest,compensation,paid,credited,open,"
               "days_overdue,reminders\r\n";
  auto figure = [locale](Money m) { return render::csv_decimal(m.to_string(), locale); };
  for (const OpenItem& item : r.open) {
    const InvoiceAccount& a = *item.account;
    const std::vector<std::string> fields{std::to_string(a.number), a.contract, a.payer, a.issue_date.to_string(),
                                          a.due_date.to_string(), figure(a.total), figure(a.fees),
                                          figure(a.interest), figure(a.compensation), figure(a.paid),
                                          figure(a.credited), figure(a.open()), std::to_string(item.days_overdue),
                                          std::to_string(a.reminders)};
    for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? std::string(1, sep) : "") + render::csv_field(fields[i], sep);
    out += "\r\n";
  }
  return out;
}

render::Json import_json(const ImportOutcome& o) {
  render::Json j;
  j["matched"] = render::Json::array();
  for (const ImportedLine& l : o.matched) {
    render::Json m;
    m["line"] = l.line;
    m["date"] = l.date.to_string();
    m["amount"] = l.amount.to_string();
    m["invoice"] = l.invoice;
    m["by"] = l.by;
    m["payment"] = l.payment;
    j["matched"].push_back(m);
  }
  j["unmatched"] = render::Json::array();
  for (const ImportedLine& l : o.unmatched) {
    render::Json m;
    m["line"] = l.line;
    m["date"] = l.date.to_string();
    m["amount"] = l.amount.to_string();
    m["text"] = l.text;
    j["unmatched"].push_back(m);
  }
  j["known"] = o.known;
  return j;
}

std::string import_text(const ImportOutcome& o) {
  using render::pad_left;
  using render::pad_right;
  std::string out = fmt::format("Kontoudtog {}: {} indbetalinger bogført, {} uden match, {} kendt fra før\n", o.file,
                                o.matched.size(), o.unmatched.size(), o.known);
  auto by = [](const std::string& b) { return b == "fik" ? "FIK" : b == "number" ? "fakturanummer" : "beløb"; };
  for (const ImportedLine& l : o.matched)
    out += "  linje " + pad_right(std::to_string(l.line), 6) + render::danish_date(l.date) + pad_left(kr(l.amount), 14) +
           fmt::format("  faktura {} ({})  B{}\n", l.invoice, by(l.by), l.payment);
  if (!o.unmatched.empty()) {
    out += "Uden match (bogfør dem med honorar pay N BELØB):\n";
    for (const ImportedLine& l : o.unmatched)
      out += "  linje " + pad_right(std::to_string(l.line), 6) + render::danish_date(l.date) +
             pad_left(kr(l.amount), 14) + "  " + l.text + "\n";
  }
  return out;
}

} // namespace receivables

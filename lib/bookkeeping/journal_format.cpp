#include "bookkeeping/journal_format.hpp"

namespace bookkeeping {

std::string journal_csv(const std::vector<Posting>& postings, const books::Accounts& accounts, render::CsvLocale locale) {
  const bool da = locale == render::CsvLocale::da;
  const char sep = da ? ';' : ',';
  std::string out = da ? "\xEF\xBB\xBF"
                         "Dato;Bilag;Tekst;Konto;Modkonto;Beløb;Momskode\r\n"
                       : "date,voucher,text,account,contra_account,amount,vat_code\r\n";
  for (const Posting& p : postings) {
    const std::string amount = p.amount.to_string();
    for (const std::string& value : {render::csv_date(p.date, locale), p.voucher, p.text, number_of(accounts, p.debit),
                                     number_of(accounts, p.credit), da ? render::decimal_comma(amount) : amount})
      out += render::csv_field(value, sep) + sep;
    out += "\r\n"; // the VAT code: empty
  }
  return out;
}

render::Json journal_json(calendar::Month from, calendar::Month to, const std::vector<Posting>& postings,
                          const books::Accounts& accounts) {
  render::Json j;
  j["from"] = from.to_string();
  j["to"] = to.to_string();
  j["postings"] = render::Json::array();
  for (const Posting& p : postings) {
    render::Json pj;
    pj["date"] = p.date.to_string();
    pj["voucher"] = p.voucher;
    pj["text"] = p.text;
    pj["account"] = number_of(accounts, p.debit);
    pj["contra_account"] = number_of(accounts, p.credit);
    pj["amount"] = p.amount.to_string();
    pj["vat_code"] = "";
    j["postings"].push_back(std::move(pj));
  }
  return j;
}

} // namespace bookkeeping

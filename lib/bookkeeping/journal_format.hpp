#pragma once
// The posting journal for the accounting system (SPEC 10.1) and for scripts (SPEC 7): CSV in
// the two styles of render/csv.hpp, and JSON. Presentation only: the postings come from journal.hpp.

#include "bookkeeping/journal.hpp"
#include "render/csv.hpp"
#include "render/json.hpp"

#include <string>
#include <vector>

namespace bookkeeping {

// da: "Dato;Bilag;Tekst;Konto;Modkonto;Beløb;Momskode", a byte-order mark, dates DD-MM-YYYY,
// decimal comma, as e-conomic, Dinero and Billy import a journal (kassekladde);
// c: "date,voucher,text,account,contra_account,amount,vat_code", ISO dates, decimal point.
// Konto is debited, Modkonto credited; Momskode is always empty (VAT has its own posting).
// Every account a posting uses must be set (missing_accounts is empty).
std::string journal_csv(const std::vector<Posting>& postings, const books::Accounts& accounts, render::CsvLocale locale);

// {"from", "to", "postings": [{"date", "voucher", "text", "account", "contra_account", "amount",
// "vat_code"}...]} (SPEC 7).
render::Json journal_json(calendar::Month from, calendar::Month to, const std::vector<Posting>& postings,
                          const books::Accounts& accounts);

} // namespace bookkeeping

#pragma once
// The issued document as a C++ type: what an invoice or credit note says, self-contained (seller,
// buyer, course, VAT, payment), frozen when it is issued. Its canonical JSON (SPEC §7) is what the
// register stores; to_json(from_json(j)) gives back the same bytes, so every rendering of a stored
// document is made from the same typed value. Renderers take this type, never the JSON tree.

#include "billing/run.hpp"
#include "books/model.hpp"
#include "calendar/date.hpp"
#include "money/fixed2.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace render {

using Json = nlohmann::ordered_json;

// The seller and the buyer as the books had them when the document was issued.
using Seller = books::Provider; // the bank account: reg + account, or iban (+ bic)
using Buyer = books::Payer;

// Never the citizen's name or notes: the initials the contract gives.
struct Course {
  std::string service;
  std::string citizen;
  std::string case_ref;
  std::string legal_basis;
};

struct IssuedDocument {
  billing::Document::Kind kind = billing::Document::Kind::invoice;
  std::optional<std::int64_t> number; // none in a dry run
  std::string contract;
  std::string payer; // the buyer's name, as the JSON's top-level key has it
  calendar::Date issue_date;
  calendar::Date due_date;
  std::vector<billing::Line> lines; // a regulation line has no days of its own (from/to unset)
  money::Money net;
  money::Money vat;
  money::Money total;
  calendar::Month month;
  // The days its lines cover; absent in a document issued before SPEC 8 (then: its month).
  std::optional<billing::Period> period;
  std::string currency = "DKK";
  std::optional<money::Percent> vat_rate;        // none when the contract is exempt
  std::optional<std::string> vat_exemption_note; // set when exempt
  std::string payment_terms;
  // FIK 71 (SPEC 9.1): an invoice with a number, when the seller has an FIK creditor number.
  std::optional<std::string> payment_id;
  Seller seller;
  Buyer buyer;
  Course course;
  // The earlier documents this one corrects (regulations, credited expenses); absent in a
  // document made before the run decided them.
  std::optional<std::vector<std::int64_t>> corrects;

  bool credit_note() const { return kind == billing::Document::Kind::credit_note; }
  bool exempt() const { return !vat_rate.has_value(); }
  billing::Period days() const { return period.value_or(billing::Period{month.first_day(), month.last_day()}); }
};

// What a monthly run issued (or, in a dry run, would issue).
struct InvoiceRun {
  calendar::Month month;
  std::vector<IssuedDocument> documents;
  money::Money total;
};

// The seller as documents print it: the bank account as reg + account, or else IBAN (+ BIC).
Seller printed_seller(const books::Provider& provider);

// The document billing computed, made self-contained from the books as they are now.
IssuedDocument issue_document(const billing::Document& doc, const books::Books& books);

// The canonical JSON (SPEC §7): the guaranteed keys first, then what renderers need.
Json to_json(const IssuedDocument& doc);
// The inverse of to_json. Throws diag::Error (data) naming the key when `j` is not a document:
// a missing or mistyped key, a date or amount that does not parse.
IssuedDocument document_from_json(const Json& j);

// The seller's account in one printed form for every format:
// "reg.nr. 1234, konto 4440123456" or "IBAN DK50 0040 0440 1162 43, BIC NDEADKKK".
std::string bank_account_text(const books::BankAccount& bank);
// The FIK payment line of an invoice with a payment id (SPEC 9.1), as text and PDF print it:
// "+71<000000000010041+85404316<"; nullopt for a credit note, a dry run or a seller without FIK.
std::optional<std::string> fik_payment_line(const IssuedDocument& doc);
// The same line from a payment id and a creditor number (a reminder prints its invoice's);
// nullopt when either is missing.
std::optional<std::string> fik_payment_line(const std::optional<std::string>& payment_id, const std::string& creditor);
// "DK50 0040 0440 1162 43": an IBAN in groups of four, as it is printed (ISO 13616).
std::string iban_print(const std::string& iban);

} // namespace render

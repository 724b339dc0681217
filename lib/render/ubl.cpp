// The e-invoice: one canonical document as UBL 2.1 XML per Peppol BIS Billing 3.0 (EN 16931 +
// the Danish DK-R rules), the format Danish municipalities receive through NemHandel/Peppol.
// Presentation only: every figure comes from the issued document; this file only maps, formats
// and, for a credit note, flips signs (a UBL credit note states the credited amounts as positive figures).
//
// Where honorar's data goes (the field table of ../shared/einvoice/README.md has the rules):
//   contract id      -> cac:ContractDocumentReference/cbc:ID (BT-12) and the document note
//   citizen initials -> the document note (BT-22) only: never as an "invoiced object" (ARR/130),
//                       which ERST reserves for the citizen's CPR number
//   case_ref         -> cac:AdditionalDocumentReference (BT-122, "Sagsnummer") and the note
//   corrects         -> one cac:BillingReference per corrected number (BT-25), invoice or credit note
#include "render/format.hpp"

#include "diag/diagnostic.hpp"
#include "money/fixed2.hpp"
#include "render/text.hpp"
#include "render/xml_writer.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace render {
namespace {

constexpr std::string_view k_customization_id =
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
constexpr std::string_view k_profile_id = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";
constexpr std::string_view k_cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
constexpr std::string_view k_cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
// VAT directive art. 132(1)(g): welfare and social security work (the exempt social services).
constexpr std::string_view k_exemption_code = "VATEX-EU-132-1G";
// VAT directive art. 79(c): repayment of expenditure incurred in the name and on behalf of the
// customer -- an outlay (udlæg, SPEC 2.8) on a VAT document; in Danish law momsloven § 27, stk. 3.
constexpr std::string_view k_outlay_exemption_code = "VATEX-EU-79-C";
constexpr std::string_view k_outlay_exemption_text = "Udlæg (momsloven § 27, stk. 3)";

[[noreturn]] void fail(const std::string& message) {
  throw diag::Error(diag::ErrorKind::data, "cannot write the e-invoice (xml): " + message);
}

std::string decimal(std::int64_t h) { return money::format_hundredths(h); }

// Address lines as honorar.toml writes them: the first line is the street, a line "8000 Aarhus C"
// (four digits, a space, the city; "DK-8000 ..." too) gives postal zone and city, other lines
// are additional street name and, beyond that, the one free address line of BT-162/BT-163.
struct Address {
  std::string street, additional, zone, city;
  std::vector<std::string> more;
};

bool postal_line(const std::string& line, std::string& zone, std::string& city) {
  std::string_view s = line;
  if (s.starts_with("DK-") || s.starts_with("DK ")) s.remove_prefix(3);
  if (s.size() < 6) return false;
  for (std::size_t i = 0; i < 4; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  if (s[4] != ' ') return false;
  std::string_view rest = s.substr(5);
  rest.remove_prefix(std::min(rest.find_first_not_of(' '), rest.size()));
  if (rest.empty()) return false;
  zone = std::string(s.substr(0, 4));
  city = std::string(rest);
  return true;
}

Address parse_address(const std::vector<std::string>& lines) {
  Address a;
  bool first = true;
  for (const std::string& line : lines) {
    if (line.empty()) continue;
    if (a.zone.empty() && postal_line(line, a.zone, a.city)) {
      first = false;
      continue;
    }
    if (first) a.street = line;
    else if (a.additional.empty()) a.additional = line;
    else a.more.push_back(line);
    first = false;
  }
  return a;
}

void write_address(XmlWriter& w, const Address& a) {
  w.open("cac:PostalAddress");
  w.optional_leaf("cbc:StreetName", a.street);
  w.optional_leaf("cbc:AdditionalStreetName", a.additional);
  w.optional_leaf("cbc:CityName", a.city);
  w.optional_leaf("cbc:PostalZone", a.zone);
  if (!a.more.empty()) {
    std::string joined;
    for (const std::string& m : a.more) joined += (joined.empty() ? "" : ", ") + m;
    w.open("cac:AddressLine");
    w.leaf("cbc:Line", joined);
    w.close();
  }
  w.open("cac:Country");
  w.leaf("cbc:IdentificationCode", "DK");
  w.close();
  w.close();
}

void write_tax_scheme(XmlWriter& w, std::string_view id) {
  w.open("cac:TaxScheme");
  w.leaf("cbc:ID", id);
  w.close();
}

// A VAT category of the document: E (exempt) at 0 %, or S at the document's rate. An exempt
// document has one, E; a VAT document has S for its ordinary lines and E for its outlays.
struct VatCategory {
  bool exempt = true;
  std::string percent;             // "0" or the JSON's rate, e.g. "25.00"
  std::string_view reason_code;    // BT-121, exempt only
  std::string note;                // the exemption text (BT-120)
};

void write_category(XmlWriter& w, std::string_view element, const VatCategory& vat, bool with_reason) {
  w.open(element);
  w.leaf("cbc:ID", vat.exempt ? "E" : "S");
  w.leaf("cbc:Percent", vat.percent);
  if (with_reason && vat.exempt) {
    w.leaf("cbc:TaxExemptionReasonCode", vat.reason_code);
    w.optional_leaf("cbc:TaxExemptionReason", vat.note);
  }
  write_tax_scheme(w, "VAT");
  w.close();
}

class UblFormat final : public DocumentFormat {
public:
  std::string_view name() const override { return "xml"; }
  std::string_view extension() const override { return "xml"; }
  std::string render(const IssuedDocument& doc) const override;
};

std::string UblFormat::render(const IssuedDocument& doc) const {
  const bool credit = doc.credit_note();
  // A credit note states what is credited: the canonical figures, negated.
  const std::int64_t sign = credit ? -1 : 1;
  const std::string root = credit ? "CreditNote" : "Invoice";
  const std::string line_element = credit ? "cac:CreditNoteLine" : "cac:InvoiceLine";
  const std::string quantity_element = credit ? "cbc:CreditedQuantity" : "cbc:InvoicedQuantity";

  if (!doc.number) fail("the document has no number (a dry run); only issued documents can be sent");
  const std::string number = std::to_string(*doc.number);
  const Seller& seller = doc.seller;
  const Buyer& buyer = doc.buyer;
  const Course& course = doc.course;
  if (doc.lines.empty()) fail("document " + number + " has no lines");

  const std::string& cvr = seller.cvr;
  if (cvr.empty()) fail("the provider has no CVR number, which a Danish e-invoice must carry (DK-R-002)");
  const std::string& ean = buyer.ean;
  if (ean.empty())
    fail("payer '" + buyer.name +
         "' has no EAN: a Peppol e-invoice is addressed to the buyer's EAN/GLN. Give [payer] an 'ean', or leave "
         "\"xml\" out of [documents] in honorar.toml for this kind of payer");
  const std::string& buyer_reference = buyer.reference;
  const std::string& order = buyer.order;
  if (buyer_reference.empty() && order.empty())
    fail("payer '" + buyer.name + "' has neither a 'reference' nor an 'order': Peppol needs one (R003)");

  const std::string& currency = doc.currency;
  const XmlWriter::Attributes money_attr{{"currencyID", currency}};

  VatCategory vat; // the document's category: every line's but an outlay's on a VAT document
  vat.exempt = doc.exempt();
  vat.percent = vat.exempt ? "0" : doc.vat_rate->to_string();
  if (vat.exempt) vat.reason_code = k_exemption_code;
  vat.note = doc.vat_exemption_note.value_or("");
  const VatCategory outlay_vat{true, "0", k_outlay_exemption_code, std::string(k_outlay_exemption_text)};
  // Outlays are outside VAT (SPEC 2.8): on an exempt document they are exempt like the rest.
  const auto category_of = [&](const billing::Line& l) -> const VatCategory& {
    return l.outlay && !vat.exempt ? outlay_vat : vat;
  };

  XmlWriter w;
  const std::string ns = "urn:oasis:names:specification:ubl:schema:xsd:" + root + "-2";
  w.open(root, {{"xmlns", ns}, {"xmlns:cac", k_cac}, {"xmlns:cbc", k_cbc}});
  w.leaf("cbc:CustomizationID", k_customization_id);
  w.leaf("cbc:ProfileID", k_profile_id);
  w.leaf("cbc:ID", number);
  w.leaf("cbc:IssueDate", doc.issue_date.to_string());
  if (!credit) w.leaf("cbc:DueDate", doc.due_date.to_string());
  w.leaf(credit ? "cbc:CreditNoteTypeCode" : "cbc:InvoiceTypeCode", credit ? "381" : "380");

  // One document note (BT-22; Peppol allows one): the course as the text format words it.
  std::string note = "Forløb: " + course.service + " (" + doc.contract + ")";
  if (!course.citizen.empty()) note += ", borger " + course.citizen;
  if (!course.case_ref.empty()) note += ". Sagsnr.: " + course.case_ref;
  if (!course.legal_basis.empty()) note += ". Lovgrundlag: " + course.legal_basis;
  w.leaf("cbc:Note", note);
  w.leaf("cbc:DocumentCurrencyCode", currency);
  w.optional_leaf("cbc:AccountingCost", buyer.accounting_cost);
  w.optional_leaf("cbc:BuyerReference", buyer_reference);
  w.open("cac:InvoicePeriod");
  w.leaf("cbc:StartDate", doc.days().from.to_string());
  w.leaf("cbc:EndDate", doc.days().to.to_string());
  w.close();
  if (!order.empty()) {
    w.open("cac:OrderReference");
    w.leaf("cbc:ID", order);
    w.close();
  }
  for (std::int64_t corrected : doc.corrects.value_or(std::vector<std::int64_t>{})) {
    w.open("cac:BillingReference");
    w.open("cac:InvoiceDocumentReference");
    w.leaf("cbc:ID", std::to_string(corrected));
    w.close();
    w.close();
  }
  if (!doc.contract.empty()) {
    w.open("cac:ContractDocumentReference");
    w.leaf("cbc:ID", doc.contract);
    w.close();
  }
  if (!course.case_ref.empty()) {
    w.open("cac:AdditionalDocumentReference");
    w.leaf("cbc:ID", course.case_ref);
    w.leaf("cbc:DocumentDescription", "Sagsnummer");
    w.close();
  }

  // Seller: CVR as electronic address (0184) and legal registration; the tax id in the VAT
  // scheme when VAT is charged, else as a tax registration (TAX) so that category E is valid (BR-E-02).
  w.open("cac:AccountingSupplierParty");
  w.open("cac:Party");
  w.leaf("cbc:EndpointID", cvr, {{"schemeID", "0184"}});
  write_address(w, parse_address(seller.address));
  w.open("cac:PartyTaxScheme");
  w.leaf("cbc:CompanyID", "DK" + cvr);
  write_tax_scheme(w, vat.exempt ? "TAX" : "VAT");
  w.close();
  w.open("cac:PartyLegalEntity");
  w.leaf("cbc:RegistrationName", seller.name);
  w.leaf("cbc:CompanyID", cvr, {{"schemeID", "0184"}});
  w.close();
  if (!seller.email.empty()) {
    w.open("cac:Contact");
    w.leaf("cbc:ElectronicMail", seller.email);
    w.close();
  }
  w.close();
  w.close();

  w.open("cac:AccountingCustomerParty");
  w.open("cac:Party");
  w.leaf("cbc:EndpointID", ean, {{"schemeID", "0088"}});
  write_address(w, parse_address(buyer.address));
  w.open("cac:PartyLegalEntity");
  w.leaf("cbc:RegistrationName", buyer.name);
  w.close();
  w.close();
  w.close();

  // Payment: domestic transfer (42) needs konto and reg.nr. (DK-R-006); an IBAN is 58. An invoice
  // with a FIK payment id (SPEC 9.1) is paid by FIK 71 instead: code 93, "71#" + the 15-digit id,
  // the 8-digit creditor number (DK-R-010, DK-R-011). It cannot carry both: EN 16931 allows one
  // payment means code and one PaymentID per invoice (UBL-SR-47, UBL-SR-44); the text and the
  // PDF still show the bank account beside the FIK line.
  const books::BankAccount& bank = seller.bank;
  const std::string& reg = bank.reg;
  const std::string& account = bank.account;
  const std::string& iban = bank.iban;
  if (account.empty() && iban.empty()) fail("the provider has no bank account");
  w.open("cac:PaymentMeans");
  if (!credit && doc.payment_id && !seller.fik_creditor.empty()) {
    w.leaf("cbc:PaymentMeansCode", "93");
    w.leaf("cbc:PaymentID", "71#" + *doc.payment_id);
    w.open("cac:PayeeFinancialAccount");
    w.leaf("cbc:ID", seller.fik_creditor);
    w.close();
  } else {
    w.leaf("cbc:PaymentMeansCode", iban.empty() ? "42" : "58");
    if (credit) w.leaf("cbc:PaymentDueDate", doc.due_date.to_string());
    w.leaf("cbc:PaymentID", number);
    w.open("cac:PayeeFinancialAccount");
    w.leaf("cbc:ID", iban.empty() ? account : iban);
    const std::string& branch = iban.empty() ? reg : bank.bic;
    if (!branch.empty()) {
      w.open("cac:FinancialInstitutionBranch");
      w.leaf("cbc:ID", branch);
      w.close();
    }
    w.close();
  }
  w.close();
  if (!doc.payment_terms.empty()) {
    w.open("cac:PaymentTerms");
    w.leaf("cbc:Note", doc.payment_terms);
    w.close();
  }

  const std::string net = decimal(sign * doc.net.hundredths());
  const std::string vat_amount = decimal(sign * doc.vat.hundredths());
  const std::string total = decimal(sign * doc.total.hundredths());
  // One subtotal per category (BR-S-08, BR-E-08): the document's own, and the outlays' when a
  // VAT document has any. All the VAT is the document's category's (the outlays carry none).
  std::int64_t outlays = 0;
  bool has_outlays = false, has_others = false;
  for (const billing::Line& l : doc.lines) {
    const bool outlay = &category_of(l) == &outlay_vat;
    (outlay ? has_outlays : has_others) = true;
    if (outlay) outlays += sign * l.amount.hundredths();
  }
  const auto write_subtotal = [&](std::int64_t taxable, const std::string& tax, const VatCategory& category) {
    w.open("cac:TaxSubtotal");
    w.leaf("cbc:TaxableAmount", decimal(taxable), money_attr);
    w.leaf("cbc:TaxAmount", tax, money_attr);
    write_category(w, "cac:TaxCategory", category, true);
    w.close();
  };
  w.open("cac:TaxTotal");
  w.leaf("cbc:TaxAmount", vat_amount, money_attr);
  if (has_others) write_subtotal(sign * doc.net.hundredths() - outlays, vat_amount, vat);
  if (has_outlays) write_subtotal(outlays, decimal(0), outlay_vat);
  w.close();
  w.open("cac:LegalMonetaryTotal");
  w.leaf("cbc:LineExtensionAmount", net, money_attr);
  w.leaf("cbc:TaxExclusiveAmount", net, money_attr);
  w.leaf("cbc:TaxInclusiveAmount", total, money_attr);
  w.leaf("cbc:PayableAmount", total, money_attr);
  w.close();

  // Lines: the price is never negative (BR-27), so a negative amount is a negative quantity.
  // Hours: quantity = hours in HUR at the hourly rate; expenses: one piece (C62) at |amount|.
  // Amount = hours x rate rounded to øre, within PEPPOL-EN16931-R120's 0.02 tolerance.
  const std::string& service = course.service;
  int id = 0;
  for (const billing::Line& l : doc.lines) {
    ++id;
    const std::int64_t amount = sign * l.amount.hundredths();
    std::int64_t quantity = 0; // hundredths
    std::int64_t price = 0;
    std::string unit;
    if (l.type == billing::Line::Type::expense) {
      quantity = amount < 0 ? -100 : 100;
      price = amount < 0 ? -amount : amount;
      unit = "C62";
    } else { // a week or a regulation
      quantity = sign * l.hours.hundredths();
      price = l.rate.hundredths();
      if (price < 0) quantity = -quantity, price = -price;
      unit = "HUR";
    }
    const std::string quantity_text = unit == "C62" ? (quantity < 0 ? "-1" : "1") : decimal(quantity);
    w.open(line_element);
    w.leaf("cbc:ID", std::to_string(id));
    w.leaf(quantity_element, quantity_text, {{"unitCode", unit}});
    w.leaf("cbc:LineExtensionAmount", decimal(amount), money_attr);
    // BG-26: the days of the line (within the document's period, PEPPOL-EN16931-R110/R111); a
    // document issued before it had a period of its own keeps its old form.
    if (doc.period) {
      const billing::Period days = billing::days_of(l);
      w.open("cac:InvoicePeriod");
      w.leaf("cbc:StartDate", days.from.to_string());
      w.leaf("cbc:EndDate", days.to.to_string());
      w.close();
    }
    w.open("cac:Item");
    if (unit == "HUR" && !service.empty())
      w.leaf("cbc:Description", service + ", kontrakt " + doc.contract);
    w.leaf("cbc:Name", line_description(l));
    write_category(w, "cac:ClassifiedTaxCategory", category_of(l), false);
    w.close();
    w.open("cac:Price");
    w.leaf("cbc:PriceAmount", decimal(price), money_attr);
    w.close();
    w.close();
  }
  w.close();
  return w.finish();
}

} // namespace

const DocumentFormat& ubl_format() {
  static const UblFormat format;
  return format;
}

} // namespace render

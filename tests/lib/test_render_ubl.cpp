// The e-invoice (Peppol BIS Billing 3.0 UBL): golden files plus the points that matter most.
// tests/golden/ubl/NAME.json is a canonical document, NAME.xml its expected rendering byte for
// byte; tests/cli/test_cmd_einvoice.sh runs the official validator over the same XML files.
// After an intended change: HONORAR_UPDATE_GOLDEN=1 honorar_tests -tc='render::ubl*', then
// review the diff and run the validator.
#include "diag/diagnostic.hpp"
#include "render/format.hpp"
#include "render/text.hpp"
#include "render/xml_writer.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

using render::Json;

namespace {

const std::string k_dir = std::string(HONORAR_SOURCE_DIR) + "/tests/golden/ubl/";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Json golden_input(const std::string& name) { return Json::parse(read_file(k_dir + name + ".json")); }

std::string render_xml(const Json& doc) { return render::ubl_format().render(render::document_from_json(doc)); }

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + needle.size())) ++n;
  return n;
}

bool has(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

// The text of the first <tag> after the first occurrence of `after` (or from the start).
std::string element(const std::string& xml, const std::string& tag, const std::string& after = "") {
  const auto from = after.empty() ? 0 : xml.find(after);
  REQUIRE(from != std::string::npos);
  auto open = xml.find("<" + tag, from);
  while (open != std::string::npos && xml[open + 1 + tag.size()] != '>' && xml[open + 1 + tag.size()] != ' ')
    open = xml.find("<" + tag, open + 1);
  REQUIRE_MESSAGE(open != std::string::npos, "no <" << tag << ">");
  const auto start = xml.find('>', open) + 1;
  return xml.substr(start, xml.find("</" + tag + ">", start) - start);
}

diag::ErrorKind error_kind(const Json& doc) {
  try {
    render_xml(doc);
  } catch (const diag::Error& e) {
    return e.kind();
  }
  FAIL("no diag::Error");
  return diag::ErrorKind::internal;
}

} // namespace

TEST_CASE("render::ubl: the format is registered as xml") {
  const render::DocumentFormat* f = render::find_format("xml");
  REQUIRE(f == &render::ubl_format());
  CHECK(f->name() == "xml");
  CHECK(f->extension() == "xml");
}

TEST_CASE("render::ubl: golden files, byte for byte") {
  const bool update = std::getenv("HONORAR_UPDATE_GOLDEN") != nullptr;
  // The last five are documents of SPEC 8 (tests/golden/make_spec8_goldens.py): explained weeks,
  // a period and a period per line (BG-26), corrections, large amounts, many lines.
  for (const std::string name : {"exempt-invoice", "vat25-invoice", "regulation-invoice", "credit-note", "iban-seller",
                                 "order-accounting", "explained-invoice", "corrections-invoice", "credit-note-eight",
                                 "large-amounts", "twenty-lines", "outlay-vat", "fik-invoice"}) {
    CAPTURE(name);
    const std::string xml = render_xml(golden_input(name));
    CHECK(xml == render_xml(golden_input(name))); // deterministic
    const std::string path = k_dir + name + ".xml";
    if (update) std::ofstream(path, std::ios::binary) << xml;
    CHECK(xml == read_file(path));
  }
}

TEST_CASE("render::ubl: FIK 71 as payment means 93 (SPEC 9.1)") {
  const std::string xml = render_xml(golden_input("fik-invoice"));
  // One payment means code and one PaymentID per invoice (EN 16931 UBL-SR-47, UBL-SR-44).
  CHECK_FALSE(has(xml, "<cbc:PaymentMeansCode>42</cbc:PaymentMeansCode>"));
  CHECK(xml.find("<cac:PaymentMeans>") == xml.rfind("<cac:PaymentMeans>"));
  CHECK(has(xml, "<cac:PaymentMeans>\n    <cbc:PaymentMeansCode>93</cbc:PaymentMeansCode>\n"
                 "    <cbc:PaymentID>71#000000000010041</cbc:PaymentID>\n    <cac:PayeeFinancialAccount>\n"
                 "      <cbc:ID>85404316</cbc:ID>\n"));
  SUBCASE("without a payment id (a seller without FIK) there is none") {
    CHECK_FALSE(has(render_xml(golden_input("exempt-invoice")), "<cbc:PaymentMeansCode>93<"));
  }
}

TEST_CASE("render::ubl: an invoice addresses the municipality's EAN and carries its references") {
  const std::string xml = render_xml(golden_input("exempt-invoice"));
  CHECK(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Invoice "));
  CHECK(has(xml, "<cbc:EndpointID schemeID=\"0088\">5798000222335</cbc:EndpointID>"));
  CHECK(has(xml, "<cbc:EndpointID schemeID=\"0184\">12345674</cbc:EndpointID>"));
  CHECK(has(xml, "<cbc:CompanyID schemeID=\"0184\">12345674</cbc:CompanyID>"));
  CHECK(element(xml, "cbc:InvoiceTypeCode") == "380");
  CHECK(element(xml, "cbc:DueDate") == "2025-12-31");
  CHECK(element(xml, "cbc:BuyerReference") == "sagsbeh-42");
  CHECK(element(xml, "cbc:StartDate") == "2025-11-01");
  CHECK(element(xml, "cbc:EndDate") == "2025-11-30");
  CHECK(element(xml, "cbc:ID", "<cac:ContractDocumentReference>") == "X-1");
  CHECK_FALSE(has(xml, "<cac:BillingReference>")); // corrects is []
  CHECK_FALSE(has(xml, "<cac:OrderReference>"));
  CHECK_FALSE(has(xml, "<cbc:AccountingCost>"));
  // Exempt: category E with the exemption reason; the seller's id as a tax registration (BR-E-02).
  CHECK(element(xml, "cbc:ID", "<cac:TaxCategory>") == "E");
  CHECK(element(xml, "cbc:TaxExemptionReasonCode") == "VATEX-EU-132-1G");
  CHECK(element(xml, "cbc:TaxExemptionReason") == "Momsfritaget jf. momslovens § 13, stk. 1, nr. 2");
  CHECK(element(xml, "cbc:CompanyID", "<cac:PartyTaxScheme>") == "DK12345674");
  CHECK(has(xml, "<cbc:ID>TAX</cbc:ID>"));
  // Bank transfer with reg.nr. as the branch (DK-R-006); the number as payment id.
  CHECK(element(xml, "cbc:PaymentMeansCode") == "42");
  CHECK(element(xml, "cbc:PaymentID") == "1");
  CHECK(element(xml, "cbc:ID", "<cac:FinancialInstitutionBranch>") == "1234");
  CHECK(count(xml, "<cac:InvoiceLine>") == 7);
  CHECK(element(xml, "cbc:Name", "<cac:InvoiceLine>") == "Uge 44 (27. oktober–2. november 2025)");
  CHECK(has(xml, "<cbc:InvoicedQuantity unitCode=\"C62\">1</cbc:InvoicedQuantity>"));
  CHECK(element(xml, "cbc:PayableAmount") == "18870.00");
}

TEST_CASE("render::ubl: regulation and credited expense lines are negative quantities at positive prices") {
  const Json doc = golden_input("regulation-invoice");
  const std::string xml = render_xml(doc);
  CHECK(has(xml, "<cbc:InvoicedQuantity unitCode=\"HUR\">-3.00</cbc:InvoicedQuantity>\n"
                 "    <cbc:LineExtensionAmount currencyID=\"DKK\">-1500.00</cbc:LineExtensionAmount>"));
  CHECK(has(xml, "<cbc:InvoicedQuantity unitCode=\"C62\">-1</cbc:InvoicedQuantity>\n"
                 "    <cbc:LineExtensionAmount currencyID=\"DKK\">-60.00</cbc:LineExtensionAmount>"));
  // The Danish wording is the text format's (render::line_description), escaped.
  REQUIRE(doc["lines"][4]["type"] == "regulation");
  CHECK(has(xml, "<cbc:Name>" + render::line_description(render::document_from_json(doc).lines[4]) + "</cbc:Name>"));
  CHECK(has(xml, "<cbc:Name>Tilbageført udlæg 19. november 2025: Transport</cbc:Name>"));
  CHECK_FALSE(has(xml, "<cbc:PriceAmount currencyID=\"DKK\">-"));
  // The invoice names the invoice whose weeks it regulates (BT-25).
  CHECK(count(xml, "<cac:BillingReference>") == 1);
  CHECK(element(xml, "cbc:ID", "<cac:InvoiceDocumentReference>") == "1");
  CHECK(element(xml, "cbc:PayableAmount") == "13560.00");
}

TEST_CASE("render::ubl: a credit note states the credited amounts as positive figures") {
  const Json doc = golden_input("credit-note");
  REQUIRE(doc["net"] == "-22455.00");
  const std::string xml = render_xml(doc);
  CHECK(has(xml, "\n<CreditNote xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2\""));
  CHECK(element(xml, "cbc:CreditNoteTypeCode") == "381");
  CHECK_FALSE(has(xml, "<cbc:DueDate>"));                          // not in a UBL credit note
  CHECK(element(xml, "cbc:PaymentDueDate") == "2026-02-03");       // BT-9 goes here instead
  CHECK(element(xml, "cbc:LineExtensionAmount", "<cac:LegalMonetaryTotal>") == "22455.00");
  CHECK(element(xml, "cbc:TaxableAmount") == "22455.00");
  CHECK(element(xml, "cbc:PayableAmount") == "22455.00"); // DK-R-016: never negative
  CHECK(count(xml, "<cac:CreditNoteLine>") == 7);
  CHECK_FALSE(has(xml, "<cac:InvoiceLine>"));
  // A regulation of -7.50 h is 7.50 h credited; a newly billed expense becomes a -1 line.
  CHECK(has(xml, "<cbc:CreditedQuantity unitCode=\"HUR\">7.50</cbc:CreditedQuantity>\n"
                 "    <cbc:LineExtensionAmount currencyID=\"DKK\">3750.00</cbc:LineExtensionAmount>"));
  CHECK(has(xml, "<cbc:CreditedQuantity unitCode=\"C62\">-1</cbc:CreditedQuantity>\n"
                 "    <cbc:LineExtensionAmount currencyID=\"DKK\">-45.00</cbc:LineExtensionAmount>"));
  CHECK(has(xml, "<cbc:PriceAmount currencyID=\"DKK\">45.00</cbc:PriceAmount>"));
  CHECK_FALSE(has(xml, "<cbc:PriceAmount currencyID=\"DKK\">-"));
  // One BillingReference per corrected invoice (UBL-SR-06 allows one reference in each).
  CHECK(count(xml, "<cac:BillingReference>") == 2);
  CHECK(has(xml, "<cac:BillingReference>\n    <cac:InvoiceDocumentReference>\n      <cbc:ID>1</cbc:ID>"));
  CHECK(has(xml, "<cac:BillingReference>\n    <cac:InvoiceDocumentReference>\n      <cbc:ID>2</cbc:ID>"));
}

TEST_CASE("render::ubl: a credit note without corrected numbers has no BillingReference") {
  Json doc = golden_input("credit-note");
  doc["corrects"] = Json::array();
  CHECK_FALSE(has(render_xml(doc), "BillingReference"));
  doc.erase("corrects");
  CHECK_FALSE(has(render_xml(doc), "BillingReference"));
}

TEST_CASE("render::ubl: VAT at 25 %") {
  const std::string xml = render_xml(golden_input("vat25-invoice"));
  CHECK(element(xml, "cbc:ID", "<cac:TaxCategory>") == "S");
  CHECK(element(xml, "cbc:Percent", "<cac:TaxCategory>") == "25.00");
  CHECK(element(xml, "cbc:TaxAmount") == "2316.29");
  CHECK_FALSE(has(xml, "TaxExemptionReason"));
  CHECK(has(xml, "<cac:PartyTaxScheme>\n        <cbc:CompanyID>DK12345674</cbc:CompanyID>\n"
                 "        <cac:TaxScheme>\n          <cbc:ID>VAT</cbc:ID>"));
  CHECK(element(xml, "cbc:ElectronicMail") == "faktura@example.dk");
  CHECK(element(xml, "cbc:TaxInclusiveAmount") == "11581.43");
  // 2.33 h x 533.33 = 1242.6589: the line keeps the JSON's øre amount (R120 allows 0.02).
  CHECK(has(xml, "<cbc:InvoicedQuantity unitCode=\"HUR\">2.33</cbc:InvoicedQuantity>\n"
                 "    <cbc:LineExtensionAmount currencyID=\"DKK\">1242.66</cbc:LineExtensionAmount>"));
}

TEST_CASE("render::ubl: IBAN, addresses, order and accounting cost") {
  const std::string iban = render_xml(golden_input("iban-seller"));
  CHECK(element(iban, "cbc:PaymentMeansCode") == "58");
  CHECK(element(iban, "cbc:ID", "<cac:PayeeFinancialAccount>") == "DK5000400440116243");
  CHECK(element(iban, "cbc:ID", "<cac:FinancialInstitutionBranch>") == "NDEADKKK");
  CHECK(element(iban, "cbc:StreetName") == "Hovedgaden 1");
  CHECK(element(iban, "cbc:AdditionalStreetName") == "1. sal");
  CHECK(element(iban, "cbc:PostalZone") == "4000");
  CHECK(element(iban, "cbc:CityName") == "Roskilde");

  Json doc = golden_input("iban-seller");
  doc["seller"]["bank"]["bic"] = nullptr;
  CHECK_FALSE(has(render_xml(doc), "FinancialInstitutionBranch"));

  const std::string xml = render_xml(golden_input("order-accounting"));
  CHECK(element(xml, "cbc:ID", "<cac:OrderReference>") == "PO-778");
  CHECK(element(xml, "cbc:AccountingCost") == "5.20.12.xxx");
  CHECK(element(xml, "cbc:BuyerReference") == "1234");
  CHECK(element(xml, "cbc:ID", "<cac:AdditionalDocumentReference>") == "27.24.12-G01-1234-25");
  CHECK(element(xml, "cbc:Note") == "Forløb: Støtte- og kontaktpersonsforløb (2C-2025-020), borger AB. "
                                    "Sagsnr.: 27.24.12-G01-1234-25. Lovgrundlag: Barnets Lov § 32");
  CHECK(element(xml, "cbc:StreetName", "<cac:AccountingCustomerParty>") == "Børn &amp; Unge");
  CHECK(element(xml, "cbc:AdditionalStreetName", "<cac:AccountingCustomerParty>") == "Køgevej 80");
  CHECK(has(xml, "<cbc:RegistrationName>Støtte &amp; Omsorg ApS</cbc:RegistrationName>"));
  CHECK(has(xml, "Café &quot;Hyggen&quot; &amp; kage &lt;2 pers.&gt; &apos;tirsdag&apos;"));
  CHECK_FALSE(has(xml, "<2 pers.>"));
}

TEST_CASE("render::ubl: documents it cannot write are data errors") {
  Json doc = golden_input("exempt-invoice");
  SUBCASE("a private payer without EAN") {
    doc["buyer"]["kind"] = "private";
    doc["buyer"]["ean"] = nullptr;
    CHECK(error_kind(doc) == diag::ErrorKind::data);
    CHECK_THROWS_WITH_AS(render_xml(doc), doctest::Contains("has no EAN"), diag::Error);
  }
  SUBCASE("no buyer reference and no order (PEPPOL-EN16931-R003)") {
    doc["buyer"]["reference"] = nullptr;
    CHECK(error_kind(doc) == diag::ErrorKind::data);
    doc["buyer"]["order"] = "PO-1";
    CHECK(has(render_xml(doc), "<cbc:ID>PO-1</cbc:ID>"));
  }
  SUBCASE("a dry run's document has no number") {
    doc["number"] = nullptr;
    CHECK(error_kind(doc) == diag::ErrorKind::data);
  }
  SUBCASE("an amount that is not a decimal") {
    doc["lines"][0]["amount"] = "12,50";
    CHECK(error_kind(doc) == diag::ErrorKind::data);
  }
}

TEST_CASE("render::ubl: xml_escape") {
  CHECK(render::xml_escape("a & b < c > d \" e ' f") == "a &amp; b &lt; c &gt; d &quot; e &apos; f");
  CHECK(render::xml_escape("æøå §") == "æøå §");
  CHECK(render::xml_escape(std::string("tab\there\x01")) == "tab\there");
}

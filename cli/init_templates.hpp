#pragma once
// The files `honorar init` writes (cmd_init.cpp). A header of its own, outside what xgettext
// scans: the raw string literals confuse it, and nothing here is translated (the books are Danish).

#include "books/placeholders.hpp"
#include "calendar/date.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>

namespace cli::init_templates {

// The three files, commented in Danish, for the day `today`. The first month to invoice is last
// month, and the example is a course of the weeks that month bills (SPEC 2.6: those whose Sunday
// is in it), from the Monday on or before its first day to its last Sunday: whole weeks, logged in
// full, so that `honorar invoice --month last --dry-run` shows an invoice at once. `honorar check`
// finds no error in them, and no warning but one for each placeholder of the provider
// (books/placeholders.hpp): what the user has to fill in. The course is over, so that stays true.
inline calendar::Month first_month(const calendar::Date& today) { return calendar::Month::of(today) - 1; }
inline calendar::Date example_start(const calendar::Date& today) {
  return calendar::IsoWeek::of(first_month(today).first_day()).monday();
}
inline calendar::Date example_end(const calendar::Date& today) {
  const calendar::Date last = first_month(today).last_day();
  return last - static_cast<int>(last.iso_weekday() % 7);
}

inline std::string settings_toml(const calendar::Date& today) {
  namespace ph = books::placeholders;
  return fmt::format(R"toml(# honorar.toml: leverandørens oplysninger og faktureringen. Se `man 5 honorar`.
# Ret alle værdier til jeres egne, og kør `honorar check` efter hver ændring.

[provider]
# Navn, CVR-nummer og bankkonto er pladsholdere: `honorar check` advarer, til de er jeres egne.
name    = "{name}"                      # navnet på fakturaen
cvr     = "{cvr}"                              # 8 cifre med gyldigt modulus 11-tjek
address = ["Hovedgaden 1", "4000 Roskilde"]       # en linje pr. element
email   = "faktura@example.dk"                    # valgfri
bank    = {{ reg = "{reg}", account = "{account}" }}  # eller {{ iban = "DK50...", bic = "..." }}

[invoicing]
from          = "{from}"        # første måned, honorar fakturerer (ÅÅÅÅ-MM); kan ikke ændres senere
first_number  = 1              # første fakturanummer (fortløbende, uden huller)
payment_terms = "30 dage"      # eller fx "løbende måned + 30 dage"
vat           = "exempt"       # momsfritaget, eller en sats i procent, fx 25
vat_exemption_note = "Momsfritaget jf. momslovens § 13, stk. 1, nr. 2"

# Hvilke dokumentformater der skrives under invoices/ ud over json og text,
# pr. betalertype. Standard: kommuner xml (e-faktura, Peppol BIS 3) og pdf; private pdf.
# [documents]
# municipality = ["xml", "pdf"]
# private      = ["pdf"]
)toml",
                     fmt::arg("name", ph::k_provider_name), fmt::arg("cvr", ph::k_provider_cvr),
                     fmt::arg("reg", ph::k_bank_reg), fmt::arg("account", ph::k_bank_account),
                     fmt::arg("from", first_month(today).to_string()));
}

inline std::string contract_toml(const calendar::Date& today) {
  return fmt::format(R"toml(# Et eksempel på en kontrakt: én fil pr. forløb under contracts/. Se `man 5 honorar`.
# Eksemplet er et afsluttet forløb i sidste måned, ført i timelog/:
# `honorar invoice --month last --dry-run` viser, hvad der ville blive faktureret.
# Ret den til et rigtigt forløb, eller slet den og eksemplets tidsregistrering,
# før den første fakturering.
# Aldrig CPR-numre (§5): borgeren skrives med initialer.

id             = "EKSEMPEL-01"                     # entydigt; bruges i tidsregistreringen
citizen        = "AB"                              # initialer eller pseudonym
service        = "Støtte- og kontaktpersonsforløb"
legal_basis    = "Barnets Lov § 32"                # valgfri
case_ref       = "27.24.12-G01-0001-25"            # valgfri: betalers sagsnummer
start          = {0}                        # første dag i forløbet
end            = {1}                        # valgfri: aftalt sidste dag
hours_per_week = 5                                 # aftalte timer pr. uge (§8)
rate           = 500.00                            # kr. pr. time ekskl. moms
absence_billed = true                              # borgerens fravær faktureres (§8)
notice         = "løbende måned + 1"               # opsigelsesvarsel (§13)
handleplan     = {0}                        # dato for modtaget handleplan (§9)
status_reports = []                                # datoer for afleverede statusrapporter (§9)

[payer]
kind      = "municipality"                         # "municipality" eller "private"
name      = "Eksempel Kommune"
address   = ["Rådhuspladsen 1", "4000 Roskilde"]
ean       = "5798000000001"                        # kommunens EAN-nummer (GLN), 13 cifre
reference = "1234"                                 # personreference hos kommunen

# Ændringer fra en dato, fx årlig regulering af timeprisen:
# [[terms]]
# from = 2027-01-01
# rate = 515.00

# Opsigelse modtaget:
# [termination]
# given = 2026-11-18

# Midlertidig pause (billed = false: ingen fakturering i perioden):
# [[suspension]]
# from   = 2026-07-06
# to     = 2026-07-19
# billed = false

# Aktivitetsudgifter (§11) faktureres kun, når de er aftalt:
[expenses]
agreed = false
)toml",
                     example_start(today).to_string(), example_end(today).to_string());
}

// The example's entries: one for each of its weeks, on the week's first day in last month.
inline std::string timelog_toml(const calendar::Date& today) {
  const calendar::Month month = first_month(today);
  std::string entries;
  for (calendar::IsoWeek week = calendar::IsoWeek::of(example_start(today));
       week <= calendar::IsoWeek::of(example_end(today)); week = week.next())
    entries += fmt::format(R"toml(
[[entry]]
contract = "EKSEMPEL-01"
date     = {}
hours    = 5                     # eller from = 09:00:00 og to = 14:00:00
status   = "delivered"           # "delivered", "citizen-absent" eller "staff-absent"
)toml",
                           std::max(week.monday(), month.first_day()).to_string());
  return fmt::format(R"toml(# Tidsregistrering: alle filer under timelog/ læses, .toml og .csv. Se `man 5 honorar`.
# Én [[entry]] pr. aftale; udgifter som [[expense]]. Her eksemplets forløb; ret eller slet dem.
#
# [[entry]]
# contract = "EKSEMPEL-01"
# date     = {0}
# hours    = 2.5
# status   = "citizen-absent"
# staff    = "KB"                # valgfri: hvem
# note     = "..."               # valgfri, intern: kommer aldrig på en faktura
#
# [[expense]]                    # kun når [expenses] agreed = true i kontrakten
# contract = "EKSEMPEL-01"
# date     = {0}
# amount   = 85.00
# text     = "Biograf (entré)"
{1})toml",
                     month.first_day().to_string(), entries);
}

} // namespace cli::init_templates

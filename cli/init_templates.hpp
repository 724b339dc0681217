#pragma once
// The files `honorar init` writes (cmd_init.cpp). A header of its own, outside what xgettext
// scans: the raw string literals confuse it, and nothing here is translated (the books are Danish).

#include "calendar/date.hpp"

#include <fmt/format.h>

#include <string>

namespace cli::init_templates {

// The three files, commented in Danish, for the day `today` (the start of the example course and
// the first month to invoice). They pass `honorar check` as they are: no error, no warning.
inline std::string settings_toml(const calendar::Date& today) {
  return fmt::format(R"toml(# honorar.toml: leverandørens oplysninger og faktureringen. Se `man 5 honorar`.
# Ret alle værdier til jeres egne, og kør `honorar check` efter hver ændring.

[provider]
name    = "Leverandøren ApS"                      # navnet på fakturaen
cvr     = "12345674"                              # 8 cifre med gyldigt modulus 11-tjek: ret det
address = ["Hovedgaden 1", "4000 Roskilde"]       # en linje pr. element
email   = "faktura@example.dk"                    # valgfri
bank    = {{ reg = "1234", account = "1234567890" }}  # eller {{ iban = "DK50...", bic = "..." }}

[invoicing]
from          = "{}"        # første måned, honorar fakturerer (ÅÅÅÅ-MM); kan ikke ændres senere
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
                     calendar::Month::of(today).to_string());
}

inline std::string contract_toml(const calendar::Date& today) {
  return fmt::format(R"toml(# Et eksempel på en kontrakt: én fil pr. forløb under contracts/. Se `man 5 honorar`.
# Ret den til et rigtigt forløb, eller slet den, før den første fakturering:
# `honorar invoice --month last --dry-run` viser, hvad der ville blive faktureret.
# Aldrig CPR-numre (§5): borgeren skrives med initialer.

id             = "EKSEMPEL-01"                     # entydigt; bruges i tidsregistreringen
citizen        = "AB"                              # initialer eller pseudonym
service        = "Støtte- og kontaktpersonsforløb"
legal_basis    = "Barnets Lov § 32"                # valgfri
case_ref       = "27.24.12-G01-0001-25"            # valgfri: betalers sagsnummer
start          = {0}                        # første dag i forløbet
# end          = 2026-12-31                        # valgfri: aftalt sidste dag
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
                     today.to_string());
}

inline std::string timelog_toml() {
  return R"toml(# Tidsregistrering: alle filer under timelog/ læses, .toml og .csv. Se `man 5 honorar`.
# Én [[entry]] pr. aftale; udgifter som [[expense]]. Eksempler:
#
# [[entry]]
# contract = "EKSEMPEL-01"
# date     = 2026-11-03
# hours    = 2.5                 # eller from = 09:00:00 og to = 11:30:00
# status   = "delivered"         # "delivered", "citizen-absent" eller "staff-absent"
# staff    = "KB"                # valgfri: hvem
# note     = "..."               # valgfri, intern: kommer aldrig på en faktura
#
# [[expense]]                    # kun når [expenses] agreed = true i kontrakten
# contract = "EKSEMPEL-01"
# date     = 2026-11-05
# amount   = 85.00
# text     = "Biograf (entré)"
)toml";
}

} // namespace cli::init_templates

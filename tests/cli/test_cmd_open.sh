#!/usr/bin/env bash
# honorar open | udestående (SPEC 9.3, §7): every invoice not fully settled, in text (by payer,
# with totals), JSON and CSV (also Danish), the contracts' credits after them.
source "$(dirname "$0")/lib.sh"

B=$(copy_books november open)

test_case "no register yet: nothing open, exit 0"
run --books "$B" --today 2025-12-01 open --format json
expect_exit 0
expect_stderr_empty
expect_json_eq 'j' '{"as_of": "2025-12-01", "open": [], "credits": [], "total_open": "0.00"}'
run --books "$B" --today 2025-12-01 udestående
expect_exit 0
expect_stdout "Udestående pr. 01.12.2025
(intet udestående)
"
expect_no_file "$B/honorar.db"

run --books "$B" --today 2025-12-01 -q invoice --month 2025-11
expect_exit 0
run --books "$B" --today 2026-01-02 -q invoice --month 2025-12
expect_exit 0
run --books "$B" --today 2026-01-05 -q pay 1001 20000
expect_exit 0
run --books "$B" --today 2026-01-05 -q pay 1003 20000
expect_exit 0

test_case "JSON: by due date then number, every figure (SPEC §7)"
run --books "$B" --today 2026-01-15 open --format json
expect_exit 0
expect_stderr_empty
expect_json_eq 'list(j)' '["as_of", "open", "credits", "total_open"]'
expect_json_eq 'list(j["open"][0])' '["number", "contract", "payer", "issue_date", "due_date", "total", "fees",
  "interest", "compensation", "paid", "credited", "open", "days_overdue", "reminders"]'
expect_json_eq 'j["open"][0]' '{"number": 1001, "contract": "2C-2025-007", "payer": "Køge Kommune",
  "issue_date": "2025-12-01", "due_date": "2025-12-31", "total": "22770.00", "fees": "0.00", "interest": "0.00",
  "compensation": "0.00", "paid": "20000.00", "credited": "0.00", "open": "2770.00", "days_overdue": 15,
  "reminders": 0}'
expect_json '[o["number"] for o in j["open"]][:2] == [1001, 1002]'
expect_json 'all(o["number"] != 1003 for o in j["open"])'
expect_json_eq 'j["credits"]' '[{"contract": "2C-2025-020", "payer": "Familien Dahl", "credit": "8262.50"}]'
expect_json 'j["total_open"] == "%.2f" % sum(float(o["open"]) for o in j["open"])'
cp "$OUT_FILE" "$TMP/all.json"

test_case "--overdue: only what was due before today"
run --books "$B" --today 2026-01-15 open --overdue --format json
expect_exit 0
expect_json_eq '[o["number"] for o in j["open"]]' '[1001, 1002]'
expect_json_eq 'j["total_open"]' '"20357.50"'

test_case "text: grouped by payer, totals per payer and overall, credits after"
run --books "$B" --today 2026-01-15 open --overdue
expect_exit 0
expect_stderr_empty
expect_stdout "Udestående pr. 15.01.2026

Køge Kommune
     Nr.  Kontrakt      Fakturadato Forfald            Beløb  Gebyr/renter      Betalt  Udestående  Dage  Rykkere
    1001  2C-2025-007   01.12.2025  31.12.2025     22.770,00          0,00   20.000,00    2.770,00    15        0
                                                                    I alt Køge Kommune    2.770,00

Roskilde Kommune
     Nr.  Kontrakt      Fakturadato Forfald            Beløb  Gebyr/renter      Betalt  Udestående  Dage  Rykkere
    1002  2C-2025-014   01.12.2025  31.12.2025     17.587,50          0,00        0,00   17.587,50    15        0
                                                                I alt Roskilde Kommune   17.587,50

                                                                      Udestående i alt   20.357,50

Tilgodehavender (betalt for meget)
  2C-2025-020   Familien Dahl                     8.262,50
"

test_case "CSV for programs and for a Danish spreadsheet"
run --books "$B" --today 2026-01-15 open --overdue --format csv
expect_exit 0
expect_stdout $'number,contract,payer,issue_date,due_date,total,fees,interest,compensation,paid,credited,open,days_overdue,reminders\r
1001,2C-2025-007,Køge Kommune,2025-12-01,2025-12-31,22770.00,0.00,0.00,0.00,20000.00,0.00,2770.00,15,0\r
1002,2C-2025-014,Roskilde Kommune,2025-12-01,2025-12-31,17587.50,0.00,0.00,0.00,0.00,0.00,17587.50,15,0\r
'
run --books "$B" --today 2026-01-15 open --overdue --format csv --csv-locale da
expect_exit 0
expect_stdout $'\xEF\xBB\xBFNr.;Kontrakt;Betaler;Fakturadato;Forfaldsdato;Beløb;Gebyrer;Renter;Kompensation;Betalt;Krediteret;Udestående;Dage over forfald;Rykkere\r
1001;2C-2025-007;Køge Kommune;2025-12-01;2025-12-31;22770,00;0,00;0,00;0,00;20000,00;0,00;2770,00;15;0\r
1002;2C-2025-014;Roskilde Kommune;2025-12-01;2025-12-31;17587,50;0,00;0,00;0,00;0,00;0,00;17587,50;15;0\r
'

test_case "usage errors: --csv-locale without csv, an unknown format"
run --books "$B" --today 2026-01-15 open --csv-locale da
expect_exit 64
expect_stderr "honorar: --csv-locale goes with --format csv"$'\n'
run --books "$B" --today 2026-01-15 open --format ics
expect_exit 64
run --books "$TMP/nowhere" open
expect_exit 66

finish

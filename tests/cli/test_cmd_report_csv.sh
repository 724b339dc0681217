#!/usr/bin/env bash
# honorar report --format csv: the default for programs (RFC 4180, comma, '.' decimals) and
# --csv-locale da for a Danish spreadsheet (BOM, semicolon, ',' decimals, Danish headings).
source "$(dirname "$0")/lib.sh"

D=$TMP/books
write_settings "$D"
write_contract "$D" K-1 2025-11-03
write_file "$D/timelog/2025/11.toml" <<'EOF2'
[[entry]]
contract = "K-1"
date     = 2025-11-04
hours    = 2.5

[[entry]]
contract = "K-1"
date     = 2025-11-05
hours    = 1.25
status   = "citizen-absent"
EOF2
T=(--today 2025-12-01)

test_case "csv: the default, for programs"
run --books "$D" "${T[@]}" -q report --month 2025-11 --format csv
expect_exit 0
expect_stdout $'contract,week,month,agreed,delivered,citizen_absent,staff_absent,billable,over_delivered,unlogged\r
K-1,2025-W45,2025-11,5.00,2.50,1.25,0.00,5.00,0.00,false\r
K-1,2025-W46,2025-11,5.00,0.00,0.00,0.00,5.00,0.00,true\r
K-1,2025-W47,2025-11,5.00,0.00,0.00,0.00,5.00,0.00,true\r
K-1,2025-W48,2025-11,5.00,0.00,0.00,0.00,5.00,0.00,true\r
'
test_case "csv: --csv-locale c is the default"
cp "$OUT_FILE" "$TMP/c.csv"
run --books "$D" "${T[@]}" -q report --month 2025-11 --format csv --csv-locale c
expect_stdout_file "$TMP/c.csv"

test_case "csv: --csv-locale da, for a Danish spreadsheet"
run --books "$D" "${T[@]}" -q rapport --month 2025-11 --format csv --csv-locale da
expect_exit 0
expect_stdout $'\xef\xbb\xbfKontrakt;Uge;Måned;Aftalt;Leveret;Borger fraværende;Personale fraværende;Fakturerbar;Overleveret;Ulogget\r
K-1;2025-W45;2025-11;5,00;2,50;1,25;0,00;5,00;0,00;nej\r
K-1;2025-W46;2025-11;5,00;0,00;0,00;0,00;5,00;0,00;ja\r
K-1;2025-W47;2025-11;5,00;0,00;0,00;0,00;5,00;0,00;ja\r
K-1;2025-W48;2025-11;5,00;0,00;0,00;0,00;5,00;0,00;ja\r
'

test_case "csv: the Danish file reads back with Python's csv module as a spreadsheet would"
CHECK=$(py - "$OUT_FILE" <<'PY'
import csv, sys
text = open(sys.argv[1], encoding="utf-8-sig", newline="").read()
rows = list(csv.reader(text.splitlines(), delimiter=";"))
assert rows[0][0] == "Kontrakt", rows[0]
assert all(len(r) == 10 for r in rows), rows
assert float(rows[1][4].replace(",", ".")) == 2.5, rows[1]
print("ok")
PY
)
if [ "$CHECK" = ok ]; then pass; else fail "the Danish CSV does not read back" ok "$CHECK"; fi

test_case "csv: --csv-locale without --format csv is a usage error"
run --books "$D" "${T[@]}" -q report --month 2025-11 --csv-locale da
expect_exit 64
expect_stderr_contains "--csv-locale goes with --format csv"

test_case "csv: an unknown --csv-locale is a usage error"
run --books "$D" "${T[@]}" -q report --month 2025-11 --format csv --csv-locale de
expect_exit 64

finish

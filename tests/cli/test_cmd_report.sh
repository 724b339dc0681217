#!/usr/bin/env bash
# honorar report | rapport (SPEC §2, §6, §7): hours per contract and week for --month M or
# --from M1 --to M2, as text, JSON and CSV.
source "$(dirname "$0")/lib.sh"

B=$(copy_books november)
T=(--today 2025-12-01)
CSV_HEADER=contract,week,month,agreed,delivered,citizen_absent,staff_absent,billable,over_delivered,unlogged
crlf() { printf '%s' "${1//$'\n'/$'\r\n'}"; } # CSV lines end in CR LF (RFC 4180)

test_case "report --month, text"
run --books "$B" "${T[@]}" report --month 2025-11
expect_exit 0
expect_stderr $'honorar: 2 warnings in the books (run \'honorar check\' to see them)\n'
expect_stdout "Timer pr. uge, 2025-11 til 2025-11

2C-2025-007
  Uge       Måned      Aftalt  Leveret Borger-fra Pers.-fra   Fakt.   Over
  2025-W44  2025-11     10,00    10,00       0,00      0,00   10,00   0,00
  2025-W45  2025-11     10,00     6,00       0,00      4,00    6,00   0,00
  2025-W46  2025-11     10,00     0,00      10,00      0,00   10,00   0,00
  2025-W47  2025-11     10,00     5,00       0,00      0,00   10,00   0,00
  2025-W48  2025-11     10,00     8,00       0,00      0,00   10,00   0,00

2C-2025-014
  Uge       Måned      Aftalt  Leveret Borger-fra Pers.-fra   Fakt.   Over
  2025-W44  2025-11      7,50     7,50       0,00      0,00    7,50   0,00
  2025-W45  2025-11      7,50     5,50       2,00      0,00    7,50   0,00
  2025-W46  2025-11      7,50     2,50       0,00      4,00    3,50   0,00
  2025-W47  2025-11      7,50     7,50       0,00      0,00    7,50   0,00
  2025-W48  2025-11      7,50     9,00       0,00      0,00    7,50   1,50

2C-2025-020
  Uge       Måned      Aftalt  Leveret Borger-fra Pers.-fra   Fakt.   Over
  2025-W45  2025-11      3,57     2,00       0,00      0,00    2,00   0,00
  2025-W46  2025-11      5,00     3,00       2,00      0,00    3,00   0,00
  2025-W47  2025-11      5,00     6,00       0,00      0,00    5,00   1,00
  2025-W48  2025-11      5,00     4,25       0,00      0,00    4,25   0,00
"

test_case "rapport is report"
run --books "$B" "${T[@]}" -q rapport --month 2025-11
expect_exit 0
expect_stderr_empty
expect_stdout_contains "Timer pr. uge, 2025-11 til 2025-11"
expect_stdout_contains "  2025-W48  2025-11      7,50     9,00       0,00      0,00    7,50   1,50"

test_case "report --month, json"
run --books "$B" "${T[@]}" -q report --month 2025-11 --format json
expect_exit 0
expect_stderr_empty
expect_json_has 'j' '{"from": "2025-11", "to": "2025-11"}'
expect_json_eq '[c["contract"] for c in j["contracts"]]' '["2C-2025-007", "2C-2025-014", "2C-2025-020"]'
expect_json_eq '[w["week"] for w in j["contracts"][2]["weeks"]]' '["2025-W45", "2025-W46", "2025-W47", "2025-W48"]'
expect_json_has 'j["contracts"][1]["weeks"][1]' '{"week": "2025-W45", "month": "2025-11", "agreed": "7.50",
  "delivered": "5.50", "citizen_absent": "2.00", "staff_absent": "0.00", "billable": "7.50",
  "over_delivered": "0.00", "unlogged": false}'
# W46 of 2C-2025-014: staff absent 4, delivered 2.5 of 7.5: 7.5 - min(4, 7.5 - 2.5) = 3.5.
expect_json_has 'j["contracts"][1]["weeks"][2]' '{"week": "2025-W46", "delivered": "2.50", "staff_absent": "4.00",
  "billable": "3.50"}'
# W48: 9 delivered of 7.5 agreed: 1.5 over-delivered, never billed.
expect_json_has 'j["contracts"][1]["weeks"][4]' '{"week": "2025-W48", "delivered": "9.00", "billable": "7.50",
  "over_delivered": "1.50"}'
# A course starting on a Wednesday: 5/7 of 5 hours in its first week; absence_billed = false.
expect_json_has 'j["contracts"][2]["weeks"][0]' '{"week": "2025-W45", "agreed": "3.57", "delivered": "2.00",
  "billable": "2.00"}'
expect_json_has 'j["contracts"][2]["weeks"][1]' '{"week": "2025-W46", "agreed": "5.00", "delivered": "3.00",
  "citizen_absent": "2.00", "billable": "3.00"}'
# The week of 27 October belongs to November (its Sunday is 2 November).
expect_json_has 'j["contracts"][0]["weeks"][0]' '{"week": "2025-W44", "month": "2025-11", "delivered": "10.00"}'
expect_json 'all(isinstance(w["unlogged"], bool) and all(isinstance(w[k], str) for k in
  ("agreed", "delivered", "citizen_absent", "staff_absent", "billable", "over_delivered"))
  for c in j["contracts"] for w in c["weeks"])'
cp "$OUT_FILE" "$TMP/november.json"

test_case "report --month, csv"
run --books "$B" "${T[@]}" -q report --month 2025-11 --format csv
expect_exit 0
expect_stderr_empty
expect_stdout "$(crlf "$CSV_HEADER
2C-2025-007,2025-W44,2025-11,10.00,10.00,0.00,0.00,10.00,0.00,false
2C-2025-007,2025-W45,2025-11,10.00,6.00,0.00,4.00,6.00,0.00,false
2C-2025-007,2025-W46,2025-11,10.00,0.00,10.00,0.00,10.00,0.00,false
2C-2025-007,2025-W47,2025-11,10.00,5.00,0.00,0.00,10.00,0.00,false
2C-2025-007,2025-W48,2025-11,10.00,8.00,0.00,0.00,10.00,0.00,false
2C-2025-014,2025-W44,2025-11,7.50,7.50,0.00,0.00,7.50,0.00,false
2C-2025-014,2025-W45,2025-11,7.50,5.50,2.00,0.00,7.50,0.00,false
2C-2025-014,2025-W46,2025-11,7.50,2.50,0.00,4.00,3.50,0.00,false
2C-2025-014,2025-W47,2025-11,7.50,7.50,0.00,0.00,7.50,0.00,false
2C-2025-014,2025-W48,2025-11,7.50,9.00,0.00,0.00,7.50,1.50,false
2C-2025-020,2025-W45,2025-11,3.57,2.00,0.00,0.00,2.00,0.00,false
2C-2025-020,2025-W46,2025-11,5.00,3.00,2.00,0.00,3.00,0.00,false
2C-2025-020,2025-W47,2025-11,5.00,6.00,0.00,0.00,5.00,1.00,false
2C-2025-020,2025-W48,2025-11,5.00,4.25,0.00,0.00,4.25,0.00,false
")"$'\n' # $(...) drops the last \n, not its \r

# report_rows FORMAT: the rows of a report (json or csv on stdout) as comparable tuples.
REPORT_ROWS='
import csv, io, json, sys
kind, path = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8", newline="").read()
keys = ["week", "month", "agreed", "delivered", "citizen_absent", "staff_absent", "billable", "over_delivered"]
if kind == "json":
    j = json.loads(text)
    rows = [[c["contract"]] + [w[k] for k in keys] + [str(w["unlogged"]).lower()] for c in j["contracts"] for w in c["weeks"]]
else:
    rows = list(csv.reader(io.StringIO(text)))[1:]
print(json.dumps(rows))
'

test_case "report --from --to: text, json and csv agree"
run --books "$B" "${T[@]}" -q report --from 2025-10 --to 2025-11 --format json
expect_exit 0
expect_json_has 'j' '{"from": "2025-10", "to": "2025-11"}'
expect_json_eq '[w["week"] for w in j["contracts"][0]["weeks"]]' \
  '["2025-W40", "2025-W41", "2025-W42", "2025-W43", "2025-W44", "2025-W45", "2025-W46", "2025-W47", "2025-W48"]'
expect_json_eq '[(w["week"], w["month"], w["unlogged"]) for w in j["contracts"][0]["weeks"]][3:5]' \
  '[("2025-W43", "2025-10", True), ("2025-W44", "2025-11", False)]'
# November's weeks are the same in a longer range.
expect_json_eq '[c["weeks"][-5:] for c in j["contracts"][:2]]' \
  "$(py -c 'import json,sys; j=json.load(open(sys.argv[1])); print([c["weeks"] for c in j["contracts"][:2]])' "$TMP/november.json")"
json_rows=$(py -c "$REPORT_ROWS" json "$OUT_FILE")
run --books "$B" "${T[@]}" -q report --from 2025-10 --to 2025-11 --format csv
expect_exit 0
expect_true "the CSV starts with the header line" test "$(head -n 1 "$OUT_FILE")" = "$CSV_HEADER"$'\r'
csv_rows=$(py -c "$REPORT_ROWS" csv "$OUT_FILE")
if [ "$csv_rows" = "$json_rows" ]; then pass; else fail "CSV rows differ from the JSON" "$json_rows" "$csv_rows"; fi
run --books "$B" "${T[@]}" -q report --from 2025-10 --to 2025-11
expect_exit 0
expect_stdout_contains "Timer pr. uge, 2025-10 til 2025-11"
expect_stdout_contains $'\n  2025-W43  2025-10     10,00     0,00       0,00      0,00   10,00   0,00  ulogget\n'
expect_stdout_contains $'\n  2025-W44  2025-11     10,00    10,00       0,00      0,00   10,00   0,00\n'

test_case "--from and --to the same month is --month"
run --books "$B" "${T[@]}" -q report --from 2025-11 --to 2025-11 --format json
expect_stdout_file "$TMP/november.json"

test_case "--month last is the month before --today"
run --books "$B" --today 2025-12-15 -q report --month last --format json
expect_stdout_file "$TMP/november.json"
run --books "$B" --today 2025-12-15 -q report --from last --to last --format json
expect_stdout_file "$TMP/november.json"

test_case "a range with no weeks: contracts is [], the CSV only its header"
run --books "$B" "${T[@]}" -q report --month 2024-06 --format json
expect_exit 0
expect_json_eq 'j' '{"from": "2024-06", "to": "2024-06", "contracts": []}'
run --books "$B" "${T[@]}" -q report --month 2024-06 --format csv
expect_exit 0
expect_stdout "$CSV_HEADER"$'\r\n'
run --books "$B" "${T[@]}" -q report --month 2024-06
expect_exit 0
expect_stdout $'Timer pr. uge, 2024-06 til 2024-06\n\n(ingen uger i perioden)\n'

test_case "only contracts with weeks in the range"
run --books "$B" "${T[@]}" -q report --month 2025-10 --format json
expect_exit 0
expect_json_eq '[c["contract"] for c in j["contracts"]]' '["2C-2025-007", "2C-2025-014"]'

test_case "--month together with --from or --to is a usage error"
for args in "--month 2025-11 --from 2025-10" "--month 2025-11 --to 2025-12" "--month 2025-11 --from 2025-10 --to 2025-11"; do
  # shellcheck disable=SC2086
  run --books "$B" "${T[@]}" report $args
  expect_exit 64
  expect_stdout_empty
  expect_stderr $'honorar: give either --month M or --from M1 --to M2\n'
done

test_case "--from without --to, or no month at all, is a usage error"
for args in "--from 2025-10" "--to 2025-11" ""; do
  # shellcheck disable=SC2086
  run --books "$B" "${T[@]}" report $args
  expect_exit 64
  expect_stdout_empty
  expect_stderr $'honorar: give --month M, or both --from M1 and --to M2\n'
done

test_case "--to before --from is a usage error"
run --books "$B" "${T[@]}" report --from 2025-12 --to 2025-11
expect_exit 64
expect_stdout_empty
expect_stderr_contains "--to is before --from"

test_case "a bad month is a usage error"
for bad in 2025-13 2025-1 2025-11-01 november; do
  run --books "$B" "${T[@]}" report --month "$bad"
  expect_exit 64
  expect_stdout_empty
  expect_stderr "honorar: --month must be a month YYYY-MM or 'last', not \"$bad\""$'\n'
done
run --books "$B" "${T[@]}" report --from 2025-10 --to 2025-13
expect_exit 64
expect_stderr_contains "--to"

test_case "--format ics is not for report"
run --books "$B" "${T[@]}" report --month 2025-11 --format ics
expect_exit 64
expect_stdout_empty
expect_stderr_contains "--format"

test_case "invalid books: exit 65, nothing on stdout"
E=$(copy_books errors)
run --books "$E" "${T[@]}" report --month 2025-11 --format csv
expect_exit 65
expect_stdout_empty
expect_stderr_contains "contracts/ef.toml:15:13: error: "
expect_stderr_contains "honorar: the books have 5 errors"

test_case "missing books: exit 66"
run --books "$TMP/nowhere" "${T[@]}" report --month 2025-11
expect_exit 66
expect_stdout_empty

test_case "report writes nothing"
expect_no_file "$B/honorar.db"
expect_no_file "$B/invoices"

finish

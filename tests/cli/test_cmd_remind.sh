#!/usr/bin/env bash
# honorar remind | rykker (SPEC 9.4): which invoice gets which reminder when, what it charges (fee,
# interest by renteloven § 5, compensation to municipalities on the first only), the reminders'
# own gapless series, files and register entries, dry runs, re-runs, and every error: nothing is
# recorded when a reminder cannot be issued.
source "$(dirname "$0")/lib.sh"

# The november books, invoiced on 2025-12-01: 1001 (2C-2025-007, Køge Kommune), 1002
# (2C-2025-014, Roskilde Kommune), 1003 (2C-2025-020, Familien Dahl, private); all due 2025-12-31.
REMINDERS='
[reminders]
compensation = 310.00
reference_rates = { 2025-07-01 = 1.60, 2026-01-01 = 1.35 }
'
make_books() { # make_books NAME: invoiced books with [reminders] and FIK
  local b
  b=$(copy_books november "$1")
  sed -i 's/^email   = "faktura@example.dk"$/&\nfik_creditor = "85404316"/' "$b/honorar.toml"
  printf '%s' "$REMINDERS" >>"$b/honorar.toml"
  "$HONORAR" --books "$b" --today 2025-12-01 -q invoice --month 2025-11 </dev/null >/dev/null 2>&1 || exit 2
  printf '%s' "$b"
}
# The interest of `total` at 9.35 % for `days` days (SPEC 9.4), computed here exactly.
interest() {
  py -c '
import sys
from fractions import Fraction
from decimal import Decimal, ROUND_HALF_UP
x = Fraction(sys.argv[1]) * Fraction(935, 10000) * int(sys.argv[2]) / 365
print(Decimal(x.numerator / Decimal(x.denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
' "$1" "$2"
}
register_state() { sqlite3 "$1/honorar.db" 'SELECT number, invoice, sequence, date FROM reminders ORDER BY number'; }

B=$(make_books main)
T1001=$(json_value 'j["total"]' "$B/invoices/2025/1001.json")
T1002=$(json_value 'j["total"]' "$B/invoices/2025/1002.json")
T1003=$(json_value 'j["total"]' "$B/invoices/2025/1003.json")

test_case "not overdue on the due date: nothing, exit 0"
run --books "$B" --today 2025-12-31 remind --format json
expect_exit 0
expect_stdout $'{\n  "as_of": "2025-12-31",\n  "reminders": []\n}\n'
expect_stderr_contains $'\nhonorar: no reminders: no invoice may have one today\n'
run --books "$B" --today 2025-12-31 -q remind
expect_stderr_empty
expect_stdout $'Rykkere pr. 31.12.2025: ingen faktura skal rykkes\n'

test_case "a dry run prints the reminders with number null and writes nothing"
before=$(sha256sum <"$B/honorar.db")
run --books "$B" --today 2026-01-15 -q rykker --dry-run --format json
expect_exit 0
expect_stderr_empty
expect_json_eq '[(r["number"], r["invoice"], r["reminder"]) for r in j["reminders"]]' \
  '[(None, 1001, 1), (None, 1002, 1), (None, 1003, 1)]'
expect_true "honorar.db unchanged" test "$(sha256sum <"$B/honorar.db")" = "$before"
expect_no_file "$B/invoices/2026"
run --books "$B" --today 2026-01-15 remind --dry-run
expect_exit 0
expect_stdout_contains "Rykkere pr. 15.01.2026 (prøvekørsel, intet er skrevet): 3 rykkere"

test_case "reminder 1: numbers from 1 by invoice number; fee, 15 days of interest, compensation to municipalities"
run --books "$B" --today 2026-01-15 remind --format json
expect_exit 0
expect_stderr_contains $'\nhonorar: 3 reminders registered; 9 files written under invoices/\n'
expect_json_eq 'list(j)' '["as_of", "reminders"]'
expect_json_eq 'list(j["reminders"][0])' \
  '["number", "invoice", "contract", "reminder", "interest_from", "interest_to", "interest", "fee", "compensation", "open", "pay_by"]'
i1=$(interest "$T1001" 15)
expect_json_eq 'j["reminders"][0]' "{\"number\": 1, \"invoice\": 1001, \"contract\": \"2C-2025-007\", \"reminder\": 1,
  \"interest_from\": \"2026-01-01\", \"interest_to\": \"2026-01-15\", \"interest\": \"$i1\", \"fee\": \"100.00\",
  \"compensation\": \"310.00\", \"open\": \"$(py -c "from decimal import Decimal as D; print(D('$T1001') + D('$i1') + D('410.00'))")\",
  \"pay_by\": \"2026-01-25\"}"
expect_json_eq '[(r["number"], r["invoice"], r["contract"], r["compensation"]) for r in j["reminders"]]' \
  '[(1, 1001, "2C-2025-007", "310.00"), (2, 1002, "2C-2025-014", "310.00"), (3, 1003, "2C-2025-020", "0.00")]'
expect_json_eq '[r["interest"] for r in j["reminders"]]' "[\"$i1\", \"$(interest "$T1002" 15)\", \"$(interest "$T1003" 15)\"]"
cp "$OUT_FILE" "$TMP/r1.json"

test_case "reminder files: invoices/2026/R<n>.{json,txt,pdf}, and register show/render give them back"
for n in 1 2 3; do
  for ext in json txt pdf; do expect_file "$B/invoices/2026/R$n.$ext"; done
done
run --books "$B" register show R1 --format json
expect_exit 0
expect_stdout_file "$B/invoices/2026/R1.json"
run --books "$B" register show R1
expect_stdout_file "$B/invoices/2026/R1.txt"
run --books "$B" register render r3 --format pdf
expect_exit 0
expect_stdout_file "$B/invoices/2026/R3.pdf"
expect_json_eq --file "$B/invoices/2026/R1.json" '(j["kind"], j["number"], j["invoice"], j["payment_id"])' \
  '("reminder", 1, 1001, "000000000010017")'
expect_true "R1.txt has the invoice's FIK line" grep -qxF "Indbetalingskort: +71<000000000010017+85404316<" \
  "$B/invoices/2026/R1.txt"
expect_true "R1.txt names the invoice" grep -qF "Faktura 1001 af 01.12.2025, forfald 31.12.2025" "$B/invoices/2026/R1.txt"
expect_true "no collection warning on the first" bash -c "! grep -q inkasso '$B/invoices/2026/R1.txt'"
expect_true "the register keeps the canonical JSON and the charges" test "$(sqlite3 "$B/honorar.db" \
  "SELECT number, invoice, sequence, date, pay_by, fee, compensation FROM reminders WHERE number = 1")" = \
  "1|1001|1|2026-01-15|2026-01-25|10000|31000"

test_case "a reminder is not paid by its own number: pay R<n> is exit 65, nothing recorded"
run --books "$B" --today 2026-01-15 -q pay r2 100.00
expect_exit 65
expect_stdout_empty
expect_stderr $'honorar: R2 is a reminder: record the payment on the invoice it reminds of\n'
expect_true "no payment recorded" test "$(sqlite3 "$B/honorar.db" 'SELECT count(*) FROM payments')" = 0

test_case "re-run the same day, and up to reminder 1's payment date: nothing new"
for day in 2026-01-15 2026-01-20 2026-01-25; do
  run --books "$B" --today "$day" remind --format json
  expect_exit 0
  expect_json_eq 'j["reminders"]' '[]'
done
expect_true "still 3 reminders" test "$(register_state "$B" | wc -l)" = 3

test_case "reminder 2 the day after reminder 1's payment date: interest from the day after reminder 1, no compensation"
run --books "$B" --today 2026-01-26 remind --format json
expect_exit 0
expect_json_eq '[(r["number"], r["invoice"], r["reminder"], r["interest_from"], r["interest_to"], r["compensation"], r["pay_by"]) for r in j["reminders"]]' \
  '[(4, 1001, 2, "2026-01-16", "2026-01-26", "0.00", "2026-02-05"), (5, 1002, 2, "2026-01-16", "2026-01-26", "0.00", "2026-02-05"), (6, 1003, 2, "2026-01-16", "2026-01-26", "0.00", "2026-02-05")]'
expect_json_eq 'j["reminders"][0]["interest"]' "\"$(interest "$T1001" 11)\""

test_case "reminder 3 warns of collection; after it no more"
run --books "$B" --today 2026-02-05 remind --format json
expect_json_eq 'j["reminders"]' '[]'
run --books "$B" --today 2026-02-06 remind --format json
expect_exit 0
expect_json_eq '[(r["number"], r["reminder"]) for r in j["reminders"]]' '[(7, 3), (8, 3), (9, 3)]'
expect_true "R7.txt warns of inkasso" grep -qF "overgår kravet til inkasso" "$B/invoices/2026/R7.txt"
expect_json_eq --file "$B/invoices/2026/R7.json" 'j["collection_warning"]' 'true'
run --books "$B" --today 2026-06-01 remind --format json
expect_exit 0
expect_json_eq 'j["reminders"]' '[]'
expect_true "9 reminders, numbered 1..9, 3 per invoice" test "$(sqlite3 "$B/honorar.db" \
  'SELECT (SELECT group_concat(number) FROM (SELECT number FROM reminders ORDER BY number)), count(DISTINCT invoice), max(sequence) FROM reminders')" = "1,2,3,4,5,6,7,8,9|3|3"

test_case "a missing reminder file is written again by the next run"
rm "$B/invoices/2026/R2.pdf" "$B/invoices/2026/R5.txt"
run --books "$B" --today 2026-06-01 -q remind
expect_exit 0
expect_file "$B/invoices/2026/R2.pdf"
run --books "$B" register show R5
expect_stdout_file "$B/invoices/2026/R5.txt"

test_case "--contract: only that contract's invoices; an unknown one is a usage error"
C=$(make_books contract)
run --books "$C" --today 2026-01-15 remind --contract 2C-2025-020 --format json
expect_exit 0
expect_json_eq '[(r["number"], r["invoice"]) for r in j["reminders"]]' '[(1, 1003)]'
run --books "$C" --today 2026-01-15 remind --contract 2C-2025-007 --contract 2C-2025-014 --format json
expect_json_eq '[(r["number"], r["invoice"]) for r in j["reminders"]]' '[(2, 1001), (3, 1002)]'
run --books "$C" --today 2026-01-15 remind --contract NOPE
expect_exit 64
expect_stdout_empty
expect_stderr_contains "--contract NOPE: no such contract in the books"

test_case "payments: a part payment lowers the interest from its date; an invoice paid in full gets no reminder"
P=$(make_books pay)
run --books "$P" --today 2026-01-10 -q pay 1003 1000.00 --date 2026-01-06
expect_exit 0
run --books "$P" --today 2026-01-10 -q pay 1002 "$T1002" --date 2026-01-09
expect_exit 0
run --books "$P" --today 2026-01-15 -q remind --format json
expect_exit 0
expect_json_eq '[(r["number"], r["invoice"]) for r in j["reminders"]]' '[(1, 1001), (2, 1003)]'
# 1003: 5 days (1-5 January) of the whole total, then 10 days of the total less 1000.00.
expected=$(py -c "
from fractions import Fraction as F
from decimal import Decimal as D, ROUND_HALF_UP
t = F('$T1003')
x = (5 * t + 10 * (t - 1000)) * F(935, 10000) / 365
print(D(x.numerator / D(x.denominator)).quantize(D('0.01'), rounding=ROUND_HALF_UP))")
expect_json_eq 'j["reminders"][1]["interest"]' "\"$expected\""
expect_json_eq --file "$P/invoices/2026/R2.json" '(j["paid"], j["open_before"])' \
  "(\"1000.00\", \"$(py -c "from decimal import Decimal as D; print(D('$T1003') - 1000)")\")"

test_case "[reminders] first_number, fee and minimum"
F=$(make_books first)
sed -i 's/^compensation = 310.00$/compensation = 0\nfee = 65.50\nfirst_number = 501/' "$F/honorar.toml"
run --books "$F" --today 2026-01-15 remind --format json
expect_exit 0
expect_json_eq '[(r["number"], r["fee"], r["compensation"]) for r in j["reminders"]]' \
  '[(501, "65.50", "0.00"), (502, "65.50", "0.00"), (503, "65.50", "0.00")]'
M=$(make_books minimum)
sed -i "s/^compensation = 310.00\$/minimum = $T1003/" "$M/honorar.toml"
run --books "$M" --today 2026-01-15 remind --format json
expect_exit 0
expect_json_eq "[r['invoice'] for r in j['reminders']]" \
  "[n for n, t in ((1001, $T1001), (1002, $T1002)) if t > $T1003]"

test_case "a fee above 100.00: exit 65 at the value, nothing recorded"
E=$(make_books fee)
sed -i 's/^compensation = 310.00$/fee = 100.01/' "$E/honorar.toml"
line=$(grep -n '^fee = 100.01$' "$E/honorar.toml" | cut -d: -f1)
before=$(sha256sum <"$E/honorar.db")
run --books "$E" --today 2026-01-15 remind
expect_exit 65
expect_stdout_empty
expect_stderr_contains "honorar.toml:$line:7: error: 'fee' must be at most 100.00 (renteloven § 9 b), not 100.01"
expect_true "honorar.db unchanged" test "$(sha256sum <"$E/honorar.db")" = "$before"
expect_no_file "$E/invoices/2026"

test_case "a gap in reference_rates: exit 65 naming the half-year"
G=$(make_books gap)
sed -i 's/^reference_rates = .*$/reference_rates = { 2025-01-01 = 2.10, 2026-01-01 = 1.35 }/' "$G/honorar.toml"
line=$(grep -n '^reference_rates' "$G/honorar.toml" | cut -d: -f1)
run --books "$G" --today 2026-01-15 remind
expect_exit 65
expect_stderr_contains "honorar.toml:$line:19: error: reference_rates has no rate for the second half of 2025: add 2025-07-01 = the rate in percent"
expect_no_file "$G/invoices/2026"

test_case "a day without a reference rate: exit 65 naming the half-year, nothing recorded"
R=$(make_books rate)
sed -i 's/^reference_rates = .*$/reference_rates = { 2025-07-01 = 1.60 }/' "$R/honorar.toml"
before=$(sha256sum <"$R/honorar.db")
run --books "$R" --today 2026-01-15 -q remind
expect_exit 65
expect_stdout_empty
expect_stderr $'honorar: no reference rate for the first half of 2026: add 2026-01-01 to [reminders] reference_rates\n'
expect_true "honorar.db unchanged" test "$(sha256sum <"$R/honorar.db")" = "$before"
expect_no_file "$R/invoices/2026"
run --books "$R" --today 2026-01-15 remind --dry-run
expect_exit 65
sed -i 's/^reference_rates = .*$/reference_rates = { 2025-07-01 = 1.60, 2026-01-01 = 1.35 }/' "$R/honorar.toml"
run --books "$R" --today 2026-01-15 -q remind --format json
expect_exit 0
expect_json_eq '[r["number"] for r in j["reminders"]]' '[1, 2, 3]'

test_case "no register yet: nothing to remind, none created"
N=$(copy_books november noregister)
run --books "$N" --today 2026-01-15 remind --format json
expect_exit 0
expect_json_eq 'j["reminders"]' '[]'
expect_no_file "$N/honorar.db"

test_case "a busy register: exit 75, nothing recorded"
K=$(make_books busy)
coproc LOCK { exec sqlite3 "$K/honorar.db" 2>&1; }
lock_in=${LOCK[1]}
lock_out=${LOCK[0]}
printf "BEGIN IMMEDIATE;\nSELECT 'locked';\n" >&"$lock_in"
if read -r -t 10 locked <&"$lock_out" && [ "$locked" = locked ]; then
  HONORAR_BUSY_TIMEOUT_MS=200 run --books "$K" --today 2026-01-15 -q remind
  expect_exit 75
  expect_stdout_empty
  expect_stderr_contains "is busy (another run is using it); try again"
  printf 'ROLLBACK;\n.quit\n' >&"$lock_in"
  exec {lock_in}>&-
  wait "$LOCK_PID" 2>/dev/null
  expect_true "no reminder recorded" test -z "$(register_state "$K")"
  expect_no_file "$K/invoices/2026"
else
  fail "sqlite3 did not take the write lock" "locked" "${locked:-nothing}"
  exec {lock_in}>&-
fi

finish

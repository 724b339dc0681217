#!/usr/bin/env bash
# honorar pay N AMOUNT (SPEC 9.2): payments and refunds on invoices, settled in the order the
# spec gives (fees and compensation, interest, own amount; surplus to the contract's other open
# invoices, then a credit), one transaction each; every error exit 65 with nothing recorded.
source "$(dirname "$0")/lib.sh"

B=$(copy_books november pay)
run --books "$B" --today 2025-12-01 -q invoice --month 2025-11
expect_exit 0
# 1001 2C-2025-007 22770.00 · 1002 2C-2025-014 17587.50 · 1003 2C-2025-020 11737.50
dump() { sqlite3 "$B/honorar.db" .dump; }

test_case "a payment: JSON per SPEC 9.2, the own amount settled"
run --books "$B" --today 2025-12-10 pay 1001 10000 --format json
expect_exit 0
expect_stderr_empty
expect_json_eq 'j' '{"payment": 1, "invoice": 1001, "date": "2025-12-10", "amount": "10000.00",
  "settled": [{"invoice": 1001, "fees": "0.00", "interest": "0.00", "own": "10000.00", "compensation": "0.00"}],
  "credit": "0.00"}'
expect_json_eq 'list(j)' '["payment", "invoice", "date", "amount", "settled", "credit"]'
expect_true "recorded with today's date and the contract" \
  test "$(sqlite3 "$B/honorar.db" "SELECT id, invoice, contract, date, amount, text, recorded FROM payments")" = \
  "1|1001|2C-2025-007|2025-12-10|1000000||2025-12-10"

test_case "betal: a Danish amount, --date and --text, in text"
run --books "$B" --today 2025-12-12 betal 1001 1.000,50 --date 2025-12-11 --text "Overførsel Køge"
expect_exit 0
expect_stderr_empty
expect_stdout "Indbetaling B2 på faktura 1001 (2C-2025-007), 11.12.2025: 1.000,50
  Faktura 1001: beløb 1.000,50
Udestående på faktura 1001: 11.769,50
"
expect_true "the text is kept" test "$(sqlite3 "$B/honorar.db" "SELECT text FROM payments WHERE id = 2")" = "Overførsel Køge"

test_case "more than the invoice owes: the contract has no other open invoice, so a credit"
run --books "$B" --today 2025-12-12 pay 1001 13000.00 --format json
expect_exit 0
expect_json_eq 'j["settled"]' '[{"invoice": 1001, "fees": "0.00", "interest": "0.00", "own": "11769.50", "compensation": "0.00"}]'
expect_json_eq 'j["credit"]' '"1230.50"'
run --books "$B" --today 2025-12-12 pay 1001 1 
expect_exit 0
expect_stdout "Indbetaling B4 på faktura 1001 (2C-2025-007), 12.12.2025: 1,00
  Tilgodehavende på 2C-2025-007: 1,00
Udestående på faktura 1001: 0,00
Tilgodehavende på 2C-2025-007 i alt: 1.231,50
"

test_case "a refund pays out the credit first, then reopens the invoice"
run --books "$B" --today 2025-12-13 pay 1001 -2000 --format json
expect_exit 0
expect_json_eq 'j["amount"], j["credit"], j["settled"]' \
  '("-2000.00", "-1231.50", [{"invoice": 1001, "fees": "0.00", "interest": "0.00", "own": "-768.50", "compensation": "0.00"}])'
run --books "$B" --today 2025-12-13 pay 1001 -- -1,50
expect_exit 0
expect_stdout "Tilbagebetaling B6 på faktura 1001 (2C-2025-007), 13.12.2025: -1,50
  Faktura 1001: beløb -1,50
Udestående på faktura 1001: 770,00
"

# Every error: exit 65 (64 for the command line), a clear message, nothing recorded.
dump >"$TMP/before.sql"
refused() { # refused EXIT MESSAGE ARGS...
  local code=$1 message=$2
  shift 2
  run --books "$B" --today 2025-12-14 "$@"
  expect_exit "$code"
  expect_stdout_empty
  expect_stderr "honorar: $message"$'\n'
  dump >"$TMP/after.sql"
  expect_same_files "$TMP/before.sql" "$TMP/after.sql"
}
test_case "an unknown document number"
refused 65 "no document number 4711 in the register" pay 4711 100
test_case "a reminder"
refused 65 "R1 is a reminder: record the payment on the invoice it reminds of" pay R1 100
test_case "not a number"
refused 65 "\"10O1\" is not a document number" pay 10O1 100
test_case "an ambiguous amount"
refused 65 "the amount \"1.234\" is ambiguous: write 1234 or 1.234,00 for kroner, or use at most two decimals" pay 1002 1.234
test_case "three decimals"
refused 65 "the amount \"1234.567\" has more than two decimals" pay 1002 1234.567
refused 65 "the amount \"12,345\" has more than two decimals" pay 1002 12,345
test_case "not an amount"
refused 65 "\"12 kr\" is not an amount (write it as 1234.50 or 1.234,50)" pay 1002 "12 kr"
test_case "0.00"
refused 65 "a payment of 0.00 records nothing" pay 1002 0,00
test_case "a refund beyond the credit and what was paid"
refused 65 "a refund of 100.00 on invoice 1002 is more than can be paid out: the contract's credit and what payments settled on 1002 come to 0.00" pay 1002 -100
test_case "a payment dated after today"
refused 65 "the payment date 2025-12-15 is after today (2025-12-14)" pay 1002 100 --date 2025-12-15
test_case "the command line: a missing amount, a bad date, a bad format"
refused 64 "pay needs an invoice number and an amount: honorar pay N AMOUNT" pay 1002
refused 64 "--date must be a date YYYY-MM-DD or 'today', not \"14.12.2025\"" pay 1002 100 --date 14.12.2025
refused 64 "--format must be one of text, json here, not \"csv\"" pay 1002 100 --format csv

test_case "a payment on a credit note"
py - "$B/timelog/2025/november.toml" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
cafe = '[[expense]]\ncontract = "2C-2025-020"\ndate     = 2025-11-20\namount   = 42.50\ntext     = "Café"\n'
assert cafe in s
open(p, "w", encoding="utf-8").write(s.replace(cafe, ""))
PY
run --books "$B" --today 2025-12-14 -q invoice --month 2025-11 --format json
expect_exit 0
expect_json_eq '[(d["number"], d["kind"], d["total"]) for d in j["documents"]]' '[(1004, "credit-note", "-53.13")]'
dump >"$TMP/before.sql"
refused 65 "1004 is a credit note: payments and refunds are recorded on invoices" pay 1004 100

test_case "the credit note lowered the invoice it corrects"
run --books "$B" --today 2025-12-14 pay 1003 11684.37 --format json
expect_exit 0
expect_json_eq 'j["settled"], j["credit"]' \
  '([{"invoice": 1003, "fees": "0.00", "interest": "0.00", "own": "11684.37", "compensation": "0.00"}], "0.00")'

test_case "no register yet: nothing is created"
N=$(copy_books november fresh)
run --books "$N" --today 2025-12-14 pay 1001 100
expect_exit 65
expect_stderr "honorar: no document number 1001 in the register (no invoice has been issued yet)"$'\n'
expect_no_file "$N/honorar.db"
run --books "$TMP/nowhere" --today 2025-12-14 pay 1001 100
expect_exit 66

finish

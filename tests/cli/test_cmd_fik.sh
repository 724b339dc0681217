#!/usr/bin/env bash
# FIK 71 (SPEC 9.1): with [provider] fik_creditor every invoice carries a payment id (the number
# padded to 14 digits and its Luhn digit), stored in its JSON, printed as "+71<id+creditor<" in
# its text, and sent as UBL payment means 93 beside the bank account. A bad creditor number is
# an error at its value.
source "$(dirname "$0")/lib.sh"

T=(--today 2025-12-01)
B=$(copy_books november fik)
sed -i 's/^email   = "faktura@example.dk"$/&\nfik_creditor = "85404316"/' "$B/honorar.toml"

test_case "a dry run has no number, so no payment id; the seller has the creditor"
run --books "$B" "${T[@]}" invoice --month 2025-11 --dry-run --format json
expect_exit 0
expect_json_eq '[("payment_id" in d, d["seller"]["fik_creditor"]) for d in j["documents"]]' \
  '[(False, "85404316"), (False, "85404316"), (False, "85404316")]'

test_case "a real run: every invoice's JSON has its payment id after payment_terms"
run --books "$B" "${T[@]}" invoice --month 2025-11 --format json
expect_exit 0
expect_json_eq '[(d["number"], d["payment_id"]) for d in j["documents"]]' \
  '[(1001, "000000000010017"), (1002, "000000000010025"), (1003, "000000000010033")]'
expect_json_eq 'list(j["documents"][0]).index("payment_id") - list(j["documents"][0]).index("payment_terms")' '1'
expect_json_eq --file "$B/invoices/2025/1001.json" 'j["payment_id"]' '"000000000010017"'

test_case "the text has the payment line"
expect_true "1002.txt has +71<000000000010025+85404316<" \
  grep -qxF "Indbetalingskort: +71<000000000010025+85404316<" "$B/invoices/2025/1002.txt"

test_case "the e-invoice is paid by FIK (payment means 93) and is valid"
expect_true "1001.xml has PaymentID 71#000000000010017" grep -qF "<cbc:PaymentID>71#000000000010017</cbc:PaymentID>" \
  "$B/invoices/2025/1001.xml"
# EN 16931 allows one payment means code per invoice (UBL-SR-47): no bank transfer (42) beside it.
expect_true "1001.xml has no second payment means" bash -c "! grep -qF '<cbc:PaymentMeansCode>42<' '$B/invoices/2025/1001.xml'"
validate="$SOURCE_DIR/../shared/einvoice/validate"
if [ -x "$validate" ]; then
  expect_true "1001.xml and 1002.xml pass the Peppol rules (DK-R-010/011)" \
    "$validate" -q "$B/invoices/2025/1001.xml" "$B/invoices/2025/1002.xml"
fi

test_case "a credit note has no payment id and no payment line"
py - "$B/timelog/2025/november.toml" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
cafe = '[[expense]]\ncontract = "2C-2025-020"\ndate     = 2025-11-20\namount   = 42.50\ntext     = "Café"\n'
assert cafe in s
open(p, "w", encoding="utf-8").write(s.replace(cafe, ""))
PY
run --books "$B" --today 2025-12-03 -q invoice --month 2025-11 --format json
expect_exit 0
expect_json_eq '[(d["number"], d["kind"], "payment_id" in d) for d in j["documents"]]' '[(1004, "credit-note", False)]'
expect_true "1004.txt has no payment line" bash -c "! grep -q 'Indbetalingskort' '$B/invoices/2025/1004.txt'"

test_case "without fik_creditor: no payment id, no payment line"
P=$(copy_books november plain)
run --books "$P" "${T[@]}" invoice --month 2025-11 --format json
expect_exit 0
expect_json_eq '[("payment_id" in d or "fik_creditor" in d["seller"]) for d in j["documents"]]' '[False, False, False]'
expect_true "1002.txt has no payment line" bash -c "! grep -q 'Indbetalingskort' '$P/invoices/2025/1002.txt'"

test_case "a creditor number that is not 8 digits: exit 65 at its value, nothing written"
E=$(copy_books november bad)
sed -i 's/^email   = "faktura@example.dk"$/&\nfik_creditor = "1234"/' "$E/honorar.toml"
run --books "$E" "${T[@]}" invoice --month 2025-11
expect_exit 65
expect_stderr_contains "honorar.toml:6:16: error: 'fik_creditor' must be the 8 digits of an FIK creditor number, not \"1234\""
expect_no_file "$E/honorar.db"

finish

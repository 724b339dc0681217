#!/usr/bin/env bash
# honorar export | bogføring (SPEC 10.1, 7): the posting journal of a period from the register,
# [accounts], the Danish CSV, the machine CSV, JSON, --vouchers.
source "$(dirname "$0")/lib.sh"

B=$(copy_books november)
accounts() {
  cat >>"$B/honorar.toml" <<'TOML'

[accounts]
debtors      = "5600"
sales_exempt = "1010"
sales_vat    = "1020"
output_vat   = "7200"
outlays      = "1030"
TOML
}

test_case "no register yet: an empty journal, even without [accounts]"
run --books "$B" export --month 2025-11
expect_exit 0
expect_stdout $'date,voucher,text,account,contra_account,amount,vat_code\r\n'
expect_stderr_empty
expect_no_file "$B/honorar.db"
run --books "$B" export --month 2025-11 --format json
expect_exit 0
expect_stdout $'{\n  "from": "2025-11",\n  "to": "2025-11",\n  "postings": []\n}\n'

# The November run: 1001 (Roskilde Kommune, exempt), 1002 (Køge Kommune, exempt), 1003 (Familien
# Dahl, 25 % VAT, with an expense), issued 2025-12-01.
run --books "$B" --today 2025-12-01 -q invoice --month 2025-11 --format json
cp "$OUT_FILE" "$TMP/run.json"
test_case "the run"
expect_exit 0
expect_json_eq '[(d["number"], d["payer"], d["net"], d["vat"], d["total"]) for d in j["documents"]]' \
  '[(1001, "Køge Kommune", "22770.00", "0.00", "22770.00"), (1002, "Roskilde Kommune", "17587.50", "0.00", "17587.50"), (1003, "Familien Dahl", "9390.00", "2347.50", "11737.50")]'

test_case "[accounts] missing: exit 65 naming every account the period needs, nothing written"
run --books "$B" export --month 2025-12 --vouchers "$TMP/no-vouchers"
expect_exit 65
expect_stdout_empty
expect_stderr $'honorar: honorar.toml: [accounts] does not set \'debtors\', \'sales_exempt\', \'sales_vat\', \'output_vat\', which the journal needs (see honorar(5)); nothing was written\n'
expect_no_file "$TMP/no-vouchers"

test_case "a period with nothing dated in it: the header alone"
accounts
run --books "$B" export --month 2025-11
expect_exit 0
expect_stdout $'date,voucher,text,account,contra_account,amount,vat_code\r\n'
expect_stderr_empty
run --books "$B" export --from 2026-01 --to 2026-06 --csv-locale da
expect_exit 0
expect_stdout $'\xEF\xBB\xBFDato;Bilag;Tekst;Konto;Modkonto;Beløb;Momskode\r\n'

test_case "the machine CSV (the default)"
run --books "$B" export --month 2025-12
expect_exit 0
expect_stderr_empty
expect_stdout $'date,voucher,text,account,contra_account,amount,vat_code\r\n2025-12-01,1001,Faktura 1001 Køge Kommune,5600,1010,22770.00,\r\n2025-12-01,1002,Faktura 1002 Roskilde Kommune,5600,1010,17587.50,\r\n2025-12-01,1003,Faktura 1003 Familien Dahl,5600,1020,9390.00,\r\n2025-12-01,1003,Faktura 1003 Familien Dahl,5600,7200,2347.50,\r\n'

test_case "the Danish CSV: BOM, semicolons, DD-MM-YYYY, decimal comma"
run --books "$B" export --month 2025-12 --csv-locale da
expect_exit 0
expect_stderr_empty
expect_stdout $'\xEF\xBB\xBFDato;Bilag;Tekst;Konto;Modkonto;Beløb;Momskode\r\n01-12-2025;1001;Faktura 1001 Køge Kommune;5600;1010;22770,00;\r\n01-12-2025;1002;Faktura 1002 Roskilde Kommune;5600;1010;17587,50;\r\n01-12-2025;1003;Faktura 1003 Familien Dahl;5600;1020;9390,00;\r\n01-12-2025;1003;Faktura 1003 Familien Dahl;5600;7200;2347,50;\r\n'

test_case "JSON as SPEC 7 shows it"
run --books "$B" export --from 2025-12 --to 2025-12 --format json
expect_exit 0
expect_stderr_empty
# SPEC 7's example is voucher 1001.
expect_json_eq 'j' '{"from": "2025-12", "to": "2025-12", "postings": [
  {"date": "2025-12-01", "voucher": "1001", "text": "Faktura 1001 Køge Kommune", "account": "5600", "contra_account": "1010", "amount": "22770.00", "vat_code": ""},
  {"date": "2025-12-01", "voucher": "1002", "text": "Faktura 1002 Roskilde Kommune", "account": "5600", "contra_account": "1010", "amount": "17587.50", "vat_code": ""},
  {"date": "2025-12-01", "voucher": "1003", "text": "Faktura 1003 Familien Dahl", "account": "5600", "contra_account": "1020", "amount": "9390.00", "vat_code": ""},
  {"date": "2025-12-01", "voucher": "1003", "text": "Faktura 1003 Familien Dahl", "account": "5600", "contra_account": "7200", "amount": "2347.50", "vat_code": ""}]}'
expect_json_eq 'list(j["postings"][0].keys())' '["date", "voucher", "text", "account", "contra_account", "amount", "vat_code"]'

test_case "every voucher debits the debtors with its document's total"
cp "$OUT_FILE" "$TMP/journal.json"
expect_true "per voucher, the postings add up to the document's total" py -c '
import json, sys
from decimal import Decimal
run = json.load(open(sys.argv[1]))
journal = json.load(open(sys.argv[2]))
totals = {str(d["number"]): Decimal(d["total"]) for d in run["documents"]}
sums = {}
for p in journal["postings"]:
    assert p["account"] == "5600", p
    sums[p["voucher"]] = sums.get(p["voucher"], Decimal(0)) + Decimal(p["amount"])
sys.exit(0 if sums == totals else 1)
' "$TMP/run.json" "$TMP/journal.json"

test_case "the alias bogføring and a range"
run --books "$B" bogføring --from 2025-10 --to 2026-01 --format json
expect_exit 0
expect_json_eq 'sorted({p["voucher"] for p in j["postings"]})' '["1001", "1002", "1003"]'
expect_json_eq '[j["from"], j["to"]]' '["2025-10", "2026-01"]'

test_case "--vouchers DIR: each voucher's PDF, byte for byte what register render N --format pdf gives"
run --books "$B" export --month 2025-12 --vouchers "$TMP/bilag/2025-12"
expect_exit 0
expect_stderr_empty
expect_stdout_contains "Faktura 1001"
for n in 1001 1002 1003; do
  run --books "$B" register render "$n" --format pdf
  cp "$OUT_FILE" "$TMP/render-$n.pdf"
  expect_same_files "$TMP/bilag/2025-12/$n.pdf" "$TMP/render-$n.pdf"
done
expect_true "only the three vouchers, no temporary files" test "$(ls "$TMP/bilag/2025-12" | tr '\n' ' ')" = "1001.pdf 1002.pdf 1003.pdf "
test_case "--vouchers again replaces the files"
run --books "$B" export --month 2025-12 --vouchers "$TMP/bilag/2025-12"
expect_exit 0
expect_same_files "$TMP/bilag/2025-12/1001.pdf" "$TMP/render-1001.pdf"

test_case "--vouchers DIR that cannot be written: exit 73, nothing printed"
printf 'x' >"$TMP/a-file"
run --books "$B" export --month 2025-12 --vouchers "$TMP/a-file"
expect_exit 73
expect_stdout_empty
expect_stderr_contains "honorar: cannot write the vouchers to $TMP/a-file"
if [ "$(id -u)" != 0 ]; then
  mkdir "$TMP/read-only" && chmod 0555 "$TMP/read-only"
  run --books "$B" export --month 2025-12 --vouchers "$TMP/read-only"
  expect_exit 73
  expect_stdout_empty
  expect_stderr_contains "honorar: cannot write $TMP/read-only/1001.pdf: Permission denied"
fi

test_case "a credit note: negative postings, Kreditnota"
# The mentor course (ended 30 November) gets a lower rate for November afterwards: December's run
# credits the difference.
sed -i 's/^rate           = 495.00/rate           = 400.00/' "$B/contracts/ef.toml"
run --books "$B" --today 2026-01-01 -q invoice --month 2025-12 --format json
expect_exit 0
run --books "$B" export --month 2026-01
expect_exit 0
expect_stdout $'date,voucher,text,account,contra_account,amount,vat_code\r\n2026-01-01,1004,Kreditnota 1004 Køge Kommune,5600,1010,-4370.00,\r\n2026-01-01,1005,Faktura 1005 Roskilde Kommune,5600,1010,15750.00,\r\n'

test_case "payments: bank to debtors, voucher B<id>, by date; a refund negative"
# Køge Kommune pays 1001 on 2025-12-20; Familien Dahl pays 1003 with 500.00 too much on
# 2026-01-05, and 500.00 is refunded on 2026-01-10.
run --books "$B" --today 2026-01-20 -q pay 1001 22770.00 --date 2025-12-20
expect_exit 0
run --books "$B" --today 2026-01-20 -q pay 1003 12237.50 --date 2026-01-05
expect_exit 0
run --books "$B" --today 2026-01-20 -q pay 1003 -500.00 --date 2026-01-10
expect_exit 0
run --books "$B" export --from 2025-12 --to 2026-01
expect_exit 65
expect_stdout_empty
expect_stderr $'honorar: honorar.toml: [accounts] does not set \'bank\', which the journal needs (see honorar(5)); nothing was written\n'
printf 'bank         = "5820"\n' >>"$B/honorar.toml"
run --books "$B" export --from 2025-12 --to 2026-01
expect_exit 0
expect_stderr_empty
expect_stdout $'date,voucher,text,account,contra_account,amount,vat_code\r\n2025-12-01,1001,Faktura 1001 Køge Kommune,5600,1010,22770.00,\r\n2025-12-01,1002,Faktura 1002 Roskilde Kommune,5600,1010,17587.50,\r\n2025-12-01,1003,Faktura 1003 Familien Dahl,5600,1020,9390.00,\r\n2025-12-01,1003,Faktura 1003 Familien Dahl,5600,7200,2347.50,\r\n2025-12-20,B1,Indbetaling faktura 1001 Køge Kommune,5820,5600,22770.00,\r\n2026-01-01,1004,Kreditnota 1004 Køge Kommune,5600,1010,-4370.00,\r\n2026-01-01,1005,Faktura 1005 Roskilde Kommune,5600,1010,15750.00,\r\n2026-01-05,B2,Indbetaling faktura 1003 Familien Dahl,5820,5600,12237.50,\r\n2026-01-10,B3,Indbetaling faktura 1003 Familien Dahl,5820,5600,-500.00,\r\n'
run --books "$B" export --month 2026-01 --format json
expect_json_eq '[p for p in j["postings"] if p["voucher"].startswith("B")]' '[
  {"date": "2026-01-05", "voucher": "B2", "text": "Indbetaling faktura 1003 Familien Dahl", "account": "5820", "contra_account": "5600", "amount": "12237.50", "vat_code": ""},
  {"date": "2026-01-10", "voucher": "B3", "text": "Indbetaling faktura 1003 Familien Dahl", "account": "5820", "contra_account": "5600", "amount": "-500.00", "vat_code": ""}]'

test_case "reminders: debtors to fees, interest, compensation, voucher R<n>; before payments of the day"
# A reminder as the reminders run records it (the shared schema 3), on 1002, dated 2026-01-10.
sqlite3 "$B/honorar.db" "INSERT INTO reminders (number, invoice, sequence, date, pay_by, fee, interest, compensation, json)
  VALUES (1, 1002, 1, '2026-01-10', '2026-01-20', 10000, 2317, 31000, '{}')"
run --books "$B" export --month 2026-01
expect_exit 65
expect_stderr $'honorar: honorar.toml: [accounts] does not set \'reminder_fees\', \'interest\', \'compensation\', which the journal needs (see honorar(5)); nothing was written\n'
printf 'reminder_fees = "1040"\ninterest = "8010"\ncompensation = "1050"\n' >>"$B/honorar.toml"
run --books "$B" export --month 2026-01 --csv-locale da
expect_exit 0
expect_stderr_empty
expect_stdout $'\xEF\xBB\xBFDato;Bilag;Tekst;Konto;Modkonto;Beløb;Momskode\r\n01-01-2026;1004;Kreditnota 1004 Køge Kommune;5600;1010;-4370,00;\r\n01-01-2026;1005;Faktura 1005 Roskilde Kommune;5600;1010;15750,00;\r\n05-01-2026;B2;Indbetaling faktura 1003 Familien Dahl;5820;5600;12237,50;\r\n10-01-2026;R1;Rykker R1 faktura 1002 Roskilde Kommune;5600;1040;100,00;\r\n10-01-2026;R1;Rykker R1 faktura 1002 Roskilde Kommune;5600;8010;23,17;\r\n10-01-2026;R1;Rykker R1 faktura 1002 Roskilde Kommune;5600;1050;310,00;\r\n10-01-2026;B3;Indbetaling faktura 1003 Familien Dahl;5820;5600;-500,00;\r\n'

test_case "--vouchers: a reminder whose stored document is not one is damage (65), nothing written"
run --books "$B" export --month 2026-01 --vouchers "$TMP/bilag/2026-01"
expect_exit 65
expect_stderr_contains "honorar.db is damaged: reminder R1 is not a reminder"
expect_stdout_empty
expect_no_file "$TMP/bilag/2026-01"

test_case "--vouchers with payments and reminders: the documents' and the reminders' PDFs, none for payments"
R=$(copy_books november reminders)
printf '\n[reminders]\nreference_rates = { 2026-01-01 = 1.35 }\n\n[accounts]\ndebtors = "5600"\nsales_exempt = "1010"\nsales_vat = "1020"\noutput_vat = "7200"\nbank = "5820"\nreminder_fees = "1040"\ninterest = "8010"\ncompensation = "1050"\n' >>"$R/honorar.toml"
"$HONORAR" --books "$R" --today 2025-12-01 -q invoice --month 2025-11 >/dev/null || fail "setup: invoice"
"$HONORAR" --books "$R" --today 2026-01-05 -q pay 1003 100,00 >/dev/null || fail "setup: pay"
"$HONORAR" --books "$R" --today 2026-01-15 -q remind --contract 2C-2025-020 >/dev/null || fail "setup: remind"
run --books "$R" export --from 2025-12 --to 2026-01 --vouchers "$TMP/bilag/reminders"
expect_exit 0
expect_stdout_contains "R1,Rykker R1 faktura 1003"
expect_true "1001-1003.pdf and R1.pdf" test "$(ls "$TMP/bilag/reminders" | tr '\n' ' ')" = "1001.pdf 1002.pdf 1003.pdf R1.pdf "
"$HONORAR" --books "$R" register render R1 --format pdf >"$TMP/R1.pdf"
expect_same_files "$TMP/bilag/reminders/R1.pdf" "$TMP/R1.pdf"

test_case "usage errors: exit 64, nothing printed"
for args in "--month 2025-12 --from 2025-11 --to 2025-12" "--from 2025-11" "--to 2025-12" "" \
  "--from 2025-12 --to 2025-11" "--month 2025-13" "--month 2025-12 --format json --csv-locale da" \
  "--month 2025-12 --format text" "--month 2025-12 --format ics" "--month 2025-12 --csv-locale en"; do
  # shellcheck disable=SC2086 # the words of each case
  run --books "$B" export $args
  expect_exit 64
  expect_stdout_empty
done
run --books "$B" export --month 2025-12 --format text
expect_stderr $'honorar: --format must be one of csv, json here, not "text"\n'
run --books "$B" export --from 2025-12 --to 2025-11
expect_stderr $'honorar: --to is before --from\n'

test_case "bad [accounts]: exit 65 with path:line:col"
printf '\n[accounts]\ndebitors = "5600"\n' >"$TMP/bad-accounts.toml"
cp "$B/honorar.toml" "$TMP/good.toml"
sed -i '/^\[accounts\]/,$d' "$B/honorar.toml"
lines=$(wc -l <"$B/honorar.toml")
cat "$TMP/bad-accounts.toml" >>"$B/honorar.toml"
run --books "$B" export --month 2025-12
expect_exit 65
expect_stdout_empty
expect_stderr "honorar.toml:$((lines + 3)):1: error: unknown key 'debitors' in [accounts] (did you mean 'debtors'?)
honorar: honorar.toml has 1 error; nothing was done (run 'honorar check')
"
cp "$TMP/good.toml" "$B/honorar.toml"

test_case "the books or honorar.toml missing: exit 66"
run --books "$TMP/nowhere" export --month 2025-12
expect_exit 66
expect_stdout_empty
mkdir -p "$TMP/no-settings"
run --books "$TMP/no-settings" export --month 2025-12
expect_exit 66

test_case "errors in a contract or a time log do not stop the export"
printf '[[entry]]\ncontract = "2C-2025-014"\ndate = 2025-11-31\n' >"$B/timelog/2025/broken.toml"
run --books "$B" export --month 2025-12
expect_exit 0
expect_stderr_empty
expect_stdout $'date,voucher,text,account,contra_account,amount,vat_code\r\n2025-12-01,1001,Faktura 1001 Køge Kommune,5600,1010,22770.00,\r\n2025-12-01,1002,Faktura 1002 Roskilde Kommune,5600,1010,17587.50,\r\n2025-12-01,1003,Faktura 1003 Familien Dahl,5600,1020,9390.00,\r\n2025-12-01,1003,Faktura 1003 Familien Dahl,5600,7200,2347.50,\r\n2025-12-20,B1,Indbetaling faktura 1001 Køge Kommune,5820,5600,22770.00,\r\n'

finish

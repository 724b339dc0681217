#!/usr/bin/env bash
# honorar pay --import FILE (SPEC 9.2): a bank statement matched by FIK id, invoice number or
# unique amount; every incoming line recorded once, so a second import records nothing twice;
# bad statements exit 65 with path:line:col and nothing recorded.
source "$(dirname "$0")/lib.sh"

B=$(copy_books november import)
sed -i 's/^email   = "faktura@example.dk"$/&\nfik_creditor = "85404316"/' "$B/honorar.toml"
cd "$TMP" || exit 2

test_case "no invoice yet: nothing to match"
printf 'Dato;Tekst;Beløb\n20-01-2026;x;1,00\n' >"$TMP/early.csv"
run --books "$B" --today 2026-01-25 pay --import early.csv
expect_exit 65
expect_stderr "honorar: no invoice has been issued yet: there is nothing to match a statement to"$'\n'
expect_no_file "$B/honorar.db"

run --books "$B" --today 2025-12-01 -q invoice --month 2025-11
expect_exit 0
# 1001 22770.00 (FIK 000000000010017) · 1002 17587.50 (…0025) · 1003 11737.50 (…0033)
dump() { sqlite3 "$B/honorar.db" ".dump"; }

test_case "a text naming two open invoices is no match by number"
printf 'Dato;Tekst;Beløb\n03-01-2026;fakt 1001 og 1002;1,00\n' >"$TMP/two.csv"
run --books "$B" --today 2026-01-03 pay --import two.csv --format json
expect_exit 0
expect_json_eq 'j["matched"], len(j["unmatched"])' '([], 1)'

write_file "$TMP/jan.csv" <<'CSV'
Dato;Tekst;Beløb;Saldo
20-01-2026;"Indbetaling +71<000000000010033+85404316<";11.737,50;100.000,00
21-01-2026;Overførsel;500,00;100.500,00
22.01.2026;Køge Kommune faktura 1001;22.770,00;123.270,00
23-01-2026;Husleje;-8.000,00;115.270,00
24-01-2026;"Roskilde Kommune; betaling";17.587,50;132.857,50
24-01-2026;Nul;0,00;132.857,50
CSV

test_case "a Danish statement: by FIK, by number, by amount; one unmatched; outgoing and 0.00 skipped"
run --books "$B" --today 2026-01-25 pay --import jan.csv --format json
expect_exit 0
expect_json_eq 'j' '{"matched": [
   {"line": 2, "date": "2026-01-20", "amount": "11737.50", "invoice": 1003, "by": "fik", "payment": 1},
   {"line": 4, "date": "2026-01-22", "amount": "22770.00", "invoice": 1001, "by": "number", "payment": 2},
   {"line": 6, "date": "2026-01-24", "amount": "17587.50", "invoice": 1002, "by": "amount", "payment": 3}],
 "unmatched": [{"line": 3, "date": "2026-01-21", "amount": "500.00", "text": "Overførsel"}],
 "known": 0}'
expect_stderr "honorar: jan.csv:3: warning: no open invoice matches 2026-01-21 500.00 \"Overførsel\"; record it with 'honorar pay N AMOUNT'"$'\n'
expect_true "four statement lines recorded, one without a payment" \
  test "$(sqlite3 "$B/honorar.db" "SELECT count(*), count(payment) FROM statement_lines WHERE file = 'jan.csv'")" = "4|3"
expect_true "the payments carry the statement's texts and dates" \
  test "$(sqlite3 "$B/honorar.db" "SELECT invoice || ' ' || date || ' ' || text FROM payments WHERE id = 3")" = \
  "1002 2026-01-24 Roskilde Kommune; betaling"
run --books "$B" --today 2026-01-25 open --format json
expect_json_eq 'j["open"]' '[]'

test_case "the same statement again records nothing"
dump >"$TMP/before.sql"
run --books "$B" --today 2026-01-26 pay --import jan.csv --format json
expect_exit 0
expect_json_eq 'j' '{"matched": [], "unmatched": [], "known": 4}'
expect_stderr_empty
dump >"$TMP/after.sql"
expect_same_files "$TMP/before.sql" "$TMP/after.sql"

test_case "text output; a longer statement records only its new lines; identical lines count apart"
run --books "$B" --today 2026-02-02 -q invoice --month 2026-01
expect_exit 0
cp "$TMP/jan.csv" "$TMP/feb.csv"
printf '01-02-2026;Overførsel;500,00;0\n01-02-2026;Overførsel;500,00;0\n' >>"$TMP/feb.csv"
run --books "$B" --today 2026-02-03 -q betal --import feb.csv
expect_exit 0
expect_stderr_empty
expect_stdout "Kontoudtog feb.csv: 0 indbetalinger bogført, 2 uden match, 4 kendt fra før
Uden match (bogfør dem med honorar pay N BELØB):
  linje 8     01.02.2026        500,00  Overførsel
  linje 9     01.02.2026        500,00  Overførsel
"
run --books "$B" --today 2026-02-03 pay --import feb.csv --format json
expect_json_eq 'j["known"], j["unmatched"]' '(6, [])'

test_case "a ','-separated statement with decimal points and ISO dates, in Windows-1252"
run --books "$B" --today 2026-02-03 open --format json
total=$(json_value 'j["open"][0]["open"]')
number=$(json_value 'j["open"][0]["number"]')
printf 'Date,Text,Amount\r\n2026-02-03,"Overf\xf8rsel, 2 fakturaer",%s\r\n' "$total" >"$TMP/cp1252.csv"
write_file "$B/honorar.toml.add" <<'TOML'

[statement]
date   = "date"
text   = "TEXT"
amount = "Amount"
TOML
cat "$B/honorar.toml.add" >>"$B/honorar.toml" && rm "$B/honorar.toml.add"
run --books "$B" --today 2026-02-03 pay --import cp1252.csv --format json
expect_exit 0
expect_json_eq 'j["matched"]' "[{\"line\": 2, \"date\": \"2026-02-03\", \"amount\": \"$total\", \"invoice\": $number, \"by\": \"amount\", \"payment\": 4}]"
expect_true "the text read as Windows-1252" \
  test "$(sqlite3 "$B/honorar.db" "SELECT text FROM payments WHERE id = 4")" = "Overførsel, 2 fakturaer"
sed -i '/^\[statement\]$/,$d' "$B/honorar.toml"

# Bad statements: exit 65 with path:line:col, nothing recorded.
dump >"$TMP/before.sql"
bad_statement() { # bad_statement NAME MESSAGE < CONTENT
  write_file "$TMP/$1"
  run --books "$B" --today 2026-02-04 pay --import "$1"
  expect_exit 65
  expect_stdout_empty
  expect_stderr "honorar: $1:$2"$'\n'
  dump >"$TMP/after.sql"
  expect_same_files "$TMP/before.sql" "$TMP/after.sql"
}
test_case "a statement without the configured columns"
bad_statement nocol.csv '1:1: the statement has no column "Beløb" (set [statement] amount in honorar.toml to the name its bank uses); its columns are "Dato", "Tekst", "Belob"' <<'CSV'
Dato;Tekst;Belob
01-02-2026;x;1,00
CSV
test_case "a date that is not one"
bad_statement baddate.csv '3:1: "30-02-2026" is not a date (February 2026 has 28 days)' <<'CSV'
Dato;Tekst;Beløb
01-02-2026;ok;1,00
30-02-2026;x;1,00
CSV
test_case "an amount with three decimals"
bad_statement decimals.csv '2:16: the amount "12,345" has more than two decimals (a '"';'"'-separated statement writes 1.234,50)' <<'CSV'
Dato;Tekst;Beløb
01-02-2026;xyz;12,345
CSV
test_case "a line without enough fields"
bad_statement short.csv '3:13: this line has 2 fields, but the column "Beløb" is field 3' <<'CSV'
Dato;Tekst;Beløb
01-02-2026;a;1,00
01-02-2026;b
CSV
test_case "a quote that is never closed"
bad_statement quote.csv '2:12: a quoted field is not closed' <<'CSV'
Dato;Tekst;Beløb
01-02-2026;"a;1,00
CSV
test_case "an empty statement"
bad_statement empty.csv '1:1: the statement is empty: it needs a header line naming its columns' </dev/null

test_case "a statement that does not exist: 66; --import with a number: 64"
run --books "$B" --today 2026-02-04 pay --import nowhere.csv
expect_exit 66
expect_stderr "honorar: the statement 'nowhere.csv' does not exist"$'\n'
run --books "$B" --today 2026-02-04 pay 1001 100 --import jan.csv
expect_exit 64
expect_stderr "honorar: --import takes no invoice number, amount, --date or --text"$'\n'
dump >"$TMP/after.sql"
expect_same_files "$TMP/before.sql" "$TMP/after.sql"

finish

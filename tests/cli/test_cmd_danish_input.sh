#!/usr/bin/env bash
# Danish input (SPEC 1.3, 2.9, 6.1; issue 16.7-10): a time log saved by a Danish spreadsheet,
# Danish status names, notice rules in the by-laws' words, and the mistakes a Danish user makes,
# each with a message that says what to do, at PATH:LINE:COLUMN, exit 65.
source "$(dirname "$0")/lib.sh"

T=(--today 2025-12-01)
PLAIN=$(copy_books november plain)
DANISH=$(copy_books november danish)
rm "$DANISH/timelog/2025/mentor.csv"
# What a Danish spreadsheet saves: BOM, ';', CRLF, decimal comma, day-first dates, Danish
# headings and status names.
printf '\xEF\xBB\xBFKontrakt;Dato;Timer;Status;Note\r\n2C-2025-007;27-10-2025;10;leveret;\r\n2C-2025-007;03.11.2025;6,0;Leveret;"møde med jobcenter, opfølgning"\r\n2C-2025-007;05-11-2025;4;aflyst;\r\n2C-2025-007;10-11-2025;10;afbud;ferie\r\n2C-2025-007;2025-11-17;5;;\r\n2C-2025-007;24-11-2025;8,00;leveret;\r\n' \
  >"$DANISH/timelog/2025/mentor.csv"

test_case "a time log saved by a Danish spreadsheet reports as the same log in plain CSV"
run --books "$PLAIN" "${T[@]}" report --month 2025-11 --format json
expect_exit 0
PLAIN_REPORT=$STDOUT
run --books "$DANISH" "${T[@]}" report --month 2025-11 --format json
expect_exit 0
expect_stdout "$PLAIN_REPORT"

test_case "a Danish CSV checks clean"
run --books "$DANISH" "${T[@]}" check --quiet
expect_exit 0
expect_stderr_empty

# check_errors BOOKS EXPECTED: `check` exits 65 with exactly these errors (warnings aside).
check_errors() {
  run --books "$1" "${T[@]}" check
  expect_exit 65
  local errors
  errors=$(printf '%s' "$STDERR" | grep ': error: ')
  if [ "$errors" = "$2" ]; then pass; else fail "errors differ" "$2" "$errors"; fi
}

test_case "hours = 2,5 in TOML: use a decimal point"
B=$(copy_books november comma)
sed -i 's/^hours    = 2.5$/hours    = 2,5/' "$B/timelog/2025/november.toml"
check_errors "$B" "timelog/2025/november.toml:14:12: error: TOML syntax: 2,5 is not a number: use a decimal point: 2.5"

test_case "a missing closing quote in TOML: at the line where the string starts"
B=$(copy_books november quote)
sed -i 's/^note     = "kontaktperson syg"$/note     = "kontaktperson syg/' "$B/timelog/2025/november.toml"
check_errors "$B" "timelog/2025/november.toml:26:12: error: TOML syntax: this string has no closing \" on its line: add it (text over several lines goes in \"\"\")"

test_case "31 November in CSV: November has 30 days"
B=$(copy_books november november31)
sed -i 's/2025-11-24,8/2026-11-31,8/' "$B/timelog/2025/mentor.csv"
check_errors "$B" "timelog/2025/mentor.csv:7:13: error: 'date' must be a date YYYY-MM-DD, not \"2026-11-31\": November has 30 days"

test_case "31 November in TOML: November has 30 days"
B=$(copy_books november november31toml)
sed -i 's/^date     = 2025-11-04$/date     = 2025-11-31/' "$B/timelog/2025/november.toml"
check_errors "$B" "timelog/2025/november.toml:9:12: error: TOML syntax: 2025-11-31 is not a date: November has 30 days"

test_case "a contract file with a syntax error: one note for its entries, not an error each"
B=$(copy_books november badcontract)
sed -i 's/^hours_per_week = 7.5$/hours_per_week = 7,5/' "$B/contracts/ab.toml"
check_errors "$B" "contracts/ab.toml:7:18: error: TOML syntax: 7,5 is not a number: use a decimal point: 7.5
timelog/2025/november.toml:3:12: error: 8 entries of contract '2C-2025-014' were skipped because contracts/ab.toml has errors"

test_case "Danish status names in TOML"
B=$(copy_books november statuses)
sed -i 's/status   = "citizen-absent"/status   = "Afbud"/; s/status   = "staff-absent"/status   = "medarbejderfravær"/' \
  "$B/timelog/2025/november.toml"
run --books "$PLAIN" "${T[@]}" report --month 2025-11 --format json
PLAIN_REPORT=$STDOUT
run --books "$B" "${T[@]}" report --month 2025-11 --format json
expect_exit 0
expect_stdout "$PLAIN_REPORT"

test_case "an unknown status names the Danish ones"
B=$(copy_books november sick)
sed -i 's/status   = "staff-absent"/status   = "syg"/' "$B/timelog/2025/november.toml"
check_errors "$B" "timelog/2025/november.toml:25:12: error: 'status' must be \"delivered\", \"citizen-absent\" or \"staff-absent\" (or in Danish \"leveret\", \"afbud\", \"udeblevet\", \"borgerfravær\", \"aflyst\", \"medarbejderfravær\"), not \"syg\""

test_case "opsigelse with the by-laws' own words"
run opsigelse 2025-11-18 --notice "løbende måned plus én måned"
expect_exit 0
expect_stdout "2025-12-31
"
for rule in "løbende måned + 1" "løbende måned plus 1" "løbende måned + 1 måned" "lb. md. + 1" "LB. MD. PLUS EN MÅNED"; do
  run notice 2025-11-18 --notice "$rule" --format json
  expect_exit 0
  expect_json_has 'j' "{\"given\": \"2025-11-18\", \"notice\": \"$rule\", \"end\": \"2025-12-31\"}"
done

test_case "payment terms in the contract's words"
B=$(copy_books november terms)
sed -i 's/^payment_terms.*$/payment_terms = "lb. md. plus 30 dage"/' "$B/honorar.toml"
run --books "$B" "${T[@]}" check --quiet
expect_exit 0

finish

#!/usr/bin/env bash
# honorar check | tjek (SPEC §5): every problem as PATH:LINE:COLUMN: error|warning: MESSAGE on
# stderr, then a summary; exit 65 on any error; --format json.
source "$(dirname "$0")/lib.sh"

B=$(copy_books november)
E=$(copy_books errors)
T=(--today 2025-12-01)
DIAG='^[^:]+:[0-9]+:[0-9]+: (error|warning): .+$'
SUMMARY='^[0-9]+ errors?, [0-9]+ warnings? in [0-9]+ contracts?, [0-9]+ entr(y|ies), [0-9]+ expenses?$'

NOVEMBER_WARNINGS="contracts/ab.toml:1:18: warning: contract 2C-2025-014: week 2025-W48 is over-delivered by 1.50 hours (never billed, never carried over)
contracts/cd.toml:1:18: warning: contract 2C-2025-020: week 2025-W47 is over-delivered by 1.00 hours (never billed, never carried over)
"
ERRORS="contracts/ef.toml:15:13: error: EAN number '5798000111227' is not valid (13 digits with a GS1 check digit)
timelog/2025/mentor.csv:8:1: error: unknown contract '2C-2025-099'
timelog/2025/mentor.csv:9:24: error: 'hours' must be a number with at most 2 decimals, not \"two\"
timelog/2025/november.toml:66:12: error: expense for contract '2C-2025-020', which has no expense agreement ([expenses] agreed = true, §11)
timelog/2025/november.toml:71:12: error: expense for contract '2C-2025-020', which has no expense agreement ([expenses] agreed = true, §11)
"

test_case "valid books: exit 0, warnings and a summary on stderr, nothing on stdout"
run --books "$B" "${T[@]}" check
expect_exit 0
expect_stdout_empty
expect_stderr "${NOVEMBER_WARNINGS}0 errors, 2 warnings in 3 contracts, 19 entries, 2 expenses
"
expect_stderr_lines_match "$DIAG|$SUMMARY"

test_case "tjek is check"
run --books "$B" "${T[@]}" tjek
expect_exit 0
expect_stdout_empty
expect_stderr "${NOVEMBER_WARNINGS}0 errors, 2 warnings in 3 contracts, 19 entries, 2 expenses
"

test_case "valid books, --quiet: nothing at all"
run --books "$B" "${T[@]}" check --quiet
expect_exit 0
expect_stdout_empty
expect_stderr_empty

test_case "check writes nothing"
expect_true "the books are unchanged" diff -r "$B" "$BOOKS_DIR/november"

test_case "valid books without warnings: the summary alone, singular forms"
C=$TMP/clean
write_settings "$C"
write_contract "$C" K-1 2025-11-03
write_file "$C/timelog/a.csv" <<'EOF'
contract,date,hours,status
K-1,2025-11-04,5,
EOF
run --books "$C" --today 2025-11-10 check
expect_exit 0
expect_stdout_empty
expect_stderr $'0 errors, 0 warnings in 1 contract, 1 entry, 0 expenses\n'

test_case "an unlogged finished week is a warning, and depends on --today"
rm "$C/timelog/a.csv"
run --books "$C" --today 2025-11-10 check
expect_exit 0
expect_stderr "contracts/K-1.toml:1:18: warning: contract K-1: week 2025-W45 is unlogged (no entries); it is billed as 5.00 hours
0 errors, 1 warning in 1 contract, 0 entries, 0 expenses
"
run --books "$C" --today 2025-11-09 check
expect_exit 0
expect_stderr $'0 errors, 0 warnings in 1 contract, 0 entries, 0 expenses\n'

test_case "invalid books: exit 65, every error located, then the summary"
run --books "$E" "${T[@]}" check
expect_exit 65
expect_stdout_empty
expect_stderr "${NOVEMBER_WARNINGS}${ERRORS}5 errors, 2 warnings in 3 contracts, 19 entries, 0 expenses
"
expect_stderr_lines_match "$DIAG|$SUMMARY"

test_case "invalid books, --quiet: the errors and the summary, no warnings"
run --books "$E" "${T[@]}" --quiet check
expect_exit 65
expect_stdout_empty
expect_stderr "${ERRORS}5 errors, 2 warnings in 3 contracts, 19 entries, 0 expenses
"

test_case "check --format json on valid books"
run --books "$B" "${T[@]}" check --format json
expect_exit 0
expect_stderr_empty
expect_json_eq 'sorted(j)' '["errors", "warnings"]'
expect_json_eq 'j["errors"]' '[]'
expect_json_eq 'j["warnings"][0]' '{"file": "contracts/ab.toml", "line": 1, "column": 18,
  "message": "contract 2C-2025-014: week 2025-W48 is over-delivered by 1.50 hours (never billed, never carried over)"}'
expect_json_eq '[(w["file"], w["line"], w["column"]) for w in j["warnings"]]' \
  '[("contracts/ab.toml", 1, 18), ("contracts/cd.toml", 1, 18)]'
expect_json 'all(sorted(d) == ["column", "file", "line", "message"] for d in j["warnings"])'

test_case "check --format json on invalid books: exit 65, the errors in the JSON"
run --books "$E" "${T[@]}" check --format json
expect_exit 65
expect_json_eq '[(e["file"], e["line"], e["column"]) for e in j["errors"]]' \
  '[("contracts/ef.toml", 15, 13), ("timelog/2025/mentor.csv", 8, 1), ("timelog/2025/mentor.csv", 9, 24),
    ("timelog/2025/november.toml", 66, 12), ("timelog/2025/november.toml", 71, 12)]'
expect_json_eq 'j["errors"][1]["message"]' '"unknown contract '\''2C-2025-099'\''"'
expect_json_eq 'len(j["warnings"])' '2'
expect_json 'all(sorted(d) == ["column", "file", "line", "message"] for d in j["errors"])'

test_case "check --format json --quiet still prints the JSON"
run --books "$E" "${T[@]}" check --format json --quiet
expect_exit 65
expect_json_eq 'len(j["errors"])' '5'

test_case "typos, syntax, decimals, CPR numbers: all reported at once, with a hint"
X=$TMP/typos
write_settings "$X"
write_contract "$X" K-1
sed -i 's/^hours_per_week/hours_per_weak/' "$X/contracts/K-1.toml"
write_file "$X/contracts/broken.toml" <<'EOF'
id = "K-2"
citizen =
EOF
write_file "$X/timelog/b.toml" <<'EOF'
[[entry]]
contract = "K-1"
date     = 2025-11-05
hours    = 1
note     = "cpr 010203-1234"
[[entry]]
contract = "K-1"
date = 2025-11-06
hours = 1.234
EOF
run --books "$X" --today 2025-11-10 check
expect_exit 65
expect_stdout_empty
expect_stderr "contracts/K-1.toml:1:1: error: contract is missing 'hours_per_week' (or a [[terms]] entry from the start date)
contracts/K-1.toml:5:1: error: unknown key 'hours_per_weak' in the contract (did you mean 'hours_per_week'?)
contracts/broken.toml:2:10: error: TOML syntax: Error while parsing key-value pair: expected value, saw '\n'
timelog/b.toml:5:12: error: 'note' contains what looks like a CPR number: never store CPR numbers (§5)
timelog/b.toml:9:9: error: 'hours' must have at most 2 decimals, not 1.234
5 errors, 0 warnings in 1 contract, 0 entries, 0 expenses
"

test_case "a contract id used twice"
D=$TMP/dup
write_settings "$D"
write_contract "$D" K-1
cp "$D/contracts/K-1.toml" "$D/contracts/K-1-copy.toml"
run --books "$D" --today 2025-11-03 check
expect_exit 65
expect_stderr_contains "contracts/K-1.toml:1:"
expect_stderr_contains ": error: "
expect_stderr_contains "K-1"
expect_stderr_lines_match "$DIAG|$SUMMARY"

test_case "a CSV time log with an unknown column"
V=$TMP/csv
write_settings "$V"
write_contract "$V" K-1
write_file "$V/timelog/x.csv" <<'EOF'
contract,date,hours,status,minutes
K-1,2025-11-04,5,,3
EOF
run --books "$V" --today 2025-11-03 check
expect_exit 65
expect_stderr_contains "timelog/x.csv:1:"
expect_stderr_contains "minutes"
expect_stderr_lines_match "$DIAG|$SUMMARY"

test_case "missing books: exit 66"
run --books "$TMP/nowhere" "${T[@]}" check
expect_exit 66
expect_stdout_empty
expect_stderr "honorar: the books directory '$TMP/nowhere' does not exist
"
mkdir "$TMP/empty"
run --books "$TMP/empty" "${T[@]}" check
expect_exit 66
expect_stdout_empty
expect_stderr "honorar: '$TMP/empty' has no honorar.toml: is it a books directory? (see honorar(5))
"
run --books "$TMP/empty" "${T[@]}" check --format json
expect_exit 66
expect_stdout_empty

test_case "a contract the register has billed, renamed in the books: an error everywhere, nothing billed"
# Renaming an invoiced contract's id would bill its whole course again under the new id.
RN=$(copy_books november renamed)
"$HONORAR" --books "$RN" "${T[@]}" -q invoice --month 2025-11 </dev/null >/dev/null 2>&1
cp "$RN/honorar.db" "$TMP/renamed-before.db"
sed -i 's/^id *= *"2C-2025-014"/id = "2C-2025-0014"/' "$RN/contracts/ab.toml"
sed -i 's/"2C-2025-014"/"2C-2025-0014"/' "$RN"/timelog/2025/*.toml
sed -i 's/^2C-2025-014,/2C-2025-0014,/' "$RN"/timelog/2025/*.csv
MISSING='honorar.db: error: contract 2C-2025-014 has been invoiced (documents 1002) but is no longer in the books: put its contract file back with id = "2C-2025-014" (a contract renamed or removed would be billed again from its start)'
run --books "$RN" --today 2026-01-02 check
expect_exit 65
expect_stderr_contains "$MISSING"
run --books "$RN" --today 2026-01-02 invoice --month 2025-12
expect_exit 65
expect_stdout_empty
expect_stderr_contains "$MISSING"
expect_stderr_contains "nothing was done"
run --books "$RN" --today 2026-01-02 invoice --month 2025-12 --dry-run
expect_exit 65
expect_stdout_empty
run --books "$RN" --today 2026-01-02 report --month 2025-12
expect_exit 65
expect_stdout_empty
expect_same_files "$RN/honorar.db" "$TMP/renamed-before.db"
expect_no_file "$RN/invoices/2026"

test_case "billed weeks' warnings are settled history; check --all shows every one"
S=$(copy_books november settled)
"$HONORAR" --books "$S" "${T[@]}" -q invoice --month 2025-11 </dev/null >/dev/null 2>&1
run --books "$S" "${T[@]}" check
expect_exit 0
expect_stderr $'0 errors, 0 warnings in 3 contracts, 19 entries, 2 expenses\n'
run --books "$S" "${T[@]}" check --all
expect_exit 0
expect_stderr "${NOVEMBER_WARNINGS}0 errors, 2 warnings in 3 contracts, 19 entries, 2 expenses
"
# A late change to a billed week (a new rate from its Wednesday) makes its warning count again.
printf '\n[[terms]]\nfrom = 2025-11-19\nrate = 600.00\n' >>"$S/contracts/cd.toml"
run --books "$S" "${T[@]}" check --format json
expect_exit 0
expect_json_eq '[w["message"] for w in j["warnings"] if "W47" in w["message"]]' \
  '["contract 2C-2025-020: week 2025-W47 is over-delivered by 1.00 hours (never billed, never carried over)"]'

test_case "an expense before [invoicing] from: a warning that it is never billed"
X=$(copy_books november early-expense)
printf '\n[[expense]]\ncontract = "2C-2025-020"\ndate = 2025-10-28\namount = 40.00\ntext = "Bus"\n' >>"$X/timelog/2025/november.toml"
run --books "$X" "${T[@]}" check
expect_exit 0
expect_stderr_contains "warning: expense dated 2025-10-28, before [invoicing] from (2025-11): honorar never bills it"

test_case "CPR numbers written with a space, dots or a slash are refused like DDMMYY-XXXX"
X=$TMP/cpr-shapes
write_settings "$X"
write_contract "$X" K-1
sed -i 's/^citizen .*/citizen        = "010190 1234"/; s/^handleplan .*/case_ref       = "01.01.1990-1234"/' "$X/contracts/K-1.toml"
write_file "$X/timelog/a.toml" <<'EOF'
[[entry]]
contract = "K-1"
date     = 2025-11-05
hours    = 1
note     = "Ringede fra 01.01.90-1234"
EOF
write_file "$X/timelog/b.csv" <<'EOF'
contract,date,hours,status,note
K-1,2025-11-06,1,,cpr 010190/1234
K-1,2025-11-07,1,,sag 27.24.12-G01-1234-25 den 01.01.2025
EOF
run --books "$X" --today 2025-11-10 check
expect_exit 65
expect_stdout_empty
expect_stderr "contracts/K-1.toml:1:18: warning: contract K-1 has no 'handleplan' date: the payer's action plan is a precondition for the start (§9)
contracts/K-1.toml:2:18: error: 'citizen' contains what looks like a CPR number: never store CPR numbers (§5)
contracts/K-1.toml:7:18: error: 'case_ref' contains what looks like a CPR number: never store CPR numbers (§5)
timelog/a.toml:5:12: error: 'note' contains what looks like a CPR number: never store CPR numbers (§5)
timelog/b.csv:2:19: error: 'note' contains what looks like a CPR number: never store CPR numbers (§5)
4 errors, 1 warning in 1 contract, 1 entry, 0 expenses
"

test_case "text values that are empty or only whitespace: required and optional keys alike"
X=$TMP/blank
write_settings "$X"
sed -i 's/^name .*/name    = "  "/' "$X/honorar.toml"
write_contract "$X" K-1
sed -i 's/^name .*/name      = ""/; s/^reference .*/reference = "ref"\norder     = " "/' "$X/contracts/K-1.toml"
printf '\n[expenses]\nagreed = true\n' >>"$X/contracts/K-1.toml"
write_file "$X/timelog/a.toml" <<'EOF'
[[expense]]
contract = "K-1"
date     = 2025-11-05
amount   = 10.00
text     = " "
EOF
run --books "$X" --today 2025-11-03 check
expect_exit 65
expect_stdout_empty
expect_stderr "contracts/K-1.toml:11:13: error: 'name' is empty: give a value
contracts/K-1.toml:15:13: error: 'order' is empty: leave the key out or give a value
honorar.toml:2:11: error: 'name' is empty: give a value
timelog/a.toml:5:12: error: 'text' is empty: give a value
4 errors, 0 warnings in 1 contract, 0 entries, 0 expenses
"

test_case "a private payer that is to get an e-invoice without an EAN or a reference: an error in check"
X=$TMP/einvoice
write_settings "$X"
printf '\n[documents]\nprivate = ["xml", "pdf"]\n' >>"$X/honorar.toml"
write_contract "$X" K-1
sed -i 's/"municipality"/"private"/; /^ean /d; /^reference /d; s/Roskilde Kommune/Familien Hansen/' "$X/contracts/K-1.toml"
run --books "$X" --today 2025-11-03 check
expect_exit 65
expect_stdout_empty
expect_stderr "contracts/K-1.toml:9:1: error: payer 'Familien Hansen' gets an e-invoice (\"xml\" in [documents] private), which needs its 'ean': give the payer's EAN/GLN, or remove \"xml\" from [documents] private in honorar.toml
contracts/K-1.toml:9:1: error: payer 'Familien Hansen' gets an e-invoice (\"xml\" in [documents] private), which needs a 'reference' or an 'order' (Peppol R003): give one, or remove \"xml\" from [documents] private in honorar.toml
2 errors, 0 warnings in 1 contract, 0 entries, 0 expenses
"
sed -i '/^\[documents\]/,$d' "$X/honorar.toml"
run --books "$X" --today 2025-11-03 check
expect_exit 0

test_case "vat below 1 percent, in [invoicing] and in a contract (Peppol BR-CO-17)"
X=$TMP/vat
write_settings "$X"
sed -i 's/^vat  .*/vat           = 0.5/' "$X/honorar.toml"
write_contract "$X" K-1
sed -i '1a vat = 0' "$X/contracts/K-1.toml"
run --books "$X" --today 2025-11-03 check
expect_exit 65
expect_stdout_empty
expect_stderr "contracts/K-1.toml:2:7: error: 'vat' must be at least 1 and at most 100 percent
honorar.toml:11:17: error: 'vat' must be at least 1 and at most 100 percent
2 errors, 0 warnings in 1 contract, 0 entries, 0 expenses
"

test_case "more than 24 hours for one contract on one day, in TOML and CSV together"
X=$TMP/day-hours
write_settings "$X"
write_contract "$X" K-1
write_file "$X/timelog/a.toml" <<'EOF'
[[entry]]
contract = "K-1"
date     = 2025-11-04
from     = 06:00:00
to       = 22:00:00

[[entry]]
contract = "K-1"
date     = 2025-11-05
hours    = 24
EOF
write_file "$X/timelog/b.csv" <<'EOF'
contract,date,hours,status
K-1,2025-11-04,7.5,citizen-absent
K-1,2025-11-04,2,staff-absent
EOF
run --books "$X" --today 2025-11-10 check
expect_exit 65
expect_stdout_empty
expect_stderr "contracts/K-1.toml:1:18: warning: contract K-1: week 2025-W45 is over-delivered by 35.00 hours (never billed, never carried over)
timelog/b.csv:3:1: error: entries of contract K-1 on 2025-11-04 add up to 25.50 hours, more than the 24 hours of a day
1 error, 1 warning in 1 contract, 4 entries, 0 expenses
"

test_case "an IBAN is normalised (upper case, no spaces) before it is printed or sent; a wrong one is refused"
I=$(copy_books november iban)
sed -i 's/^bank .*/bank    = { iban = "dk50 0040 0440 1162 43", bic = "NDEADKKK" }/' "$I/honorar.toml"
run --books "$I" "${T[@]}" -q invoice --month 2025-11 --dry-run --format json
expect_exit 0
expect_json_eq 'j["documents"][0]["seller"]["bank"]' '{"iban": "DK5000400440116243", "bic": "NDEADKKK"}'
sed -i 's/^bank .*/bank    = { iban = "DK51 0040 0440 1162 43" }/' "$I/honorar.toml"
run --books "$I" "${T[@]}" check
expect_exit 65
expect_stderr_contains "honorar.toml:"
expect_stderr_contains "error: bank 'iban' is not an IBAN (country code, check digits and account, ISO 13616)"

test_case "--format csv is not for check"
run --books "$B" "${T[@]}" check --format csv
expect_exit 64
expect_stdout_empty
expect_stderr $'honorar: --format must be one of text, json here, not "csv"\n'

finish

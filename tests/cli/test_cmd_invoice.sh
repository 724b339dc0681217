#!/usr/bin/env bash
# honorar invoice | faktura (SPEC §3, §7): dry runs write nothing; a real run registers its
# documents in honorar.db and writes invoices/YYYY/N.json and N.txt; runs go forward and never
# bill twice.
source "$(dirname "$0")/lib.sh"

T=(--today 2025-12-01)
# The November books' two over-delivered weeks (until they are billed: then they are settled).
WARNINGS=$'honorar: 2 warnings in the books (run \'honorar check\' to see them)\n'

# written_files DIR: what a run wrote into the books (the register and documents), sorted.
written_files() { (cd "$1" && find . -path ./contracts -prune -o -path ./timelog -prune -o -type f -print | sort); }
# register_count DIR: the number of documents in the register.
register_count() {
  "$HONORAR" --books "$1" register list --format json </dev/null >"$TMP/.count.json" 2>/dev/null &&
    json_value 'len(j["documents"])' "$TMP/.count.json"
}

B=$(copy_books november dry)

test_case "invoice --dry-run, text: the documents without numbers; nothing written"
run --books "$B" "${T[@]}" invoice --month 2025-11 --dry-run
expect_exit 0
expect_stderr "$WARNINGS"
expect_stdout_contains $'Fakturering for 2025-11 (prøvekørsel, intet er skrevet): 3 dokumenter\n'
expect_stdout_contains $'\nFaktura – · 2C-2025-007 · Køge Kommune · forfald 31.12.2025\n'
expect_stdout_contains $'\n  Uge 46 (10.–16. november 2025)              3,50 t    525,00    1.837,50\n'
expect_stdout_contains $'\n  Udlæg 20. november 2025: Café                                      42,50\n'
expect_stdout_contains $'\n                                                          moms    2.347,50\n'
expect_stdout_contains $'\n                                                     I alt DKK   52.095,00\n'
expect_stdout_lacks "Faktura 1001"
expect_no_file "$B/honorar.db"
expect_no_file "$B/invoices"
expect_true "the books are unchanged" diff -r "$B" "$BOOKS_DIR/november"

test_case "invoice --dry-run, json: number null; nothing written"
run --books "$B" "${T[@]}" invoice --month 2025-11 --dry-run --format json
expect_exit 0
expect_stderr "$WARNINGS"
expect_json_has 'j' '{"month": "2025-11", "total": "52095.00"}'
expect_json_eq '[(d["kind"], d["number"], d["contract"], d["payer"], d["issue_date"], d["due_date"], d["net"], d["vat"], d["total"])
  for d in j["documents"]]' '[
  ("invoice", None, "2C-2025-007", "Køge Kommune", "2025-12-01", "2025-12-31", "22770.00", "0.00", "22770.00"),
  ("invoice", None, "2C-2025-014", "Roskilde Kommune", "2025-12-01", "2025-12-31", "17587.50", "0.00", "17587.50"),
  ("invoice", None, "2C-2025-020", "Familien Dahl", "2025-12-01", "2025-12-31", "9390.00", "2347.50", "11737.50")]'
# A week line explains itself (SPEC 8): its part's agreed, delivered and absent hours.
expect_json_eq 'j["documents"][1]["lines"][0]' '{"type": "week", "week": "2025-W44", "from": "2025-10-27",
  "to": "2025-11-02", "hours": "7.50", "rate": "525.00", "agreed": "7.50", "delivered": "7.50",
  "citizen_absent": "0.00", "staff_absent": "0.00", "amount": "3937.50"}'
expect_json_eq 'j["documents"][1]["period"]' '{"from": "2025-10-27", "to": "2025-11-30"}'
expect_json_eq 'j["documents"][2]["lines"][-2:]' '[
  {"type": "expense", "date": "2025-11-13", "text": "Biograf (entré)", "amount": "85.00"},
  {"type": "expense", "date": "2025-11-20", "text": "Café", "amount": "42.50"}]'
expect_json_eq '[l["week"] for l in j["documents"][2]["lines"] if l["type"] == "week"]' \
  '["2025-W45", "2025-W46", "2025-W47", "2025-W48"]'
cp "$OUT_FILE" "$TMP/dry.json"
expect_no_file "$B/honorar.db"
expect_no_file "$B/invoices"

test_case "a dry run may preview a month that is not over"
run --books "$B" --today 2025-11-20 -q invoice --month 2025-11 --dry-run --format json
expect_exit 0
expect_json_eq '[d["issue_date"] for d in j["documents"]]' '["2025-11-20"] * 3'
expect_no_file "$B/honorar.db"

test_case "faktura is invoice"
run --books "$B" "${T[@]}" faktura --month 2025-11 --dry-run --format json
expect_exit 0
expect_stdout_file "$TMP/dry.json"
expect_no_file "$B/honorar.db"

# The real run.
R=$(copy_books november real)
test_case "invoice, json: numbered documents, registered and written"
run --books "$R" "${T[@]}" invoice --month 2025-11 --format json
expect_exit 0
expect_stderr_contains "${WARNINGS}honorar: 3 documents registered; "
expect_stderr_contains " files written under invoices/"
expect_json_eq '[(d["number"], d["contract"], d["kind"], d["total"]) for d in j["documents"]]' \
  '[(1001, "2C-2025-007", "invoice", "22770.00"), (1002, "2C-2025-014", "invoice", "17587.50"),
    (1003, "2C-2025-020", "invoice", "11737.50")]'
expect_json_eq 'j["total"]' '"52095.00"'
cp "$OUT_FILE" "$TMP/real.json"
expect_json_eq --file "$TMP/real.json" \
  '[{k: v for k, v in d.items() if k != "number"} for d in j["documents"]]' \
  "$(json_value '[{k: v for k, v in d.items() if k != "number"} for d in j["documents"]]' "$TMP/dry.json")"
expect_file "$R/honorar.db"
for n in 1001 1002 1003; do
  expect_file "$R/invoices/2025/$n.json"
  expect_file "$R/invoices/2025/$n.txt"
done
expect_true "the register and the files of the three documents, nothing else" \
  test -z "$(written_files "$R" | grep -Ev '^\./(honorar\.db|honorar\.toml|invoices/2025/100[123]\.[a-z]+)$')"
for n in 1 2 3; do
  expect_json_eq --file "$R/invoices/2025/100$n.json" 'j' \
    "$(json_value "j[\"documents\"][$((n - 1))]" "$TMP/real.json" | sed 's/\bnull\b/None/g; s/\btrue\b/True/g; s/\bfalse\b/False/g')"
done
expect_true "1002.txt is the document as text" grep -q "FAKTURA 1002" "$R/invoices/2025/1002.txt"
expect_true "no CPR, no notes on the document" bash -c "! grep -q 'kontaktperson syg' '$R/invoices/2025/1002.txt'"

test_case "the same month again: nothing to invoice, exit 0, nothing new"
before=$(written_files "$R")
cp "$R/honorar.db" "$TMP/after-first.db"
run --books "$R" --today 2025-12-02 invoice --month 2025-11 --format json
expect_exit 0
expect_json_eq 'j' '{"month": "2025-11", "documents": [], "total": "0.00"}'
# November is billed as it is now: its weeks' warnings are settled history (SPEC 5).
expect_stderr "honorar: nothing to invoice for 2025-11: everything billable is billed
"
expect_true "no new files" test "$(written_files "$R")" = "$before"
expect_true "the document files are unchanged" cmp -s "$R/invoices/2025/1001.json" <(
  "$HONORAR" --books "$R" register render 1001 --format json </dev/null
)
run --books "$R" --today 2025-12-02 invoice --month 2025-11
expect_exit 0
expect_stdout $'Fakturering for 2025-11: intet at fakturere, alt er faktureret\n'
expect_stderr_contains "nothing to invoice for 2025-11"
expect_true "three documents" test "$(register_count "$R")" = 3

test_case "a late entry settles as a regulation line on the next run of the month"
cat >>"$R/timelog/2025/november.toml" <<'EOF'

[[entry]]
contract = "2C-2025-014"
date     = 2025-11-14
hours    = 4
EOF
run --books "$R" --today 2025-12-03 -q invoice --month 2025-11 --format json
expect_exit 0
expect_json_eq '[(d["number"], d["contract"], d["total"]) for d in j["documents"]]' '[(1004, "2C-2025-014", "1575.00")]'
expect_json_has 'j["documents"][0]["lines"][0]' \
  '{"type": "regulation", "week": "2025-W46", "hours": "3.00", "rate": "525.00", "amount": "1575.00"}'
expect_json_eq 'len(j["documents"][0]["lines"])' '1'
expect_file "$R/invoices/2025/1004.json"
expect_file "$R/invoices/2025/1004.txt"

test_case "a month before [invoicing] from is refused, dry or real; the register is untouched"
cp "$R/honorar.db" "$TMP/before-refusal.db"
for dry in "" --dry-run; do
  # shellcheck disable=SC2086
  run --books "$R" --today 2025-12-04 -q invoice --month 2025-10 $dry
  expect_exit 65
  expect_stdout_empty
  expect_stderr $'honorar: 2025-10 is before [invoicing] from (2025-11) in honorar.toml: months before it count as invoiced outside honorar, so there is nothing to invoice\n'
done
expect_same_files "$R/honorar.db" "$TMP/before-refusal.db"
expect_no_file "$R/invoices/2025/1005.json"

test_case "a month not over is refused for a real run"
for today in 2025-12-15 2025-12-31; do
  run --books "$R" --today "$today" -q invoice --month 2025-12
  expect_exit 65
  expect_stdout_empty
  expect_stderr $'honorar: 2025-12 is not over until 2025-12-31: a real run must wait (use --dry-run to preview)\n'
done
expect_same_files "$R/honorar.db" "$TMP/before-refusal.db"

test_case "--month last: the month before --today"
run --books "$R" --today 2026-01-01 -q invoice --month last --format json
expect_exit 0
expect_json_eq 'j["month"]' '"2025-12"'
# 2C-2025-020 bills delivered hours only (absence_billed = false) and logged none in December:
# its lines are all 0.00, so it gets no document; 2C-2025-007 ended in November.
expect_json_eq '[(d["number"], d["contract"], d["issue_date"]) for d in j["documents"]]' \
  '[(1005, "2C-2025-014", "2026-01-01")]'
expect_json_eq '[l["week"] for l in j["documents"][0]["lines"]]' '["2025-W49", "2025-W50", "2025-W51", "2025-W52"]'
expect_file "$R/invoices/2026/1005.json"
expect_file "$R/invoices/2026/1005.txt"
expect_no_file "$R/invoices/2026/1006.json"

test_case "[invoicing] from cannot change once the register exists"
cp "$R/honorar.db" "$TMP/before-from.db"
sed -i 's/^from          = "2025-11"/from          = "2025-10"/' "$R/honorar.toml"
run --books "$R" --today 2026-02-01 -q invoice --month 2026-01
expect_exit 65
expect_stdout_empty
expect_stderr $'honorar: [invoicing] from is 2025-10 in honorar.toml but 2025-11 in the register: it cannot change once invoices are issued\n'
expect_same_files "$R/honorar.db" "$TMP/before-from.db"
sed -i 's/^from          = "2025-10"/from          = "2025-11"/' "$R/honorar.toml"

test_case "a month earlier than the latest run is refused, dry or real (runs go forward)"
cp "$R/honorar.db" "$TMP/before-backwards.db"
for dry in "" --dry-run; do
  # shellcheck disable=SC2086
  run --books "$R" --today 2026-01-02 -q invoice --month 2025-11 $dry
  expect_exit 65
  expect_stdout_empty
  expect_stderr $'honorar: 2025-11 is before 2025-12, the latest month already run: runs go forward (re-run 2025-12 to settle changes)\n'
done
expect_same_files "$R/honorar.db" "$TMP/before-backwards.db"

test_case "a later run writes the files of registered documents that are missing"
rm "$R/invoices/2025/1002.txt" "$R/invoices/2025/1002.json"
run --books "$R" --today 2026-01-02 invoice --month 2025-12 --format json
expect_exit 0
expect_json_eq 'j["documents"]' '[]'
expect_file "$R/invoices/2025/1002.txt"
"$HONORAR" --books "$R" register render 1002 --format json </dev/null >"$TMP/1002.json"
expect_same_files "$R/invoices/2025/1002.json" "$TMP/1002.json"

test_case "invoice, text: the numbers on the documents"
X=$(copy_books november text)
run --books "$X" "${T[@]}" -q invoice --month 2025-11
expect_exit 0
expect_stderr_empty
expect_stdout_contains $'Fakturering for 2025-11: 3 dokumenter\n'
expect_stdout_contains $'\nFaktura 1001 · 2C-2025-007 · Køge Kommune · forfald 31.12.2025\n'
expect_stdout_contains $'\nFaktura 1003 · 2C-2025-020 · Familien Dahl · forfald 31.12.2025\n'
# The [documents] defaults: json, txt, xml and pdf for the two municipalities, json, txt and pdf
# for the family.
expect_true "eleven document files" test "$(find "$X/invoices" -type f | wc -l)" = 11
expect_true "no e-invoice to the family" test "$(cd "$X/invoices/2025" && echo 1003.*)" = "1003.json 1003.pdf 1003.txt"

test_case "the files are the same rendered on one thread or several"
# A run renders its documents' files on a few threads (HONORAR_THREADS: how many).
for n in 1 4; do
  Y=$(copy_books november "threads$n")
  HONORAR_THREADS=$n run --books "$Y" "${T[@]}" -q invoice --month 2025-11
  expect_exit 0
  expect_stderr_empty
done
expect_true "eleven document files" test "$(find "$Y/invoices" -type f | wc -l)" = 11
expect_true "byte for byte" diff -r "$TMP/threads1/invoices" "$Y/invoices"

test_case "invalid books: exit 65 and nothing written, dry or real"
E=$(copy_books errors)
for dry in "" --dry-run; do
  # shellcheck disable=SC2086
  run --books "$E" "${T[@]}" invoice --month 2025-11 $dry --format json
  expect_exit 65
  expect_stdout_empty
  expect_stderr_contains "timelog/2025/november.toml:66:12: error: expense for contract '2C-2025-020', which has no expense agreement"
  expect_stderr_contains "honorar: the books have 5 errors; nothing was done (run 'honorar check')"
  expect_no_file "$E/honorar.db"
  expect_no_file "$E/invoices"
done

test_case "invalid books after a run: exit 65, the register untouched"
cp "$X/honorar.db" "$TMP/x.db"
printf 'contract,date,hours,status\n2C-2025-014,2025-12-02,lots,\n' >"$X/timelog/2025/bad.csv"
run --books "$X" --today 2026-01-01 invoice --month 2025-12
expect_exit 65
expect_stdout_empty
expect_stderr_contains "timelog/2025/bad.csv:2:"
expect_same_files "$X/honorar.db" "$TMP/x.db"
expect_no_file "$X/invoices/2026"
rm "$X/timelog/2025/bad.csv"

test_case "--contract: only those contracts, numbered from the first free number"
S=$(copy_books november subset)
run --books "$S" "${T[@]}" -q invoice --month 2025-11 --contract 2C-2025-014 --format json
expect_exit 0
expect_json_eq '[(d["number"], d["contract"]) for d in j["documents"]]' '[(1001, "2C-2025-014")]'
expect_json_eq 'j["documents"][0]["total"]' '"17587.50"'
expect_true "only its files" test "$(cd "$S/invoices/2025" && echo *)" = "1001.json 1001.pdf 1001.txt 1001.xml"
run --books "$S" "${T[@]}" -q invoice --month 2025-11 --contract 2C-2025-020 --contract 2C-2025-014 --format json
expect_exit 0
expect_json_eq '[(d["number"], d["contract"]) for d in j["documents"]]' '[(1002, "2C-2025-020")]'
run --books "$S" "${T[@]}" -q invoice --month 2025-11 --format json
expect_exit 0
expect_json_eq '[(d["number"], d["contract"]) for d in j["documents"]]' '[(1003, "2C-2025-007")]'

test_case "a run with --contract counts as the month's run (runs go forward)"
run --books "$S" --today 2026-01-01 -q invoice --month 2025-12 --contract 2C-2025-020
expect_exit 0
run --books "$S" --today 2026-01-01 -q invoice --month 2025-11 --contract 2C-2025-014
expect_exit 65
expect_stderr_contains "runs go forward"

test_case "an unknown --contract is a usage error, and nothing is written"
U=$(copy_books november unknown)
run --books "$U" "${T[@]}" -q invoice --month 2025-11 --contract 2C-2025-014 --contract 2C-2099-001
expect_exit 64
expect_stdout_empty
expect_stderr $'honorar: --contract 2C-2099-001: no such contract in the books\n'
expect_no_file "$U/honorar.db"
expect_no_file "$U/invoices"
run --books "$U" "${T[@]}" -q invoice --month 2025-11 --contract nope --dry-run
expect_exit 64

test_case "--month is required and must be a month"
run --books "$U" "${T[@]}" invoice
expect_exit 64
expect_stdout_empty
expect_stderr_contains "--month"
for bad in 2025-13 2025-11-01 11-2025 next; do
  run --books "$U" "${T[@]}" invoice --month "$bad" --dry-run
  expect_exit 64
  expect_stdout_empty
  expect_stderr "honorar: --month must be a month YYYY-MM or 'last', not \"$bad\""$'\n'
done
expect_no_file "$U/honorar.db"

test_case "--format csv is not for invoice"
run --books "$U" "${T[@]}" invoice --month 2025-11 --format csv
expect_exit 64
expect_stdout_empty
expect_no_file "$U/honorar.db"

test_case "a month before [invoicing] from is refused and makes no register"
run --books "$U" "${T[@]}" -q invoice --month 2025-10 --format json
expect_exit 65
expect_stdout_empty
expect_stderr_contains "2025-10 is before [invoicing] from (2025-11)"
expect_no_file "$U/honorar.db"

test_case "a real run that issues nothing still records its month"
N=$TMP/nothing
write_settings "$N" 2025-10
run --books "$N" "${T[@]}" -q invoice --month 2025-11 --format json
expect_exit 0
expect_json_eq 'j["documents"]' '[]'
run --books "$N" "${T[@]}" -q invoice --month 2025-10 --dry-run
expect_exit 65
expect_stderr_contains "2025-10 is before 2025-11, the latest month already run"

test_case "document files that cannot be written: exit 73, nothing registered (the run is atomic)"
W=$(copy_books november unwritable)
touch "$W/invoices" # a file where the folder must go
run --books "$W" "${T[@]}" -q invoice --month 2025-11
expect_exit 73
expect_stderr_contains "cannot write $W/invoices/2025"
"$HONORAR" --books "$W" register list --format json </dev/null >"$TMP/w.json"
expect_json_eq --file "$TMP/w.json" 'j["documents"]' '[]'
expect_true "invoices is still the file it was" test -f "$W/invoices" -a ! -s "$W/invoices"

test_case "once the files can be written, the next run issues and writes everything"
rm "$W/invoices"
run --books "$W" --today 2025-12-02 -q invoice --month 2025-11 --format json
expect_exit 0
expect_json_eq '[(d["number"], d["issue_date"]) for d in j["documents"]]' \
  '[(1001, "2025-12-02"), (1002, "2025-12-02"), (1003, "2025-12-02")]'
for n in 1001 1002 1003; do
  expect_file "$W/invoices/2025/$n.json"
  expect_file "$W/invoices/2025/$n.txt"
done

test_case "missing books: exit 66, nothing created"
run --books "$TMP/nowhere" "${T[@]}" invoice --month 2025-11
expect_exit 66
expect_stdout_empty
expect_no_file "$TMP/nowhere"

test_case "an outlay on a VAT contract: no VAT on it, \"outlay\": true on its line (SPEC 2.7, 2.8)"
B=$(copy_books november outlay)
printf '[[expense]]\ncontract = "2C-2025-020"\ndate = 2025-11-21\namount = 24.00\ntext = "Bus"\noutlay = true\n' \
  >"$B/timelog/2025/outlay.toml"
run --books "$B" "${T[@]}" invoice --month 2025-11 --dry-run --format json
expect_exit 0
# 25 % of 9390.00, as without the bus ticket; the ticket is passed on at cost.
expect_json_eq '[(d["net"], d["vat"], d["total"]) for d in j["documents"] if d["contract"] == "2C-2025-020"]' \
  '[("9414.00", "2347.50", "11761.50")]'
expect_json_eq '[l for d in j["documents"] for l in d["lines"] if l.get("outlay")]' \
  '[{"type": "expense", "date": "2025-11-21", "text": "Bus", "outlay": true, "amount": "24.00"}]'
run --books "$B" "${T[@]}" invoice --month 2025-11 --dry-run
expect_exit 0
expect_stdout_contains $'\n  Udlæg 21. november 2025: Bus (udlæg,                               24,00\n'
expect_stdout_contains $'\n                                                          moms    2.347,50\n'

finish

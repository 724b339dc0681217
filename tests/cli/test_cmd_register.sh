#!/usr/bin/env bash
# honorar register list | show N | render N (SPEC §3.8, §7): the issued documents exactly as
# issued, whatever the books say now.
source "$(dirname "$0")/lib.sh"

B=$(copy_books november)
T=(--today 2025-12-01)

test_case "no register yet: list is empty, exit 0"
run --books "$B" register list --format json
expect_exit 0
expect_stderr_empty
expect_json_eq 'j' '{"documents": []}'
run --books "$B" register list
expect_exit 0
expect_stdout $'(ingen dokumenter i registret)\n'
expect_stderr_empty
expect_no_file "$B/honorar.db"

test_case "no register yet: show and render of any number: exit 66"
for cmd in show render; do
  run --books "$B" register "$cmd" 1001 --format json
  expect_exit 66
  expect_stdout_empty
  expect_stderr $'honorar: no document number 1001 in the register\n'
done
expect_no_file "$B/honorar.db"

test_case "a dry run registers nothing"
run --books "$B" "${T[@]}" -q invoice --month 2025-11 --dry-run
expect_exit 0
run --books "$B" register list --format json
expect_json_eq 'j["documents"]' '[]'

test_case "an empty register lists []"
# A real run that issues nothing (books without contracts) still makes the register.
write_settings "$TMP/empty-register"
run --books "$TMP/empty-register" "${T[@]}" -q invoice --month 2025-11 --format json
expect_exit 0
expect_json_eq 'j["documents"]' '[]'
expect_file "$TMP/empty-register/honorar.db"
run --books "$TMP/empty-register" register list --format json
expect_exit 0
expect_json_eq 'j' '{"documents": []}'
run --books "$TMP/empty-register" register list
expect_exit 0
expect_stdout $'(ingen dokumenter i registret)\n'

# The run whose documents the register keeps.
run --books "$B" "${T[@]}" -q invoice --month 2025-11 --format json
RUN_JSON=$TMP/run.json
cp "$OUT_FILE" "$RUN_JSON"
test_case "the run"
expect_exit 0
expect_json_eq '[d["number"] for d in j["documents"]]' '[1001, 1002, 1003]'

test_case "register list --format json"
run --books "$B" register list --format json
expect_exit 0
expect_stderr_empty
expect_json_eq '[list(d) for d in j["documents"]][0]' '["number", "kind", "contract", "month", "issue_date", "total", "paid", "open", "delivered"]'
expect_json_eq '[{k: d[k] for k in ("number", "kind", "contract", "month", "issue_date", "total")} for d in j["documents"]]' '[
  {"number": 1001, "kind": "invoice", "contract": "2C-2025-007", "month": "2025-11", "issue_date": "2025-12-01", "total": "22770.00"},
  {"number": 1002, "kind": "invoice", "contract": "2C-2025-014", "month": "2025-11", "issue_date": "2025-12-01", "total": "17587.50"},
  {"number": 1003, "kind": "invoice", "contract": "2C-2025-020", "month": "2025-11", "issue_date": "2025-12-01", "total": "11737.50"}]'
expect_json_eq '[d["delivered"] for d in j["documents"]]' '[null, null, null]'
cp "$OUT_FILE" "$TMP/list.json"

test_case "register list, text"
run --books "$B" register list
expect_exit 0
expect_stderr_empty
expect_stdout "     Nr.  Type        Kontrakt        Måned    Dato                 I alt        Betalt    Udestående  Sendt
    1001  faktura     2C-2025-007     2025-11  01.12.2025       22.770,00          0,00     22.770,00  ikke sendt
    1002  faktura     2C-2025-014     2025-11  01.12.2025       17.587,50          0,00     17.587,50  ikke sendt
    1003  faktura     2C-2025-020     2025-11  01.12.2025       11.737,50          0,00     11.737,50  ikke sendt
"

test_case "register show N --format json is the document as the run printed it, then paid and open"
for n in 1 2 3; do
  run --books "$B" register show "100$n" --format json
  expect_exit 0
  expect_stderr_empty
  expect_json_eq '{k: v for k, v in j.items() if k not in ("paid", "open")}' "$(json_value "j[\"documents\"][$((n - 1))]" "$RUN_JSON" |
    sed 's/\bnull\b/None/g; s/\btrue\b/True/g; s/\bfalse\b/False/g')"
  expect_json_eq 'list(j)[-2:], j["paid"], j["open"] == j["total"]' '(["paid", "open"], "0.00", True)'
  # The document's keys, in their order and byte for byte, then the two (issue 17 item 6).
  expect_true "100$n: the document's JSON, then paid and open" py -c '
import json, sys
shown = open(sys.argv[1], encoding="utf-8").read()
issued = open(sys.argv[2], encoding="utf-8").read()
assert shown.startswith(issued.rstrip().rstrip("}").rstrip()), "not the issued JSON"
assert json.loads(shown)["paid"] == "0.00"
' "$OUT_FILE" "$B/invoices/2025/100$n.json"
done

test_case "register show N, text, is the document's text file, then what is paid and open"
for n in 1 2 3; do
  run --books "$B" register show "100$n"
  expect_exit 0
  expect_stderr_empty
  total=$(json_value "j[\"documents\"][$((n - 1))][\"total\"]" "$RUN_JSON")
  expect_stdout "$(cat "$B/invoices/2025/100$n.txt")

Betalt: 0,00    Udestående: $(printf '%s' "$total" | py -c 'import sys; a, b = sys.stdin.read().strip().strip(chr(34)).split("."); print(f"{int(a):,}".replace(",", ".") + "," + b)')
"
done
expect_stdout_contains "FAKTURA 1003"
expect_stdout_contains "Familien Dahl"

# render N, before and after the books change: every format the run wrote a file in (the
# [documents] defaults: xml and pdf for the municipalities, pdf for the family).
ext_of() { if [ "$1" = text ]; then echo txt; else echo "$1"; fi; }
formats_of() { for f in json text xml pdf; do [ -f "$B/invoices/2025/$1.$(ext_of $f)" ] && echo "$f"; done; }
test_case "register render N, in every format written, is the issued file byte for byte"
expect_true "1001 was written in four formats" test "$(formats_of 1001 | wc -l)" = 4
expect_true "1003 (a family) in three" test "$(formats_of 1003 | tr '\n' ' ')" = "json text pdf "
for n in 1001 1002 1003; do
  for f in $(formats_of $n); do
    run --books "$B" register render "$n" --format "$f"
    expect_exit 0
    expect_stderr_empty
    expect_stdout_file "$B/invoices/2025/$n.$(ext_of $f)"
    cp "$OUT_FILE" "$TMP/render-$n.$f"
  done
done

test_case "register render N is byte-identical across calls"
for n in 1001 1002 1003; do
  for f in $(formats_of $n); do
    run --books "$B" register render "$n" --format "$f"
    expect_exit 0
    expect_stderr_empty
    expect_stdout_file "$TMP/render-$n.$f"
  done
done
run --books "$B" register render 1002
expect_stdout_file "$TMP/render-1002.text"
expect_stdout_file "$B/invoices/2025/1002.txt"

test_case "register render N is byte-identical after the books change"
sed -i 's/^name    = "2nd Chance 2020"/name    = "Third Chance ApS"/; s/^payment_terms = "30 dage"/payment_terms = "14 dage"/' \
  "$B/honorar.toml"
sed -i 's/^rate           = 525.00/rate           = 600.00/; s/^name      = "Roskilde Kommune"/name      = "Lejre Kommune"/' \
  "$B/contracts/ab.toml"
rm "$B/timelog/2025/mentor.csv"
sed -i 's/^rate           = 650.00/rate           = 700.00/; s/^vat            = 25/vat            = 12.5/' "$B/contracts/cd.toml"
rm -r "$B/invoices"
run --books "$B" "${T[@]}" -q check
expect_exit 0
expect_true "the books did change" grep -q "Third Chance" "$B/honorar.toml"
expect_true "the books did change" grep -q "Lejre Kommune" "$B/contracts/ab.toml"
expect_true "the books did change" grep -q "rate           = 700.00" "$B/contracts/cd.toml"
for n in 1001 1002 1003; do
  for f in json text xml pdf; do
    [ -f "$TMP/render-$n.$f" ] || continue
    run --books "$B" register render "$n" --format "$f"
    expect_exit 0
    expect_stdout_file "$TMP/render-$n.$f"
  done
done
run --books "$B" register show 1002 --format json
expect_json_has 'j' '{"payer": "Roskilde Kommune", "due_date": "2025-12-31", "total": "17587.50"}'
run --books "$B" register list --format json
expect_stdout_file "$TMP/list.json"

test_case "the register is read even when the books are invalid now"
printf 'id = "broken"\nhours_per_weak = 5\n' >"$B/contracts/broken.toml"
run --books "$B" register render 1001 --format json
expect_exit 0
expect_stdout_file "$TMP/render-1001.json"
rm "$B/contracts/broken.toml"

test_case "show or render of a number not in the register: exit 66"
for args in "show 1000" "show 1004" "render 999 --format json" "render 0" "show -1"; do
  # shellcheck disable=SC2086
  run --books "$B" register $args
  expect_exit 66
  expect_stdout_empty
  expect_stderr_contains "no document number"
done

test_case "R<n> names a reminder (SPEC 9.4): none in this register, exit 66"
for args in "show R1" "show r1 --format json" "render R7 --format pdf" "render R0 --format text"; do
  # shellcheck disable=SC2086
  run --books "$B" register $args
  expect_exit 66
  expect_stdout_empty
  expect_stderr_contains "no reminder R"
done
run --books "$B" register show R3
expect_stderr $'honorar: no reminder R3 in the register\n'

test_case "R<n>: a reminder has no e-invoice, and R alone is no number: exit 64"
run --books "$B" register render R1 --format xml
expect_exit 64
expect_stdout_empty
expect_stderr $'honorar: --format must be one of json, text, pdf for a reminder, not "xml"\n'
for args in "show R" "show R1x" "render 1R --format json" "show R-1"; do
  # shellcheck disable=SC2086
  run --books "$B" register $args
  expect_exit 64
  expect_stdout_empty
  expect_stderr_contains "is not a document number (N, or R<n> for a reminder)"
done

test_case "register usage errors: exit 64"
for args in "" "show" "render" "show abc" "show 1001 1002" "list 1001" "frobnicate"; do
  # shellcheck disable=SC2086
  run --books "$B" register $args
  expect_exit 64
  expect_stdout_empty
done
for args in "list --format csv" "show 1001 --format csv" "render 1001 --format ics"; do
  # shellcheck disable=SC2086
  run --books "$B" register $args
  expect_exit 64
  expect_stdout_empty
  expect_stderr_contains "--format"
done

test_case "the register of \$HONORAR_BOOKS and of the current directory"
HONORAR_BOOKS=$B run register list --format json
expect_exit 0
expect_stdout_file "$TMP/list.json"
pushd "$B" >/dev/null || exit 2
run register render 1003 --format json
popd >/dev/null || exit 2
expect_exit 0
expect_stdout_file "$TMP/render-1003.json"

test_case "missing books: exit 66"
for args in "list" "list --format json" "show 1001" "render 1001"; do
  # shellcheck disable=SC2086
  run --books "$TMP/nowhere" register $args
  expect_exit 66
  expect_stdout_empty
  expect_stderr_contains "does not exist"
done
expect_no_file "$TMP/nowhere"

test_case "a honorar.db that is no register: exit 65, the file untouched"
F=$TMP/foreign
mkdir -p "$F"
cp "$BOOKS_DIR/november/honorar.toml" "$F/"
for _ in $(seq 1 50); do echo "These are my notes, not an invoice register."; done >"$F/honorar.db"
cp "$F/honorar.db" "$TMP/foreign.db"
for args in "list" "list --format json" "show 1001"; do
  # shellcheck disable=SC2086
  run --books "$F" register $args
  expect_exit 65
  expect_stdout_empty
  expect_stderr_contains "honorar.db is not a valid honorar register"
done
expect_same_files "$F/honorar.db" "$TMP/foreign.db"
rm "$F/honorar.db"
sqlite3 "$F/honorar.db" "CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('mine');"
cp "$F/honorar.db" "$TMP/foreign.db"
run --books "$F" register list
expect_exit 65
expect_stderr $'honorar: honorar.db is an SQLite file but not a honorar register\n'
expect_same_files "$F/honorar.db" "$TMP/foreign.db"
expect_no_file "$F/honorar.db-journal"

test_case "a credit note in the register"
cp "$BOOKS_DIR/november/contracts/cd.toml" "$B/contracts/cd.toml"
# 2C-2025-014 ends early by agreement: its November weeks after the 9th are no longer billable.
printf '\n[termination]\ngiven = 2025-11-01\nend   = 2025-11-09\n' >>"$B/contracts/ab.toml"
sed -i 's/^rate           = 600.00/rate           = 525.00/' "$B/contracts/ab.toml"
cp -R "$BOOKS_DIR/november/timelog/2025/mentor.csv" "$B/timelog/2025/mentor.csv"
run --books "$B" --today 2025-12-02 -q invoice --month 2025-11 --format json
expect_exit 0
expect_json_eq '[(d["number"], d["kind"], d["contract"], d["total"]) for d in j["documents"]]' \
  '[(1004, "credit-note", "2C-2025-014", "-9712.50")]'
cp "$OUT_FILE" "$TMP/credit.json"
run --books "$B" register list --format json
expect_json_has 'j["documents"][3]' '{"number": 1004, "kind": "credit-note", "contract": "2C-2025-014", "total": "-9712.50"}'
run --books "$B" register show 1004 --format json
expect_json_eq '{k: v for k, v in j.items() if k not in ("paid", "open")}' "$(json_value 'j["documents"][0]' "$TMP/credit.json" | sed 's/\bnull\b/None/g')"
expect_json_eq 'j["paid"], j["open"]' '("0.00", "0.00")'
run --books "$B" register list
# The credit note lowers the invoice it corrects (1002, the same contract's): its open amount.
expect_stdout_contains $'\n    1002  faktura     2C-2025-014     2025-11  01.12.2025       17.587,50          0,00      7.875,00  ikke sendt\n'
expect_stdout_contains $'\n    1004  kreditnota  2C-2025-014     2025-11  02.12.2025       -9.712,50          0,00          0,00  ikke sendt\n'
run --books "$B" register show 1002
expect_stdout_contains $'\n\nBetalt: 0,00    Udestående: 7.875,00\n'

finish

#!/usr/bin/env bash
# honorar init [DIR] | opret: a new books directory that passes check, never overwriting.
source "$(dirname "$0")/lib.sh"

T=(--today 2026-11-23)

test_case "init DIR: creates the books and lists the files"
run "${T[@]}" init "$TMP/new"
expect_exit 0
expect_stdout $'honorar.toml\ncontracts/eksempel.toml\ntimelog/2026/11.toml\n'
expect_stderr_contains "new books in '$TMP/new'"
expect_file "$TMP/new/honorar.toml"
expect_file "$TMP/new/contracts/eksempel.toml"
expect_file "$TMP/new/timelog/2026/11.toml"

test_case "the new books pass check: no error, no warning"
run --books "$TMP/new" "${T[@]}" check
expect_exit 0
expect_stderr $'0 errors, 0 warnings in 1 contract, 0 entries, 0 expenses\n'

test_case "the new books pass check also weeks later (the example is logged as nothing yet)"
run --books "$TMP/new" --today 2026-11-24 check -q
expect_exit 0

test_case "the files are commented, and name this month and day"
expect_true "honorar.toml is commented" grep -q '^# honorar.toml' "$TMP/new/honorar.toml"
expect_true "invoicing.from is this month" grep -q '^from *= "2026-11"' "$TMP/new/honorar.toml"
expect_true "the example starts today" grep -q '^start *= 2026-11-23' "$TMP/new/contracts/eksempel.toml"
expect_true "the [documents] defaults are shown" grep -q '^# municipality = \["xml", "pdf"\]' "$TMP/new/honorar.toml"

test_case "the other commands work on the new books"
run --books "$TMP/new" "${T[@]}" -q deadlines --within 100 --format json
expect_exit 0
expect_json_eq 'j["deadlines"]' '[{"contract": "EKSEMPEL-01", "kind": "status-report", "number": 1, "due": "2027-02-23", "overdue": false}]'
run --books "$TMP/new" --today 2026-12-01 -q invoice --month 2026-11 --dry-run --format json
expect_exit 0
expect_json 'j["documents"][0]["contract"] == "EKSEMPEL-01"'

test_case "init refuses a directory that is not empty, and changes nothing"
cp "$TMP/new/honorar.toml" "$TMP/before.toml"
echo '# mine' >>"$TMP/new/honorar.toml"
cp "$TMP/new/honorar.toml" "$TMP/mine.toml"
run "${T[@]}" init "$TMP/new"
expect_exit 73
expect_stdout_empty
expect_stderr_contains "is not empty; init never overwrites anything"
expect_same_files "$TMP/new/honorar.toml" "$TMP/mine.toml"

test_case "init refuses a directory that holds only one unrelated file"
mkdir -p "$TMP/other"
echo keep >"$TMP/other/notes.txt"
run "${T[@]}" init "$TMP/other"
expect_exit 73
expect_no_file "$TMP/other/honorar.toml"
expect_true "the file is kept" grep -qx keep "$TMP/other/notes.txt"

test_case "init refuses a path that is a file"
echo x >"$TMP/afile"
run "${T[@]}" init "$TMP/afile"
expect_exit 73
expect_stderr_contains "exists and is not a directory"

test_case "init fills an empty directory"
mkdir "$TMP/empty"
run "${T[@]}" -q opret "$TMP/empty"
expect_exit 0
expect_stderr_empty
expect_file "$TMP/empty/honorar.toml"

test_case "init creates missing parents"
run "${T[@]}" -q init "$TMP/a/b/c"
expect_exit 0
expect_file "$TMP/a/b/c/contracts/eksempel.toml"

test_case "init without DIR uses --books, then \$HONORAR_BOOKS"
run "${T[@]}" -q --books "$TMP/via-books" init
expect_exit 0
expect_file "$TMP/via-books/honorar.toml"
HONORAR_BOOKS=$TMP/via-env run "${T[@]}" -q init
expect_exit 0
expect_file "$TMP/via-env/honorar.toml"

test_case "init where a directory cannot be created: exit 73, nothing left behind"
mkdir "$TMP/ro"
chmod 555 "$TMP/ro"
if [ "$(id -u)" -ne 0 ]; then
  run "${T[@]}" init "$TMP/ro/books"
  expect_exit 73
  expect_no_file "$TMP/ro/books"
fi
chmod 755 "$TMP/ro"

test_case "init --format json"
run "${T[@]}" --format json init "$TMP/j"
expect_exit 0
expect_json_eq 'j["created"]' '["honorar.toml", "contracts/eksempel.toml", "timelog/2026/11.toml"]'

finish

#!/usr/bin/env bash
# honorar init [DIR] | opret: a new books directory that passes check but for its placeholders,
# never overwriting.
source "$(dirname "$0")/lib.sh"

T=(--today 2026-11-23)

test_case "init DIR: creates the books and lists the files"
run "${T[@]}" init "$TMP/new"
expect_exit 0
expect_stdout $'honorar.toml\ncontracts/eksempel.toml\ntimelog/2026/10.toml\n'
expect_stderr_contains "new books in '$TMP/new'"
expect_file "$TMP/new/honorar.toml"
expect_file "$TMP/new/contracts/eksempel.toml"
expect_file "$TMP/new/timelog/2026/10.toml"

PLACEHOLDER_WARNINGS='honorar.toml:6:11: warning: [provider] name is still the placeholder "Leverandøren ApS" that honorar init wrote: fill in your own
honorar.toml:7:11: warning: [provider] cvr is still the placeholder "11111114" that honorar init wrote: fill in your own
honorar.toml:10:11: warning: [provider] bank is still the placeholder { reg = "0000", account = "0000000000" } that honorar init wrote: fill in your own
'

test_case "the new books pass check: no error, a warning for each placeholder and no other"
run --books "$TMP/new" "${T[@]}" check
expect_exit 0
expect_stdout_empty
expect_stderr "$PLACEHOLDER_WARNINGS"$'0 errors, 3 warnings in 1 contract, 4 entries, 0 expenses\n'

test_case "the same warnings weeks later: the example course is over and logged in full"
run --books "$TMP/new" --today 2027-01-11 check
expect_exit 0
expect_stderr "$PLACEHOLDER_WARNINGS"$'0 errors, 3 warnings in 1 contract, 4 entries, 0 expenses\n'

test_case "every command counts the placeholder warnings"
run --books "$TMP/new" "${T[@]}" report --month last
expect_exit 0
expect_stderr $'honorar: 3 warnings in the books (run \'honorar check\' to see them)\n'

test_case "the files are commented; from is last month, and the example course lies in it"
expect_true "honorar.toml is commented" grep -q '^# honorar.toml' "$TMP/new/honorar.toml"
expect_true "invoicing.from is last month" grep -q '^from *= "2026-10"' "$TMP/new/honorar.toml"
expect_true "the example starts on the Monday of the week of 1 October" \
  grep -q '^start *= 2026-09-28 ' "$TMP/new/contracts/eksempel.toml"
expect_true "the example ends on the last Sunday of October" \
  grep -q '^end *= 2026-10-25 ' "$TMP/new/contracts/eksempel.toml"
expect_true "the [documents] defaults are shown" grep -q '^# municipality = \["xml", "pdf"\]' "$TMP/new/honorar.toml"

test_case "the example entries: one for each week, on its first day in last month"
run --books "$TMP/new" "${T[@]}" -q report --month last --format json
expect_exit 0
expect_json_eq '[(w["week"], w["delivered"], w["billable"], w["unlogged"]) for w in j["contracts"][0]["weeks"]]' \
  '[("2026-W40", "5.00", "5.00", False), ("2026-W41", "5.00", "5.00", False), ("2026-W42", "5.00", "5.00", False), ("2026-W43", "5.00", "5.00", False)]'
expect_true "the entries' dates" test "$(grep -c '^date' "$TMP/new/timelog/2026/10.toml")" = 4
for d in 2026-10-01 2026-10-05 2026-10-12 2026-10-19; do
  expect_true "an entry on $d" grep -q "^date     = $d\$" "$TMP/new/timelog/2026/10.toml"
done

test_case "invoice --month last --dry-run works on the new books: the whole example course"
run --books "$TMP/new" "${T[@]}" -q invoice --month last --dry-run --format json
expect_exit 0
expect_json 'len(j["documents"]) == 1'
expect_json 'j["documents"][0]["contract"] == "EKSEMPEL-01"'
expect_json_eq 'j["documents"][0]["total"]' '"10000.00"'
run --books "$TMP/new" "${T[@]}" invoice --month last --dry-run
expect_exit 0
expect_stdout_contains "EKSEMPEL-01"
expect_stderr $'honorar: 3 warnings in the books (run \'honorar check\' to see them)\n'

test_case "init on the first day of a month: last month's example, every week whole and logged"
run --today 2026-03-01 -q init "$TMP/march"
expect_exit 0
expect_file "$TMP/march/timelog/2026/02.toml"
run --books "$TMP/march" --today 2026-03-01 check
expect_exit 0
expect_stderr "$PLACEHOLDER_WARNINGS"$'0 errors, 3 warnings in 1 contract, 4 entries, 0 expenses\n'
run --books "$TMP/march" --today 2026-03-01 -q invoice --month last --dry-run --format json
expect_exit 0
expect_json_eq 'j["documents"][0]["total"]' '"10000.00"'

test_case "filled in, the new books have no warning"
sed -i -e 's/^name    = "Leverandøren ApS"/name    = "Egen Hjælp ApS"/' -e 's/^cvr     = "11111114"/cvr     = "12345674"/' \
  -e 's/reg = "0000", account = "0000000000"/reg = "1234", account = "1234567890"/' "$TMP/march/honorar.toml"
run --books "$TMP/march" --today 2026-03-01 check
expect_exit 0
expect_stderr $'0 errors, 0 warnings in 1 contract, 4 entries, 0 expenses\n'

test_case "the other commands work on the new books: the example course is over, no deadline"
run --books "$TMP/new" "${T[@]}" -q deadlines --within 100 --format json
expect_exit 0
expect_json_eq 'j["deadlines"]' '[]'

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
expect_json_eq 'j["created"]' '["honorar.toml", "contracts/eksempel.toml", "timelog/2026/10.toml"]'

finish

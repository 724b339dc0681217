#!/usr/bin/env bash
# honorar notice | opsigelse (SPEC 6.1, §7): the end date for notice given on a day, every rule
# form, --latest-for, --contract; needs no books unless --contract is given.
source "$(dirname "$0")/lib.sh"

# Everything runs outside any books directory, with no $HONORAR_BOOKS, unless said otherwise.
mkdir "$TMP/elsewhere"
cd "$TMP/elsewhere" || exit 2

# notice_is GIVEN RULE END: `notice GIVEN --notice RULE` prints END and a newline, nothing else.
notice_is() {
  test_case "notice $1 --notice '$2'"
  run notice "$1" --notice "$2"
  expect_exit 0
  expect_stdout "$3"$'\n'
  expect_stderr_empty
}

# løbende måned + N: the last day of the month N months after the given day's month.
notice_is 2025-11-18 "løbende måned + 1" 2025-12-31
notice_is 2025-11-01 "løbende måned + 1" 2025-12-31
notice_is 2025-11-30 "løbende måned + 1" 2025-12-31
notice_is 2024-01-31 "løbende måned + 1" 2024-02-29
notice_is 2025-12-01 "løbende måned + 1" 2026-01-31
notice_is 2025-12-31 "løbende måned + 1" 2026-01-31
notice_is 2025-11-18 "løbende måned + 0" 2025-11-30
notice_is 2025-11-18 "løbende måned + 3" 2026-02-28
notice_is 2025-11-18 "løbende måned + 120" 2035-11-30
notice_is 2025-11-18 "Løbende  Måned+2" 2026-01-31
notice_is 2025-11-18 "LØBENDE MÅNED + 1" 2025-12-31
notice_is 2025-11-18 "  løbende måned + 1  " 2025-12-31
notice_is 2025-11-18 "current month + 1" 2025-12-31
notice_is 2025-11-18 "Current Month + 0" 2025-11-30
# løbende uge + N: the Sunday N weeks after the given day's ISO week.
notice_is 2025-11-19 "løbende uge + 2" 2025-12-07
notice_is 2025-11-17 "løbende uge + 0" 2025-11-23
notice_is 2025-11-23 "current week + 0" 2025-11-23
notice_is 2025-12-29 "current week + 1" 2026-01-11
# N dage / days / dag / day
notice_is 2025-11-18 "14 dage" 2025-12-02
notice_is 2025-12-20 "30 days" 2026-01-19
notice_is 2025-12-31 "1 dag" 2026-01-01
notice_is 2024-02-28 "1 day" 2024-02-29
notice_is 2025-11-18 "0 dage" 2025-11-18
notice_is 2025-11-18 "120 dage" 2026-03-18
notice_is 2025-11-18 "14 DAGE" 2025-12-02
# N uger / weeks / uge / week
notice_is 2025-11-18 "3 uger" 2025-12-09
notice_is 2025-12-25 "2 weeks" 2026-01-08
notice_is 2025-11-18 "1 uge" 2025-11-25
notice_is 2025-11-18 "1 week" 2025-11-25
# N måneder / months / måned / month: the day kept, clamped to the month's end
notice_is 2024-11-30 "3 måneder" 2025-02-28
notice_is 2025-08-31 "6 months" 2026-02-28
notice_is 2024-01-31 "1 måned" 2024-02-29
notice_is 2025-01-31 "1 month" 2025-02-28
notice_is 2024-02-29 "12 months" 2025-02-28
notice_is 2025-11-18 "1 måned" 2025-12-18
# ingen / none
notice_is 2025-11-18 "ingen" 2025-11-18
notice_is 2025-11-18 "none" 2025-11-18
notice_is 2025-11-18 "Ingen" 2025-11-18

test_case "the default rule is løbende måned + 1"
run notice 2025-11-18
expect_exit 0
expect_stdout $'2025-12-31\n'
expect_stderr_empty

test_case "opsigelse is notice"
run opsigelse 2025-11-18 --notice "14 dage"
expect_exit 0
expect_stdout $'2025-12-02\n'

test_case "GIVEN may be 'today', which is --today"
run --today 2026-02-10 opsigelse today --notice "løbende måned + 1"
expect_exit 0
expect_stdout $'2026-03-31\n'
run notice today --today 2024-01-31 --notice "1 måned"
expect_exit 0
expect_stdout $'2024-02-29\n'

test_case "notice --format json"
run notice 2025-11-18 --format json
expect_exit 0
expect_stderr_empty
expect_json_has 'j' '{"given": "2025-11-18", "notice": "løbende måned + 1", "end": "2025-12-31"}'
expect_true "stdout ends with a newline" test "${STDOUT: -1}" = $'\n'

test_case "the JSON notice field is the rule exactly as given"
run notice 2025-11-18 --notice "  Løbende  Måned+2 " --format json
expect_exit 0
expect_json_has 'j' '{"given": "2025-11-18", "notice": "  Løbende  Måned+2 ", "end": "2026-01-31"}'
run notice 2025-11-18 --notice "3 uger" --format json
expect_json_has 'j' '{"given": "2025-11-18", "notice": "3 uger", "end": "2025-12-09"}'

# --latest-for END: the last day notice can be given for the course to end on or before END.
latest_is() {
  test_case "notice --latest-for $1 --notice '$2'"
  run notice --latest-for "$1" --notice "$2"
  expect_exit 0
  expect_stdout "$3"$'\n'
  expect_stderr_empty
  run notice --latest-for "$1" --notice "$2" --format json
  expect_exit 0
  expect_json_has 'j' "{\"end\": \"$1\", \"notice\": \"$2\", \"latest_given\": \"$3\"}"
  # ... and it is the last such day: notice on it ends by END, notice a day later does not.
  run notice "$3" --notice "$2"
  local end=${STDOUT%$'\n'}
  expect_true "notice on $3 ends on $end, on or before $1" test ! "$end" \> "$1"
  run notice "$(date -u -d "$3 + 1 day" +%F)" --notice "$2"
  end=${STDOUT%$'\n'}
  expect_true "notice a day after $3 ends on $end, after $1" test "$end" \> "$1"
}
latest_is 2026-01-31 "løbende måned + 1" 2025-12-31
latest_is 2026-01-15 "løbende måned + 1" 2025-11-30
latest_is 2026-03-01 "løbende måned + 1" 2026-01-31
latest_is 2024-03-31 "løbende måned + 1" 2024-02-29
latest_is 2026-01-31 "14 dage" 2026-01-17
latest_is 2025-12-28 "løbende uge + 1" 2025-12-21
latest_is 2025-12-27 "løbende uge + 1" 2025-12-14
latest_is 2025-02-28 "1 måned" 2025-01-31
latest_is 2025-03-30 "1 måned" 2025-02-28
latest_is 2025-12-09 "3 uger" 2025-11-18
latest_is 2025-11-18 "ingen" 2025-11-18

test_case "--latest-for with the default rule"
run notice --latest-for 2026-01-31
expect_exit 0
expect_stdout $'2025-12-31\n'
run notice --latest-for today --today 2026-01-31 --format json
expect_json_has 'j' '{"end": "2026-01-31", "notice": "løbende måned + 1", "latest_given": "2025-12-31"}'

test_case "GIVEN together with --latest-for is a usage error"
run notice 2025-11-18 --latest-for 2026-01-31
expect_exit 64
expect_stdout_empty
expect_stderr $'honorar: give either GIVEN or --latest-for END, not both\n'

test_case "neither GIVEN nor --latest-for is a usage error"
run notice --notice "14 dage"
expect_exit 64
expect_stdout_empty
expect_stderr_contains "GIVEN"

test_case "a rule that does not parse is a usage error"
for rule in "om en måned" "løbende måned + 121" "121 dage" "-1 dage" "1.5 dage" "14" "dage" "løbende år + 1" \
  "løbende måned - 1"; do
  run notice 2025-11-18 --notice "$rule"
  expect_exit 64
  expect_stdout_empty
  expect_stderr_contains "notice rule \"$rule\" does not parse"
done
run notice --latest-for 2026-01-31 --notice "om en måned"
expect_exit 64
expect_stdout_empty

test_case "a bad date is a usage error"
for day in 2025-02-30 2025-13-01 2025-2-3 18-11-2025 tomorrow 2025-11-18x; do
  run notice "$day"
  expect_exit 64
  expect_stdout_empty
  expect_stderr "honorar: GIVEN must be a date YYYY-MM-DD or 'today', not \"$day\""$'\n'
  run notice --latest-for "$day"
  expect_exit 64
  expect_stdout_empty
  expect_stderr_contains "--latest-for"
done

test_case "--notice together with --contract is a usage error"
run notice 2025-11-18 --notice "14 dage" --contract K-1
expect_exit 64
expect_stdout_empty

test_case "two dates are a usage error"
run notice 2025-11-18 2025-11-19
expect_exit 64
expect_stdout_empty

test_case "notice without --contract works in any directory, whatever the books setting says"
HONORAR_BOOKS=$TMP/nowhere run notice 2025-11-18
expect_exit 0
expect_stdout $'2025-12-31\n'
run --books "$TMP/nowhere" notice 2025-11-18 --notice "14 dage"
expect_exit 0
expect_stdout $'2025-12-02\n'
E=$(copy_books errors)
run --books "$E" notice 2025-11-18
expect_exit 0
expect_stdout $'2025-12-31\n'
expect_stderr_empty

# --contract reads the books: the contract's rule only, not its end.
C=$TMP/contracts
write_settings "$C"
write_contract "$C" K-1 2025-10-06
write_contract "$C" K-2 2025-10-06
cat >>"$C/contracts/K-2.toml" <<'EOF'
EOF
sed -i 's/^handleplan .*/handleplan     = 2025-10-01\nnotice         = "14 dage"\nend            = 2025-11-20/' "$C/contracts/K-2.toml"
write_file "$C/timelog/log.csv" <<'EOF'
contract,date,hours,status
K-1,2025-10-07,5,
K-1,2025-10-14,5,
K-1,2025-10-21,5,
K-1,2025-10-28,5,
K-1,2025-11-04,5,
K-1,2025-11-11,5,
K-2,2025-10-07,5,
K-2,2025-10-14,5,
K-2,2025-10-21,5,
K-2,2025-10-28,5,
K-2,2025-11-04,5,
K-2,2025-11-11,5,
EOF

test_case "--contract uses that contract's rule (its own end does not cut the answer)"
run --books "$C" --today 2025-11-17 notice 2025-11-18 --contract K-2
expect_exit 0
expect_stdout $'2025-12-02\n'
expect_stderr_empty
run --books "$C" --today 2025-11-17 notice 2025-11-18 --contract K-2 --format json
expect_exit 0
expect_json_has 'j' '{"given": "2025-11-18", "notice": "14 dage", "end": "2025-12-02"}'

test_case "--contract without a notice rule uses the default"
run --books "$C" --today 2025-11-17 notice 2025-11-18 --contract K-1
expect_exit 0
expect_stdout $'2025-12-31\n'

test_case "--contract with --latest-for"
run --books "$C" --today 2025-11-17 notice --latest-for 2026-01-31 --contract K-2 --format json
expect_exit 0
expect_json_has 'j' '{"end": "2026-01-31", "notice": "14 dage", "latest_given": "2026-01-17"}'

test_case "--contract finds the books through \$HONORAR_BOOKS and the current directory"
HONORAR_BOOKS=$C run --today 2025-11-17 notice 2025-11-18 --contract K-2
expect_exit 0
expect_stdout $'2025-12-02\n'
pushd "$C" >/dev/null || exit 2
run --today 2025-11-17 opsigelse 2025-11-18 --contract K-2
popd >/dev/null || exit 2
expect_exit 0
expect_stdout $'2025-12-02\n'

test_case "--contract of the example books (the acceptance step)"
B=$(copy_books november)
run --books "$B" --today 2025-12-01 opsigelse 2025-10-18 --contract 2C-2025-007
expect_exit 0
expect_stdout $'2025-11-30\n'
expect_stderr $'honorar: 2 warnings in the books (run \'honorar check\' to see them)\n'

test_case "--contract naming no contract is a usage error"
run --books "$C" --today 2025-11-17 notice 2025-11-18 --contract K-9
expect_exit 64
expect_stdout_empty
expect_stderr_contains "K-9"

test_case "--contract on invalid books: exit 65, the errors on stderr"
run --books "$E" --today 2025-12-01 notice 2025-11-18 --contract 2C-2025-014
expect_exit 65
expect_stdout_empty
expect_stderr_contains "contracts/ef.toml:15:13: error: "
expect_stderr_contains "honorar: the books have 5 errors; nothing was done"

test_case "--contract without books: exit 66"
run --books "$TMP/nowhere" notice 2025-11-18 --contract K-1
expect_exit 66
expect_stdout_empty
run notice 2025-11-18 --contract K-1 # in an empty directory
expect_exit 66
expect_stdout_empty
expect_stderr_contains "has no honorar.toml"

test_case "a bad date is a usage error before any books are read"
run --books "$TMP/nowhere" notice 2025-02-30 --contract K-1
expect_exit 64
expect_stdout_empty

test_case "--format csv is not for notice"
run notice 2025-11-18 --format csv
expect_exit 64
expect_stdout_empty
expect_stderr_contains "--format"

expect_no_file "$TMP/elsewhere/honorar.db"
finish

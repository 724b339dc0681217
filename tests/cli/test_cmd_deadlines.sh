#!/usr/bin/env bash
# honorar deadlines | frister (SPEC §4, §7): status reports, action plans and ends due within N
# days, overdue ones included, sorted by due date, contract, kind.
source "$(dirname "$0")/lib.sh"

# contract ID START [LINES...]: a contract with extra top-level lines (handleplan, end, ...), paid
# by a municipality (only a municipality hands over a handleplan: SPEC 1.2); PAYER=private for a
# family.
D=$TMP/deadlines
write_settings "$D"
contract() {
  local id=$1 start=$2
  shift 2
  {
    printf 'id = "%s"\ncitizen = "XY"\nservice = "Mentorstøtte"\nstart = %s\n' "$id" "$start"
    printf 'hours_per_week = 5\nrate = 500.00\n'
    printf '%s\n' "$@"
    if [ "${PAYER:-municipality}" = private ]; then
      printf '\n[payer]\nkind = "private"\nname = "Familien %s"\naddress = ["Skolevej 3", "4000 Roskilde"]\n' "$id"
    else
      printf '\n[payer]\nkind = "municipality"\nname = "Roskilde Kommune"\naddress = ["Køgevej 80", "4000 Roskilde"]\n'
      printf 'ean = "5798000041738"\nreference = "1234"\n'
    fi
  } | write_file "$D/contracts/$id.toml"
}
contract K-A 2025-09-15 "handleplan = 2025-09-01"                    # report 1 due 15.12.
contract K-B 2025-03-03 "handleplan = 2025-02-20" "status_reports = [2025-06-02]" # report 2: 02.12.
contract K-C 2025-11-05                                              # no handleplan: due at the start
contract K-D 2025-01-06 "handleplan = 2025-01-02" "end = 2025-11-30" # ended before today: nothing
contract K-E 2025-10-01 "handleplan = 2025-09-01" "end = 2025-12-20" # report 1 (01.01.) after the end
contract K-F 2025-08-31 "handleplan = 2025-08-01"                    # report 1: 30.11. (clamped), overdue
contract K-G 2025-06-02 "handleplan = 2025-06-01" "status_reports = [2025-09-01]" # ends 31.12. by notice
printf '\n[termination]\ngiven = 2025-11-18\n' >>"$D/contracts/K-G.toml"
contract K-I 2025-12-10 "end = 2025-12-10"                           # handleplan and end on one day
contract K-J 2025-09-15 "handleplan = 2025-09-01"                    # the same day as K-A
contract K-K 2025-09-01 "handleplan = 2025-08-01"                    # report 1 due today: not overdue
contract K-L 2025-09-01 "handleplan = 2025-08-01" "status_reports = [2025-11-28]" # next: 28.05.2026
PAYER=private contract K-M 2025-11-05                                # a family: no handleplan deadline
T=(--today 2025-12-01)

ALL='[
 {"contract": "K-C", "kind": "handleplan", "due": "2025-11-05", "overdue": true},
 {"contract": "K-F", "kind": "status-report", "number": 1, "due": "2025-11-30", "overdue": true},
 {"contract": "K-K", "kind": "status-report", "number": 1, "due": "2025-12-01", "overdue": false},
 {"contract": "K-B", "kind": "status-report", "number": 2, "due": "2025-12-02", "overdue": false},
 {"contract": "K-I", "kind": "handleplan", "due": "2025-12-10", "overdue": false},
 {"contract": "K-I", "kind": "end", "due": "2025-12-10", "overdue": false},
 {"contract": "K-A", "kind": "status-report", "number": 1, "due": "2025-12-15", "overdue": false},
 {"contract": "K-J", "kind": "status-report", "number": 1, "due": "2025-12-15", "overdue": false},
 {"contract": "K-E", "kind": "end", "due": "2025-12-20", "overdue": false},
 {"contract": "K-G", "kind": "end", "due": "2025-12-31", "overdue": false}]'

test_case "deadlines, text"
run --books "$D" "${T[@]}" deadlines -q
expect_exit 0
expect_stderr_empty
expect_stdout "Frister pr. 01.12.2025, 30 dage frem

Forfald      Kontrakt        Hvad
05.11.2025   K-C             handleplan mangler (overskredet)
30.11.2025   K-F             statusrapport 1 (overskredet)
01.12.2025   K-K             statusrapport 1
02.12.2025   K-B             statusrapport 2
10.12.2025   K-I             handleplan mangler
10.12.2025   K-I             forløbet slutter
15.12.2025   K-A             statusrapport 1
15.12.2025   K-J             statusrapport 1
20.12.2025   K-E             forløbet slutter
31.12.2025   K-G             forløbet slutter
"

test_case "deadlines, json: sorted by due date, contract, kind; overdue before today"
run --books "$D" "${T[@]}" deadlines --format json -q
expect_exit 0
expect_stderr_empty
expect_json_has 'j' '{"as_of": "2025-12-01", "within": 30}'
expect_json_eq 'j["deadlines"]' "$ALL"

test_case "the default is --within 30"
run --books "$D" "${T[@]}" deadlines --within 30 --format json -q
expect_json_eq 'j["deadlines"]' "$ALL"

test_case "--within N: due on or before today + N"
run --books "$D" "${T[@]}" deadlines --within 14 --format json -q
expect_exit 0
expect_json_eq 'j["within"]' '14'
expect_json_eq '[(d["contract"], d["due"]) for d in j["deadlines"]][-2:]' '[("K-A", "2025-12-15"), ("K-J", "2025-12-15")]'
run --books "$D" "${T[@]}" deadlines --within 13 --format json -q
expect_json_eq '[d["contract"] for d in j["deadlines"]]' '["K-C", "K-F", "K-K", "K-B", "K-I", "K-I"]'

test_case "--within 0: the overdue ones and today's"
run --books "$D" "${T[@]}" frister --within 0 -q
expect_exit 0
expect_stdout "Frister pr. 01.12.2025, 0 dage frem

Forfald      Kontrakt        Hvad
05.11.2025   K-C             handleplan mangler (overskredet)
30.11.2025   K-F             statusrapport 1 (overskredet)
01.12.2025   K-K             statusrapport 1
"

test_case "a later status report is due 6 months after the previous one was delivered"
run --books "$D" "${T[@]}" deadlines --within 365 --format json -q
expect_exit 0
expect_json_eq '[d for d in j["deadlines"] if d["contract"] == "K-L"]' \
  '[{"contract": "K-L", "kind": "status-report", "number": 2, "due": "2026-05-28", "overdue": false}]'
expect_json_eq '[d for d in j["deadlines"] if d["contract"] in ("K-D", "K-E", "K-G")]' \
  '[{"contract": "K-E", "kind": "end", "due": "2025-12-20", "overdue": false},
    {"contract": "K-G", "kind": "end", "due": "2025-12-31", "overdue": false}]'

test_case "the date comes from --today"
run --books "$D" --today 2025-11-01 deadlines --format json -q
expect_exit 0
expect_json_eq 'j["as_of"]' '"2025-11-01"'
expect_json_eq '[(d["due"], d["contract"], d["kind"], d["overdue"]) for d in j["deadlines"]]' \
  '[("2025-04-06", "K-D", "status-report", True), ("2025-11-05", "K-C", "handleplan", False),
    ("2025-11-30", "K-D", "end", False), ("2025-11-30", "K-F", "status-report", False),
    ("2025-12-01", "K-K", "status-report", False)]'

test_case "ended courses have no deadlines; undelivered ones stay overdue"
run --books "$D" --today 2027-01-01 deadlines -q
expect_exit 0
expect_stdout "Frister pr. 01.01.2027, 30 dage frem

Forfald      Kontrakt        Hvad
05.11.2025   K-C             handleplan mangler (overskredet)
30.11.2025   K-F             statusrapport 1 (overskredet)
01.12.2025   K-K             statusrapport 1 (overskredet)
02.12.2025   K-B             statusrapport 2 (overskredet)
15.12.2025   K-A             statusrapport 1 (overskredet)
15.12.2025   K-J             statusrapport 1 (overskredet)
05.02.2026   K-C             statusrapport 1 (overskredet)
05.02.2026   K-M             statusrapport 1 (overskredet)
28.05.2026   K-L             statusrapport 2 (overskredet)
"

test_case "nothing due: an empty list"
N=$TMP/none
write_settings "$N"
contract_dir=$D
D=$N contract K-N 2025-11-03 "handleplan = 2025-10-01"
D=$contract_dir
run --books "$N" --today 2025-11-03 deadlines --format json -q
expect_exit 0
expect_json_has 'j' '{"as_of": "2025-11-03", "within": 30, "deadlines": []}'
run --books "$N" --today 2025-11-03 deadlines -q
expect_exit 0
expect_stdout_contains "Frister pr. 03.11.2025, 30 dage frem"

test_case "warnings are summarised on stderr, not listed"
run --books "$D" "${T[@]}" deadlines --format json
expect_exit 0
expect_json_eq 'len(j["deadlines"])' '10'
expect_stderr_contains "warnings in the books (run 'honorar check' to see them)"
expect_stderr_lacks "K-C"

test_case "the example books (the acceptance step)"
# 2C-2025-020 has no handleplan, but its payer is a family: the handleplan is the authority's.
B=$(copy_books november)
run --books "$B" --today 2025-11-23 deadlines
expect_exit 0
expect_stdout "Frister pr. 23.11.2025, 30 dage frem

Forfald      Kontrakt        Hvad
30.11.2025   2C-2025-007     forløbet slutter
02.12.2025   2C-2025-014     statusrapport 2
"
expect_stderr $'honorar: 2 warnings in the books (run \'honorar check\' to see them)\n'

test_case "--within must be a whole number of days, not negative"
for bad in -1 abc 1.5 ""; do
  run --books "$D" "${T[@]}" deadlines --within "$bad"
  expect_exit 64
  expect_stdout_empty
  expect_stderr_contains "--within"
done

test_case "--format csv is not for deadlines"
run --books "$D" "${T[@]}" deadlines --format csv
expect_exit 64
expect_stdout_empty
expect_stderr_contains "--format"

test_case "invalid books: exit 65, nothing on stdout"
E=$(copy_books errors)
run --books "$E" "${T[@]}" deadlines
expect_exit 65
expect_stdout_empty
expect_stderr_contains "timelog/2025/mentor.csv:8:1: error: unknown contract '2C-2025-099'"
expect_stderr_contains "honorar: the books have 5 errors; nothing was done (run 'honorar check')"

test_case "missing books: exit 66"
run --books "$TMP/nowhere" "${T[@]}" deadlines
expect_exit 66
expect_stdout_empty

finish

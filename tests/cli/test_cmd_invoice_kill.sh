#!/usr/bin/env bash
# A run killed at any point (SPEC 3.7): the register is as before the run or as after it, never in
# between; the next run completes it, and every registered document has its files.
#
# Books with 300 contracts; each round starts a real run on a fresh copy and SIGKILLs it after a
# random delay within the measured length of a clean run. Half the rounds start without a register
# (the run creates it), half on a register that already holds a month (the run adds to it). The
# assertions hold for every kill point, so the random delays cannot make the test flaky.
# A SIGKILL needs no disk: on a tmpfs the rounds are fast (fsync costs nothing there).
if [ -d /dev/shm ] && [ -w /dev/shm ]; then export TMPDIR=/dev/shm; fi
source "$(dirname "$0")/lib.sh"

CONTRACTS=300
ROUNDS=16
FIRST=1001

# The books: 300 contracts from 3 November 2025, a delivered entry a week in November and December.
FRESH=$TMP/fresh
write_settings "$FRESH" 2025-11 "$FIRST"
{
  echo "contract,date,hours,status"
  for i in $(seq -w 1 "$CONTRACTS"); do
    write_contract "$FRESH" "K-$i" 2025-11-03
    for day in 2025-11-04 2025-11-11 2025-11-18 2025-11-25 2025-12-02 2025-12-09 2025-12-16 2025-12-23; do
      echo "K-$i,$day,5,delivered"
    done
  done
} >"$TMP/log.csv"
mkdir -p "$FRESH/timelog"
mv "$TMP/log.csv" "$FRESH/timelog/log.csv"

# ms_since START_NS: milliseconds since a `date +%s%N`.
ms_since() { echo $((($(date +%s%N) - $1) / 1000000)); }
# register_numbers BOOKS: the register's document numbers, one line, or "ERROR <exit code>: <stderr>".
register_numbers() {
  if "$HONORAR" --books "$1" register list --format json </dev/null >"$TMP/list.json" 2>"$TMP/list.err"; then
    json_value '" ".join(str(d["number"]) for d in j["documents"])' "$TMP/list.json"
  else
    echo "ERROR $?: $(cat "$TMP/list.err")"
  fi
}

# The complete state: a gapless register from $FIRST and both files of every document.
CHECK_COMPLETE='
import json, os, sys
books, expected, first = sys.argv[1], int(sys.argv[2]), int(sys.argv[4])
docs = json.load(open(sys.argv[3]))["documents"]
problems = []
numbers = [d["number"] for d in docs]
if numbers != list(range(first, first + expected)):
    problems.append(f"{len(numbers)} documents numbered {numbers[:3]}..{numbers[-3:]}, expected {first}..{first + expected - 1}")
per_month = {}
for d in docs:
    per_month.setdefault(d["month"], []).append(d["contract"])
for month, contracts in per_month.items():
    if len(contracts) != len(set(contracts)):
        problems.append(f"a contract with two documents for {month}")
for d in docs:
    for ext in ("json", "txt"):
        path = os.path.join(books, "invoices", d["issue_date"][:4], "%d.%s" % (d["number"], ext))
        if not os.path.isfile(path) or os.path.getsize(path) == 0:
            problems.append(f"missing {path}")
        elif ext == "json" and json.load(open(path)).get("number") != d["number"]:
            problems.append(f"{path} is another document")
print("\n".join(problems[:10]))
sys.exit(1 if problems else 0)
'

# The clean runs: how many documents each scenario registers, and how long a run takes.
test_case "a clean run on books without a register"
cp -R "$FRESH" "$TMP/clean"
started=$(date +%s%N)
run --books "$TMP/clean" --today 2025-12-01 -q invoice --month 2025-11
MS_FRESH=$(ms_since "$started")
expect_exit 0
AFTER_FRESH=$(register_numbers "$TMP/clean" | wc -w)
expect_true "one document per contract ($AFTER_FRESH)" test "$AFTER_FRESH" -eq "$CONTRACTS"

# The second scenario starts from the clean run's books: a register holding November.
EXISTING=$TMP/existing
cp -R "$TMP/clean" "$EXISTING"
test_case "a clean run on books with a register"
cp -R "$EXISTING" "$TMP/clean2"
started=$(date +%s%N)
run --books "$TMP/clean2" --today 2026-01-01 -q invoice --month 2025-12
MS_EXISTING=$(ms_since "$started")
expect_exit 0
AFTER_EXISTING=$(register_numbers "$TMP/clean2" | wc -w)
expect_true "one more document per contract ($AFTER_EXISTING)" test "$AFTER_EXISTING" -eq $((2 * CONTRACTS))
rm -rf "$TMP/clean" "$TMP/clean2"

# Most of a run is writing document files after the commit; aim half the kills at the start of
# the run, where the books are read and the register is written (the dry run's length).
started=$(date +%s%N)
"$HONORAR" --books "$FRESH" --today 2025-12-01 -q invoice --month 2025-11 --dry-run </dev/null >/dev/null
MS_DRY=$(ms_since "$started")

before_commit=0 after_commit=0 finished=0 leftovers=0
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) = 1 ]; then
    template=$FRESH month=2025-11 today=2025-12-01 before=0 after=$AFTER_FRESH ms=$MS_FRESH
  else
    template=$EXISTING month=2025-12 today=2026-01-01 before=$AFTER_FRESH after=$AFTER_EXISTING ms=$MS_EXISTING
  fi
  if [ $((round % 4)) -lt 2 ]; then
    delay_ms=$((RANDOM % (ms + 1)))
  else
    delay_ms=$((RANDOM % (2 * MS_DRY + 20)))
  fi
  books=$TMP/round
  rm -rf "$books"
  cp -R "$template" "$books"

  test_case "round $round: $month killed after ${delay_ms} ms (a clean run takes ${ms} ms)"
  RUN_LINE="honorar --books $books --today $today invoice --month $month, then kill -9"
  run_killed "$delay_ms" --books "$books" --today "$today" -q invoice --month "$month"
  status=$KILLED_STATUS

  # All or nothing.
  numbers=$(register_numbers "$books")
  count=$(wc -w <<<"$numbers")
  if [[ $numbers == ERROR* ]]; then
    fail "the register cannot be read after the kill" "register list: exit 0" "$numbers"
  elif [ "$status" = 0 ] && [ "$count" = "$after" ]; then
    pass
    finished=$((finished + 1))
  elif [ "$status" = 137 ] && [ "$count" = "$before" ]; then
    pass
    before_commit=$((before_commit + 1))
  elif [ "$status" = 137 ] && [ "$count" = "$after" ]; then
    pass
    after_commit=$((after_commit + 1))
  else
    fail "the register is neither as before nor as after the run" "$before or $after documents" \
      "$count documents (run exit $status: $(cat "$TMP/killed.err"))"
  fi
  if [ -f "$books/honorar.db" ]; then
    expect_register_intact "$books"
  fi

  # The next run completes the month.
  run --books "$books" --today "$today" -q invoice --month "$month"
  expect_exit 0
  "$HONORAR" --books "$books" register list --format json </dev/null >"$TMP/list.json" 2>/dev/null
  if result=$(py -c "$CHECK_COMPLETE" "$books" "$after" "$TMP/list.json" "$FIRST" 2>&1); then pass; else
    fail "incomplete after the next run" "$after documents numbered from $FIRST, all files present" "$result"
  fi
  leftovers=$((leftovers + $(find "$books/invoices" -name '*.tmp.*' 2>/dev/null | wc -l)))
done

# Deterministically: a writer killed inside its transaction, after SQLite spilled changed pages
# into honorar.db, leaves a hot journal. Readers must roll it back, not fail (a read-only
# connection cannot: SQLITE_READONLY_ROLLBACK), and see the register as before.
test_case "a hot journal left by a killed writer: the register reads as before"
books=$TMP/hot
rm -rf "$books"
cp -R "$EXISTING" "$books"
"$HONORAR" --books "$books" register list --format json </dev/null >"$TMP/hot-before.json"
"$HONORAR" --books "$books" register show "$FIRST" --format json </dev/null >"$TMP/hot-doc.json"
coproc WRITER { exec sqlite3 "$books/honorar.db" 2>&1; }
# shellcheck disable=SC2153 # set by coproc
writer_pid=$WRITER_PID
printf "PRAGMA cache_size = 1;\nBEGIN IMMEDIATE;\nUPDATE documents SET json = json || ' ', total = '0.00';\nSELECT 'updated';\n" \
  >&"${WRITER[1]}"
if read -r -t 20 updated <&"${WRITER[0]}" && [ "$updated" = updated ]; then pass; else
  fail "sqlite3 did not update the register" "updated" "${updated:-nothing}"
fi
kill -KILL "$writer_pid" 2>/dev/null
wait "$writer_pid" 2>/dev/null
expect_true "a journal was left behind" test -s "$books/honorar.db-journal"
run --books "$books" register list --format json
expect_exit 0
expect_stderr_empty
expect_stdout_file "$TMP/hot-before.json"
run --books "$books" register show "$FIRST" --format json
expect_exit 0
expect_stdout_file "$TMP/hot-doc.json"
expect_register_intact "$books"

test_case "a hot journal: a dry run reads the register as before"
cp -R "$EXISTING" "$TMP/hot2"
coproc WRITER { exec sqlite3 "$TMP/hot2/honorar.db" 2>&1; }
writer_pid=$WRITER_PID
printf "PRAGMA cache_size = 1;\nBEGIN IMMEDIATE;\nDELETE FROM billed_weeks;\nUPDATE documents SET json = json || ' ';\nSELECT 'updated';\n" \
  >&"${WRITER[1]}"
read -r -t 20 updated <&"${WRITER[0]}"
kill -KILL "$writer_pid" 2>/dev/null
wait "$writer_pid" 2>/dev/null
expect_true "a journal was left behind" test -s "$TMP/hot2/honorar.db-journal"
run --books "$TMP/hot2" --today 2026-01-01 -q invoice --month 2025-11 --dry-run --format json
expect_exit 0
expect_json_eq 'j["documents"]' '[]'
run --books "$TMP/hot2" --today 2026-01-01 -q invoice --month 2025-12 --format json
expect_exit 0
expect_json_eq 'len(j["documents"])' "$CONTRACTS"
expect_json_eq 'j["documents"][0]["number"]' "$((FIRST + CONTRACTS))"
rm -rf "$books" "$TMP/hot2"

echo "kills: $before_commit before the commit, $after_commit after it, $finished after the run ended;" \
  "$leftovers temporary files left by killed runs"
finish

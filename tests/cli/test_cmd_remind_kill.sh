#!/usr/bin/env bash
# A reminder run killed at any point (SPEC 9.4, as 3.7 for invoices): the register holds all of
# the run's reminders or none, never some; the next run completes it, the R<n> series stays
# gapless, and every registered reminder has its files (json, txt, pdf).
#
# Books with 200 municipal contracts invoiced for November 2025 (due 31 December); each round
# copies them, starts `remind` on 15 January 2026 (every invoice overdue: 200 first reminders)
# and SIGKILLs it after a random delay within the measured length of a clean run. The assertions
# hold for every kill point, so the random delays cannot make the test flaky.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then export TMPDIR=/dev/shm; fi
source "$(dirname "$0")/lib.sh"

CONTRACTS=200
ROUNDS=12
TODAY=2026-01-15

INVOICED=$TMP/invoiced
write_settings "$INVOICED" 2025-11 1001
printf '\n[reminders]\nreference_rates = { 2025-07-01 = 1.60, 2026-01-01 = 1.35 }\n' >>"$INVOICED/honorar.toml"
for i in $(seq -w 1 "$CONTRACTS"); do write_contract "$INVOICED" "K-$i" 2025-11-03; done
"$HONORAR" --books "$INVOICED" --today 2025-12-01 -q invoice --month 2025-11 </dev/null >/dev/null 2>&1 || exit 2

ms_since() { echo $((($(date +%s%N) - $1) / 1000000)); }
# reminder_count BOOKS: the reminders in the register (0 when there is no table yet).
reminder_count() { sqlite3 "$1/honorar.db" 'SELECT count(*) FROM reminders' 2>/dev/null || echo 0; }

# The complete state: reminders R1..R<expected>, one per invoice, each with its three files.
CHECK_COMPLETE='
import os, sqlite3, sys
books, expected = sys.argv[1], int(sys.argv[2])
db = sqlite3.connect(os.path.join(books, "honorar.db"))
rows = db.execute("SELECT number, invoice, date FROM reminders ORDER BY number").fetchall()
problems = []
if [r[0] for r in rows] != list(range(1, expected + 1)):
    problems.append(f"{len(rows)} reminders numbered {[r[0] for r in rows][:3]}.., expected 1..{expected}")
if len({r[1] for r in rows}) != len(rows):
    problems.append("an invoice with two first reminders")
for number, invoice, date in rows:
    for ext in ("json", "txt", "pdf"):
        path = os.path.join(books, "invoices", date[:4], "R%d.%s" % (number, ext))
        if not os.path.isfile(path) or os.path.getsize(path) == 0:
            problems.append(f"missing {path}")
print("\n".join(problems[:10]))
sys.exit(1 if problems else 0)
'

test_case "a clean reminder run"
cp -R "$INVOICED" "$TMP/clean"
started=$(date +%s%N)
run --books "$TMP/clean" --today "$TODAY" -q remind
MS_CLEAN=$(ms_since "$started")
expect_exit 0
expect_true "one reminder per invoice" test "$(reminder_count "$TMP/clean")" = "$CONTRACTS"
if result=$(py -c "$CHECK_COMPLETE" "$TMP/clean" "$CONTRACTS" 2>&1); then pass; else
  fail "the clean run is incomplete" "$CONTRACTS reminders with their files" "$result"
fi
rm -rf "$TMP/clean"

before_commit=0 after_commit=0 finished=0
for round in $(seq 1 "$ROUNDS"); do
  # A third of the kills anywhere in the run, a third early (reading the register, issuing,
  # staging files), a third near its end (the commit, the renames after it).
  case $((round % 3)) in
    0) delay_ms=$((RANDOM % (MS_CLEAN + 1))) ;;
    1) delay_ms=$((RANDOM % (MS_CLEAN / 2 + 1))) ;;
    *) delay_ms=$((MS_CLEAN * 8 / 10 + RANDOM % (MS_CLEAN * 3 / 10 + 1))) ;;
  esac
  books=$TMP/round
  rm -rf "$books"
  cp -R "$INVOICED" "$books"

  test_case "round $round: remind killed after ${delay_ms} ms (a clean run takes ${MS_CLEAN} ms)"
  RUN_LINE="honorar --books $books --today $TODAY remind, then kill -9"
  run_killed "$delay_ms" --books "$books" --today "$TODAY" -q remind
  status=$KILLED_STATUS

  count=$(reminder_count "$books")
  if [ "$status" = 0 ] && [ "$count" = "$CONTRACTS" ]; then
    pass
    finished=$((finished + 1))
  elif [ "$status" = 137 ] && [ "$count" = 0 ]; then
    pass
    before_commit=$((before_commit + 1))
  elif [ "$status" = 137 ] && [ "$count" = "$CONTRACTS" ]; then
    pass
    after_commit=$((after_commit + 1))
  else
    fail "the register holds some of the run's reminders" "0 or $CONTRACTS reminders" \
      "$count reminders (run exit $status: $(cat "$TMP/killed.err"))"
  fi
  expect_register_intact "$books"

  # The next run completes it: the missing reminders issued, or the missing files written.
  run --books "$books" --today "$TODAY" -q remind
  expect_exit 0
  if result=$(py -c "$CHECK_COMPLETE" "$books" "$CONTRACTS" 2>&1); then pass; else
    fail "incomplete after the next run" "R1..R$CONTRACTS, each with its files" "$result"
  fi
  expect_true "no temporary file left" test "$(find "$books/invoices" -name '*.tmp.*' | wc -l)" = 0
done
echo "kills: $before_commit before the commit, $after_commit after it, $finished after the run"

finish

#!/usr/bin/env bash
# A `pay --import` killed at any moment (issue 17 item 5, SPEC 9): the register holds all of the
# statement or none of it — every line and every payment, or nothing — and importing it again
# completes it, recording nothing twice.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then export TMPDIR=/dev/shm; fi
source "$(dirname "$0")/lib.sh"

CONTRACTS=300
LINES=5000
ROUNDS=12

BOOKS=$TMP/books
write_settings "$BOOKS" 2025-11 1001
for i in $(seq -w 1 "$CONTRACTS"); do write_contract "$BOOKS" "K-$i" 2025-11-03; done
run --books "$BOOKS" --today 2025-12-01 -q invoice --month 2025-11
expect_exit 0
# A statement: one line per invoice naming its number, the rest transfers nobody can match.
py - "$TMP/statement.csv" "$CONTRACTS" "$LINES" <<'PY'
import sys
path, contracts, lines = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(path, "w", encoding="utf-8") as f:
    f.write("Dato;Tekst;Beløb;Saldo\n")
    for i in range(lines):
        if i < contracts:
            f.write(f"15-12-2025;Betaling faktura {1001 + i};1.000,00;0\n")
        else:
            f.write(f"16-12-2025;Overførsel nr{i};{i % 900 + 1},{i % 100:02d};0\n")
PY
counts() { sqlite3 "$1/honorar.db" "SELECT (SELECT count(*) FROM statement_lines) || ' ' || (SELECT count(*) FROM payments)" 2>&1; }

test_case "a clean import"
cp -R "$BOOKS" "$TMP/clean"
started=$(date +%s%N)
run --books "$TMP/clean" --today 2025-12-20 -q pay --import "$TMP/statement.csv" --format json
MS=$((($(date +%s%N) - started) / 1000000))
expect_exit 0
expect_json_eq 'len(j["matched"]), len(j["unmatched"]), j["known"]' "($CONTRACTS, $((LINES - CONTRACTS)), 0)"
ALL="$LINES $CONTRACTS"
expect_true "every line and payment recorded ($(counts "$TMP/clean"))" test "$(counts "$TMP/clean")" = "$ALL"
rm -rf "$TMP/clean"

all=0 none=0
for round in $(seq 1 "$ROUNDS"); do
  delay_ms=$((RANDOM % (MS + 1)))
  books=$TMP/round
  rm -rf "$books"
  cp -R "$BOOKS" "$books"
  # The register is at schema 3 already in half the rounds (the import does not migrate it).
  if [ $((round % 2)) = 0 ]; then "$HONORAR" --books "$books" --today 2025-12-20 -q pay 1001 0,01 >/dev/null 2>&1; fi
  base=$(counts "$books")
  case $base in "0 1") start_lines=0 start_payments=1 ;; *) start_lines=0 start_payments=0 ;; esac
  test_case "round $round: killed after ${delay_ms} ms (a clean import takes ${MS} ms)"
  RUN_LINE="honorar --books $books pay --import statement.csv, then kill -9"
  run_killed "$delay_ms" --books "$books" --today 2025-12-20 -q pay --import "$TMP/statement.csv"
  status=$KILLED_STATUS
  now=$(counts "$books")
  if [ "$now" = "$start_lines $start_payments" ] || { [ "$start_payments" = 0 ] && [ "$now" = "Error: in prepare, no such table: statement_lines" ]; }; then
    pass
    none=$((none + 1))
  elif [ "$now" = "$LINES $((CONTRACTS + start_payments))" ]; then
    pass
    all=$((all + 1))
  else
    fail "the statement is neither all recorded nor not at all" "$start_lines $start_payments or $LINES $((CONTRACTS + start_payments))" \
      "$now (exit $status: $(cat "$TMP/killed.err"))"
  fi
  expect_register_intact "$books"

  # Importing again completes it; nothing twice.
  run --books "$books" --today 2025-12-20 -q pay --import "$TMP/statement.csv" --format json
  expect_exit 0
  expect_true "complete after the second import ($(counts "$books"))" test "$(counts "$books")" = "$LINES $((CONTRACTS + start_payments))"
  run --books "$books" --today 2025-12-20 open --format json
  expect_json_eq '[o["number"] for o in j["open"]]' "list(range(1001, $((1001 + CONTRACTS))))"
done
echo "kills: $none before the commit, $all after it"

finish

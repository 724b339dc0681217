#!/usr/bin/env bash
# `pay`, `pay --import` and `invoice` started at the same time (issue 17 item 5): no payment is
# lost or recorded twice, vouchers are numbered without gaps, documents too; a register that stays
# busy makes `pay` exit 75 with nothing recorded.
source "$(dirname "$0")/lib.sh"

CONTRACTS=20
PAYS=8

TEMPLATE=$TMP/template
write_settings "$TEMPLATE" 2025-11 1001
for i in $(seq -w 1 "$CONTRACTS"); do write_contract "$TEMPLATE" "C-$i" 2025-11-03; done
run --books "$TEMPLATE" --today 2025-12-01 -q invoice --month 2025-11
expect_exit 0

CHECK='
import json, sys
listing, opened, pays = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), int(sys.argv[3])
contracts = int(sys.argv[4])
problems = []
docs = listing["documents"]
if [d["number"] for d in docs] != list(range(1001, 1001 + 2 * contracts)):
    problems.append("documents not numbered 1001.. without gaps: %s" % [d["number"] for d in docs])
billed = sum(round(float(d["total"]) * 100) for d in docs)
paid = sum(round(float(d["paid"]) * 100) for d in docs)
open_ = sum(round(float(d["open"]) * 100) for d in docs)
credits = sum(round(float(c["credit"]) * 100) for c in opened["credits"])
if paid + credits != pays * 100000:
    problems.append(f"paid {paid} + credits {credits} is not what came in ({pays * 100000})")
if billed - paid != open_:
    problems.append(f"billed {billed} - paid {paid} != open {open_}")
print("\n".join(problems))
sys.exit(1 if problems else 0)
'

for round in 1 2 3; do
  books=$TMP/round-$round
  rm -rf "$books"
  cp -R "$TEMPLATE" "$books"
  test_case "round $round: an invoice run and $PAYS payments at once"
  RUN_LINE="invoice --month 2025-12 and $PAYS x pay at once"
  pids=()
  "$HONORAR" --books "$books" --today 2026-01-02 -q invoice --month 2025-12 </dev/null >/dev/null 2>"$TMP/inv.err" &
  pids+=($!)
  for p in $(seq 1 "$PAYS"); do
    "$HONORAR" --books "$books" --today 2026-01-02 -q pay $((1000 + p)) 1000 --format json </dev/null \
      >"$TMP/pay-$p.json" 2>"$TMP/pay-$p.err" &
    pids+=($!)
  done
  failed_runs=""
  for pid in "${pids[@]}"; do wait "$pid" || failed_runs+=" $pid"; done
  if [ -z "$failed_runs" ]; then pass; else
    fail "every command must succeed" "exit 0" "failed:$failed_runs $(cat "$TMP"/*.err)"
  fi
  ids=$(for p in $(seq 1 "$PAYS"); do json_value 'j["payment"]' "$TMP/pay-$p.json"; done | sort -n | tr '\n' ' ')
  expect_true "vouchers B1..B$PAYS, each once ($ids)" test "$ids" = "$(seq 1 "$PAYS" | tr '\n' ' ')"
  expect_true "the register holds $PAYS payments" test "$(sqlite3 "$books/honorar.db" "SELECT count(*) FROM payments")" = "$PAYS"
  "$HONORAR" --books "$books" register list --format json </dev/null >"$TMP/list.json"
  "$HONORAR" --books "$books" --today 2026-01-02 open --format json </dev/null >"$TMP/open.json"
  if result=$(py -c "$CHECK" "$TMP/list.json" "$TMP/open.json" "$PAYS" "$CONTRACTS" 2>&1); then pass; else
    fail "the register after commands at once" "documents gapless, every payment settled once" "$result"
  fi
done

test_case "an import and payments at once record each line and payment once"
books=$TMP/import
rm -rf "$books"
cp -R "$TEMPLATE" "$books"
{
  echo "Dato;Tekst;Beløb"
  for i in $(seq 1 "$CONTRACTS"); do echo "05-12-2025;Faktura $((1000 + i));100,00"; done
} >"$TMP/statement.csv"
"$HONORAR" --books "$books" --today 2025-12-06 -q pay --import "$TMP/statement.csv" </dev/null >/dev/null 2>"$TMP/a.err" &
a=$!
"$HONORAR" --books "$books" --today 2025-12-06 -q pay --import "$TMP/statement.csv" </dev/null >/dev/null 2>"$TMP/b.err" &
b=$!
"$HONORAR" --books "$books" --today 2025-12-06 -q pay 1001 50 </dev/null >/dev/null 2>"$TMP/c.err" &
c=$!
wait $a && wait $b && wait $c
expect_true "all three succeeded: $(cat "$TMP/a.err" "$TMP/b.err" "$TMP/c.err")" test $? = 0
expect_true "each statement line once, each payment once" \
  test "$(sqlite3 "$books/honorar.db" "SELECT (SELECT count(*) FROM statement_lines) || ' ' || (SELECT count(*) FROM payments) || ' ' || (SELECT sum(amount) FROM payments)")" = \
  "$CONTRACTS $((CONTRACTS + 1)) $((CONTRACTS * 10000 + 5000))"

# A register that stays busy: another process holds the write lock.
books=$TMP/round-1
coproc LOCK { exec sqlite3 "$books/honorar.db" 2>&1; }
lock_in=${LOCK[1]}
lock_out=${LOCK[0]}
printf "BEGIN IMMEDIATE;\nSELECT 'locked';\n" >&"$lock_in"
if read -r -t 10 locked <&"$lock_out" && [ "$locked" = locked ]; then
  sha_before=$(sha256sum <"$books/honorar.db")
  test_case "a busy register: pay and pay --import exit 75, nothing recorded"
  HONORAR_BUSY_TIMEOUT_MS=200 run --books "$books" --today 2026-01-03 pay 1001 100
  expect_exit 75
  expect_stdout_empty
  expect_stderr "honorar: the register $books/honorar.db is busy (another run is using it); try again"$'\n'
  HONORAR_BUSY_TIMEOUT_MS=200 run --books "$books" --today 2026-01-03 pay --import "$TMP/statement.csv"
  expect_exit 75
  test_case "a busy register can still be read: open"
  HONORAR_BUSY_TIMEOUT_MS=200 run --books "$books" --today 2026-01-03 open --format json
  expect_exit 0
  printf 'ROLLBACK;\n.quit\n' >&"$lock_in"
  exec {lock_in}>&-
  wait "$LOCK_PID" 2>/dev/null
  expect_true "honorar.db is byte for byte as before" test "$(sha256sum <"$books/honorar.db")" = "$sha_before"
else
  test_case "a busy register"
  fail "sqlite3 did not take the write lock" "locked" "${locked:-nothing}"
  exec {lock_in}>&-
fi

finish

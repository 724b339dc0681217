#!/usr/bin/env bash
# Two real `invoice` runs at the same time (SPEC 3.4, 3.7): they never share a number, leave no
# gap, and bill each contract once; a run whose register stays busy exits 75 and changes nothing.
source "$(dirname "$0")/lib.sh"

CONTRACTS=30
ROUNDS=10

# The template: 30 contracts, no time log (every week is billed in full, so each contract gets
# exactly one document a month).
TEMPLATE=$TMP/template
write_settings "$TEMPLATE"
ids=()
for i in $(seq -w 1 "$CONTRACTS"); do
  write_contract "$TEMPLATE" "C-$i" 2025-06-02
  ids+=("C-$i")
done
half=$((CONTRACTS / 2))
first_half=()
second_half=()
for id in "${ids[@]:0:half}"; do first_half+=(--contract "$id"); done
for id in "${ids[@]:half}"; do second_half+=(--contract "$id"); done

# check_register BOOKS MONTH FIRST_NUMBER RUN_JSON...: the register holds one document per
# contract for MONTH, numbered FIRST_NUMBER.. without gaps or duplicates, exactly the documents
# the runs printed, each with its files.
CHECK_REGISTER='
import json, os, sys
books, month, first, listing = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
runs = [json.load(open(p)) for p in sys.argv[5:]]
ids = ["C-%02d" % i for i in range(1, int(os.environ["CONTRACTS"]) + 1)]
problems = []
docs = json.load(open(listing))["documents"]
numbers = [d["number"] for d in docs]
if numbers != list(range(first, first + len(ids))):
    problems.append(f"register numbers {numbers} are not {first}..{first + len(ids) - 1}")
if sorted(d["contract"] for d in docs) != ids:
    problems.append("not one document per contract: " + " ".join(sorted(d["contract"] for d in docs)))
if any(d["month"] != month for d in docs):
    problems.append("a document of another month")
printed = sorted((d["number"], d["contract"], d["total"]) for r in runs for d in r["documents"])
registered = sorted((d["number"], d["contract"], d["total"]) for d in docs)
if printed != registered:
    problems.append(f"the runs printed {printed}, the register holds {registered}")
for r in runs:
    mine = [d["number"] for d in r["documents"]]
    if mine != list(range(mine[0], mine[0] + len(mine))) if mine else False:
        problems.append(f"one run numbered {mine}: not consecutive")
    if [d["contract"] for d in r["documents"]] != sorted(d["contract"] for d in r["documents"]):
        problems.append("one run did not number in contract order")
for d in docs:
    for ext in ("json", "txt"):
        path = os.path.join(books, "invoices", d["issue_date"][:4], "%d.%s" % (d["number"], ext))
        if not os.path.isfile(path) or os.path.getsize(path) == 0:
            problems.append(f"missing {path}")
        elif ext == "json" and json.load(open(path))["number"] != d["number"]:
            problems.append(f"{path} holds another document")
print("\n".join(problems))
sys.exit(1 if problems else 0)
'
export CONTRACTS

# run_pair BOOKS TODAY MONTH ARGS_A -- ARGS_B: starts both runs at once, waits for both.
run_pair() {
  local books=$1 today=$2 month=$3
  shift 3
  local a=() b=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do
    a+=("$1")
    shift
  done
  shift
  b=("$@")
  "$HONORAR" --books "$books" --today "$today" invoice --month "$month" --format json "${a[@]}" \
    </dev/null >"$TMP/a.json" 2>"$TMP/a.err" &
  local pid_a=$!
  "$HONORAR" --books "$books" --today "$today" invoice --month "$month" --format json "${b[@]}" \
    </dev/null >"$TMP/b.json" 2>"$TMP/b.err" &
  local pid_b=$!
  wait "$pid_a"
  STATUS_A=$?
  wait "$pid_b"
  STATUS_B=$?
}

for round in $(seq 1 "$ROUNDS"); do
  month=$(printf '2026-%02d' "$round")
  today=$(date -u -d "$month-01 + 1 month" +%F)
  first=$((round * 100 + 1))
  books=$TMP/round-$round
  rm -rf "$books"
  cp -R "$TEMPLATE" "$books"
  sed -i "s/^from          = .*/from          = \"$month\"/; s/^first_number  = .*/first_number  = $first/" \
    "$books/honorar.toml"
  case $((round % 3)) in
  0) variant="both runs bill every contract" a=() b=() ;;
  1) variant="each run bills half the contracts" a=("${first_half[@]}") b=("${second_half[@]}") ;;
  2) variant="one run bills all, the other half" a=() b=("${first_half[@]}") ;;
  esac
  test_case "round $round ($month): $variant"
  RUN_LINE="two runs at once: honorar --books $books --today $today invoice --month $month ..."
  run_pair "$books" "$today" "$month" "${a[@]}" -- "${b[@]}"
  if [ "$STATUS_A" = 0 ] && [ "$STATUS_B" = 0 ]; then pass; else
    fail "both runs must succeed" "exit 0 and 0" "exit $STATUS_A: $(cat "$TMP/a.err")"$'\n'"exit $STATUS_B: $(cat "$TMP/b.err")"
  fi
  "$HONORAR" --books "$books" register list --format json </dev/null >"$TMP/list.json" 2>"$TMP/list.err"
  if result=$(py -c "$CHECK_REGISTER" "$books" "$month" "$first" "$TMP/list.json" "$TMP/a.json" "$TMP/b.json" 2>&1); then
    pass
  else
    fail "the register after two runs at once" "one document per contract, numbered $first.. without gaps" "$result"
  fi
  # A third run of the month finds everything billed.
  run --books "$books" --today "$today" invoice --month "$month" --format json
  expect_exit 0
  expect_json_eq 'j["documents"]' '[]'
  expect_stderr_contains "nothing to invoice for $month"
done

# A register that stays busy: another process holds the write lock.
books=$TMP/round-$ROUNDS
month=$(printf '2026-%02d' "$ROUNDS")
next_month=$(date -u -d "$month-01 + 1 month" +%Y-%m)
next_today=$(date -u -d "$month-01 + 2 months" +%F)
"$HONORAR" --books "$books" register list --format json </dev/null >"$TMP/list-before.json"
files_before=$(cd "$books" && find invoices -type f | sort)
coproc LOCK { exec sqlite3 "$books/honorar.db" 2>&1; }
lock_in=${LOCK[1]}
lock_out=${LOCK[0]}
printf "BEGIN IMMEDIATE;\nSELECT 'locked';\n" >&"$lock_in"
if read -r -t 10 locked <&"$lock_out" && [ "$locked" = locked ]; then
  sha_before=$(sha256sum <"$books/honorar.db")

  test_case "a busy register: exit 75 after the busy timeout, with a clear message"
  started=$(date +%s%N)
  HONORAR_BUSY_TIMEOUT_MS=200 run --books "$books" --today "$next_today" -q invoice --month "$next_month"
  elapsed_ms=$((($(date +%s%N) - started) / 1000000))
  expect_exit 75
  expect_stdout_empty
  expect_stderr "honorar: the register $books/honorar.db is busy (another run is using it); try again"$'\n'
  expect_true "it waited for the register (${elapsed_ms} ms)" test "$elapsed_ms" -ge 150
  expect_true "it gave up after about HONORAR_BUSY_TIMEOUT_MS (${elapsed_ms} ms)" test "$elapsed_ms" -lt 8000

  test_case "a busy register: the same for a re-run of the latest month and for --contract"
  HONORAR_BUSY_TIMEOUT_MS=100 run --books "$books" --today "$next_today" -q invoice --month "$month" --contract C-01
  expect_exit 75
  expect_stdout_empty
  expect_stderr_contains "is busy (another run is using it); try again"

  test_case "a busy register can still be read: list and dry run"
  HONORAR_BUSY_TIMEOUT_MS=200 run --books "$books" register list --format json
  expect_exit 0
  expect_stdout_file "$TMP/list-before.json"
  HONORAR_BUSY_TIMEOUT_MS=200 run --books "$books" --today "$next_today" -q invoice --month "$next_month" --dry-run --format json
  expect_exit 0
  expect_json_eq 'len(j["documents"])' "$CONTRACTS"
  expect_json_eq '{d["number"] for d in j["documents"]}' '{None}'

  printf 'ROLLBACK;\n.quit\n' >&"$lock_in"
  exec {lock_in}>&-
  wait "$LOCK_PID" 2>/dev/null

  test_case "a busy register: unchanged afterwards"
  expect_true "honorar.db is byte for byte as before" test "$(sha256sum <"$books/honorar.db")" = "$sha_before"
  run --books "$books" register list --format json
  expect_stdout_file "$TMP/list-before.json"
  expect_true "no document files were written" test "$(cd "$books" && find invoices -type f | sort)" = "$files_before"

  test_case "once the register is free again, the run succeeds"
  HONORAR_BUSY_TIMEOUT_MS=200 run --books "$books" --today "$next_today" -q invoice --month "$next_month" --format json
  expect_exit 0
  expect_json_eq '[d["number"] for d in j["documents"]]' \
    "list(range($((ROUNDS * 100 + 1 + CONTRACTS)), $((ROUNDS * 100 + 1 + 2 * CONTRACTS))))"
else
  test_case "a busy register"
  fail "sqlite3 did not take the write lock" "locked" "${locked:-nothing}"
  exec {lock_in}>&-
fi

finish

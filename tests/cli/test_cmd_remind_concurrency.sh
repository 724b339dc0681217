#!/usr/bin/env bash
# `remind` at the same time as another `remind` or an `invoice` (SPEC 9, 3.7): one transaction
# each, so reminders and invoices never share or skip a number in their own series, and no invoice
# gets the same reminder twice.
source "$(dirname "$0")/lib.sh"

CONTRACTS=20
B=$TMP/books
write_settings "$B"
cat >>"$B/honorar.toml" <<'TOML'

[reminders]
reference_rates = { 2025-07-01 = 1.60, 2026-01-01 = 1.35 }
TOML
ids=()
for i in $(seq -w 1 "$CONTRACTS"); do
  write_contract "$B" "C-$i" 2025-06-02
  ids+=("C-$i")
done
half=$((CONTRACTS / 2))
first_half=()
second_half=()
for id in "${ids[@]:0:half}"; do first_half+=(--contract "$id"); done
for id in "${ids[@]:half}"; do second_half+=(--contract "$id"); done
# Invoices 1..20 of November, due 2025-12-31.
"$HONORAR" --books "$B" --today 2025-12-01 -q invoice --month 2025-11 </dev/null >/dev/null 2>&1 || exit 2

q() { sqlite3 "$B/honorar.db" "$1"; }

# at_once COMMAND_A -- COMMAND_B: runs two honorar commands at the same moment; STATUS_A/B.
at_once() {
  local a=()
  while [ "$1" != -- ]; do
    a+=("$1")
    shift
  done
  shift
  "$HONORAR" --books "$B" "${a[@]}" </dev/null >"$TMP/a.out" 2>"$TMP/a.err" &
  local pid_a=$!
  "$HONORAR" --books "$B" "$@" </dev/null >"$TMP/b.out" 2>"$TMP/b.err" &
  local pid_b=$!
  wait "$pid_a"
  STATUS_A=$?
  wait "$pid_b"
  STATUS_B=$?
  RUN_LINE="two commands at once: ${a[*]} / $*"
  if [ "$STATUS_A" = 0 ] && [ "$STATUS_B" = 0 ]; then pass; else
    fail "both must succeed" "exit 0 and 0" "exit $STATUS_A: $(cat "$TMP/a.err")"$'\n'"exit $STATUS_B: $(cat "$TMP/b.err")"
  fi
}

test_case "two remind runs at once, each for half the contracts: R1..R20, one per invoice"
at_once --today 2026-01-15 -q remind "${first_half[@]}" -- --today 2026-01-15 -q remind "${second_half[@]}"
expect_true "numbers 1..20 without gaps" test "$(q 'SELECT count(*), min(number), max(number) FROM reminders')" = "20|1|20"
expect_true "one first reminder per invoice" test "$(q 'SELECT count(DISTINCT invoice) FROM reminders WHERE sequence = 1')" = 20
for half in "<= 'C-10'" "> 'C-10'"; do
  expect_true "each run numbered its own consecutively (contract $half)" test "$(q "SELECT max(r.number) - min(r.number) + 1, \
    count(*) FROM reminders r JOIN documents d ON d.number = r.invoice WHERE d.contract $half")" = "10|10"
done

test_case "remind and invoice at once: neither series shares or skips a number"
at_once --today 2026-01-26 -q remind -- --today 2026-01-26 -q invoice --month 2025-12
expect_true "reminders 21..40, each invoice's second" test \
  "$(q 'SELECT count(*), min(number), max(number), min(sequence), max(sequence), count(DISTINCT invoice) FROM reminders WHERE number > 20')" = \
  "20|21|40|2|2|20"
expect_true "December's invoices 21..40" test "$(q "SELECT count(*), min(number), max(number) FROM documents WHERE month = '2025-12'")" = "20|21|40"
expect_true "no reminder for an invoice not yet due" test "$(q 'SELECT count(*) FROM reminders WHERE invoice > 20')" = 0

test_case "two full remind runs at once: the third reminders once each, R41..R60"
at_once --today 2026-02-06 -q remind -- --today 2026-02-06 -q remind
expect_true "reminders 41..60, each invoice's third, once" test \
  "$(q 'SELECT count(*), min(number), max(number), min(sequence), count(DISTINCT invoice) FROM reminders WHERE number > 40')" = \
  "20|41|60|3|20"
expect_true "every reminder has its files" test "$(find "$B/invoices/2026" -name 'R*.json' | wc -l)" = 60

finish

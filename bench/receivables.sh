#!/usr/bin/env bash
# bench/receivables.sh: payments and open items on five years of books (issue 17, bench/README.md
# "Receivables").
#
#   bench/receivables.sh [--size small|medium] [--binary PATH] [--data DIR] [--runs N]
#
# Takes the books bench/generate.py makes (bench/data/SIZE/toml-monthly, generated when missing),
# invoices every month of them from the first (json and text documents only: PDF and e-invoice
# rendering is another benchmark's), imports bank statements paying every invoice but the last
# ~5,000 (about 30,000 payments on medium books, several per invoice now and then), then times
# with hyperfine:
#   open, open --format json          the ledger replays every document and payment (≤ 0.2 s)
#   register list                     the same ledger, every document listed
#   remind --dry-run, --format json   a reminder for each of the ~5,000 open invoices, overdue on
#                                     --today (two months after the last statement; ≤ 0.2 s)
#   pay --import of 5,000 lines       matched by number, one transaction (≤ 1 s), the register
#                                     restored before each run
# Checks first that paid + open == billed + credits over the whole register and that remind
# prints reminders. Writes the table to
# bench/data/results-receivables-SIZE.md. Exit status non-zero when a check fails.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
size=medium
binary="$repo/build/ci/cli/honorar"
data="$here/data"
runs=10
die() { echo "bench/receivables.sh: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size="${2:?}"; shift 2 ;;
    --binary) binary="${2:?}"; shift 2 ;;
    --data) data="${2:?}"; shift 2 ;;
    --runs) runs="${2:?}"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
case "$size" in small|medium) ;; *) die "--size must be small or medium" ;; esac
binary="$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"
[ -x "$binary" ] || die "no honorar binary at $binary (build it first)"
command -v hyperfine >/dev/null || die "hyperfine is missing (apt-get install hyperfine)"

books_data="$data/$size"
stamp="$(sha256sum "$here/generate.py" | cut -c1-16)"
if [ "$(cat "$books_data/.stamp" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$books_data"
  mkdir -p "$data"
  python3 "$here/generate.py" "$size" "$books_data"
  echo "$stamp" > "$books_data/.stamp"
fi
# shellcheck disable=SC1091
source "$books_data/meta.env"

work="$(mktemp -d "${TMPDIR:-/tmp}/honorar-bench-receivables.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export HONORAR_CACHE="$work/cache"
books="$work/books"
cp -R "$books_data/toml-monthly" "$books"
case "$size" in small) first=2025-01 last=2025-12 ;; medium) first=2021-01 last=2025-12 ;; esac
# Every month invoiced by honorar, from the first; json and text documents only.
sed -i "s/^from          = .*/from          = \"$first\"/; s/^municipality = .*/municipality = []/; s/^private      = .*/private      = []/" \
  "$books/honorar.toml"
# The reference rates remind needs for its interest periods (renteloven § 5): Nationalbanken's
# lending rate on each 1 January and 1 July, 2021 to 2026 (approximately; only the copy here).
cat >> "$books/honorar.toml" <<'TOML'

[reminders]
fee          = 100.00
compensation = 310.00
reference_rates = { 2021-01-01 = 0.05, 2021-07-01 = 0.05, 2022-01-01 = 0.05, 2022-07-01 = 0.05, 2023-01-01 = 1.90, 2023-07-01 = 3.35, 2024-01-01 = 3.75, 2024-07-01 = 3.35, 2025-01-01 = 2.75, 2025-07-01 = 1.60, 2026-01-01 = 1.35, 2026-07-01 = 1.60 }
TOML
h=("$binary" --books "$books" --quiet)

echo "bench/receivables.sh: $size books: $CONTRACTS contracts, $ENTRIES entries; honorar $binary"
echo "bench/receivables.sh: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

started=$(date +%s)
month=$first
while :; do
  next=$(date -u -d "$month-01 + 1 month" +%Y-%m)
  "${h[@]}" --today "$next-01" invoice --month "$month" >/dev/null
  [ "$month" = "$last" ] && break
  month=$next
done
"${h[@]}" register list --format json > "$work/list.json"
echo "bench/receivables.sh: invoiced $first..$last in $(( $(date +%s) - started )) s"

# The statements: every invoice paid, in the order issued, 5,000 lines a statement; one in ten
# paid in two parts; the last 5,000 lines kept back for the timed import.
echo "bench/receivables.sh: $(python3 "$here/statements.py" "$work/list.json" "$work" --keep 5000)"
last_day=$(date -u -d "$last-01 + 2 months" +%F)
shopt -s nullglob
for s in "$work"/statement-*.csv; do "${h[@]}" --today "$last_day" pay --import "$s" >/dev/null; done
payments=$(sqlite3 "$books/honorar.db" "SELECT count(*) FROM payments")

# Correctness: paid + open == billed + credits (no reminders here), over the whole register.
"${h[@]}" --today "$last_day" register list --format json > "$work/list.json"
"${h[@]}" --today "$last_day" open --format json > "$work/open.json"
python3 - "$work" <<'PY'
import json, os, sys
work = sys.argv[1]
docs = json.load(open(os.path.join(work, "list.json")))["documents"]
opened = json.load(open(os.path.join(work, "open.json")))
c = lambda s: round(float(s) * 100)
inv = [d for d in docs if d["kind"] == "invoice"]
billed, paid, open_ = sum(c(d["total"]) for d in inv), sum(c(d["paid"]) for d in inv), sum(c(d["open"]) for d in inv)
credit_notes = -sum(c(d["total"]) for d in docs if d["kind"] != "invoice")
credits = sum(c(x["credit"]) for x in opened["credits"])
if billed - open_ - paid > credit_notes or c(opened["total_open"]) != open_:
    sys.exit(f"bench/receivables.sh: FAILED: billed {billed}, paid {paid}, open {open_}, credit notes {credit_notes}")
print(f"bench/receivables.sh: correctness: billed {billed/100:.2f} = paid {paid/100:.2f} + open {open_/100:.2f}"
      f" + credited; {len(opened['open'])} invoices open")
PY

# remind: every invoice still open is overdue two months after the last statement; checked to
# print reminders (not a no-op) before it is timed, on the register before the timed import.
remind_day=$(date -u -d "$last-01 + 3 months" +%F)
"${h[@]}" --today "$remind_day" remind --dry-run --format json > "$work/remind.json"
reminders=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["reminders"]))' "$work/remind.json")
[ "$reminders" -gt 0 ] || die "remind --dry-run --today $remind_day prints no reminders"
echo "bench/receivables.sh: remind --dry-run --today $remind_day: $reminders reminders"

cp "$books/honorar.db" "$work/before-import.db"
measure() { # measure NAME PREPARE|"" COMMAND...
  local name="$1" prepare="$2"
  shift 2
  local args=(-N --style none --runs "$runs" --export-json "$work/$name.json")
  if [ -n "$prepare" ]; then args+=(--prepare "$prepare"); else args+=(--warmup 2); fi
  hyperfine "${args[@]}" "$(printf '%q ' "$@")" > "$work/$name.log" 2>&1 || die "$name: $(tail -2 "$work/$name.log")"
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.0f" % (r["median"] * 1000))' "$work/$name.json"
}
t_open=$(measure open "" "${h[@]}" --today "$last_day" open)
t_open_json=$(measure open-json "" "${h[@]}" --today "$last_day" open --format json)
t_list=$(measure list "" "${h[@]}" register list)
t_remind=$(measure remind "" "${h[@]}" --today "$remind_day" remind --dry-run)
t_remind_json=$(measure remind-json "" "${h[@]}" --today "$remind_day" remind --dry-run --format json)
t_import=$(measure import "cp $work/before-import.db $books/honorar.db" "${h[@]}" --today "$last_day" pay --import "$work/timed.csv")
"${h[@]}" --today "$last_day" open --format json > "$work/after.json"
open_after=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["open"]))' "$work/after.json")
documents=$(sqlite3 "$books/honorar.db" "SELECT count(*) FROM documents")

out="$data/results-receivables-$size.md"
{
  echo "Receivables, $size books: $CONTRACTS contracts, $documents documents, $payments payments before the timed import ($(date -u +%F), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))."
  echo
  echo "| what | median wall | target |"
  echo "|---|---:|---:|"
  echo "| \`open\` (text) | $t_open ms | ≤ 200 ms |"
  echo "| \`open --format json\` | $t_open_json ms | ≤ 200 ms |"
  echo "| \`register list\` | $t_list ms | |"
  echo "| \`remind --dry-run\` (text, $reminders reminders, --today $remind_day) | $t_remind ms | ≤ 200 ms |"
  echo "| \`remind --dry-run --format json\` | $t_remind_json ms | ≤ 200 ms |"
  echo "| \`pay --import\` of $(($(wc -l < "$work/timed.csv") - 1)) lines (one transaction) | $t_import ms | ≤ 1000 ms (5,000 lines) |"
  echo
  echo "After the timed import $open_after invoices are open."
} > "$out"
cat "$out"

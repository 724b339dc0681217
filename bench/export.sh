#!/usr/bin/env bash
# bench/export.sh: the posting journal of five years (issue 18: ≤ 1 s), see bench/README.md
# ("The posting journal").
#
#   bench/export.sh [--binary PATH] [--data DIR] [--runs N]
#
# Builds once (kept in DIR/export-medium, default bench/data/export-medium) a five-year register
# from the medium benchmark books (bench/generate.py medium: 500 contracts, 2021-2025): a copy of
# their monthly TOML layout with [invoicing] from = the first month, [documents] empty (json and
# text only) and an [accounts] table, invoiced by one real `invoice` run per month, as a provider
# would have, with every invoice paid (pay --import of bank statements). Then times `export` of
# all five years with hyperfine (CSV, Danish CSV, JSON) and prints the journal's size.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
binary="$repo/build/ci/cli/honorar"
data="$here/data"
runs=10
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binary="${2:?}"; shift 2 ;;
    --data) data="${2:?}"; shift 2 ;;
    --runs) runs="${2:?}"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "bench/export.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
binary="$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"
[ -x "$binary" ] || { echo "bench/export.sh: no honorar at $binary" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "bench/export.sh: hyperfine is missing (apt-get install hyperfine)" >&2; exit 2; }
export HONORAR_CACHE=off LC_ALL=C.UTF-8 TZ=UTC
unset HONORAR_BOOKS LANGUAGE LANG LC_MESSAGES

work="$data/export-medium"
books="$work/books"
stamp="$(sha256sum "$here/generate.py" "$0" | sha256sum | cut -c1-16)"
if [ "$(cat "$work/stamp" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$work"
  mkdir -p "$work"
  echo "bench/export.sh: generating the medium books ..." >&2
  python3 "$here/generate.py" medium "$work/gen" >/dev/null
  cp -R "$work/gen/toml-monthly" "$books"
  rm -rf "$work/gen"
  first="$(ls "$books/timelog" | sort | head -1)-01"
  last="$(ls "$books/timelog" | sort | tail -1)-$(ls "$books/timelog/$(ls "$books/timelog" | sort | tail -1)" | sort | tail -1 | cut -c1-2)"
  python3 - "$books/honorar.toml" "$first" <<'PY'
import re, sys
path, first = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
text = re.sub(r'^from *= *"[0-9-]+"', f'from          = "{first}"', text, flags=re.M)
text = re.sub(r'\[documents\]\n(?:[a-z_]+ *=.*\n)*', '[documents]\nmunicipality = []\nprivate      = []\n', text)
text += ('\n[accounts]\ndebtors = "5600"\nsales_exempt = "1010"\nsales_vat = "1020"\noutput_vat = "7200"\n'
         'outlays = "1030"\nbank = "5820"\nreminder_fees = "1040"\ninterest = "8010"\ncompensation = "1050"\n')
open(path, "w", encoding="utf-8").write(text)
PY
  echo "bench/export.sh: invoicing $first to $last month by month ..." >&2
  month="$first"
  start=$(date +%s)
  while :; do
    next=$(date -u -d "$month-01 + 1 month" +%Y-%m)
    "$binary" --books "$books" --today "$next-01" --quiet invoice --month "$month" >/dev/null
    [ "$month" = "$last" ] && break
    month=$next
  done
  # Every invoice paid 20 days after it was issued (every tenth in two parts), imported from
  # bank statements of 5,000 lines as a provider would (pay --import), as bench/receivables.sh does.
  "$binary" --books "$books" register list --format json >"$work/list.json"
  python3 "$here/statements.py" "$work/list.json" "$work" >/dev/null
  for statement in "$work"/statement-*.csv; do
    "$binary" --books "$books" --today "$(date -u -d "$last-01 + 2 month" +%Y-%m-%d)" --quiet pay --import "$statement" >/dev/null
  done
  rm -f "$work"/statement-*.csv "$work/list.json"
  echo "bench/export.sh: the register took $(( $(date +%s) - start )) s" >&2
  echo "$first $last" >"$work/period"
  echo "$stamp" >"$work/stamp"
fi
read -r first last <"$work/period"
from="$first"
to="$(date -u -d "$last-01 + 2 month" +%Y-%m)" # the last run's documents are issued (and paid) after it

documents=$(sqlite3 "$books/honorar.db" 'SELECT count(*) FROM documents')
payments=$(sqlite3 "$books/honorar.db" 'SELECT count(*) FROM payments')
postings=$("$binary" --books "$books" export --from "$from" --to "$to" | tail -n +2 | wc -l)
echo "register: $documents documents, $payments payments ($from to $to); journal: $postings postings"
hyperfine -N --warmup 2 --runs "$runs" \
  "$binary --books $books export --from $from --to $to" \
  "$binary --books $books export --from $from --to $to --csv-locale da" \
  "$binary --books $books export --from $from --to $to --format json" \
  "$binary --books $books export --month $to"

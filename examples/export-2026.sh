#!/usr/bin/env bash
# The example books' year in the accounting system: examples/export-2026.csv, the posting journal
# (kassekladde) of 2026 as e-conomic, Dinero or Billy import it.
#
#   bash examples/export-2026.sh [HONORAR] > examples/export-2026.csv
#   bash examples/export-2026.sh HONORAR --check examples/export-2026.csv   (CTest: is it current?)
#
# The example books take over the invoicing with October 2026; for a year of documents this
# works on a copy that invoices from November 2025 instead (as if the provider had started then):
# one real `invoice` run per month, on the first of the next month, November 2025 to October
# 2026; the payers pay (see below). Then it prints the journal of 2026 (the documents issued
# January to November and the payments) with the accounts of examples/books/honorar.toml.
# Nothing under examples/ is changed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
honorar="${1:-$here/../build/ci/cli/honorar}"
check=""
if [ "${2:-}" = --check ]; then check="${3:?--check needs the file to compare}"; fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/honorar-example.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
cp -R "$here/books" "$tmp/books"
sed -i 's/^from          = "2026-10".*/from          = "2025-11"/' "$tmp/books/honorar.toml"
grep -q '^from          = "2025-11"$' "$tmp/books/honorar.toml" || { echo "export-2026.sh: cannot set [invoicing] from" >&2; exit 2; }

export HONORAR_CACHE=off LC_ALL=C.UTF-8 TZ=UTC
unset HONORAR_BOOKS LANGUAGE LANG LC_MESSAGES
month=2025-11
while [ "$month" != 2026-11 ]; do
  next=$(date -u -d "$month-01 + 1 month" +%Y-%m)
  "$honorar" --books "$tmp/books" --today "$next-01" --quiet invoice --month "$month" >/dev/null
  month=$next
done
# The payers pay: each invoice in full 20 days after it was issued (the families 25 days), the
# municipality of Lejre a week late, recorded on 30 November 2026 (the bank statement's lines).
"$honorar" --books "$tmp/books" register list --format json >"$tmp/documents.json"
python3 - "$tmp/documents.json" "$tmp/books/invoices" >"$tmp/payments" <<'PY'
import datetime, json, sys
for d in json.load(open(sys.argv[1], encoding="utf-8"))["documents"]:
    if d["kind"] != "invoice":
        continue
    issued = datetime.date.fromisoformat(d["issue_date"])
    doc = json.load(open("%s/%s/%d.json" % (sys.argv[2], d["issue_date"][:4], d["number"]), encoding="utf-8"))
    days = 25 if doc["buyer"]["kind"] == "private" else 37 if doc["payer"] == "Lejre Kommune" else 20
    paid = issued + datetime.timedelta(days=days)
    if paid <= datetime.date(2026, 11, 30):
        print(d["number"], d["total"], paid.isoformat())
PY
while read -r number total date; do
  "$honorar" --books "$tmp/books" --today 2026-11-30 --quiet pay "$number" "$total" --date "$date" >/dev/null
done <"$tmp/payments"
"$honorar" --books "$tmp/books" --today 2026-12-01 export --from 2026-01 --to 2026-12 --csv-locale da >"$tmp/export.csv"

if [ -n "$check" ]; then
  if cmp -s "$tmp/export.csv" "$check"; then echo "$check is current"; exit 0; fi
  echo "$check is out of date (regenerate it: bash examples/export-2026.sh build/ci/cli/honorar > $check):" >&2
  diff "$check" "$tmp/export.csv" >&2 || true
  exit 1
fi
cat "$tmp/export.csv"

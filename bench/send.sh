#!/usr/bin/env bash
# bench/send.sh [HONORAR [N]]: the speed figure of issue 18 -- `honorar send` e-mails N documents
# (default 500) with their PDFs to a real SMTP server on 127.0.0.1 (aiosmtpd,
# tests/cli/smtp_server.py, Debian python3-aiosmtpd) over ONE connection, in <= 10 s.
#
# Makes books of N private contracts whose payers have an e-mail address, invoices a month (not
# timed: N invoices with PDFs), then times `send` (the first real run, sending all N), checks that
# N mails arrived over one connection, and times `send --resend ...` of all N with hyperfine.
# Results: bench/README.md, "Sending (issue 18)".
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(realpath "${1:-$here/../build/ci/cli/honorar}")
n=${2:-500}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/honorar-bench-send.XXXXXX")
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

books=$tmp/books
mkdir -p "$books/contracts" "$tmp/smtp"
cat >"$books/honorar.toml" <<'TOML'
[provider]
name    = "Støttecentret Ærø ApS"
cvr     = "12345674"
address = ["Hovedgaden 1", "4000 Roskilde"]
email   = "faktura@example.dk"
bank    = { reg = "1234", account = "1234567890" }

[invoicing]
from          = "2025-11"
first_number  = 1001
vat           = "exempt"
vat_exemption_note = "Momsfritaget jf. momslovens § 13, stk. 1, nr. 2"
TOML
for i in $(seq -w 1 "$n"); do
  cat >"$books/contracts/c$i.toml" <<TOML
id             = "C$i"
citizen        = "XY"
service        = "Familieorienteret forløb"
start          = 2025-11-03
hours_per_week = 5
rate           = 650.00

[payer]
kind    = "private"
name    = "Familien Ørsted $i"
address = ["Skolevej $i", "4000 Roskilde"]
email   = "familie$i@example.dk"
TOML
done
"$bin" --books "$books" --today 2025-12-01 -q invoice --month 2025-11 >/dev/null

/usr/bin/python3 "$here/../tests/cli/smtp_server.py" "$tmp/smtp" 2>"$tmp/smtp.log" &
server=$!
for _ in $(seq 100); do [ -s "$tmp/smtp/port" ] && break; sleep 0.1; done
port=$(cat "$tmp/smtp/port")
printf '\n[mail]\nhost = "127.0.0.1"\nport = %s\nsecurity = "none"\n' "$port" >>"$books/honorar.toml"

start=$(date +%s.%N)
"$bin" --books "$books" -q send --format json >"$tmp/send.json"
end=$(date +%s.%N)
mails=$(find "$tmp/smtp" -name '*.eml' | wc -l)
connections=$(cat "$tmp/smtp/connections")
seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
echo "send: $n documents in ${seconds} s; $mails mails arrived over $connections connection(s)"
[ "$mails" -eq "$n" ] && [ "$connections" -eq 1 ] || { echo "FAIL: expected $n mails over 1 connection" >&2; exit 1; }
awk -v s="$seconds" 'BEGIN { exit !(s <= 10) }' || { echo "FAIL: more than 10 s" >&2; exit 1; }

if command -v hyperfine >/dev/null; then
  resend=()
  for i in $(seq 1001 $((1000 + n))); do resend+=(--resend "$i"); done
  hyperfine --runs 3 --export-markdown "$tmp/hyperfine.md" \
    "$bin --books $books -q send ${resend[*]} --format json" >/dev/null
  sed 's/--resend [0-9]* //g' "$tmp/hyperfine.md"
fi

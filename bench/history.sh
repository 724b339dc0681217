#!/usr/bin/env bash
# bench/history.sh: issue 19's scenario -- a provider with five and ten years in the register.
# Run it through bench/run (`bench/run --scenario history`, or `--scenario all` after the
# medium books); see bench/README.md.
#
#   bench/history.sh BINARY DATA_DIR RESULTS_MD [--runs N] [--no-peers] [--strict]
#
# For each of the history sizes of bench/generate.py (history5: the medium books' hours,
# 2021-2025; history10: 2016-2025), invoiced from their first month with [documents] empty:
#   * the register is made by one real catch-up run of every month but the last (timed);
#   * correctness: the dry run of the last month is the same without the cache, with a cold
#     cache and a warm one, and again after one month's file is edited (three entries corrected)
#     and put back; `check` says the same warm and without the cache;
#   * timed: the dry run of the last month without cache / cold / warm / after one month's
#     file was edited, `check` warm, `ledger bal` on the same hours; once: /bin/date and
#     `notice`; the real monthly run of the five-year books with every format.
# Exit status: 1 when a correctness check fails (or, with --strict, a target is missed).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
binary="${1:?binary}"
data="${2:?data dir}"
out_md="${3:?results file}"
shift 3
runs=""
peers=auto
strict=0
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="${2:?}"; shift 2 ;;
    --no-peers) peers=off; shift ;;
    --strict) strict=1; shift ;;
    *) echo "bench/history.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
r_fast=30; r_slow=5; r_peer=3
if [ -n "$runs" ]; then r_slow=$runs; r_peer=$runs; fi

work="$(mktemp -d "${TMPDIR:-/tmp}/honorar-history.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export HONORAR_CACHE="$work/cache"
results="$work/results.tsv"
: > "$results"
failures=0
fail() { echo "bench/history.sh: FAILED: $*" >&2; failures=$((failures + 1)); }

# measure NAME RUNS PREPARE|"" COMMAND...: hyperfine wall times (and user CPU), then one run under
# /usr/bin/time for the peak RSS.
measure() {
  local name="$1" n="$2" prepare="$3"
  shift 3
  local args=(-N --style none --runs "$n" --export-json "$work/$name.json")
  if [ -n "$prepare" ]; then args+=(--prepare "$prepare"); else args+=(--warmup 1); fi
  local cmd
  cmd="$(printf '%q ' "$@")"
  if ! hyperfine "${args[@]}" "$cmd" > "$work/$name.log" 2>&1; then
    fail "$name: $(tail -2 "$work/$name.log")"
    return
  fi
  [ -n "$prepare" ] && bash -c "$prepare"
  /usr/bin/time -f %M -o "$work/$name.rss" "$@" > /dev/null 2>&1 || true
  printf '%s\t%s\t%s\n' "$name" "$work/$name.json" "$(tail -1 "$work/$name.rss")" >> "$results"
  printf 'bench/history.sh: %-34s done\n' "$name"
}

stamp="$(sha256sum "$here/generate.py" | cut -c1-16)"
echo "bench/history.sh: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) at the start"
measure date "$r_fast" "" /bin/date
measure notice "$r_fast" "" "$binary" notice 2025-11-18

for size in history5 history10; do
  src="$data/$size"
  if [ "$(cat "$src/.stamp" 2>/dev/null)" != "$stamp" ]; then
    rm -rf "$src"
    mkdir -p "$data"
    python3 "$here/generate.py" "$size" "$src"
    echo "$stamp" > "$src/.stamp"
  fi
  # shellcheck disable=SC1091
  source "$src/meta.env"
  books="$work/$size"
  cp -r "$src/toml-monthly" "$books"
  base=("$binary" --today "$TODAY" --books "$books")
  h=("${base[@]}" --quiet)
  echo "bench/history.sh: $size: $CONTRACTS contracts, $ENTRIES entries, $EXPENSES expenses, $MONTH_FILES month files," \
       "invoiced from $INVOICING_FROM; catch-up run of $CATCHUP_MONTH on $CATCHUP_TODAY"
  printf '%s\t%s\t%s\t%s\t%s\n' "meta" "$size" "$ENTRIES" "$CONTRACTS" "$INVOICING_FROM..$CATCHUP_MONTH" >> "$work/meta.tsv"

  # The register: one real catch-up run (timed; the last run leaves it in place).
  measure "$size-catch-up" "$r_slow" "rm -rf $books/honorar.db $books/invoices" \
    "$binary" --quiet --today "$CATCHUP_TODAY" --books "$books" invoice --month "$CATCHUP_MONTH"
  n_docs="$(find "$books/invoices" -name '*.json' | wc -l)"
  [ "$n_docs" -gt 0 ] || fail "$size: the catch-up run issued no document"
  echo "bench/history.sh: $size: the catch-up run issued $n_docs documents"
  printf '%s\t%s\n' "$size" "$n_docs" >> "$work/catchup.tsv"

  # Correctness: no cache == cold == warm, also after one month's file is edited.
  # The edit: one month's file corrected (its first three entries' hours to 0.25, as a late
  # correction is made), then back; every call writes the file.
  month_file="$books/timelog/$LAST_YEAR/06.toml"
  cp "$month_file" "$work/$size-06.orig"
  awk 'BEGIN { n = 0 } /^hours    = / && n < 3 { print "hours    = 0.25"; n++; next } { print }' \
    "$month_file" > "$work/$size-06.edited"
  cmp -s "$month_file" "$work/$size-06.edited" && fail "$size: the edit changes nothing in $month_file"
  toggle="$work/$size-edit.sh"
  cat > "$toggle" <<EOF
#!/usr/bin/env bash
# One month's file edited, or put back (every call writes it).
if cmp -s '$month_file' '$work/$size-06.orig'; then cat '$work/$size-06.edited' > '$month_file'
else cat '$work/$size-06.orig' > '$month_file'; fi
EOF
  chmod +x "$toggle"
  dry=(invoice --dry-run --month "$LAST_MONTH")
  rm -rf "$HONORAR_CACHE"
  HONORAR_CACHE=off "${h[@]}" --format json "${dry[@]}" > "$work/$size-nocache.json" || fail "$size: dry run without cache"
  "${h[@]}" --format json "${dry[@]}" > "$work/$size-cold.json" || fail "$size: cold dry run"
  sleep 2.1 # let the files settle, as a later month's run finds them
  "${h[@]}" --format json "${dry[@]}" > "$work/$size-warm1.json" || fail "$size: warm dry run"
  "${h[@]}" --format json "${dry[@]}" > "$work/$size-warm.json" || fail "$size: warm dry run"
  cmp -s "$work/$size-nocache.json" "$work/$size-cold.json" || fail "$size: a cold run bills differently from one without cache"
  cmp -s "$work/$size-nocache.json" "$work/$size-warm1.json" || fail "$size: a warm run bills differently from one without cache"
  cmp -s "$work/$size-nocache.json" "$work/$size-warm.json" || fail "$size: a warm run bills differently from one without cache"
  HONORAR_CACHE=off "${base[@]}" check > "$work/$size-check-nocache.txt" 2>&1 || true
  "${base[@]}" check > "$work/$size-check-warm.txt" 2>&1 || true
  cmp -s "$work/$size-check-nocache.txt" "$work/$size-check-warm.txt" || fail "$size: a warm check reports differently"
  for step in edit undo; do
    "$toggle"
    HONORAR_CACHE=off "${h[@]}" --format json "${dry[@]}" > "$work/$size-$step-nocache.json" || fail "$size: edited, no cache"
    "${h[@]}" --format json "${dry[@]}" > "$work/$size-$step-warm.json" || fail "$size: edited, warm"
    "${h[@]}" --format json "${dry[@]}" > "$work/$size-$step-warm2.json" || fail "$size: edited, warm"
    cmp -s "$work/$size-$step-nocache.json" "$work/$size-$step-warm.json" || fail "$size: after the $step, warm != no cache"
    cmp -s "$work/$size-$step-nocache.json" "$work/$size-$step-warm2.json" || fail "$size: after the $step, warm != no cache"
  done
  cmp -s "$work/$size-nocache.json" "$work/$size-undo-warm.json" || fail "$size: the edit undone bills differently"
  cmp -s "$work/$size-nocache.json" "$work/$size-edit-nocache.json" && fail "$size: the edit changed no bill (it tests nothing)"
  [ "$failures" = 0 ] && echo "bench/history.sh: $size: correctness: no cache == cold == warm, also after an edit"

  if [ "$peers" = auto ] && command -v ledger >/dev/null; then
    measure "$size-ledger-bal" "$r_peer" "" ledger -f "$src/timeclock.timeclock" bal
  else
    echo "bench/history.sh: ledger not installed (bench/run --install-peers): skipped"
  fi
  measure "$size-dry-nocache" "$r_slow" "" env HONORAR_CACHE=off "${h[@]}" "${dry[@]}"
  measure "$size-dry-cold" "$r_slow" "rm -rf $HONORAR_CACHE" "${h[@]}" "${dry[@]}"
  sleep 2.1
  "${h[@]}" "${dry[@]}" > /dev/null
  measure "$size-dry-warm" "$r_fast" "" "${h[@]}" "${dry[@]}"
  measure "$size-dry-edited" "$r_slow" "$toggle" "${h[@]}" "${dry[@]}"
  cmp -s "$month_file" "$work/$size-06.orig" || "$toggle" # leave it as generated
  sleep 2.1
  "${h[@]}" "${dry[@]}" > /dev/null
  measure "$size-check-warm" "$r_slow" "" "${h[@]}" check

  if [ "$size" = history5 ]; then
    # The real monthly run with every format, the register holding five years: the catch-up
    # made with every format too (not timed), then the last month run for real, the register
    # put back before each run.
    real="$work/$size-real"
    cp -r "$src/toml-monthly" "$real"
    sed -i 's/^municipality = \[\]$/municipality = ["xml", "pdf"]/; s/^private      = \[\]$/private      = ["pdf"]/' "$real/honorar.toml"
    grep -q '"pdf"' "$real/honorar.toml" || fail "could not set [documents] for the real run"
    "$binary" --quiet --today "$CATCHUP_TODAY" --books "$real" invoice --month "$CATCHUP_MONTH" > /dev/null \
      || fail "$size: the catch-up run with every format"
    cp "$real/honorar.db" "$work/$size-catch-up.db"
    "$binary" --quiet --today "$TODAY" --books "$real" check > /dev/null 2>&1 || true
    issue_year="${TODAY%%-*}"
    restore="$work/$size-restore.sh" # (hyperfine -N runs a prepare command without a shell)
    printf '#!/usr/bin/env bash\ncp %q %q && rm -rf %q\n' "$work/$size-catch-up.db" "$real/honorar.db" \
      "$real/invoices/$issue_year" > "$restore"
    chmod +x "$restore"
    measure "$size-real-all-formats" "$r_slow" "$restore" \
      "$binary" --quiet --today "$TODAY" --books "$real" invoice --month "$LAST_MONTH"
    { find "$real/invoices/$issue_year" -type f || true; } | sed 's/.*\.//' | sort | uniq -c \
      | awk '{printf "%s%s %s", sep, $1, $2; sep=", "}' > "$work/real-docs.txt"
  fi
done

python3 - "$results" "$work/meta.tsv" "$work/catchup.tsv" "$work/real-docs.txt" "$strict" "$out_md" <<'PY' || exit_status=$?
import json, sys
results, meta_path, catchup_path, docs_path, strict, out_path = sys.argv[1:7]
rows = {}
for line in open(results):
    name, path, rss = line.rstrip("\n").split("\t")
    r = json.load(open(path))["results"][0]
    user = (r.get("user") or 0.0) + (r.get("system") or 0.0) if r.get("user") is not None else None
    rows[name] = dict(median=r["median"], mean=r["mean"], stddev=r.get("stddev") or 0.0, runs=len(r["times"]),
                      user=user, rss=int(rss) if rss.strip().isdigit() else None)
meta = {}
for line in open(meta_path):
    _, size, entries, contracts, months = line.rstrip("\n").split("\t")
    meta[size] = (int(entries), int(contracts), months)
catchup = dict(line.rstrip("\n").split("\t") for line in open(catchup_path))
docs = open(docs_path).read().strip() if docs_path else ""

def wall(s):
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"
labels = [("date", "`/bin/date`"), ("notice", "`honorar notice 2025-11-18` (no books)")]
for size in ("history5", "history10"):
    if size not in meta:
        continue
    entries, contracts, months = meta[size]
    years = "5" if size == "history5" else "10"
    labels += [
        (f"{size}-ledger-bal", f"{years} years: `ledger bal` on the same hours"),
        (f"{size}-catch-up", f"{years} years: catch-up real run {months} ({catchup.get(size, '?')} documents, json + text)"),
        (f"{size}-dry-nocache", f"{years} years: `invoice --dry-run` last month, no cache (`HONORAR_CACHE=off`)"),
        (f"{size}-dry-cold", f"{years} years: `invoice --dry-run` last month, cold (cache removed)"),
        (f"{size}-dry-warm", f"{years} years: `invoice --dry-run` last month, warm (nothing changed)"),
        (f"{size}-dry-edited", f"{years} years: `invoice --dry-run` last month, one month's file edited"),
        (f"{size}-check-warm", f"{years} years: `check`, warm"),
    ]
    if size == "history5":
        labels.append((f"{size}-real-all-formats", f"{years} years: real monthly run, every format ({docs or '?'})"))
lines = ["| what | median wall | mean ± σ | CPU, user + sys (mean) | runs | peak RSS |", "|---|---:|---:|---:|---:|---:|"]
for key, label in labels:
    if key not in rows:
        continue
    r = rows[key]
    rss = f"{r['rss'] / 1024:.0f} MB" if r["rss"] else "?"
    user = wall(r["user"]) if r["user"] is not None else "?"
    lines.append(f"| {label} | {wall(r['median'])} | {wall(r['mean'])} ± {wall(r['stddev'])} | {user} | {r['runs']} | {rss} |")

targets = []
def med(k):
    return rows[k]["median"] if k in rows else None
def target(text, ok):
    targets.append((text, ok))
info = []
for size, years in (("history5", 5), ("history10", 10)):
    # The targets are for five years; of ten years the issue asks that warm stays within 20 %
    # (the rest is written down as information).
    note = target if years == 5 else (lambda text, ok: info.append(text))
    led = med(f"{size}-ledger-bal")
    for kind in ("cold", "nocache"):
        d = med(f"{size}-dry-{kind}")
        if led and d:
            note(f"{years} years: `invoice --dry-run` {kind} {led / d:.1f}x faster than ledger (>= 5x)", led / d >= 5)
    if (w := med(f"{size}-dry-warm")) is not None:
        note(f"{years} years: warm {wall(w)} (<= 0.1 s)", w <= 0.1)
    if (e := med(f"{size}-dry-edited")) is not None:
        note(f"{years} years: one month's file edited {wall(e)} (<= 0.15 s)", e <= 0.15)
    peak = max((r["rss"] or 0) for k, r in rows.items() if k.startswith(size) and "ledger" not in k)
    if peak:
        note(f"{years} years: peak RSS of honorar {peak / 1024:.0f} MB (<= 150 MB)", peak <= 150 * 1024)
w5, w10 = med("history5-dry-warm"), med("history10-dry-warm")
if w5 and w10:
    target(f"10 years warm {wall(w10)} is {w10 / w5 * 100 - 100:+.0f} % of 5 years warm {wall(w5)} (within 20 %)", w10 <= 1.2 * w5)
if (x := med("history5-real-all-formats")) is not None:
    target(f"5 years: real monthly run, every format {wall(x)} (<= 3 s)", x <= 3)
if (x := med("history5-catch-up")) is not None:
    target(f"5 years: catch-up real run {wall(x)} (<= 5 s)", x <= 5)
n, d = med("notice"), med("date")
if n and d:
    target(f"`notice` {n / d:.2f}x `/bin/date` (<= 1.5x)", n / d <= 1.5)
lines += ["", "Targets of issue 19 (ratios from this run):", ""]
lines += [f"* {'ok    ' if ok else 'MISSED'} {text}" for text, ok in targets]
if info:
    lines += ["", "Ten years, for information (the same measures):", ""] + [f"* {text}" for text in info]
text = "\n".join(lines) + "\n"
print()
print(text)
with open(out_path, "w") as f:
    f.write(text)
missed = sum(1 for _, ok in targets if not ok)
sys.exit(1 if strict == "1" and missed else 0)
PY
echo "bench/history.sh: load $(cut -d' ' -f1-3 /proc/loadavg) at the end; table written to $out_md"
[ "$failures" = 0 ] || { echo "bench/history.sh: $failures correctness check(s) failed" >&2; exit 1; }
exit "${exit_status:-0}"

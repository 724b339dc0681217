#!/usr/bin/env bash
# Hostile books and a hostile machine (issue 6, ARCHITECTURE.md "Guarantees"): huge files, deep
# TOML nesting, invalid UTF-8, NUL bytes, CRLF and BOM, symbolic links out of the books, contract
# ids that try path traversal, a read-only invoices/, pango/cairo that cannot be loaded, a full
# disk (RLIMIT_FSIZE), a corrupt or foreign honorar.db, and the modes of the files honorar
# creates. Never a crash (exit 1 or a signal), never a changed register after a failure.
source "$(dirname "$0")/lib.sh"

T=(--today 2025-12-01)

# register_dump BOOKS: the register's content, for "unchanged" (sqlite3 rolls back a hot journal).
register_dump() {
  if [ -s "$1/honorar.db" ]; then sqlite3 "$1/honorar.db" .dump 2>&1; else echo "(no register)"; fi
}

# files_under DIR: every file below DIR with its size, sorted (empty when DIR does not exist).
files_under() {
  if [ -d "$1" ]; then (cd "$1" && find . -type f -printf '%p %s\n' | sort); fi
}

# unprivileged CMD...: runs CMD so that file modes bind it. As root (CI) that needs root without
# capabilities: setpriv drops CAP_DAC_OVERRIDE and the rest. UNPRIVILEGED is empty when neither works.
if [ "$(id -u)" != 0 ]; then
  UNPRIVILEGED=(env)
elif setpriv --bounding-set=-all --inh-caps=-all -- true 2>/dev/null; then
  UNPRIVILEGED=(setpriv --bounding-set=-all --inh-caps=-all --)
else
  UNPRIVILEGED=()
fi
run_unprivileged() {
  RUN_LINE="(unprivileged) honorar $*"
  "${UNPRIVILEGED[@]}" "$HONORAR" "$@" </dev/null >"$OUT_FILE" 2>"$ERR_FILE"
  STATUS=$?
  STDOUT=$(cat "$OUT_FILE")
  STDERR=$(cat "$ERR_FILE")
}

# -------------------------------------------------------------------------------------------------
test_case "a 200 MB time log: a clear error (65) before it is read, little memory"
B=$(copy_books november huge)
printf 'contract,date,hours,status\n' >"$B/timelog/2025/huge.csv"
truncate -s 200M "$B/timelog/2025/huge.csv" # sparse: no disk needed, the size is what counts
rss=$(py -c '
import resource, subprocess, sys
r = subprocess.run(sys.argv[1:-1], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=open(sys.argv[-1] + ".err", "w"))
print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
' "$HONORAR" --books "$B" check "$TMP/huge")
read -r status mb <<<"$rss"
expect_true "check exits 65 ($status)" test "$status" = 65
if grep -qa __asan_init "$HONORAR"; then
  echo "(AddressSanitizer build: its shadow memory makes peak RSS meaningless; the memory is checked in the release run)"
else
  expect_true "peak memory $mb MiB < 200 MiB" test "$mb" -lt 200
fi
STDERR=$(cat "$TMP/huge.err")
expect_stderr_contains "timelog/2025/huge.csv: error: is 200 MiB, more than the 128 MiB a file of the books may have: split it"
run --books "$B" "${T[@]}" invoice --month 2025-11
expect_exit 65
expect_no_file "$B/honorar.db"

test_case "a real 129 MiB time log is refused just the same (it grew past the limit)"
yes 'C1,2025-11-04,2.5,delivered' | head -c $((129 * 1024 * 1024)) >"$B/timelog/2025/huge.csv"
run --books "$B" check
expect_exit 65
expect_stderr_contains "timelog/2025/huge.csv: error: is 129 MiB, more than the 128 MiB"
rm -rf "$B"

# -------------------------------------------------------------------------------------------------
test_case "deep TOML nesting: exit 65 with a message, never a stack overflow"
B=$(copy_books november deep)
deep() { py -c "import sys; sys.stdout.write($1)"; }
for text in "'a' + '.a' * 200000 + ' = 1\n'" "'[' + 'a.' * 200000 + 'a]\n'" "'x = ' + '[' * 200000 + ']' * 200000 + '\n'" \
  "'x = ' + '{a=' * 200000 + '1' + '}' * 200000 + '\n'" "'[[' + 'a.' * 200000 + 'a]]\n'"; do
  for file in contracts/deep.toml timelog/deep.toml honorar.toml; do
    cp "$BOOKS_DIR/november/honorar.toml" "$B/honorar.toml"
    rm -f "$B/contracts/deep.toml" "$B/timelog/deep.toml"
    deep "$text" >"$B/$file"
    run --books "$B" check --format json
    expect_exit 65
    expect_json "any(e['file'] == '$file' for e in j['errors'])"
  done
done
rm -rf "$B"

# -------------------------------------------------------------------------------------------------
test_case "invalid UTF-8 and NUL bytes: exit 65 naming the file and line; JSON output stays JSON"
for bytes in '\xff' '\xc3' '\xed\xa0\x80' '\xc0\xaf' '\x00'; do
  B=$(copy_books november utf8)
  printf "contract,date,hours,status,note\n2C-2025-014,2025-11-04,2.5,,a${bytes}b\n" >"$B/timelog/2025/bad.csv"
  printf "[[entry]]\ncontract = \"2C-2025-014\"\ndate = 2025-11-04\nhours = 1\nnote = \"a${bytes}b\"\n" >"$B/timelog/2025/bad.toml"
  printf "# ${bytes}\n" >>"$B/contracts/ab.toml"
  run --books "$B" check --format json
  expect_exit 65
  # (The entries of the contract whose file cannot be read are then skipped, with one note.)
  expect_json "[e['file'] + ':' + str(e['line']) for e in j['errors'] if 'were skipped because' not in e['message']] == ['contracts/ab.toml:$(wc -l <"$B/contracts/ab.toml")', 'timelog/2025/bad.csv:2', 'timelog/2025/bad.toml:5']"
  run --books "$B" check
  expect_exit 65
  expect_stderr_contains "timelog/2025/bad.csv:2:"
  run --books "$B" "${T[@]}" invoice --month 2025-11
  expect_exit 65
  expect_no_file "$B/honorar.db"
  rm -rf "$B"
done

# -------------------------------------------------------------------------------------------------
test_case "CRLF line ends and byte-order marks: the same documents as LF"
B=$(copy_books november lf)
run --books "$B" "${T[@]}" invoice --month 2025-11 --dry-run --format json
expect_exit 0
cp "$OUT_FILE" "$TMP/lf.json"
C=$(copy_books november crlf)
find "$C" -type f \( -name '*.toml' -o -name '*.csv' \) -print0 |
  while IFS= read -r -d '' f; do py -c '
import sys
p = sys.argv[1]
data = open(p, "rb").read().replace(b"\n", b"\r\n")
open(p, "wb").write(b"\xef\xbb\xbf" + data)
' "$f"; done
run --books "$C" check --format json
expect_exit 0
run --books "$C" "${T[@]}" invoice --month 2025-11 --dry-run --format json
expect_exit 0
expect_stdout_file "$TMP/lf.json"
rm -rf "$B" "$C"

# -------------------------------------------------------------------------------------------------
test_case "symbolic links in timelog/ that leave the books: refused, naming the file"
B=$(copy_books november links)
mkdir -p "$TMP/elsewhere/2024"
mv "$B/timelog/2025/mentor.csv" "$TMP/elsewhere/mentor.csv"
cp "$TMP/elsewhere/mentor.csv" "$TMP/elsewhere/2024/"
ln -s "$TMP/elsewhere/mentor.csv" "$B/timelog/2025/mentor.csv"
ln -s "$TMP/elsewhere/2024" "$B/timelog/2024"
ln -s ../../../elsewhere/mentor.csv "$B/timelog/relative.csv"
run --books "$B" check
expect_exit 65
expect_stderr_contains "timelog/2025/mentor.csv: error: is a symbolic link to $(realpath "$TMP/elsewhere/mentor.csv"), outside the books: refused"
expect_stderr_contains "timelog/2024: error: is a symbolic link to $(realpath "$TMP/elsewhere/2024"), outside the books: refused"
expect_stderr_contains "timelog/relative.csv: error: is a symbolic link to"
run --books "$B" "${T[@]}" invoice --month 2025-11
expect_exit 65
expect_no_file "$B/honorar.db"

test_case "a symbolic link that stays inside the books is read"
rm "$B/timelog/2025/mentor.csv" "$B/timelog/2024" "$B/timelog/relative.csv"
mkdir -p "$B/shared"
cp "$TMP/elsewhere/mentor.csv" "$B/shared/mentor.csv"
ln -s ../../shared/mentor.csv "$B/timelog/2025/mentor.csv"
run --books "$B" "${T[@]}" invoice --month 2025-11 --dry-run --format json
expect_exit 0
expect_json_eq 'len(j["documents"])' 3
rm -rf "$B" "$TMP/elsewhere"

# -------------------------------------------------------------------------------------------------
test_case "contract ids that try path traversal: refused (65); document files are named by number"
for id in '../../outside' '/tmp/abs' 'a/../../b' '..' '.hidden' 'a\\b'; do
  B=$(copy_books november ids)
  py -c '
import re, sys
p, new = sys.argv[1], sys.argv[2]
t = open(p, encoding="utf-8").read()
t = re.sub(r"(?m)^id\s*=.*$", "id = \"" + new.replace("\\", "\\\\") + "\"", t, count=1)
open(p, "w", encoding="utf-8").write(t)
' "$B/contracts/ab.toml" "$id"
  run --books "$B" "${T[@]}" invoice --month 2025-11
  expect_exit 65
  expect_stderr_contains "must match [A-Za-z0-9][A-Za-z0-9._-]{0,63}"
  expect_no_file "$B/honorar.db"
  expect_no_file "$B/invoices"
  rm -rf "$B"
done
B=$(copy_books november ids)
run --books "$B" "${T[@]}" invoice --month 2025-11 --contract ../../x
expect_exit 64
run --books "$B" "${T[@]}" -q invoice --month 2025-11
expect_exit 0
expect_true "only invoices/2025/<number>.<ext> files" \
  test -z "$(cd "$B" && find . -type f ! -path './contracts/*' ! -path './timelog/*' ! -name honorar.toml ! -name honorar.db |
    grep -Ev '^\./invoices/2025/[0-9]+\.(json|txt|xml|pdf)$')"
rm -rf "$B"

# -------------------------------------------------------------------------------------------------
if [ ${#UNPRIVILEGED[@]} -eq 0 ]; then
  echo "SKIP: read-only invoices/: running as root and setpriv cannot drop capabilities"
else
  test_case "a read-only invoices/: exit 73, the register as before, no files"
  B=$(copy_books november readonly)
  mkdir -p "$B/invoices"
  chmod 555 "$B/invoices"
  run_unprivileged --books "$B" "${T[@]}" -q invoice --month 2025-11
  expect_exit 73
  expect_stderr_contains "cannot write"
  expect_stdout_empty
  expect_true "no documents registered" test "$(register_dump "$B" | grep -c 'INSERT INTO documents')" = 0
  expect_true "nothing under invoices/" test -z "$(files_under "$B/invoices")"
  chmod 755 "$B/invoices"
  run --books "$B" "${T[@]}" -q invoice --month 2025-11 --format json
  expect_exit 0
  expect_json_eq '[d["number"] for d in j["documents"]]' '[1001, 1002, 1003]'

  test_case "a read-only invoices/2025 with a register: exit 73, the register byte for byte as before"
  printf '[[entry]]\ncontract = "2C-2025-007"\ndate = 2025-11-26\nhours = 5\nstatus = "staff-absent"\n' \
    >"$B/timelog/2025/late.toml"
  before=$(register_dump "$B")
  files_before=$(files_under "$B/invoices")
  chmod 555 "$B/invoices/2025"
  run_unprivileged --books "$B" "${T[@]}" -q invoice --month 2025-11
  expect_exit 73
  expect_stderr_contains "invoices/2025"
  expect_true "the register is unchanged" test "$(register_dump "$B")" = "$before"
  expect_true "the files are unchanged" test "$(files_under "$B/invoices")" = "$files_before"
  chmod 755 "$B/invoices/2025"
  run --books "$B" "${T[@]}" -q invoice --month 2025-11 --format json
  expect_exit 0
  expect_json_eq '[d["number"] for d in j["documents"]]' '[1004]'

  test_case "a read-only books folder (no register can be created): exit 73"
  C=$(copy_books november readonly-books)
  chmod 555 "$C"
  run_unprivileged --books "$C" "${T[@]}" -q invoice --month 2025-11
  expect_exit 73
  chmod 755 "$C"
  expect_no_file "$C/honorar.db"
  rm -rf "$B" "$C"
fi

# -------------------------------------------------------------------------------------------------
# pango/cairo are loaded when the first PDF is rendered (lib/render/pdf_libs.cpp). A library the
# loader cannot load -- here an empty libpangocairo-1.0.so.0 first on LD_LIBRARY_PATH, as a
# half-removed install leaves it; a missing one is the same dlopen failure -- is exit 69 naming
# the Debian package, with no document registered or written. (An AddressSanitizer build links
# pango at start-up, so there it does not start at all.)
mkdir -p "$TMP/broken-libs"
: >"$TMP/broken-libs/libpangocairo-1.0.so.0"
if ! LD_LIBRARY_PATH=$TMP/broken-libs "$HONORAR" --version >/dev/null 2>&1; then
  echo "SKIP: pango/cairo cannot be loaded: this build links them at start-up"
else
  test_case "pango/cairo cannot be loaded: exit 69 naming the package, no document registered or written"
  B=$(copy_books november nopango)
  LD_LIBRARY_PATH=$TMP/broken-libs run --books "$B" "${T[@]}" -q invoice --month 2025-11
  expect_exit 69
  msg="cannot write PDF documents: libpangocairo-1.0.so.0 cannot be loaded (apt-get install libpangocairo-1.0-0)"
  expect_stderr "honorar: $msg: $TMP/broken-libs/libpangocairo-1.0.so.0: file too short"$'\n'
  expect_stdout_empty
  expect_true "no documents registered" test "$(register_dump "$B" | grep -c 'INSERT INTO documents')" = 0
  expect_true "nothing under invoices/" test -z "$(files_under "$B/invoices")"

  test_case "pango/cairo cannot be loaded: register render --format pdf exits 69, text still works"
  run --books "$B" "${T[@]}" -q invoice --month 2025-11
  expect_exit 0
  LD_LIBRARY_PATH=$TMP/broken-libs run --books "$B" register render 1001 --format pdf
  expect_exit 69
  expect_stderr_contains "honorar: cannot write PDF documents: libpangocairo-1.0.so.0 cannot be loaded"
  expect_stdout_empty
  LD_LIBRARY_PATH=$TMP/broken-libs run --books "$B" register render 1001 --format text
  expect_exit 0
  rm -rf "$B"
fi

# -------------------------------------------------------------------------------------------------
# A full disk: RLIMIT_FSIZE (ulimit -f, in KiB) stops every write past the limit (honorar ignores
# SIGXFSZ, so the write fails with EFBIG). Whichever file hits the limit -- the register, its
# journal, a document -- the run exits 73 with the register as before, or completes.
full_disk_rounds() { # BOOKS_TEMPLATE MONTH TODAY LIMIT...
  local template=$1 month=$2 today=$3 limit
  shift 3
  FULL_73=0 FULL_OK=0
  for limit in "$@"; do
    local b=$TMP/full
    rm -rf "$b"
    cp -R "$template" "$b"
    local before files_before
    before=$(register_dump "$b")
    files_before=$(files_under "$b/invoices")
    test_case "a full disk at $limit KiB: invoice $month exits 73 with the register unchanged, or completes"
    RUN_LINE="(ulimit -f $limit) honorar --books $b --today $today invoice --month $month"
    (
      ulimit -f "$limit"
      exec "$HONORAR" --books "$b" --today "$today" -q invoice --month "$month" --format json
    ) </dev/null >"$OUT_FILE" 2>"$ERR_FILE"
    STATUS=$?
    STDERR=$(cat "$ERR_FILE")
    if [ "$STATUS" = 73 ]; then
      pass
      FULL_73=$((FULL_73 + 1))
      expect_true "the register is unchanged" test "$(register_dump "$b")" = "$before"
      expect_true "no new document file" test "$(files_under "$b/invoices")" = "$files_before"
      expect_stderr_contains "honorar: "
    elif [ "$STATUS" = 0 ]; then
      pass
      FULL_OK=$((FULL_OK + 1))
    else
      fail "exit $STATUS" "exit 0 or 73" "exit $STATUS: $STDERR"
    fi
    expect_true "no temporary file left" test -z "$(find "$b" -name '*.tmp.*')"
    # Without the limit the run completes.
    run --books "$b" --today "$today" -q invoice --month "$month"
    expect_exit 0
  done
}
F=$(copy_books november full-fresh)
printf '\n[documents]\nmunicipality = ["xml", "pdf"]\nprivate = ["pdf"]\n' >>"$F/honorar.toml"
full_disk_rounds "$F" 2025-11 2025-12-01 1 4 8 16 24 32 48 64 96 128 256 1024
expect_true "some limits stopped the first run ($FULL_73) and some did not ($FULL_OK)" test "$FULL_73" -gt 0 -a "$FULL_OK" -gt 0
run --books "$F" "${T[@]}" -q invoice --month 2025-11
printf '[[entry]]\ncontract = "2C-2025-007"\ndate = 2025-11-26\nhours = 5\nstatus = "staff-absent"\n' >"$F/timelog/2025/late.toml"
full_disk_rounds "$F" 2025-11 2025-12-02 1 16 32 48 64 96 128 160 192 256 1024
expect_true "some limits stopped the run on a register ($FULL_73) and some did not ($FULL_OK)" test "$FULL_73" -gt 0 -a "$FULL_OK" -gt 0
rm -rf "$F" "$TMP/full"

# -------------------------------------------------------------------------------------------------
# A corrupt or foreign honorar.db: a clear error (65) from every command that reads it, and the
# file byte for byte as it was.
corrupt_case() { # NAME [COMMAND...]: with $B/honorar.db prepared
  local name=$1 cmd
  shift
  [ $# -gt 0 ] || set -- "invoice --month 2025-11" "invoice --month 2025-11 --dry-run" "register list" "register show 1001"
  cp "$B/honorar.db" "$TMP/db.before"
  for cmd in "$@"; do
    test_case "$name: $cmd"
    # shellcheck disable=SC2086 # the command's words
    run --books "$B" "${T[@]}" $cmd
    expect_exit 65
    expect_stderr_contains "register"
    expect_stdout_empty
    expect_same_files "$B/honorar.db" "$TMP/db.before"
  done
  expect_no_file "$B/invoices"
}
B=$(copy_books november corrupt)
head -c 20000 /dev/urandom >"$B/honorar.db"
corrupt_case "random bytes"
printf 'this is not a database, but my notes\n' >"$B/honorar.db"
corrupt_case "a text file"
rm "$B/honorar.db"
sqlite3 "$B/honorar.db" "CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT); INSERT INTO accounts VALUES (1, 'x');"
corrupt_case "a foreign SQLite database"
rm "$B/honorar.db"
sqlite3 "$B/honorar.db" "PRAGMA user_version = 99; CREATE TABLE documents (number INTEGER);"
corrupt_case "a register of a newer honorar"
rm "$B/honorar.db"
R=$(copy_books november real)
run --books "$R" "${T[@]}" -q invoice --month 2025-11
head -c 6000 "$R/honorar.db" >"$B/honorar.db"
corrupt_case "a truncated register"
cp "$R/honorar.db" "$B/honorar.db"
size=$(stat -c %s "$B/honorar.db")
py -c '
import sys
p = sys.argv[1]
data = bytearray(open(p, "rb").read())
for page in range(1, len(data) // 4096):   # every page but the header page: garbage
    data[page * 4096 : page * 4096 + 64] = b"\xa5" * 64
open(p, "wb").write(bytes(data))
' "$B/honorar.db"
expect_true "same size" test "$(stat -c %s "$B/honorar.db")" = "$size"
corrupt_case "a register with damaged pages"
cp "$R/honorar.db" "$B/honorar.db"
sqlite3 "$B/honorar.db" "UPDATE documents SET json = '{\"number\": 1001, \"lines\": [' WHERE number = 1001;"
# (register list needs no document's JSON: it still lists them; nor does a dry run that corrects
# nothing: a run reads only the documents it needs, issue 19)
corrupt_case "a register with a damaged document" "invoice --month 2025-11" \
  "register show 1001" "register render 1001 --format pdf"
rm -rf "$B" "$R"

# -------------------------------------------------------------------------------------------------
test_case "file modes: honorar.db 0600 and its journal too, documents 0640, folders per umask"
for mask in 022 077 000; do
  B=$(copy_books november "modes-$mask")
  (
    umask "$mask"
    exec "$HONORAR" --books "$B" "${T[@]}" -q invoice --month 2025-11
  ) </dev/null >/dev/null 2>&1
  expect_true "umask $mask: invoice ran" test -f "$B/invoices/2025/1001.json"
  expect_true "umask $mask: honorar.db is 600 ($(stat -c %a "$B/honorar.db"))" \
    test "$(stat -c %a "$B/honorar.db")" = "$(printf '%o' $((0600 & ~0$mask)))"
  doc_modes=$(find "$B/invoices" -type f -printf '%m\n' | sort -u)
  expect_true "umask $mask: documents are $(printf '%o' $((0640 & ~0$mask))) ($doc_modes)" \
    test "$doc_modes" = "$(printf '%o' $((0640 & ~0$mask)))"
  expect_true "umask $mask: invoices/2025 is $(printf '%o' $((0777 & ~0$mask)))" \
    test "$(stat -c %a "$B/invoices/2025")" = "$(printf '%o' $((0777 & ~0$mask)))"
  rm -rf "$B"
done
# The journal: a writer killed inside its transaction leaves it, with the register's mode.
B=$(copy_books november journal)
(umask 022 && exec "$HONORAR" --books "$B" "${T[@]}" -q invoice --month 2025-11) </dev/null >/dev/null 2>&1
coproc WRITER { exec sqlite3 "$B/honorar.db" 2>&1; }
# shellcheck disable=SC2153 # set by coproc
writer_pid=$WRITER_PID
printf "PRAGMA cache_size = 1;\nBEGIN IMMEDIATE;\nUPDATE documents SET json = json || ' ';\nSELECT 'updated';\n" >&"${WRITER[1]}"
read -r -t 20 updated <&"${WRITER[0]}"
kill -KILL "$writer_pid" 2>/dev/null
wait "$writer_pid" 2>/dev/null
expect_true "a journal was left (${updated:-no answer})" test -s "$B/honorar.db-journal"
expect_true "the journal is 600 ($(stat -c %a "$B/honorar.db-journal" 2>&1))" test "$(stat -c %a "$B/honorar.db-journal")" = 600
run --books "$B" register list --format json
expect_exit 0
expect_json_eq '[d["number"] for d in j["documents"]]' '[1001, 1002, 1003]'
rm -rf "$B"

test_case "an existing register keeps its mode"
B=$(copy_books november keep-mode)
run --books "$B" "${T[@]}" -q invoice --month 2025-11
chmod 644 "$B/honorar.db"
run --books "$B" --today 2026-01-01 -q invoice --month 2025-12
expect_exit 0
expect_true "still 644" test "$(stat -c %a "$B/honorar.db")" = 644
rm -rf "$B"

finish

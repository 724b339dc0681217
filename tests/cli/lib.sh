# shellcheck shell=bash
# Helpers for the CLI tests, sourced by every tests/cli/test_cmd_*.sh. CTest runs each script as
#
#   bash tests/cli/test_cmd_NAME.sh HONORAR_BINARY PROJECT_SOURCE_DIR
#
# A script names its cases with `test_case NAME`, runs the binary with `run ARGS...` (stdin from
# /dev/null; stdout, stderr and exit code captured) and checks the result with the expect_*
# functions; `finish` prints "N passed, N failed" and sets the exit status. Each script gets its
# own temporary directory ($TMP), removed on exit. Only bash, coreutils, python3 and sqlite3.

set -u

if [ $# -lt 2 ]; then
  echo "usage: bash $0 HONORAR_BINARY PROJECT_SOURCE_DIR" >&2
  exit 2
fi
HONORAR=$(realpath -- "$1")
SOURCE_DIR=$(realpath -- "$2")
BOOKS_DIR=$SOURCE_DIR/tests/cli/books # the books directories the tests copy
if [ ! -x "$HONORAR" ]; then
  echo "not an executable: $HONORAR" >&2
  exit 2
fi

# Nothing from the caller's environment may change a result.
unset HONORAR_BOOKS HONORAR_BUSY_TIMEOUT_MS LANGUAGE LC_MESSAGES LANG
export NO_COLOR=1 TZ=UTC LC_ALL=C.UTF-8

# python3 itself, not a version manager's wrapper script (which costs ~0.3 s a call); -S: no site.
PYTHON=$(python3 -c 'import sys; print(sys.executable)') || exit 2
py() { "$PYTHON" -S "$@"; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/honorar-cli.XXXXXX")
_cleanup() {
  local pids
  pids=$(jobs -pr)
  if [ -n "$pids" ]; then
    # shellcheck disable=SC2086 # only this script's own background jobs
    kill $pids 2>/dev/null
    wait 2>/dev/null
  fi
  rm -rf "$TMP"
}
trap _cleanup EXIT
trap 'exit 130' INT TERM HUP

PASSED=0
FAILED=0
TEST_NAME="(unnamed)"
STATUS="" # exit code of the last run
STDOUT="" # its stdout, byte for byte (trailing newlines kept)
STDERR=""
OUT_FILE=$TMP/.stdout # the same, as files
ERR_FILE=$TMP/.stderr
RUN_LINE="" # the last command, for failure messages

# Names the assertions that follow, in failure messages.
test_case() { TEST_NAME=$*; }

# run ARGS...: runs honorar with stdin from /dev/null. Environment assignments go before it as
# usual (HONORAR_BOOKS=x run check); the working directory is the caller's.
run() {
  RUN_LINE="honorar $*"
  "$HONORAR" "$@" </dev/null >"$OUT_FILE" 2>"$ERR_FILE"
  STATUS=$?
  STDOUT=$( # (NUL bytes, as in a PDF, are dropped: expect_stdout_file compares the file)
    tr -d '\000' <"$OUT_FILE"
    printf x
  )
  STDOUT=${STDOUT%x}
  STDERR=$(
    cat "$ERR_FILE"
    printf x
  )
  STDERR=${STDERR%x}
  return 0
}

# Shows text for a failure message: indented, at most 40 lines.
_show() {
  local text=$1 lines
  if [ -z "$text" ]; then
    echo "      (empty)"
    return
  fi
  lines=$(printf '%s' "$text" | wc -l)
  printf '%s\n' "$text" | head -n 40 | sed 's/^/      | /'
  [ "$lines" -gt 40 ] && echo "      ... ($lines lines)"
  [ "${text: -1}" != $'\n' ] && echo "      (no newline at end)"
  return 0
}

pass() { PASSED=$((PASSED + 1)); }
# fail WHAT [EXPECTED [GOT]]
fail() {
  FAILED=$((FAILED + 1))
  echo "FAIL: $TEST_NAME: $1"
  echo "    command: $RUN_LINE"
  if [ $# -ge 2 ]; then
    echo "    expected:"
    _show "$2"
  fi
  if [ $# -ge 3 ]; then
    echo "    got:"
    _show "$3"
  fi
  return 0
}

expect_exit() {
  if [ "$STATUS" = "$1" ]; then pass; else
    fail "exit code $STATUS, expected $1" "exit $1" "exit $STATUS; stderr:"$'\n'"$STDERR"
  fi
}

# expect_stdout TEXT: stdout is exactly TEXT (write the final newline: $'2025-12-31\n').
expect_stdout() {
  if [ "$STDOUT" == "$1" ]; then pass; else fail "stdout differs" "$1" "$STDOUT"; fi
}
expect_stderr() {
  if [ "$STDERR" == "$1" ]; then pass; else fail "stderr differs" "$1" "$STDERR"; fi
}
# expect_stdout_file FILE: stdout is byte for byte the content of FILE.
expect_stdout_file() {
  if cmp -s "$OUT_FILE" "$1"; then pass; else
    fail "stdout differs from $1" "$(cat "$1")" "$STDOUT"
  fi
}
expect_stdout_contains() {
  if [[ $STDOUT == *"$1"* ]]; then pass; else fail "stdout lacks a text" "... $1 ..." "$STDOUT"; fi
}
expect_stdout_lacks() {
  if [[ $STDOUT != *"$1"* ]]; then pass; else fail "stdout has a text it must not have" "no $1" "$STDOUT"; fi
}
expect_stderr_contains() {
  if [[ $STDERR == *"$1"* ]]; then pass; else fail "stderr lacks a text" "... $1 ..." "$STDERR"; fi
}
expect_stderr_lacks() {
  if [[ $STDERR != *"$1"* ]]; then pass; else fail "stderr has a text it must not have" "no $1" "$STDERR"; fi
}
expect_stdout_empty() {
  if [ -z "$STDOUT" ]; then pass; else fail "stdout is not empty" "" "$STDOUT"; fi
}
expect_stderr_empty() {
  if [ -z "$STDERR" ]; then pass; else fail "stderr is not empty" "" "$STDERR"; fi
}
# expect_stderr_lines_match REGEX: every stderr line matches the (extended) regular expression.
expect_stderr_lines_match() {
  local bad
  bad=$(printf '%s' "$STDERR" | grep -Ev -- "$1")
  if [ -n "$STDERR" ] && [ -z "$bad" ]; then pass; else
    fail "stderr lines do not all match /$1/" "every line like /$1/" "${bad:-(empty stderr)}"
  fi
}

# The JSON checks evaluate a Python expression on `j`, stdout parsed with json.loads (or the
# file given with --file F / the text given with --text T, as the first arguments).
#   expect_json 'len(j["documents"]) == 3'          the expression is true
#   expect_json_eq 'j["end"]' '"2025-12-31"'          the expression equals a Python value
#   expect_json_eq 'j' '{"given": "2025-11-18", ...}'  (JSON literals true/false/null work too)
#   expect_json_has 'j' '{"given": "2025-11-18"}'     an object with at least these keys
_json_source() {
  case "${1:-}" in
  --file) printf '%s' "$2" ;;
  --text)
    printf '%s' "$2" >"$TMP/.json-text"
    printf '%s' "$TMP/.json-text"
    ;;
  *) printf '%s' "$OUT_FILE" ;;
  esac
}
_PY_JSON='
import json, sys
source, expr = sys.argv[1], sys.argv[2]
env = {"true": True, "false": False, "null": None}
try:
    with open(source, encoding="utf-8") as f:
        env["j"] = json.loads(f.read())
except Exception as e:
    print(f"not JSON: {e}"); sys.exit(3)
try:
    got = eval(expr, env)
except Exception as e:
    print(f"{expr} raised {type(e).__name__}: {e}"); sys.exit(4)
if len(sys.argv) > 4:  # subset: every key of the wanted object, with its value
    want = eval(sys.argv[3], env)
    if not isinstance(got, dict) or any(k not in got or got[k] != v for k, v in want.items()):
        print(json.dumps(got, ensure_ascii=False, indent=1)); sys.exit(1)
elif len(sys.argv) > 3:
    want = eval(sys.argv[3], env)
    if got != want:
        print(json.dumps(got, ensure_ascii=False, indent=1)); sys.exit(1)
elif not got:
    print(json.dumps(got, ensure_ascii=False)); sys.exit(1)
'
expect_json() {
  local src=$OUT_FILE result
  if [ "${1:-}" = --file ] || [ "${1:-}" = --text ]; then
    src=$(_json_source "$1" "$2")
    shift 2
  fi
  if result=$(py -c "$_PY_JSON" "$src" "$1" 2>&1); then pass; else
    fail "JSON check failed: $1" "$1 is true" "$result"
  fi
}
expect_json_eq() {
  local src=$OUT_FILE result
  if [ "${1:-}" = --file ] || [ "${1:-}" = --text ]; then
    src=$(_json_source "$1" "$2")
    shift 2
  fi
  if result=$(py -c "$_PY_JSON" "$src" "$1" "$2" 2>&1); then pass; else
    fail "JSON value differs: $1" "$2" "$result"
  fi
}
# expect_json_has EXPR OBJECT: the expression is an object holding every key of OBJECT with its
# value (more keys may be added, SPEC §7).
expect_json_has() {
  local src=$OUT_FILE result
  if [ "${1:-}" = --file ] || [ "${1:-}" = --text ]; then
    src=$(_json_source "$1" "$2")
    shift 2
  fi
  if result=$(py -c "$_PY_JSON" "$src" "$1" "$2" subset 2>&1); then pass; else
    fail "JSON object lacks keys or values: $1" "$2" "$result"
  fi
}
# json_value EXPR [FILE]: prints the value of a Python expression on j (strings bare), for scripts.
json_value() {
  py -c '
import json, sys
j = json.load(open(sys.argv[2], encoding="utf-8"))
v = eval(sys.argv[1], {"j": j})
print(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))
' "$1" "${2:-$OUT_FILE}"
}

# expect_true DESCRIPTION COMMAND...: the command succeeds (for files and other checks).
expect_true() {
  local what=$1
  shift
  if "$@"; then pass; else fail "$what" "true: $*" "false"; fi
}
expect_file() {
  if [ -f "$1" ]; then pass; else fail "missing file $1" "$1 exists" "no such file"; fi
}
expect_no_file() {
  if [ ! -e "$1" ]; then pass; else fail "$1 must not exist" "no $1" "$(ls -ld "$1")"; fi
}
# expect_same_files A B: byte-identical files.
expect_same_files() {
  if cmp -s "$1" "$2"; then pass; else
    fail "$1 and $2 differ" "$(cat "$2" 2>&1)" "$(cat "$1" 2>&1)"
  fi
}

# copy_books NAME [DEST]: copies tests/cli/books/NAME to $TMP/DEST (default: NAME), prints the path.
copy_books() {
  local dest=$TMP/${2:-$1}
  rm -rf "$dest"
  cp -R "$BOOKS_DIR/$1" "$dest" && chmod -R u+w "$dest" || exit 2
  printf '%s\n' "$dest"
}

# write_file PATH: writes stdin to PATH, creating its folders (for books made in a test).
write_file() {
  mkdir -p "$(dirname "$1")"
  cat >"$1"
}

# A provider's settings for books made in a test: write_settings DIR [FROM [FIRST_NUMBER]].
write_settings() {
  write_file "$1/honorar.toml" <<EOF
[provider]
name    = "Testhjælp ApS"
cvr     = "12345674"
address = ["Hovedgaden 1", "4000 Roskilde"]
bank    = { reg = "1234", account = "1234567890" }

[invoicing]
from          = "${2:-2025-11}"
first_number  = ${3:-1}
payment_terms = "30 dage"
vat           = "exempt"
vat_exemption_note = "Momsfritaget jf. momslovens § 13, stk. 1, nr. 2"
EOF
}

# write_contract DIR ID [START]: a municipal contract, 5 hours a week at 500.00, no entries needed.
write_contract() {
  write_file "$1/contracts/$2.toml" <<EOF
id             = "$2"
citizen        = "XY"
service        = "Støtte- og kontaktpersonsforløb"
start          = ${3:-2025-11-03}
hours_per_week = 5
rate           = 500.00
handleplan     = 2025-10-20

[payer]
kind      = "municipality"
name      = "Roskilde Kommune"
address   = ["Køgevej 80", "4000 Roskilde"]
ean       = "5798000000001"
reference = "ref-$2"
EOF
}

# run_killed DELAY_MS HONORAR-ARGS...: runs honorar in the background (stderr to $TMP/killed.err)
# and SIGKILLs it after DELAY_MS milliseconds; KILLED_STATUS is its exit status (137: killed).
run_killed() {
  local delay_ms=$1
  shift
  "$HONORAR" "$@" </dev/null >/dev/null 2>"$TMP/killed.err" &
  local pid=$!
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  KILLED_STATUS=$?
}

# expect_register_intact BOOKS: SQLite's integrity check of BOOKS/honorar.db says ok.
expect_register_intact() {
  local integrity
  integrity=$(sqlite3 "$1/honorar.db" "PRAGMA integrity_check;" 2>&1)
  expect_true "PRAGMA integrity_check: $integrity" test "$integrity" = ok
}

# finish: prints the counts; the script's exit status is 1 on any failure (or no assertion).
finish() {
  echo "$PASSED passed, $FAILED failed"
  if [ "$FAILED" -gt 0 ] || [ "$PASSED" -eq 0 ]; then exit 1; fi
  exit 0
}

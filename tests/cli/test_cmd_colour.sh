#!/usr/bin/env bash
# Colour: ANSI escapes in text output only when the stream is a terminal, never with NO_COLOR
# set (to anything but the empty string) and never with TERM=dumb. A terminal comes from
# Python's pty module.
source "$(dirname "$0")/lib.sh"

D=$TMP/books
write_settings "$D"
write_contract "$D" K-1 2025-11-03
sed -i '/^handleplan/d' "$D/contracts/K-1.toml" # no handleplan: an overdue deadline, a warning
T=(--today 2025-12-01)

# on_tty ENV... -- ARGS...: runs honorar with stdout and stderr on a pseudo-terminal; what it
# wrote goes to $OUT_FILE (the terminal turns \n into \r\n).
on_tty() {
  local -a env=()
  while [ "$1" != -- ]; do
    env+=("$1")
    shift
  done
  shift
  RUN_LINE="(on a terminal) ${env[*]} honorar $*"
  env -u NO_COLOR "${env[@]}" "$PYTHON" -S -c '
import os, pty, subprocess, sys
master, slave = pty.openpty()
p = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=slave, stderr=slave)
os.close(slave)
out = b""
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
sys.stdout.buffer.write(out)
sys.exit(p.wait())
' "$HONORAR" "$@" >"$OUT_FILE"
  STATUS=$?
  STDOUT=$(cat "$OUT_FILE")
}
ESC=$'\x1b['

test_case "deadlines on a terminal: the overdue deadline in red"
on_tty TERM=xterm -- --books "$D" "${T[@]}" -q deadlines
expect_exit 0
expect_stdout_contains $'\x1b[31m03.11.2025   K-1             handleplan mangler (overskredet)\x1b[0m'

test_case "deadlines on a terminal with NO_COLOR: no escapes"
on_tty TERM=xterm NO_COLOR=1 -- --books "$D" "${T[@]}" -q deadlines
expect_exit 0
expect_stdout_contains "handleplan mangler (overskredet)"
expect_stdout_lacks "$ESC"

test_case "deadlines on a terminal with TERM=dumb: no escapes"
on_tty TERM=dumb -- --books "$D" "${T[@]}" -q deadlines
expect_stdout_lacks "$ESC"

test_case "deadlines piped: no escapes, also without NO_COLOR"
env -u NO_COLOR TERM=xterm "$HONORAR" --books "$D" "${T[@]}" -q deadlines >"$OUT_FILE" 2>&1 </dev/null
STDOUT=$(cat "$OUT_FILE")
RUN_LINE="honorar deadlines | cat"
expect_stdout_contains "handleplan mangler (overskredet)"
expect_stdout_lacks "$ESC"

test_case "check on a terminal: warnings in yellow"
on_tty TERM=xterm -- --books "$D" "${T[@]}" check
expect_exit 0
expect_stdout_contains $': \x1b[33mwarning\x1b[0m: '

test_case "check on a terminal with NO_COLOR: no escapes"
on_tty TERM=xterm NO_COLOR=yes -- --books "$D" "${T[@]}" check
expect_stdout_contains ": warning: "
expect_stdout_lacks "$ESC"

test_case "check with stderr piped: no escapes"
env -u NO_COLOR TERM=xterm "$HONORAR" --books "$D" "${T[@]}" check >/dev/null 2>"$OUT_FILE" </dev/null
STDOUT=$(cat "$OUT_FILE")
RUN_LINE="honorar check 2>file"
expect_stdout_contains ": warning: "
expect_stdout_lacks "$ESC"

test_case "check on a terminal: errors in bold red"
write_file "$TMP/bad/honorar.toml" <"$D/honorar.toml"
write_file "$TMP/bad/contracts/x.toml" <<<'id = "X"'
on_tty TERM=xterm -- --books "$TMP/bad" "${T[@]}" check
expect_exit 65
expect_stdout_contains $'\x1b[1;31merror\x1b[0m: '

test_case "report on a terminal: unlogged weeks in yellow; with NO_COLOR empty, colour stays"
on_tty TERM=xterm NO_COLOR= -- --books "$D" "${T[@]}" -q report --month 2025-11
expect_stdout_contains $'\x1b[33mulogget\x1b[0m'

test_case "JSON and CSV never have escapes, also on a terminal"
on_tty TERM=xterm -- --books "$D" "${T[@]}" -q deadlines --format json
expect_stdout_lacks "$ESC"
on_tty TERM=xterm -- --books "$D" "${T[@]}" -q report --month 2025-11 --format csv
expect_stdout_lacks "$ESC"

finish

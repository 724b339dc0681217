#!/usr/bin/env bash
# The command line as a whole (SPEC §6): help, version, global options before or after the
# subcommand, where the books are, usage errors, Danish aliases, exit codes, no prompts.
source "$(dirname "$0")/lib.sh"

B=$(copy_books november)
T=(--today 2025-12-01)

test_case "--help lists every command and its alias"
for help in --help -h; do
  run "$help"
  expect_exit 0
  expect_stderr_empty
  for word in check tjek report rapport invoice faktura register notice opsigelse deadlines frister \
    pay betal open udestående --books --today --format --quiet --version; do
    expect_stdout_contains "$word"
  done
done

test_case "--version"
run --version
expect_exit 0
expect_stdout $'honorar 0.1.0\n'
expect_stderr_empty

test_case "--version after a subcommand"
run notice --version
expect_exit 0
expect_stdout $'honorar 0.1.0\n'

test_case "--help after a subcommand is that command's help"
run notice --help
expect_exit 0
expect_stdout_contains "--latest-for"
expect_stderr_empty

test_case "no command is a usage error"
run
expect_exit 64
expect_stdout_empty
expect_stderr_contains "honorar: "
expect_stderr_contains "--help"

test_case "an unknown command is a usage error"
run --books "$B" "${T[@]}" frobnicate
expect_exit 64
expect_stdout_empty
expect_stderr_contains "--help"

test_case "an unknown option before the command is a usage error"
run --frobnicate --books "$B" "${T[@]}" check
expect_exit 64
expect_stdout_empty
expect_stderr_contains "--frobnicate"

test_case "an unknown option after the command is a usage error"
run --books "$B" "${T[@]}" check --frobnicate
expect_exit 64
expect_stdout_empty
expect_stderr_contains "--frobnicate"

test_case "a stray argument is a usage error"
run --books "$B" "${T[@]}" check extra
expect_exit 64
expect_stdout_empty

# The reference: global options before the command.
run --books "$B" --today 2025-12-01 --format json report --month 2025-11
REPORT_JSON=$STDOUT
test_case "global options before the command"
expect_exit 0
expect_json 'len(j["contracts"]) == 3'

test_case "global options after the command"
run report --month 2025-11 --books "$B" --today 2025-12-01 --format json
expect_exit 0
expect_stdout "$REPORT_JSON"

test_case "global options mixed around the command"
run --today 2025-12-01 report --format json --month 2025-11 --books "$B"
expect_exit 0
expect_stdout "$REPORT_JSON"

test_case "--quiet before and after the command"
run --quiet --books "$B" "${T[@]}" check
expect_exit 0
expect_stderr_empty
run --books "$B" "${T[@]}" check -q
expect_exit 0
expect_stderr_empty

test_case "the books from \$HONORAR_BOOKS"
HONORAR_BOOKS=$B run "${T[@]}" check
expect_exit 0
expect_stderr_contains "in 3 contracts, 19 entries, 2 expenses"

test_case "--books wins over \$HONORAR_BOOKS"
HONORAR_BOOKS=$TMP/nowhere run --books "$B" "${T[@]}" check
expect_exit 0
expect_stderr_contains "in 3 contracts"

test_case "the books are the current directory by default"
pushd "$B" >/dev/null || exit 2
run "${T[@]}" check
popd >/dev/null || exit 2
expect_exit 0
expect_stderr_contains "in 3 contracts"

test_case "an empty \$HONORAR_BOOKS means the current directory"
pushd "$B" >/dev/null || exit 2
HONORAR_BOOKS="" run "${T[@]}" check
popd >/dev/null || exit 2
expect_exit 0

test_case "\$HONORAR_BOOKS naming no books"
HONORAR_BOOKS=$TMP/nowhere run "${T[@]}" check
expect_exit 66
expect_stdout_empty
expect_stderr_contains "nowhere"

test_case "missing books: exit 66 for every command that reads them"
mkdir -p "$TMP/empty"
for args in "check" "report --month 2025-11" "invoice --month 2025-11 --dry-run" "invoice --month 2025-11" \
  "deadlines" "notice 2025-11-18 --contract 2C-2025-014"; do
  # shellcheck disable=SC2086 # split the command on purpose
  run --books "$TMP/nowhere" "${T[@]}" $args
  expect_exit 66
  expect_stdout_empty
  expect_stderr_contains "does not exist"
  # shellcheck disable=SC2086
  run --books "$TMP/empty" "${T[@]}" $args
  expect_exit 66
  expect_stdout_empty
  expect_stderr_contains "has no honorar.toml"
done
run --books "$B/honorar.toml" "${T[@]}" check
expect_exit 66
expect_stdout_empty
expect_no_file "$TMP/empty/honorar.db"
expect_no_file "$TMP/empty/invoices"
expect_no_file "$TMP/nowhere"

test_case "--today must be a date"
for bad in bad 2025-13-01 2025-02-30 2025-1-1 20251201 "2025-12-01 "; do
  run --books "$B" --today "$bad" check
  expect_exit 64
  expect_stdout_empty
  expect_stderr_contains "--today"
done

test_case "a bad --today is a usage error also for a command that does not need the date"
run --today bad notice 2025-11-18
expect_exit 64
expect_stdout_empty
expect_stderr_contains "--today"
run --books "$B" register list --today 2025-99-01
expect_exit 64

test_case "--today today is the local date"
before=$(date +%F)
run notice today --today today --notice ingen
after=$(date +%F)
expect_exit 0
if [ "$STDOUT" = "$before"$'\n' ] || [ "$STDOUT" = "$after"$'\n' ]; then pass; else
  fail "not today's date" "$before" "$STDOUT"
fi

test_case "without --today the date is the local date"
before=$(date +%F)
run notice today --notice ingen
after=$(date +%F)
expect_exit 0
if [ "$STDOUT" = "$before"$'\n' ] || [ "$STDOUT" = "$after"$'\n' ]; then pass; else
  fail "not today's date" "$before" "$STDOUT"
fi

test_case "Danish aliases do what the English commands do"
for pair in "check tjek" "report rapport" "invoice faktura" "notice opsigelse" "deadlines frister" "open udestående"; do
  read -r english danish <<<"$pair"
  case $english in
  check) args=() ;;
  report) args=(--month 2025-11 --format json) ;;
  invoice) args=(--month 2025-11 --dry-run --format json) ;;
  notice) args=(2025-11-18 --contract 2C-2025-014 --format json) ;;
  deadlines) args=(--within 60 --format json) ;;
  open) args=(--format json) ;;
  esac
  run --books "$B" "${T[@]}" "$english" "${args[@]}"
  expect_exit 0
  english_out=$STDOUT english_err=$STDERR
  run --books "$B" "${T[@]}" "$danish" "${args[@]}"
  expect_exit 0
  expect_stdout "$english_out"
  expect_stderr "$english_err"
done
expect_no_file "$B/honorar.db"

test_case "--format a command does not print is a usage error"
for args in "check --format csv" "check --format ics" "notice 2025-11-18 --format csv" \
  "deadlines --format csv" "report --month 2025-11 --format ics" "report --month 2025-11 --format xml" \
  "invoice --month 2025-11 --dry-run --format csv" "register list --format csv" "check --format JSON"; do
  # shellcheck disable=SC2086
  run --books "$B" "${T[@]}" $args
  expect_exit 64
  expect_stdout_empty
  expect_stderr_contains "--format"
done
expect_no_file "$B/honorar.db"

test_case "--format text is the default, for every command that prints data"
for args in "check" "report --month 2025-11" "invoice --month 2025-11 --dry-run" "deadlines" \
  "notice 2025-11-18" "register list"; do
  # shellcheck disable=SC2086
  run --books "$B" "${T[@]}" $args
  expect_exit 0
  default_out=$STDOUT default_err=$STDERR
  # shellcheck disable=SC2086
  run --books "$B" "${T[@]}" $args --format text
  expect_exit 0
  expect_stdout "$default_out"
  expect_stderr "$default_err"
done

test_case "no colours under NO_COLOR"
run --books "$B" "${T[@]}" check
if [[ $STDOUT$STDERR != *$'\e'* ]]; then pass; else fail "an escape sequence in the output"; fi

test_case "no command prompts: stdin open and silent, every command still ends"
fifo=$TMP/stdin.fifo
mkfifo "$fifo"
exec 3<>"$fifo" # a pipe with a writer that never writes: a read would block
for args in "check" "invoice --month 2025-11 --dry-run" "invoice --month 2025-11" "invoice --month 2025-11" \
  "register list" "register show 1001" "deadlines" "report --month 2025-11" "notice 2025-11-18" \
  "invoice --month 2025-10"; do
  RUN_LINE="honorar $args <open pipe"
  # shellcheck disable=SC2086
  timeout 20 "$HONORAR" --books "$B" "${T[@]}" $args <&3 >/dev/null 2>"$ERR_FILE"
  STATUS=$?
  STDERR=$(cat "$ERR_FILE")
  if [ "$STATUS" -ne 124 ] && [ "$STATUS" -ne 137 ]; then pass; else fail "hung reading stdin" "an exit" "timeout"; fi
done
exec 3>&-
test_case "no command prompts: the last one refused without asking (runs go forward)"
expect_exit 65

finish

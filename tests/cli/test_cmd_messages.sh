#!/usr/bin/env bash
# The CLI's messages in English (the default) and in Danish (gettext, po/da.po): help, usage
# errors, the check summary, warnings. Data on stdout — invoices, reports, deadlines — is Danish
# whatever the language. The catalogue is found beside the binary (<build>/share/locale).
source "$(dirname "$0")/lib.sh"
unset LANGUAGE LC_MESSAGES LANG

D=$TMP/books
write_settings "$D"
write_contract "$D" K-1 2025-11-03
T=(--today 2025-11-03) # the start: no finished week, so no unlogged-week warnings
da=(env LANGUAGE=da) # with lib.sh's LC_ALL=C.UTF-8

test_case "English by default: help"
run --help
expect_exit 0
expect_stdout_contains "Usage: honorar [OPTIONS] SUBCOMMAND"
expect_stdout_contains "validate the books and print every problem"
expect_stdout_contains "Exit codes: 0 ok, 64 usage"

test_case "Danish with LANGUAGE=da: help"
"${da[@]}" "$HONORAR" --help >"$OUT_FILE" 2>&1
STDOUT=$(cat "$OUT_FILE")
RUN_LINE="LANGUAGE=da honorar --help"
expect_stdout_contains "Brug: honorar [TILVALG] KOMMANDO"
expect_stdout_contains "kontrollér bogføringen og vis alle problemer"
expect_stdout_contains "Afslutningskoder: 0 ok, 64 forkert brug"
expect_stdout_contains "Kommandoer:"

test_case "Danish: the help of a command"
"${da[@]}" "$HONORAR" invoice --help >"$OUT_FILE" 2>&1
STDOUT=$(cat "$OUT_FILE")
expect_stdout_contains "fakturér måned M"
expect_stdout_contains "beregn og vis dokumenterne, skriv intet"

# run_lang ENV... -- ARGS...: run with an environment, as run does.
run_lang() {
  local -a env=()
  while [ "$1" != -- ]; do
    env+=("$1")
    shift
  done
  shift
  RUN_LINE="${env[*]} honorar $*"
  env "${env[@]}" "$HONORAR" "$@" </dev/null >"$OUT_FILE" 2>"$ERR_FILE"
  STATUS=$?
  STDOUT=$(
    cat "$OUT_FILE"
    printf x
  )
  STDOUT=${STDOUT%x}
  STDERR=$(
    cat "$ERR_FILE"
    printf x
  )
  STDERR=${STDERR%x}
}

test_case "English: a usage error"
run --today 2025-13-01 notice 2025-11-18
expect_exit 64
expect_stderr $'honorar: --today must be YYYY-MM-DD, not "2025-13-01"\n'

test_case "Danish: a usage error"
run_lang LANGUAGE=da -- --today 2025-13-01 notice 2025-11-18
expect_exit 64
expect_stderr $'honorar: --today skal være ÅÅÅÅ-MM-DD, ikke "2025-13-01"\n'

test_case "Danish: a parse error of CLI11, and the hint"
run_lang LANGUAGE=da -- notice 2025-11-18 extra
expect_exit 64
expect_stderr $'honorar: Dette argument var ikke ventet: extra\nKør \'honorar --help\' for at se brugen.\n'
run_lang LANGUAGE=da -- invoice
expect_exit 64
expect_stderr_contains "honorar: --month skal angives"

test_case "English: the check summary"
run --books "$D" "${T[@]}" check
expect_exit 0
expect_stderr_contains $'0 errors, 0 warnings in 1 contract, 0 entries, 0 expenses\n'

test_case "Danish: the check summary, with plurals"
run_lang LANGUAGE=da -- --books "$D" "${T[@]}" check
expect_exit 0
expect_stderr_contains $'0 fejl, 0 advarsler i 1 kontrakt, 0 registreringer, 0 udlæg\n'

test_case "Danish: warnings counted by another command"
sed -i '/^handleplan/d' "$D/contracts/K-1.toml"
run_lang LANGUAGE=da -- --books "$D" "${T[@]}" report --month 2025-11
expect_exit 0
expect_stderr $'honorar: 1 advarsel i bogføringen (kør \'honorar check\' for at se den)\n'

test_case "Danish with LANG=da_DK.UTF-8, whether or not the locale is generated"
run_lang -u LC_ALL LANG=da_DK.UTF-8 -- --today x notice 2025-11-18
expect_exit 64
expect_stderr $'honorar: --today skal være ÅÅÅÅ-MM-DD, ikke "x"\n'
run_lang LC_ALL=da_DK.UTF-8 -- --today x notice 2025-11-18
expect_stderr $'honorar: --today skal være ÅÅÅÅ-MM-DD, ikke "x"\n'

test_case "English with LANG=en_US.UTF-8 and with LANG=C"
run_lang -u LC_ALL LANG=en_US.UTF-8 -- --today x notice 2025-11-18
expect_stderr $'honorar: --today must be YYYY-MM-DD, not "x"\n'
run_lang -u LC_ALL LANG=C LANGUAGE=da -- --today x notice 2025-11-18
expect_stderr $'honorar: --today must be YYYY-MM-DD, not "x"\n'

test_case "HONORAR_LOCALEDIR overrides where the catalogue is looked for"
run_lang LANGUAGE=da HONORAR_LOCALEDIR="$TMP/nowhere" -- --today x notice 2025-11-18
expect_stderr $'honorar: --today must be YYYY-MM-DD, not "x"\n'
run_lang LANGUAGE=da HONORAR_LOCALEDIR="$(dirname "$HONORAR")/../share/locale" -- --today x notice 2025-11-18
expect_stderr $'honorar: --today skal være ÅÅÅÅ-MM-DD, ikke "x"\n'

test_case "Data stays Danish and identical in either language: invoices, reports, deadlines"
for args in "invoice --month 2025-11 --dry-run" "report --month 2025-11" "deadlines" "invoice --month 2025-11 --dry-run --format json"; do
  # shellcheck disable=SC2086 # the words of args
  run --books "$D" "${T[@]}" -q $args
  cp "$OUT_FILE" "$TMP/en.out"
  # shellcheck disable=SC2086
  run_lang LANGUAGE=da -- --books "$D" "${T[@]}" -q $args
  expect_stdout_file "$TMP/en.out"
done
expect_stdout_contains '"kind": "invoice"'
run --books "$D" "${T[@]}" -q invoice --month 2025-11 --dry-run
expect_stdout_contains "Fakturering for 2025-11 (prøvekørsel, intet er skrevet)"

finish

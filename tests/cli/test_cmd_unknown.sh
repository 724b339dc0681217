#!/usr/bin/env bash
# A word where the command belongs that is no command (SPEC §6): a usage error (64) that names
# it, with the command or Danish alias it most likely meant, in English and in Danish.
source "$(dirname "$0")/lib.sh"

B=$(copy_books november)
T=(--today 2025-12-01)
HELP=$'Run \'honorar --help\' for usage.\n'
HELP_DA=$'Kør \'honorar --help\' for at se brugen.\n'

test_case "a misspelt command: did you mean"
run chek
expect_exit 64
expect_stdout_empty
expect_stderr $'honorar: unknown command \'chek\'; did you mean \'check\'?\n'

test_case "after global options, with and without their values"
run --books "$B" "${T[@]}" -q chek
expect_exit 64
expect_stdout_empty
expect_stderr $'honorar: unknown command \'chek\'; did you mean \'check\'?\n'
run --format json invocie --month 2025-11
expect_exit 64
expect_stderr $'honorar: unknown command \'invocie\'; did you mean \'invoice\'?\n'

test_case "the Danish aliases are commands too"
run --books "$B" tjk
expect_exit 64
expect_stderr $'honorar: unknown command \'tjk\'; did you mean \'tjek\'?\n'
run fakture --month 2025-11
expect_stderr $'honorar: unknown command \'fakture\'; did you mean \'faktura\'?\n'
run frist
expect_stderr $'honorar: unknown command \'frist\'; did you mean \'frister\'?\n'
run opsigels 2025-11-18
expect_stderr $'honorar: unknown command \'opsigels\'; did you mean \'opsigelse\'?\n'
run oprt
expect_stderr $'honorar: unknown command \'oprt\'; did you mean \'opret\'?\n'
run bogforing --month 2025-11
expect_stderr $'honorar: unknown command \'bogforing\'; did you mean \'bogføring\'?\n'
run exprot --month 2025-11
expect_stderr $'honorar: unknown command \'exprot\'; did you mean \'export\'?\n'
run registr list
expect_stderr $'honorar: unknown command \'registr\'; did you mean \'register\'?\n'

test_case "nothing close: the word, and where the commands are listed"
run xyz
expect_exit 64
expect_stdout_empty
expect_stderr $'honorar: unknown command \'xyz\'\n'"$HELP"
run --books "$B" "${T[@]}" frobnicate --month 2025-11
expect_exit 64
expect_stderr $'honorar: unknown command \'frobnicate\'\n'"$HELP"

test_case "nothing is read or written for an unknown command"
run --books "$B" "${T[@]}" fatkura --month 2025-11
expect_exit 64
expect_no_file "$B/honorar.db"
expect_no_file "$B/invoices"

test_case "no command at all is still 'a subcommand is required'"
run
expect_exit 64
expect_stderr $'honorar: A subcommand is required\n'"$HELP"
run --books "$B" "${T[@]}"
expect_exit 64
expect_stderr $'honorar: A subcommand is required\n'"$HELP"

test_case "a known command with an unexpected word is not an unknown command"
run --books "$B" "${T[@]}" check chek
expect_exit 64
expect_stderr $'honorar: The following argument was not expected: chek\n'"$HELP"

test_case "Danish with LANG=da_DK.UTF-8: did you mean"
LC_ALL='' LANG=da_DK.UTF-8 run --books "$B" chek
expect_exit 64
expect_stdout_empty
expect_stderr $'honorar: ukendt kommando \'chek\'; mente du \'check\'?\n'

test_case "Danish with LANG=da_DK.UTF-8: nothing close"
LC_ALL='' LANG=da_DK.UTF-8 run xyz
expect_exit 64
expect_stderr $'honorar: ukendt kommando \'xyz\'\n'"$HELP_DA"

finish

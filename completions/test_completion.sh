#!/usr/bin/env bash
# CTest: sources the bash completion and checks COMPREPLY for typical command lines, with
# contract ids read from books made here and from examples/books.
#   bash completions/test_completion.sh COMPLETIONS_DIR
set -u
dir=$(cd "$1" && pwd)
examples=$dir/../examples/books
# shellcheck source=honorar.bash
source "$dir/honorar.bash"
unset HONORAR_BOOKS

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/b/contracts" "$tmp/b/invoices/2026"
printf 'id = "K-1"\nstart = 2026-01-05\n\n[payer]\nkind = "private"\n' >"$tmp/b/contracts/a.toml"
printf '# a comment\n  id   =   "Mentor.2"   # indented\n' >"$tmp/b/contracts/b.toml"
printf '[payer]\nid = "NOT-TOP-LEVEL"\n' >"$tmp/b/contracts/c.toml"
: >"$tmp/b/invoices/2026/1001.json"
: >"$tmp/b/invoices/2026/1002.json"

passed=0 failed=0
# complete LINE: sets COMP_WORDS/COMP_CWORD as bash would for LINE (the cursor at its end; a
# trailing space starts a new, empty word; '=' is its own word) and runs _honorar.
complete_line() {
  local line=$1
  local -a w
  read -r -a w <<<"${line//=/ = }"
  [[ $line == *" " || $line == *= ]] && w+=("")
  COMP_WORDS=("${w[@]}")
  COMP_CWORD=$((${#w[@]} - 1))
  COMP_LINE=$line
  COMPREPLY=()
  _honorar
}
# expect LINE WORD...: every WORD is offered.   expect_not LINE WORD...: none is.
expect() {
  local line=$1 word
  shift
  complete_line "$line"
  for word in "$@"; do
    if printf '%s\n' "${COMPREPLY[@]}" | grep -qxF -- "$word"; then passed=$((passed + 1)); else
      failed=$((failed + 1))
      echo "FAIL: '$line' does not offer '$word'; offers: ${COMPREPLY[*]}"
    fi
  done
}
expect_not() {
  local line=$1 word
  shift
  complete_line "$line"
  for word in "$@"; do
    if printf '%s\n' "${COMPREPLY[@]}" | grep -qxF -- "$word"; then
      failed=$((failed + 1))
      echo "FAIL: '$line' offers '$word'; offers: ${COMPREPLY[*]}"
    else passed=$((passed + 1)); fi
  done
}
expect_exactly() {
  local line=$1 want got
  shift
  complete_line "$line"
  want=$(printf '%s\n' "$@" | sort)
  got=$(printf '%s\n' "${COMPREPLY[@]}" | sort)
  if [[ $want == "$got" ]]; then passed=$((passed + 1)); else
    failed=$((failed + 1))
    echo "FAIL: '$line' offers: ${COMPREPLY[*]}; expected exactly: $*"
  fi
}

# Commands and aliases.
expect "honorar " check tjek report rapport invoice faktura register notice opsigelse deadlines frister init opret pay betal open udestående remind rykker send export bogføring
expect "honorar rykker --" --dry-run --contract
expect "honorar pay --" --date --text --import
expect "honorar udestående --" --overdue --csv-locale
expect_exactly "honorar fa" faktura
expect_exactly "honorar --books $tmp/b f" faktura frister
expect "honorar --" --books --today --format --quiet --help --version
# Options of a command, and the global ones after it.
expect "honorar report --" --month --from --to --csv-locale --books --format
expect_not "honorar report --" --dry-run --within
expect "honorar faktura --" --month --dry-run --contract
expect_exactly "honorar deadlines --w" --within
expect "honorar send --" --dry-run --resend --books --format
# Formats per command.
expect_exactly "honorar deadlines --format " text json ics
expect_exactly "honorar report --format c" csv
expect_exactly "honorar --format=j" json
expect_exactly "honorar register render 1001 --format " json text xml pdf
expect_exactly "honorar report --csv-locale " c da
expect "honorar export --" --month --from --to --csv-locale --vouchers --books --format
expect_exactly "honorar bogføring --format " csv json
# Months and dates.
expect "honorar invoice --month " last "$(date +%Y-%m)"
expect_exactly "honorar rapport --from l" last
expect "honorar notice " today
expect "honorar --today " today "$(date +%Y-%m-%d)"
# Contract ids: from --books, --books=, $HONORAR_BOOKS, else the current directory.
expect_exactly "honorar --books $tmp/b invoice --contract " K-1 Mentor.2
expect_exactly "honorar invoice --books $tmp/b --contract M" Mentor.2
expect_exactly "honorar --books=$tmp/b faktura --contract=K" K-1
HONORAR_BOOKS=$tmp/b expect_exactly "honorar notice --contract " K-1 Mentor.2
cd "$tmp/b" && expect_exactly "honorar faktura --contract K" K-1 && cd - >/dev/null
expect "honorar --books $examples invoice --contract 2C-2025-01" 2C-2025-011 2C-2025-014
expect_not "honorar --books $tmp/b invoice --contract " NOT-TOP-LEVEL
# The register: its commands and the issued documents' numbers.
expect_exactly "honorar register " list show render
expect_exactly "honorar --books $tmp/b register show 100" 1001 1002
# Notice rules, shell-quoted.
expect_exactly "honorar notice --notice 14" '14\ dage'
expect "honorar notice --notice l" 'løbende\ måned\ +\ 1' 'løbende\ uge\ +\ 2'
# Directories for --books and init.
expect "honorar --books $tmp/" "$tmp/b"
expect "honorar init $tmp/" "$tmp/b"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]

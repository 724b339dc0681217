#!/usr/bin/env bash
# CTest: the zsh completion parses (zsh -n), and its helpers read the books as the bash one does:
# contract ids, document numbers, months. The completion system itself is stubbed: _describe
# prints what it would offer.
#   bash completions/test_zsh_completion.sh ZSH COMPLETIONS_DIR
set -u
zsh=$1
dir=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/b/contracts" "$tmp/b/invoices/2026"
printf 'id = "K-1"\n\n[payer]\nkind = "private"\n' >"$tmp/b/contracts/a.toml"
printf '[payer]\nid = "NOT-TOP-LEVEL"\n' >"$tmp/b/contracts/c.toml"
: >"$tmp/b/invoices/2026/1001.json"

passed=0 failed=0
check() { # check WHAT EXPECTED GOT
  if [[ $2 == "$3" ]]; then passed=$((passed + 1)); else
    failed=$((failed + 1))
    printf 'FAIL: %s\n  expected: %s\n  got:      %s\n' "$1" "$2" "$3"
  fi
}

if "$zsh" -n "$dir/_honorar"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: zsh -n"; fi

run_zsh() { # run_zsh WORDS... -- CODE
  "$zsh" -f -c '
    _describe() { print -rl -- ${(P)${@[-1]}} }
    _arguments() { return 1 }
    source "$1"
    shift
    code=$1; shift
    words=("$@")
    eval "$code"
  ' zsh "$dir/_honorar" "$@"
}
check "contract ids from --books" "K-1" "$(run_zsh '_honorar_contract_ids' honorar --books "$tmp/b" invoice --contract '')"
check "contract ids from --books=" "K-1" "$(run_zsh '_honorar_contract_ids' honorar "--books=$tmp/b" faktura --contract '')"
check "contract ids from HONORAR_BOOKS" "K-1" "$(HONORAR_BOOKS=$tmp/b run_zsh '_honorar_contract_ids' honorar invoice --contract '')"
check "document numbers" "1001" "$(run_zsh '_honorar_document_numbers' honorar --books "$tmp/b" register show '')"
check "months start with last" "last:the month before --today" "$(run_zsh '_honorar_months' honorar invoice --month '' | head -n 1)"
check "this month is offered" "$(date +%Y-%m)" "$(run_zsh '_honorar_months' honorar invoice --month '' | sed -n 2p)"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

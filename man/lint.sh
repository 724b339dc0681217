#!/usr/bin/env bash
# CTest: every manual page is lint-clean and every page that cross-references another
# honorar page names one that exists.   bash man/lint.sh MANDOC PAGE...
set -u
mandoc=$1
shift
passed=0 failed=0
for page in "$@"; do
  out=$("$mandoc" -T lint -W all "$page" 2>&1)
  if [ -z "$out" ]; then passed=$((passed + 1)); else
    failed=$((failed + 1))
    printf 'FAIL: mandoc -T lint -W all %s\n%s\n' "$page" "$out"
  fi
  # .BR honorar-foo (1) and honorar-foo(1) in the text name pages of this manual.
  for ref in $(sed 's/\\-/-/g' "$page" | grep -oE 'honorar(-[a-z]+)? \([1-8]\)|honorar(-[a-z]+)?\([1-8]\)' | tr -d ' ()' | sort -u); do
    name=${ref%[0-9]} section=${ref: -1}
    if [ -f "$name.$section" ]; then passed=$((passed + 1)); else
      failed=$((failed + 1))
      echo "FAIL: $page refers to $name($section), which is not in man/"
    fi
  done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

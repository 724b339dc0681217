# Shared by the package tests: pass/fail counters and the summary line.
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() {
  failed=$((failed + 1))
  echo "FAIL: $*"
}
# summary: prints "N passed, M failed"; its status is non-zero when something failed.
summary() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

#!/usr/bin/env bash
# CTest: cmake --install into a fresh prefix puts every file where it belongs, and the installed
# binary runs from there with its Danish messages (found beside it, in <prefix>/share/locale).
#   bash tests/package/test_install.sh BUILD_DIR
set -u
build=$(realpath -- "$1")
prefix=$(mktemp -d "${TMPDIR:-/tmp}/honorar-prefix.XXXXXX")
trap 'rm -rf "$prefix"' EXIT
source "$(dirname "$0")/lib.sh"
if cmake --install "$build" --prefix "$prefix" >"$prefix/.log" 2>&1; then ok; else
  bad "cmake --install"
  cat "$prefix/.log"
fi
for f in bin/honorar share/man/man1/honorar.1 share/man/man1/honorar-check.1 share/man/man1/honorar-report.1 \
  share/man/man1/honorar-invoice.1 share/man/man1/honorar-register.1 share/man/man1/honorar-notice.1 \
  share/man/man1/honorar-deadlines.1 share/man/man1/honorar-init.1 share/man/man5/honorar.5 \
  share/man/man7/honorar-rules.7 share/bash-completion/completions/honorar \
  share/zsh/vendor-completions/_honorar share/locale/da/LC_MESSAGES/honorar.mo; do
  [ -f "$prefix/$f" ] && ok || bad "not installed: $f"
done
out=$("$prefix/bin/honorar" --version 2>&1)
[[ $out == "honorar "* ]] && ok || bad "--version: $out"
out=$(env -u HONORAR_LOCALEDIR -u LC_MESSAGES LC_ALL=C.UTF-8 LANGUAGE=da "$prefix/bin/honorar" --today x notice 2025-11-18 2>&1)
[[ $out == *"skal være ÅÅÅÅ-MM-DD"* ]] && ok || bad "the installed binary is not Danish with LANGUAGE=da: $out"
if command -v man >/dev/null; then
  out=$(MANPATH=$prefix/share/man man -w honorar-rules 2>&1)
  [[ $out == "$prefix/share/man/man7/honorar-rules.7"* ]] && ok || bad "man -w honorar-rules: $out"
fi
summary

#!/usr/bin/env bash
# CTest: every message marked in cli/ is translated in po/da.po (no missing, no fuzzy entries),
# and da.po compiles cleanly.
#   bash po/check-catalogue.sh XGETTEXT MSGCMP MSGFMT SOURCE_DIR SOURCES_TXT XGETTEXT_ARGS...
set -euo pipefail
xgettext=$1 msgcmp=$2 msgfmt=$3 source_dir=$4 sources=$5
shift 5
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$xgettext" "$@" -o "$tmp/fresh.pot" --directory "$source_dir" --files-from "$sources"
failed=0
if "$msgcmp" "$source_dir/po/da.po" "$tmp/fresh.pot"; then
  echo "ok: every message in the sources is in po/da.po"
else
  echo "FAIL: po/da.po lacks messages of the sources: run cmake --build BUILD --target honorar-pot, translate"
  failed=1
fi
if "$msgfmt" --check --statistics -o /dev/null "$source_dir/po/da.po" 2>"$tmp/stats"; then
  cat "$tmp/stats"
  if grep -Eq 'fuzzy|untranslated' "$tmp/stats"; then
    echo "FAIL: po/da.po has fuzzy or untranslated messages"
    failed=1
  fi
else
  cat "$tmp/stats"
  failed=1
fi
echo "$((1 - failed)) passed, $failed failed"
exit "$failed"

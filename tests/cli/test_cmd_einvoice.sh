#!/usr/bin/env bash
# The e-invoice golden files (tests/golden/ubl/*.xml, which test_render_ubl.cpp keeps equal to
# what `honorar` renders) pass the official Peppol BIS Billing 3.0 validation: UBL 2.1 XSD, CEN
# EN 16931 and Peppol/DK schematron, run by ../shared/einvoice/validate (Java + Saxon-HE, see
# tools/install-deps). All files go through ONE validate call: each call starts a JVM (~2 s).
# Usage (CTest): test_cmd_einvoice.sh HONORAR_BINARY PROJECT_SOURCE_DIR
set -uo pipefail

src="${2:?usage: $0 HONORAR_BINARY PROJECT_SOURCE_DIR}"
validate="$src/../shared/einvoice/validate"
if [ ! -x "$validate" ]; then
  echo "skipped: no ../shared/einvoice"
  exit 0
fi

shopt -s nullglob
files=("$src"/tests/golden/ubl/*.xml)
if [ ${#files[@]} -eq 0 ]; then
  echo "FAIL: no golden files in $src/tests/golden/ubl"
  exit 1
fi

out="$("$validate" -q "${files[@]}" 2>&1)"
rc=$?
printf '%s\n' "$out"
case $rc in
  0 | 1) ;;
  3) echo "FAIL: the validator's tools are missing (run tools/install-deps as root)"; exit 1 ;;
  *) echo "FAIL: validate exited with $rc"; exit 1 ;;
esac

# "validate: 6 file(s): 6 valid, 0 invalid - ..."
summary="$(printf '%s\n' "$out" | grep -E '^validate: [0-9]+ file\(s\): [0-9]+ valid, [0-9]+ invalid' | tail -n 1)"
if [ -z "$summary" ]; then
  echo "FAIL: no summary line from validate"
  exit 1
fi
passed="$(sed -E 's/.* ([0-9]+) valid, .*/\1/' <<<"$summary")"
failed="$(sed -E 's/.* ([0-9]+) invalid.*/\1/' <<<"$summary")"
if [ "$passed" -ne ${#files[@]} ] && [ "$failed" -eq 0 ]; then failed=$((${#files[@]} - passed)); fi
echo "$passed passed, $failed failed"
[ "$rc" -eq 0 ] && [ "$failed" -eq 0 ]

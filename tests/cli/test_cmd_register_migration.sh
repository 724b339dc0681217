#!/usr/bin/env bash
# A register written by the previous release (schema 1, tests/data/register-v1/) opens with this
# one: read as it is by read-only commands, migrated to the current schema by the first real run in its
# transaction, every document kept byte for byte.
source "$(dirname "$0")/lib.sh"

B=$(copy_books november v1)
cp "$SOURCE_DIR/tests/data/register-v1/honorar.db" "$B/honorar.db"
chmod u+w "$B/honorar.db"
stored() { sqlite3 "$B/honorar.db" "SELECT number || ' ' || json FROM documents ORDER BY number"; }
version() { sqlite3 "$B/honorar.db" "PRAGMA user_version"; }
stored >"$TMP/before.txt"

test_case "read-only commands read a schema-1 register as it is"
run --books "$B" --today 2025-12-02 register list --format json
expect_exit 0
expect_json_eq '[d["number"] for d in j["documents"]]' '[1001, 1002, 1003]'
run --books "$B" --today 2025-12-02 register show 1002 --format json
expect_exit 0
expect_json_eq 'j["contract"]' '"2C-2025-014"'
run --books "$B" --today 2025-12-02 -q check
expect_exit 0
run --books "$B" --today 2025-12-02 -q invoice --month 2025-11 --dry-run --format json
expect_exit 0
expect_json_eq 'j["documents"]' '[]'
expect_true "still schema 1" test "$(version)" = 1

test_case "the first real run migrates it to the current schema, every document byte for byte"
run --books "$B" --today 2026-01-02 -q invoice --month 2025-12 --format json
expect_exit 0
expect_json_eq '[d["number"] for d in j["documents"]][:1]' '[1004]'
expect_true "the current schema (3) now" test "$(version)" = 3
stored | head -n 3 >"$TMP/after.txt"
expect_same_files "$TMP/before.txt" "$TMP/after.txt"
expect_true "the billed expenses are kept, as no outlays" \
  test "$(sqlite3 "$B/honorar.db" "SELECT count(*) || ' ' || sum(outlay) FROM billed_expenses")" = "2 0"
run --books "$B" --today 2026-01-02 register render 1001 --format text
expect_exit 0
expect_stdout_contains "FAKTURA 1001"

finish

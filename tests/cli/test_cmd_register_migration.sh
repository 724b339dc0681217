#!/usr/bin/env bash
# Registers written by earlier releases (schema 1, tests/data/register-v1/; schema 2,
# tests/data/register-v2/) open with this one: read as they are by read-only commands, migrated
# to the current schema (4) by the first command that writes, in its transaction, every document
# kept byte for byte.
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

test_case "the first real run migrates it to schema 4, every document byte for byte"
run --books "$B" --today 2026-01-02 -q invoice --month 2025-12 --format json
expect_exit 0
expect_json_eq '[d["number"] for d in j["documents"]][:1]' '[1004]'
expect_true "schema 4 now" test "$(version)" = 4
stored | head -n 3 >"$TMP/after.txt"
expect_same_files "$TMP/before.txt" "$TMP/after.txt"
expect_true "the billed expenses are kept, as no outlays" \
  test "$(sqlite3 "$B/honorar.db" "SELECT count(*) || ' ' || sum(outlay) FROM billed_expenses")" = "2 0"
run --books "$B" --today 2026-01-02 register render 1001 --format text
expect_exit 0
expect_stdout_contains "FAKTURA 1001"
expect_true "every document has its account row (due date, payer)" \
  test "$(sqlite3 "$B/honorar.db" "SELECT count(*) FROM documents JOIN document_accounts USING (number) WHERE due_date LIKE '____-__-__' AND payer <> ''")" \
  = "$(sqlite3 "$B/honorar.db" "SELECT count(*) FROM documents")"

# Schema 2: fourteen invoices of the example books (tests/data/register-v2/README.md).
E=$TMP/example
cp -R "$SOURCE_DIR/examples/books" "$E" && chmod -R u+w "$E"
cp "$SOURCE_DIR/tests/data/register-v2/honorar.db" "$E/honorar.db"
chmod u+w "$E/honorar.db"
stored2() { sqlite3 "$E/honorar.db" "SELECT number || ' ' || kind || ' ' || total || ' ' || json FROM documents ORDER BY number"; }
version2() { sqlite3 "$E/honorar.db" "PRAGMA user_version"; }
stored2 >"$TMP/before2.txt"
sha_before=$(sha256sum <"$E/honorar.db")

test_case "read-only commands read a schema-2 register as it is: nothing paid, everything open"
run --books "$E" --today 2026-12-05 register list --format json
expect_exit 0
expect_json_eq '[d["number"] for d in j["documents"]]' 'list(range(1001, 1015))'
expect_json_eq 'all(d["paid"] == "0.00" and d["open"] == d["total"] for d in j["documents"])' 'True'
run --books "$E" --today 2026-12-05 open --format json
expect_exit 0
expect_json_eq '[o["number"] for o in j["open"]], j["total_open"]' '(list(range(1001, 1015)), "190026.15")'
expect_json_eq 'j["open"][3]["payer"], j["open"][3]["due_date"], j["open"][3]["days_overdue"]' '("Familien Ibsen", "2026-12-01", 4)'
expect_true "still schema 2, not a byte changed" test "$(version2) $(sha256sum <"$E/honorar.db")" = "2 $sha_before"

test_case "a payment refused on a schema-2 register leaves it at schema 2 (one transaction)"
run --books "$E" --today 2026-12-05 pay 4711 100
expect_exit 65
expect_true "still schema 2, not a byte changed" test "$(version2) $(sha256sum <"$E/honorar.db")" = "2 $sha_before"

test_case "the first payment migrates it to schema 4, every document byte for byte"
run --books "$E" --today 2026-12-05 pay 1003 1000 --format json
expect_exit 0
expect_json_eq 'j["payment"], j["settled"][0]["own"]' '(1, "1000.00")'
expect_true "schema 4 now" test "$(version2)" = 4
stored2 >"$TMP/after2.txt"
expect_same_files "$TMP/before2.txt" "$TMP/after2.txt"
expect_true "document_accounts from the documents as issued" \
  test "$(sqlite3 "$E/honorar.db" "SELECT number || ' ' || due_date || ' ' || payer || ' ' || payer_kind FROM document_accounts WHERE number IN (1003, 1004) ORDER BY number")" \
  = "1003 2026-12-01 Holbæk Kommune municipality"$'\n'"1004 2026-12-01 Familien Ibsen private"
run --books "$E" --today 2026-12-05 register list --format json
expect_json_eq '[(d["number"], d["paid"], d["open"]) for d in j["documents"] if d["number"] == 1003]' \
  '[(1003, "1000.00", "10822.75")]'

finish

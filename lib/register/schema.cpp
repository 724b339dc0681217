// The register's schema. PRAGMA user_version holds its version; each migration below moves the
// schema one version up, inside the run's transaction, so a killed migration leaves no trace.
//
// Version 1:
//   meta(key, value)                 invoicing_from, latest_month
//   runs(id, month, run_date, contracts)   every real run, also one that issued nothing
//   billed_weeks(contract, week, rate, hours)      hours billed per (week, rate), in hundredths / øre
//   billed_expenses(id, contract, date, text, amount)  a multiset: one row per billed expense
//   documents(number, kind, contract, month, issue_date, total, run_id, json)  as issued
// Version 2 (issue 16, outlays):
//   billed_expenses gains outlay (0/1, default 0): how the expense was billed, so that its credit
//   is an outlay too. A version-1 register is migrated by the first real run (one ALTER TABLE in
//   its transaction); read-only commands read a version-1 register as it is (no outlays).
// Version 3 (issue 17, payments and reminders; the shared design in ARCHITECTURE.md):
//   payments(id, invoice, contract, date, amount, text, recorded)   voucher B<id>; amount in øre,
//     negative = a refund; recorded = the day it was recorded
//   statement_lines(id, date, text, amount, occurrence, file, line, payment)   every incoming
//     line of every imported statement, once (UNIQUE (date, text, amount, occurrence))
//   reminders(number, invoice, sequence, date, pay_by, fee, interest, compensation, json)
//   document_accounts(number, due_date, payer, payer_kind)   what the ledger needs of each
//     document, so that it never parses the documents' JSON (filled from the JSON by the
//     migration and by every run; '' where the JSON lacks it, which the ledger reports as damage)
//   A version-1 or -2 register is migrated by the first command that writes (invoice, pay) in its
//   transaction; read-only commands read it as it is (no payments, no reminders).
// Version 4 (issue 18, sending):
//   deliveries(id, document, at, channel, recipient, ok, failure, answer): every attempt to
//   deliver a document, recorded right after it (ARCHITECTURE.md). `document` is TEXT, the
//   document's key: "1004" for an invoice or credit note (reminders: "R3").
#include "register/register.hpp"

#include <fmt/format.h>

namespace invoice_register {
namespace {

constexpr const char* k_schema_v1 = R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  month TEXT NOT NULL,
  run_date TEXT NOT NULL,
  contracts TEXT NOT NULL
) STRICT;
CREATE TABLE billed_weeks (
  contract TEXT NOT NULL,
  week TEXT NOT NULL,
  rate INTEGER NOT NULL,
  hours INTEGER NOT NULL,
  PRIMARY KEY (contract, week, rate)
) STRICT;
CREATE TABLE billed_expenses (
  id INTEGER PRIMARY KEY,
  contract TEXT NOT NULL,
  date TEXT NOT NULL,
  text TEXT NOT NULL,
  amount INTEGER NOT NULL
) STRICT;
CREATE INDEX billed_expenses_by_contract ON billed_expenses (contract);
CREATE TABLE documents (
  number INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('invoice', 'credit-note')),
  contract TEXT NOT NULL,
  month TEXT NOT NULL,
  issue_date TEXT NOT NULL,
  total TEXT NOT NULL,
  run_id INTEGER NOT NULL REFERENCES runs (id),
  json TEXT NOT NULL
) STRICT;
PRAGMA user_version = 1;
)sql";

// Payments, statements, reminders (issue 17). document_accounts is filled from the documents as
// issued (json_extract: the same values the canonical JSON holds).
constexpr const char* k_migration_3 = R"sql(
CREATE TABLE payments (
  id INTEGER PRIMARY KEY,
  invoice INTEGER NOT NULL REFERENCES documents (number),
  contract TEXT NOT NULL,
  date TEXT NOT NULL,
  amount INTEGER NOT NULL,
  text TEXT NOT NULL,
  recorded TEXT NOT NULL
) STRICT;
CREATE INDEX payments_by_invoice ON payments (invoice);
CREATE TABLE statement_lines (
  id INTEGER PRIMARY KEY,
  date TEXT NOT NULL, text TEXT NOT NULL, amount INTEGER NOT NULL,
  occurrence INTEGER NOT NULL,
  file TEXT NOT NULL, line INTEGER NOT NULL,
  payment INTEGER REFERENCES payments (id),
  UNIQUE (date, text, amount, occurrence)
) STRICT;
CREATE TABLE reminders (
  number INTEGER PRIMARY KEY,
  invoice INTEGER NOT NULL REFERENCES documents (number),
  sequence INTEGER NOT NULL CHECK (sequence BETWEEN 1 AND 3),
  date TEXT NOT NULL,
  pay_by TEXT NOT NULL,
  fee INTEGER NOT NULL, interest INTEGER NOT NULL, compensation INTEGER NOT NULL,
  json TEXT NOT NULL,
  UNIQUE (invoice, sequence)
) STRICT;
CREATE TABLE document_accounts (
  number INTEGER PRIMARY KEY REFERENCES documents (number),
  due_date TEXT NOT NULL,
  payer TEXT NOT NULL,
  payer_kind TEXT NOT NULL
) STRICT;
INSERT INTO document_accounts (number, due_date, payer, payer_kind)
  SELECT number, coalesce(json_extract(j, '$.due_date'), ''), coalesce(json_extract(j, '$.payer'), ''),
         coalesce(json_extract(j, '$.buyer.kind'), '')
  FROM (SELECT number, CASE WHEN json_valid(json) THEN json ELSE '{}' END AS j FROM documents);
PRAGMA user_version = 3;
)sql";

// (A new register is made at version 1 and migrated at once, so that every register has come
// the same way.)

int user_version(Connection& db) {
  Statement s = db.prepare("PRAGMA user_version");
  return s.step() ? static_cast<int>(s.int64(0)) : 0;
}

bool has_tables(Connection& db) {
  Statement s = db.prepare("SELECT count(*) FROM sqlite_schema");
  return s.step() && s.int64(0) > 0;
}

} // namespace

void ensure_schema(Connection& db) {
  const int version = user_version(db);
  if (version > k_schema_version)
    throw diag::Error(diag::ErrorKind::data,
                      fmt::format("the register was written by a newer honorar (schema {}, this one knows {})", version,
                                  k_schema_version));
  if (version == 0) {
    if (has_tables(db)) throw diag::Error(diag::ErrorKind::data, "honorar.db is an SQLite file but not a honorar register");
    db.exec(k_schema_v1);
  }
  if (version < 2) db.exec("ALTER TABLE billed_expenses ADD COLUMN outlay INTEGER NOT NULL DEFAULT 0; "
                           "PRAGMA user_version = 2;");
  if (version < 3) db.exec(k_migration_3);
  if (version < 4) db.exec(R"sql(
CREATE TABLE deliveries (
  id INTEGER PRIMARY KEY,
  document TEXT NOT NULL,             -- "1004" (documents.number as text); reminders "R3"
  at TEXT NOT NULL,                   -- when the attempt ended, UTC: 2026-12-01T06:10:02Z
  channel TEXT NOT NULL CHECK (channel IN ('email', 'einvoice')),
  recipient TEXT NOT NULL,            -- the e-mail address, or the e-invoice's EAN
  ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
  failure TEXT NOT NULL CHECK (failure IN ('', 'temporary', 'unavailable', 'refused')),
  answer TEXT NOT NULL                -- the server's last reply, or the command's exit status and output
) STRICT;
CREATE INDEX deliveries_by_document ON deliveries (document);
PRAGMA user_version = 4;
)sql");
  // Later versions: if (version < 5) ...
}

} // namespace invoice_register

#pragma once
// The invoice register (SPEC §3): what was billed, every issued document as its canonical JSON,
// and the months run. One SQLite file, <books>/honorar.db. Schema and migrations: schema.cpp.

#include "billing/run.hpp"
#include "register/sqlite.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace invoice_register {

inline constexpr int k_schema_version = 4;
inline constexpr const char* k_file_name = "honorar.db";
// The mode a new register is created with (and SQLite gives its journal): personal data.
inline constexpr unsigned k_file_mode = 0600;

struct StoredDocument {
  std::int64_t number = 0;
  std::string kind;     // "invoice" | "credit-note"
  std::string contract;
  std::string month;    // YYYY-MM
  std::string issue_date;
  std::string total;    // "1234.50"
  std::string json;     // canonical JSON, exactly as issued
};

// A reminder as the register keeps it (SPEC 9.4): what it charged, and its canonical JSON.
struct StoredReminder {
  std::int64_t number = 0; // R<number>
  std::int64_t invoice = 0;
  int sequence = 1;        // the invoice's 1st, 2nd or 3rd reminder
  std::string date;        // YYYY-MM-DD
  std::string pay_by;
  std::int64_t fee = 0, interest = 0, compensation = 0; // øre
  std::string json;        // canonical JSON, exactly as issued
};

// Receivables (issue 17, SPEC 9): the rows the ledger replays.
// What the ledger needs of a document (schema 3: document_accounts; older: from its JSON).
struct DocumentAccountRow {
  std::int64_t number = 0;
  bool credit_note = false;
  std::string contract;
  std::string issue_date; // YYYY-MM-DD
  std::string due_date;
  std::string total;      // "1234.50"
  std::string payer;      // the buyer's name
  std::string payer_kind; // "municipality" | "private"
};
struct PaymentRow {
  std::int64_t id = 0; // voucher B<id>
  std::int64_t invoice = 0;
  std::string contract;
  std::string date;         // the payment's date
  std::int64_t amount = 0;  // øre; negative: a refund
  std::string text;
  std::string recorded;     // the day it was recorded
};
struct ReminderChargeRow {
  std::int64_t number = 0; // R<number>
  std::int64_t invoice = 0;
  int sequence = 0;
  std::string date;
  std::string pay_by;
  std::int64_t fee = 0, interest = 0, compensation = 0; // øre
};
struct StatementLineRow {
  std::string date;
  std::string text;
  std::int64_t amount = 0;
  std::int64_t occurrence = 0;
  std::string file;
  std::int64_t line = 0;
  std::optional<std::int64_t> payment; // none: unmatched
};

// Delivery (issue 18, SPEC 10.2): one attempt to deliver a document.
struct DeliveryRecord {
  std::string document;  // the document's key: "1004"
  std::string at;        // UTC, YYYY-MM-DDTHH:MM:SSZ
  std::string channel;   // "email" | "einvoice"
  std::string recipient; // the address, or the EAN
  bool ok = false;
  std::string failure;   // "" when ok, else "temporary" | "unavailable" | "refused"
  std::string answer;
};

class Register {
public:
  // Opens (and creates, migrating the schema) the register for a real run, and takes the write
  // lock (BEGIN IMMEDIATE), waiting up to busy_timeout_ms for another run; then exit 75.
  static std::unique_ptr<Register> open_for_run(const std::filesystem::path& books_dir, int busy_timeout_ms);
  // Opens an existing register read-only; nullptr when there is none yet.
  static std::unique_ptr<Register> open_read_only(const std::filesystem::path& books_dir, int busy_timeout_ms);

  // Run state, read inside the transaction.
  std::optional<std::string> invoicing_from() const;
  std::optional<calendar::Month> latest_month() const;
  billing::BilledState billed_state() const;
  // The next document number: one past the highest issued, else first_number.
  std::int64_t next_number(std::int64_t first_number) const;

  // Records a run: the documents, the register's new memory, the month. Then commits.
  void record_run(const billing::Run& run, const std::vector<StoredDocument>& documents, const std::string& run_date,
                  const std::string& invoicing_from, const std::vector<std::string>& only_contracts);
  void commit();

  // Every contract the register has billed (weeks, expenses or documents), with the numbers of
  // its documents, ascending.
  std::map<std::string, std::vector<std::int64_t>> billed_contracts() const;

  std::vector<StoredDocument> documents() const;
  // The documents without their JSON (json left empty): for what their columns tell.
  std::vector<StoredDocument> document_heads() const;
  // The documents of these contracts (contract -> the first month "YYYY-MM" wanted: documents of
  // earlier months are left out), with their JSON, by number.
  std::vector<StoredDocument> documents_of(const std::map<std::string, std::string>& contracts) const;
  std::optional<StoredDocument> document(std::int64_t number) const;

  // Export (SPEC 10.1): the documents issued from `from` to `to` (YYYY-MM-DD, inclusive), in
  // number order.
  std::vector<StoredDocument> documents_issued(const std::string& from, const std::string& to) const;
  // ---- Reminders (SPEC 9.4) -----------------------------------------------------------------
  // The canonical JSON of reminder R<number>, exactly as issued; nullopt when there is none (also
  // in a register from before reminders).
  std::optional<std::string> reminder_json(std::int64_t number) const;
  // The next reminder number: one past the highest issued, else first_number (its own series).
  std::int64_t next_reminder_number(std::int64_t first_number) const;
  // Records issued reminders (inside the transaction of open_for_run); then commit().
  void record_reminders(const std::vector<StoredReminder>& reminders);
  // Every reminder as issued, by number; empty in a register from before reminders.
  std::vector<StoredReminder> reminders() const;

  // Receivables (issue 17). The schema version of the file (a read-only register may be older).
  int schema_version() const;
  // Every document as the ledger needs it, by number.
  std::vector<DocumentAccountRow> document_accounts() const;
  // Payments by id; reminders' charges by number. Empty in a register before schema 3.
  std::vector<PaymentRow> payments() const;
  std::vector<ReminderChargeRow> reminder_charges() const;
  // Records a payment (inside the transaction of open_for_run); returns its id.
  std::int64_t record_payment(const PaymentRow& payment);
  // Whether a statement line (date, text, amount, occurrence) was recorded by an earlier import.
  bool statement_line_known(const StatementLineRow& line) const;
  void record_statement_line(const StatementLineRow& line);
  // Delivery (issue 18, SPEC 10.2).
  // The key of a document in `deliveries`: its number as text ("1004").
  static std::string document_key(std::int64_t number);
  // Records one attempt in its own transaction (BEGIN IMMEDIATE ... COMMIT), so that it is on disk
  // before the next attempt starts. Only outside a transaction (after commit()).
  void record_delivery(const DeliveryRecord& record);
  // The first successful delivery of each delivered document, by document key. A register older
  // than schema 4 has none.
  std::map<std::string, DeliveryRecord> deliveries() const;

  ~Register();

private:
  explicit Register(std::unique_ptr<Connection> db, bool in_transaction)
      : m_db(std::move(db)), m_in_transaction(in_transaction) {}
  std::unique_ptr<Connection> m_db;
  bool m_in_transaction = false;
};

// Creates or migrates the schema (inside the caller's transaction). Throws a data error for a
// register written by a newer honorar or for a foreign SQLite file.
void ensure_schema(Connection& db);

} // namespace invoice_register

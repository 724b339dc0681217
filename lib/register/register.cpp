#include "register/register.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <unistd.h>

namespace invoice_register {
namespace fs = std::filesystem;

std::unique_ptr<Register> Register::open_for_run(const fs::path& books_dir, int busy_timeout_ms) {
  // The register holds personal data: a new one is created 0600 (less what the umask takes), and
  // SQLite gives its journal the same mode. SQLite would create it 0644. An existing file keeps
  // its mode; if this fails, SQLite's open below reports why.
  if (const int fd = ::open((books_dir / k_file_name).c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
                            k_file_mode);
      fd >= 0)
    ::close(fd);
  auto db = std::make_unique<Connection>(books_dir / k_file_name, Connection::Mode::read_write_create, busy_timeout_ms);
  db->exec("PRAGMA synchronous = FULL");
  db->exec("PRAGMA foreign_keys = ON");
  // The write lock first: a second run waits here, then sees everything the first one did.
  db->exec("BEGIN IMMEDIATE");
  std::unique_ptr<Register> reg(new Register(std::move(db), true));
  ensure_schema(*reg->m_db);
  return reg;
}

std::unique_ptr<Register> Register::open_read_only(const fs::path& books_dir, int busy_timeout_ms) {
  std::error_code ec;
  const fs::path path = books_dir / k_file_name;
  if (!fs::exists(path, ec)) return nullptr;
  // Not Mode::read_only: a run killed mid-commit leaves a hot journal, which only a writable
  // connection can roll back; until then a read-only one fails (SPEC 3.7: the register is as
  // before the killed run). query_only keeps this connection from writing anything else.
  auto db = std::make_unique<Connection>(path, Connection::Mode::read_write, busy_timeout_ms);
  db->exec("PRAGMA query_only = ON");
  db->exec("BEGIN");
  std::unique_ptr<Register> reg(new Register(std::move(db), true));
  Statement version = reg->m_db->prepare("PRAGMA user_version");
  const std::int64_t v = version.step() ? version.int64(0) : 0;
  if (v == 0) {
    Statement tables = reg->m_db->prepare("SELECT count(*) FROM sqlite_schema");
    if (tables.step() && tables.int64(0) > 0)
      throw diag::Error(diag::ErrorKind::data, "honorar.db is an SQLite file but not a honorar register");
    return nullptr; // an empty file: no register yet
  }
  if (v > k_schema_version)
    throw diag::Error(diag::ErrorKind::data, fmt::format("the register was written by a newer honorar (schema {})", v));
  return reg;
}

Register::~Register() {
  if (m_in_transaction) {
    try {
      m_db->exec("ROLLBACK");
    } catch (...) { // nothing more to do: SQLite rolls back on close anyway
    }
  }
}

std::optional<std::string> Register::invoicing_from() const {
  Statement s = m_db->prepare("SELECT value FROM meta WHERE key = 'invoicing_from'");
  if (!s.step()) return std::nullopt;
  return s.text(0);
}

std::optional<calendar::Month> Register::latest_month() const {
  Statement s = m_db->prepare("SELECT max(month) FROM runs");
  if (!s.step() || s.is_null(0)) return std::nullopt;
  return calendar::parse_month(s.text(0));
}

billing::BilledState Register::billed_state() const {
  billing::BilledState state;
  Statement weeks = m_db->prepare("SELECT contract, week, rate, hours FROM billed_weeks");
  while (weeks.step()) {
    auto week = calendar::parse_iso_week(weeks.text(1));
    if (!week) throw diag::Error(diag::ErrorKind::data, "the register holds a malformed week");
    state[weeks.text(0)].weeks[{*week, money::Money::from_hundredths(weeks.int64(2))}] =
        money::Hours::from_hundredths(weeks.int64(3));
  }
  Statement version = m_db->prepare("PRAGMA user_version");
  const bool has_outlay = version.step() && version.int64(0) >= 2; // a version-1 register read as it is
  Statement expenses = m_db->prepare(has_outlay ? "SELECT contract, date, text, amount, outlay FROM billed_expenses"
                                                : "SELECT contract, date, text, amount, 0 FROM billed_expenses");
  while (expenses.step()) {
    auto date = calendar::parse_date(expenses.text(1));
    if (!date) throw diag::Error(diag::ErrorKind::data, "the register holds a malformed date");
    state[expenses.text(0)].expenses.insert(
        {*date, expenses.text(2), money::Money::from_hundredths(expenses.int64(3)), expenses.int64(4) != 0});
  }
  return state;
}

std::int64_t Register::next_number(std::int64_t first_number) const {
  Statement s = m_db->prepare("SELECT max(number) FROM documents");
  if (!s.step() || s.is_null(0)) return first_number;
  return s.int64(0) + 1;
}

void Register::record_run(const billing::Run& run, const std::vector<StoredDocument>& documents,
                          const std::string& run_date, const std::string& invoicing_from,
                          const std::vector<std::string>& only_contracts) {
  std::string contracts;
  for (const std::string& id : only_contracts) contracts += (contracts.empty() ? "" : ",") + id;
  m_db->prepare("INSERT INTO meta (key, value) VALUES ('invoicing_from', ?1) ON CONFLICT (key) DO NOTHING")
      .bind(1, invoicing_from)
      .run();
  Statement insert_run = m_db->prepare("INSERT INTO runs (month, run_date, contracts) VALUES (?1, ?2, ?3)");
  insert_run.bind(1, run.month.to_string()).bind(2, run_date).bind(3, contracts).run();
  const std::int64_t run_id = m_db->last_insert_rowid();
  Statement insert_doc = m_db->prepare(
      "INSERT INTO documents (number, kind, contract, month, issue_date, total, run_id, json) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  for (const StoredDocument& d : documents)
    insert_doc.bind(1, d.number).bind(2, d.kind).bind(3, d.contract).bind(4, d.month).bind(5, d.issue_date)
        .bind(6, d.total).bind(7, run_id).bind(8, d.json).run();
  // What the ledger needs of each new document (schema 3), from the JSON just stored.
  m_db->prepare("INSERT INTO document_accounts (number, due_date, payer, payer_kind) "
                "SELECT number, coalesce(json_extract(j, '$.due_date'), ''), coalesce(json_extract(j, '$.payer'), ''), "
                "coalesce(json_extract(j, '$.buyer.kind'), '') "
                "FROM (SELECT number, CASE WHEN json_valid(json) THEN json ELSE '{}' END AS j FROM documents "
                "WHERE run_id = ?1)")
      .bind(1, run_id)
      .run();
  Statement upsert_week = m_db->prepare(
      "INSERT INTO billed_weeks (contract, week, rate, hours) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (contract, week, rate) DO UPDATE SET hours = excluded.hours");
  Statement add_expense =
      m_db->prepare("INSERT INTO billed_expenses (contract, date, text, amount, outlay) VALUES (?1, ?2, ?3, ?4, ?5)");
  Statement remove_expense = m_db->prepare(
      "DELETE FROM billed_expenses WHERE id = (SELECT id FROM billed_expenses "
      "WHERE contract = ?1 AND date = ?2 AND text = ?3 AND amount = ?4 LIMIT 1)");
  for (const billing::ContractRun& cr : run.contracts) {
    for (const auto& [key, hours] : cr.weeks)
      upsert_week.bind(1, cr.contract).bind(2, key.week.to_string()).bind(3, key.rate.hundredths())
          .bind(4, hours.hundredths()).run();
    for (const billing::BilledExpenseKey& x : cr.expenses_added)
      add_expense.bind(1, cr.contract).bind(2, x.date.to_string()).bind(3, x.text).bind(4, x.amount.hundredths())
          .bind(5, std::int64_t{x.outlay ? 1 : 0}).run();
    for (const billing::BilledExpenseKey& x : cr.expenses_removed)
      remove_expense.bind(1, cr.contract).bind(2, x.date.to_string()).bind(3, x.text).bind(4, x.amount.hundredths()).run();
  }
}

void Register::commit() {
  m_db->exec("COMMIT");
  m_in_transaction = false;
}

std::map<std::string, std::vector<std::int64_t>> Register::billed_contracts() const {
  std::map<std::string, std::vector<std::int64_t>> out;
  Statement contracts = m_db->prepare("SELECT contract FROM billed_weeks UNION SELECT contract FROM billed_expenses");
  while (contracts.step()) out[contracts.text(0)];
  Statement documents = m_db->prepare("SELECT contract, number FROM documents ORDER BY number");
  while (documents.step()) out[documents.text(0)].push_back(documents.int64(1));
  return out;
}

std::vector<StoredDocument> Register::documents() const {
  std::vector<StoredDocument> out;
  Statement s = m_db->prepare("SELECT number, kind, contract, month, issue_date, total, json FROM documents ORDER BY number");
  while (s.step()) out.push_back({s.int64(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6)});
  return out;
}

std::vector<StoredDocument> Register::document_heads() const {
  std::vector<StoredDocument> out;
  Statement s = m_db->prepare("SELECT number, kind, contract, month, issue_date, total FROM documents ORDER BY number");
  while (s.step()) out.push_back({s.int64(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), std::string()});
  return out;
}

std::vector<StoredDocument> Register::documents_of(const std::map<std::string, std::string>& contracts) const {
  std::vector<StoredDocument> out;
  if (contracts.empty()) return out;
  // The JSON is read only for the documents wanted (a long register holds many).
  Statement heads = m_db->prepare("SELECT number, contract, month FROM documents ORDER BY number");
  std::vector<std::int64_t> numbers;
  while (heads.step())
    if (auto it = contracts.find(heads.text(1)); it != contracts.end() && heads.text(2) >= it->second)
      numbers.push_back(heads.int64(0));
  for (std::int64_t n : numbers)
    if (auto d = document(n)) out.push_back(std::move(*d));
  return out;
}

std::optional<StoredDocument> Register::document(std::int64_t number) const {
  Statement s = m_db->prepare("SELECT number, kind, contract, month, issue_date, total, json FROM documents WHERE number = ?1");
  s.bind(1, number);
  if (!s.step()) return std::nullopt;
  return StoredDocument{s.int64(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6)};
}

// Export (SPEC 10.1).

std::vector<StoredDocument> Register::documents_issued(const std::string& from, const std::string& to) const {
  std::vector<StoredDocument> out;
  Statement s = m_db->prepare("SELECT number, kind, contract, month, issue_date, total, json FROM documents "
                              "WHERE issue_date BETWEEN ?1 AND ?2 ORDER BY number");
  s.bind(1, from).bind(2, to);
  while (s.step()) out.push_back({s.int64(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6)});
  return out;
}

// ---- Reminders (SPEC 9.4) -------------------------------------------------------------------

namespace {
bool has_reminders_table(Connection& db) {
  Statement table = db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'reminders'");
  return table.step() && table.int64(0) > 0;
}
} // namespace

std::optional<std::string> Register::reminder_json(std::int64_t number) const {
  if (!has_reminders_table(*m_db)) return std::nullopt;
  Statement s = m_db->prepare("SELECT json FROM reminders WHERE number = ?1");
  s.bind(1, number);
  if (!s.step()) return std::nullopt;
  return s.text(0);
}

std::int64_t Register::next_reminder_number(std::int64_t first_number) const {
  if (!has_reminders_table(*m_db)) return first_number;
  Statement s = m_db->prepare("SELECT max(number) FROM reminders");
  if (!s.step() || s.is_null(0)) return first_number;
  return s.int64(0) + 1;
}

void Register::record_reminders(const std::vector<StoredReminder>& reminders) {
  Statement insert = m_db->prepare(
      "INSERT INTO reminders (number, invoice, sequence, date, pay_by, fee, interest, compensation, json) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  for (const StoredReminder& r : reminders)
    insert.bind(1, r.number).bind(2, r.invoice).bind(3, r.sequence).bind(4, r.date).bind(5, r.pay_by).bind(6, r.fee)
        .bind(7, r.interest).bind(8, r.compensation).bind(9, r.json).run();
}

std::vector<StoredReminder> Register::reminders() const {
  std::vector<StoredReminder> out;
  if (!has_reminders_table(*m_db)) return out;
  Statement s = m_db->prepare(
      "SELECT number, invoice, sequence, date, pay_by, fee, interest, compensation, json FROM reminders ORDER BY number");
  while (s.step())
    out.push_back({s.int64(0), s.int64(1), static_cast<int>(s.int64(2)), s.text(3), s.text(4), s.int64(5), s.int64(6),
                   s.int64(7), s.text(8)});
  return out;
}

// ---- Receivables (issue 17, SPEC 9) ----

int Register::schema_version() const {
  Statement s = m_db->prepare("PRAGMA user_version");
  return s.step() ? static_cast<int>(s.int64(0)) : 0;
}

std::vector<DocumentAccountRow> Register::document_accounts() const {
  std::vector<DocumentAccountRow> out;
  // Before schema 3 the values come from the JSON as issued (read-only commands on an old register).
  Statement s = m_db->prepare(
      schema_version() >= 3
          ? "SELECT d.number, d.kind, d.contract, d.issue_date, a.due_date, d.total, a.payer, a.payer_kind "
            "FROM documents d JOIN document_accounts a ON a.number = d.number ORDER BY d.number"
          : "SELECT number, kind, contract, issue_date, coalesce(json_extract(j, '$.due_date'), ''), total, "
            "coalesce(json_extract(j, '$.payer'), ''), coalesce(json_extract(j, '$.buyer.kind'), '') "
            "FROM (SELECT *, CASE WHEN json_valid(json) THEN json ELSE '{}' END AS j FROM documents) ORDER BY number");
  while (s.step())
    out.push_back({s.int64(0), s.text(1) == "credit-note", s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7)});
  return out;
}

std::vector<PaymentRow> Register::payments() const {
  std::vector<PaymentRow> out;
  if (schema_version() < 3) return out;
  Statement s = m_db->prepare("SELECT id, invoice, contract, date, amount, text, recorded FROM payments ORDER BY id");
  while (s.step()) out.push_back({s.int64(0), s.int64(1), s.text(2), s.text(3), s.int64(4), s.text(5), s.text(6)});
  return out;
}

std::vector<ReminderChargeRow> Register::reminder_charges() const {
  std::vector<ReminderChargeRow> out;
  if (schema_version() < 3) return out;
  Statement s = m_db->prepare(
      "SELECT number, invoice, sequence, date, pay_by, fee, interest, compensation FROM reminders ORDER BY number");
  while (s.step())
    out.push_back({s.int64(0), s.int64(1), static_cast<int>(s.int64(2)), s.text(3), s.text(4), s.int64(5), s.int64(6),
                   s.int64(7)});
  return out;
}

std::int64_t Register::record_payment(const PaymentRow& p) {
  m_db->prepare("INSERT INTO payments (invoice, contract, date, amount, text, recorded) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
      .bind(1, p.invoice)
      .bind(2, p.contract)
      .bind(3, p.date)
      .bind(4, p.amount)
      .bind(5, p.text)
      .bind(6, p.recorded)
      .run();
  return m_db->last_insert_rowid();
}

bool Register::statement_line_known(const StatementLineRow& l) const {
  if (schema_version() < 3) return false;
  Statement s = m_db->prepare(
      "SELECT 1 FROM statement_lines WHERE date = ?1 AND text = ?2 AND amount = ?3 AND occurrence = ?4");
  s.bind(1, l.date).bind(2, l.text).bind(3, l.amount).bind(4, l.occurrence);
  return s.step();
}

void Register::record_statement_line(const StatementLineRow& l) {
  Statement s = m_db->prepare("INSERT INTO statement_lines (date, text, amount, occurrence, file, line, payment) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  s.bind(1, l.date).bind(2, l.text).bind(3, l.amount).bind(4, l.occurrence).bind(5, l.file).bind(6, l.line);
  if (l.payment) s.bind(7, *l.payment);
  s.run();
}

// Delivery (issue 18, SPEC 10.2).

std::string Register::document_key(std::int64_t number) { return std::to_string(number); }

void Register::record_delivery(const DeliveryRecord& record) {
  if (m_in_transaction) throw diag::Error(diag::ErrorKind::internal, "record_delivery inside a transaction");
  m_db->exec("BEGIN IMMEDIATE");
  try {
    m_db->prepare("INSERT INTO deliveries (document, at, channel, recipient, ok, failure, answer) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .bind(1, record.document).bind(2, record.at).bind(3, record.channel).bind(4, record.recipient)
        .bind(5, std::int64_t{record.ok ? 1 : 0}).bind(6, record.failure).bind(7, record.answer)
        .run();
    m_db->exec("COMMIT");
  } catch (...) {
    try {
      m_db->exec("ROLLBACK");
    } catch (...) { // the error that matters is the first one
    }
    throw;
  }
}

std::map<std::string, DeliveryRecord> Register::deliveries() const {
  std::map<std::string, DeliveryRecord> out;
  Statement version = m_db->prepare("PRAGMA user_version");
  if (!version.step() || version.int64(0) < 4) return out;
  Statement s = m_db->prepare("SELECT document, at, channel, recipient, answer FROM deliveries WHERE ok = 1 ORDER BY id");
  while (s.step()) out.try_emplace(s.text(0), DeliveryRecord{s.text(0), s.text(1), s.text(2), s.text(3), true, "", s.text(4)});
  return out;
}

} // namespace invoice_register

#include "register/sqlite.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

namespace invoice_register {

Connection::Connection(const std::filesystem::path& path, Mode mode, int busy_timeout_ms) : m_path(path.string()) {
  const int flags = mode == Mode::read_only    ? SQLITE_OPEN_READONLY
                    : mode == Mode::read_write ? SQLITE_OPEN_READWRITE
                                               : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  const int rc = sqlite3_open_v2(m_path.c_str(), &m_db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = m_db ? sqlite3_errmsg(m_db) : "out of memory";
    sqlite3_close(m_db);
    m_db = nullptr;
    throw diag::Error(mode == Mode::read_write_create ? diag::ErrorKind::cant_write : diag::ErrorKind::data,
                      fmt::format("the register {} cannot be opened: {}", m_path, message));
  }
  sqlite3_busy_timeout(m_db, busy_timeout_ms);
  sqlite3_extended_result_codes(m_db, 1);
}

Connection::~Connection() { sqlite3_close_v2(m_db); }

void Connection::fail(int rc, std::string_view what) const {
  const std::string message = fmt::format("the register {}: {}: {}", m_path, what, sqlite3_errmsg(m_db));
  switch (rc & 0xff) {
  case SQLITE_BUSY:
  case SQLITE_LOCKED:
    throw diag::Error(diag::ErrorKind::busy,
                      fmt::format("the register {} is busy (another run is using it); try again", m_path));
  case SQLITE_NOTADB:
  case SQLITE_CORRUPT:
    throw diag::Error(diag::ErrorKind::data, fmt::format("{} is not a valid honorar register (file left untouched)", m_path));
  case SQLITE_READONLY:
  case SQLITE_CANTOPEN:
  case SQLITE_FULL:
  case SQLITE_IOERR:
  case SQLITE_PERM:
    throw diag::Error(diag::ErrorKind::cant_write, message);
  default:
    throw diag::Error(diag::ErrorKind::internal, message);
  }
}

void Connection::exec(std::string_view sql) {
  const std::string text(sql);
  char* error = nullptr;
  const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &error);
  sqlite3_free(error);
  if (rc != SQLITE_OK) fail(rc, text.substr(0, 40));
}

Statement Connection::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) fail(rc, sql.substr(0, 40));
  return Statement(*this, stmt);
}

std::int64_t Connection::changes() const { return sqlite3_changes64(m_db); }

std::int64_t Connection::last_insert_rowid() const { return sqlite3_last_insert_rowid(m_db); }

Statement::~Statement() { sqlite3_finalize(m_stmt); }

Statement& Statement::bind(int index, std::int64_t value) {
  if (const int rc = sqlite3_bind_int64(m_stmt, index, value); rc != SQLITE_OK) m_db->fail(rc, "bind");
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  const int rc = sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) m_db->fail(rc, "bind");
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(m_stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  m_db->fail(rc, "step");
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(m_stmt);
  sqlite3_clear_bindings(m_stmt);
}

std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(m_stmt, column); }

std::string Statement::text(int column) const {
  const auto* p = sqlite3_column_text(m_stmt, column);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)))
           : std::string();
}

bool Statement::is_null(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }

} // namespace invoice_register

#pragma once
// A thin RAII layer over SQLite's C API: a connection, prepared statements, and errors mapped
// to diag::Error (busy -> 75, not a database -> 65, cannot write -> 73).

#include "diag/diagnostic.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace invoice_register {

class Statement;

class Connection {
public:
  // read_write opens an existing file only: readers use it (with PRAGMA query_only) so that
  // SQLite can roll back the journal a killed run left behind, which a read-only connection
  // cannot do (SQLITE_READONLY_ROLLBACK).
  enum class Mode { read_only, read_write, read_write_create };
  Connection(const std::filesystem::path& path, Mode mode, int busy_timeout_ms);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void exec(std::string_view sql);
  Statement prepare(std::string_view sql);
  std::int64_t changes() const;
  std::int64_t last_insert_rowid() const;
  sqlite3* handle() const { return m_db; }
  // Throws the diag::Error that fits SQLite's result code `rc`.
  [[noreturn]] void fail(int rc, std::string_view what) const;

private:
  sqlite3* m_db = nullptr;
  std::string m_path;
};

class Statement {
public:
  Statement(const Connection& db, sqlite3_stmt* stmt) : m_db(&db), m_stmt(stmt) {}
  ~Statement();
  Statement(Statement&& other) noexcept : m_db(other.m_db), m_stmt(other.m_stmt) { other.m_stmt = nullptr; }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view value);
  // Steps once: true when a row is available.
  bool step();
  // Steps to the end (for statements without rows), then resets for reuse.
  void run();
  void reset();

  std::int64_t int64(int column) const;
  std::string text(int column) const;
  bool is_null(int column) const;

private:
  const Connection* m_db;
  sqlite3_stmt* m_stmt;
};

} // namespace invoice_register

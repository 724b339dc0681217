#pragma once
// The project's one error type and the diagnostics collected while reading the books.
// Vocabulary: depends on nothing else in honorar.

#include <stdexcept>
#include <string>
#include <vector>

namespace diag {

// Where a problem is: a path relative to the books, 1-based line and column (0 = unknown).
struct Location {
  std::string path;
  int line = 0;
  int column = 0;

  // "path:line:col", "path:line", "path" or "" as far as known.
  std::string to_string() const;
};

enum class Severity { error, warning };

struct Diagnostic {
  Severity severity = Severity::error;
  Location where;
  std::string message;

  // "path:line:col: error: message"
  std::string to_string() const;
};

// Collects every problem of a books directory so that one `check` shows them all.
class Diagnostics {
public:
  void error(Location where, std::string message);
  void warning(Location where, std::string message);

  bool has_errors() const { return m_errors > 0; }
  std::size_t error_count() const { return m_errors; }
  std::size_t warning_count() const { return m_items.size() - m_errors; }
  const std::vector<Diagnostic>& items() const { return m_items; }

  // Stable order for output: by path, line, column; errors before warnings at one place.
  void sort();

private:
  std::vector<Diagnostic> m_items;
  std::size_t m_errors = 0;
};

// What kind of failure an Error is; the CLI maps each to its exit code (SPEC §6), in one place:
// cli/exit_codes.hpp.
enum class ErrorKind {
  usage,       // the command line is wrong
  data,        // the books (or another input) are invalid; nothing was written
  missing,     // the books or a named file do not exist
  unavailable, // a part of the system honorar needs is missing (pango/cairo for PDF documents)
  cant_write,  // an output cannot be written
  busy,        // the register is busy; try again
  internal,    // a bug
};

class Error : public std::runtime_error {
public:
  Error(ErrorKind kind, std::string message, Location where = {})
      : std::runtime_error(std::move(message)), m_kind(kind), m_where(std::move(where)) {}

  ErrorKind kind() const { return m_kind; }
  const Location& where() const { return m_where; }
  // "path:line:col: message", or just the message when there is no location.
  std::string to_string() const;

private:
  ErrorKind m_kind;
  Location m_where;
};

} // namespace diag

#include "diag/diagnostic.hpp"

#include <algorithm>
#include <tuple>

namespace diag {

std::string Location::to_string() const {
  std::string out = path;
  if (line > 0) {
    out += ':' + std::to_string(line);
    if (column > 0) out += ':' + std::to_string(column);
  }
  return out;
}

std::string Diagnostic::to_string() const {
  std::string where_text = where.to_string();
  std::string out = where_text.empty() ? std::string() : where_text + ": ";
  out += severity == Severity::error ? "error: " : "warning: ";
  out += message;
  return out;
}

void Diagnostics::error(Location where, std::string message) {
  m_items.push_back({Severity::error, std::move(where), std::move(message)});
  ++m_errors;
}

void Diagnostics::warning(Location where, std::string message) {
  m_items.push_back({Severity::warning, std::move(where), std::move(message)});
}

void Diagnostics::sort() {
  std::stable_sort(m_items.begin(), m_items.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.where.path, a.where.line, a.where.column, a.severity) <
           std::tie(b.where.path, b.where.line, b.where.column, b.severity);
  });
}

std::string Error::to_string() const {
  std::string where_text = m_where.to_string();
  return where_text.empty() ? std::string(what()) : where_text + ": " + what();
}

} // namespace diag

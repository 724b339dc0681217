#include "books/free_text.hpp"

#include "books/identifiers.hpp"

#include <fmt/format.h>

namespace books {

bool check_no_cpr(std::string_view field, std::string_view text, const diag::Location& where, diag::Diagnostics& diags) {
  if (!find_cpr_like(text)) return true;
  diags.error(where, fmt::format("'{}' contains what looks like a CPR number: never store CPR numbers (§5)", field));
  return false;
}

bool is_blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

bool check_not_blank(std::string_view field, std::string_view text, bool required, const diag::Location& where,
                     diag::Diagnostics& diags) {
  if (!is_blank(text)) return true;
  diags.error(where, fmt::format("'{}' is empty: {}", field, required ? "give a value" : "leave the key out or give a value"));
  return false;
}

} // namespace books

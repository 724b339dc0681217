#include "books/free_text.hpp"

#include "books/identifiers.hpp"

#include <fmt/format.h>

namespace books {

bool check_no_cpr(std::string_view field, std::string_view text, const diag::Location& where, diag::Diagnostics& diags) {
  if (!find_cpr_like(text)) return true;
  diags.error(where, fmt::format("'{}' contains what looks like a CPR number: never store CPR numbers (§5)", field));
  return false;
}

} // namespace books

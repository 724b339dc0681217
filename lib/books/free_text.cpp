#include "books/free_text.hpp"

#include "books/identifiers.hpp"

#include <fmt/format.h>

namespace books {

bool check_no_cpr(std::string_view field, std::string_view text, const diag::Location& where, diag::Diagnostics& diags) {
  if (!find_cpr_like(text)) return true;
  diags.error(where, fmt::format("'{}' contains what looks like a CPR number: never store CPR numbers (§5)", field));
  return false;
}

std::size_t codepoints(std::string_view text) {
  std::size_t n = 0;
  for (char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

} // namespace books

#pragma once
// Shared checks of values read from any books file.

#include "diag/diagnostic.hpp"

#include <string_view>

namespace books {

// Reports a CPR-like number in a free-text field (§5). Returns false if one was found.
bool check_no_cpr(std::string_view field, std::string_view text, const diag::Location& where, diag::Diagnostics& diags);

// Whether a text says nothing: empty, or only spaces, tabs and line breaks (what XML's
// normalize-space removes, as the Peppol rules do before asking whether a value is given).
bool is_blank(std::string_view text);

// Reports a blank value of `field` (SPEC 5): where a value is required, and also where the key
// is optional, since a value given reaches the documents. Returns false if it was blank.
bool check_not_blank(std::string_view field, std::string_view text, bool required, const diag::Location& where,
                     diag::Diagnostics& diags);

} // namespace books

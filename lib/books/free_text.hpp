#pragma once
// Shared checks of values read from any books file.

#include "diag/diagnostic.hpp"

#include <string_view>

namespace books {

// Reports a CPR-like number in a free-text field (§5). Returns false if one was found.
bool check_no_cpr(std::string_view field, std::string_view text, const diag::Location& where, diag::Diagnostics& diags);

} // namespace books
